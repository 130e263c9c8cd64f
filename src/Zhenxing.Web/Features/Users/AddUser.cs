using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Zhenxing.Web.Data;

namespace Zhenxing.Web.Features.Users;

public sealed record NewUser(string UserName, string? DisplayName, Role Role, int? UnitId, string Password, string? Email = null);

/// <summary>Creates a user account after checking the name, the unit binding and the password.</summary>
public sealed class AddUser(ZhenxingDb db, IPasswordHasher<User> hasher, TimeProvider clock)
{
    /// <returns>The new user, or the problems keyed by field name (Chinese messages).</returns>
    public async Task<(User? User, Dictionary<string, string> Errors)> RunAsync(NewUser request, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string>();
        var userName = request.UserName.Trim();
        if (userName.Length is 0 or > 100)
        {
            errors["UserName"] = "用户名不能为空，且不超过 100 个字符。";
        }
        else if (await db.Users.AnyAsync(u => u.UserName == userName, cancellationToken))
        {
            errors["UserName"] = $"用户名“{userName}”已存在。";
        }

        if (request.Role == Role.Liaison && request.UnitId is null)
        {
            errors["UnitId"] = "单位联络员必须绑定一个单位。";
        }
        else if (request.UnitId is { } unitId && !await db.Units.AnyAsync(u => u.Id == unitId, cancellationToken))
        {
            errors["UnitId"] = "所选单位不存在。";
        }

        var email = string.IsNullOrWhiteSpace(request.Email) ? null : request.Email.Trim();
        if (email is not null && (email.Length > 200 || !System.Net.Mail.MailAddress.TryCreate(email, out _)))
        {
            errors["Email"] = $"邮箱“{email}”格式不正确。";
        }

        if (Passwords.Check(request.Password, userName) is { } passwordProblem)
        {
            errors["Password"] = passwordProblem;
        }
        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var user = new User
        {
            UserName = userName,
            DisplayName = string.IsNullOrWhiteSpace(request.DisplayName) ? userName : request.DisplayName.Trim(),
            Role = request.Role,
            UnitId = request.Role == Role.Liaison ? request.UnitId : null,
            Email = email,
            CreatedAt = clock.GetUtcNow(),
        };
        user.PasswordHash = hasher.HashPassword(user, request.Password);
        db.Users.Add(user);
        await db.SaveChangesAsync(cancellationToken);
        return (user, errors);
    }
}
