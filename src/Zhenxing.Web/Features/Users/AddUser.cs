using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Zhenxing.Web.Data;

namespace Zhenxing.Web.Features.Users;

/// <param name="MustChangePassword">The password was chosen for the user (the generated first administrator's): change it at the first sign-in.</param>
public sealed record NewUser(string UserName, string? DisplayName, Role Role, int? UnitId, string Password, string? Email = null, bool MustChangePassword = false);

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

        var email = await CheckBindingAsync(db, request.Role, request.UnitId, request.Email, errors, cancellationToken);

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
            UnitId = UnitFor(request.Role, request.UnitId),
            Email = email,
            MustChangePassword = request.MustChangePassword,
            CreatedAt = clock.GetUtcNow(),
        };
        user.PasswordHash = hasher.HashPassword(user, request.Password);
        db.Users.Add(user);
        await db.SaveChangesAsync(cancellationToken);
        return (user, errors);
    }

    /// <summary>
    /// The rules of a user's role, unit and e-mail, for a new user and an edited one: a liaison needs an existing unit,
    /// an e-mail must be an address. Problems go into <paramref name="errors"/> keyed by field name.
    /// </summary>
    /// <returns>The e-mail as stored (trimmed, or null).</returns>
    internal static async Task<string?> CheckBindingAsync(ZhenxingDb db, Role role, int? unitId, string? email, Dictionary<string, string> errors, CancellationToken cancellationToken)
    {
        if (role == Role.Liaison && unitId is null)
        {
            errors["UnitId"] = "单位联络员必须绑定一个单位。";
        }
        else if (role == Role.Liaison && !await db.Units.AnyAsync(u => u.Id == unitId, cancellationToken))
        {
            errors["UnitId"] = "所选单位不存在。";
        }

        var trimmed = string.IsNullOrWhiteSpace(email) ? null : email.Trim();
        if (trimmed is not null && (trimmed.Length > 200 || !System.Net.Mail.MailAddress.TryCreate(trimmed, out _)))
        {
            errors["Email"] = $"邮箱“{trimmed}”格式不正确。";
        }
        return trimmed;
    }

    /// <summary>Only a liaison is bound to a unit; the Office, leaders and administrators see every unit.</summary>
    internal static int? UnitFor(Role role, int? unitId) => role == Role.Liaison ? unitId : null;
}
