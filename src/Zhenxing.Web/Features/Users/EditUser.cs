using Microsoft.EntityFrameworkCore;
using Zhenxing.Web.Data;

namespace Zhenxing.Web.Features.Users;

/// <summary>What an administrator may change about a user (the password has its own way: <see cref="SetPassword"/>).</summary>
public sealed record UserChanges(string? DisplayName, string? Email, Role Role, int? UnitId, bool IsActive);

/// <summary>
/// Changes a user's display name, e-mail, role, unit or whether the account is active — on the page and with
/// <c>zhenxing user edit|deactivate|activate</c>. A change of role or unit, and deactivation, end the user's sessions
/// (what the sessions were allowed no longer holds). The last active administrator can neither be demoted nor
/// deactivated, and nobody deactivates their own account. Checked against the version the editor saw; audited by the
/// save.
/// </summary>
public sealed class EditUser(ZhenxingDb db)
{
    /// <param name="version">The version the editor saw; null on the command line, which always edits the latest.</param>
    /// <param name="actingUserId">The administrator making the change (null on the command line).</param>
    /// <returns>The saved user, or the problems keyed by field name ("" for the whole form), nothing changed.</returns>
    public async Task<(User? User, Dictionary<string, string> Errors)> RunAsync(int userId, int? version, UserChanges changes, int? actingUserId, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string>();
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == userId, cancellationToken);
        if (user is null)
        {
            errors[""] = "要修改的用户不存在。";
            return (null, errors);
        }
        if (version is { } seen)
        {
            db.Entry(user).Property(u => u.Version).OriginalValue = seen;
        }

        var displayName = changes.DisplayName?.Trim();
        if (string.IsNullOrEmpty(displayName) || displayName.Length > 100)
        {
            errors["DisplayName"] = "姓名不能为空，且不超过 100 个字符。";
        }
        var email = await AddUser.CheckBindingAsync(db, changes.Role, changes.UnitId, changes.Email, errors, cancellationToken);
        if (user.Id == actingUserId && !changes.IsActive)
        {
            errors["IsActive"] = "不能停用自己的账号。";
        }
        var leavesAdmins = user.Role == Role.Admin && user.IsActive && (changes.Role != Role.Admin || !changes.IsActive);
        if (leavesAdmins && !errors.ContainsKey("IsActive") && !await db.Users.AnyAsync(u => u.Id != user.Id && u.Role == Role.Admin && u.IsActive, cancellationToken))
        {
            errors[changes.IsActive ? "Role" : "IsActive"] =
                $"{user.UserName} 是最后一个启用的系统管理员，不能{(changes.IsActive ? "改为其他角色" : "停用")}。请先添加或启用另一个系统管理员。";
        }
        if (errors.Count > 0)
        {
            db.ChangeTracker.Clear();
            return (null, errors);
        }

        var unitId = AddUser.UnitFor(changes.Role, changes.UnitId);
        var endsSessions = user.Role != changes.Role || user.UnitId != unitId || (user.IsActive && !changes.IsActive);
        user.DisplayName = displayName!;
        user.Email = email;
        user.Role = changes.Role;
        user.UnitId = unitId;
        user.IsActive = changes.IsActive;
        if (endsSessions)
        {
            user.RenewSecurityStamp();
        }
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return (user, errors);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            errors[""] = $"用户 {user.UserName} 已被他人修改，本次修改未保存。请查看最新信息后重试。";
            return (null, errors);
        }
    }
}
