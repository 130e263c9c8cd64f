using Zhenxing.Web.Features.Units;
using Zhenxing.Web.Infrastructure;

namespace Zhenxing.Web.Features.Users;

public enum Role
{
    Office,
    Liaison,
    Leader,
    Admin,
}

public sealed class User : IVersioned
{
    public int Id { get; set; }
    public required string UserName { get; set; }
    public required string DisplayName { get; set; }

    /// <summary>Where reminders (催办) and the daily digest are e-mailed, when an SMTP server is configured.</summary>
    public string? Email { get; set; }
    /// <summary>The user asked for no daily digest e-mail (账户页).</summary>
    public bool DigestOptOut { get; set; }
    public string PasswordHash { get; set; } = "";
    public Role Role { get; set; }

    /// <summary>The unit a liaison reports for; required for <see cref="Role.Liaison"/>.</summary>
    public int? UnitId { get; set; }
    public Unit? Unit { get; set; }
    public bool IsActive { get; set; } = true;

    /// <summary>
    /// Set when someone else chose the password (an administrator's reset, the generated first administrator): every
    /// page but the password page sends the user there until they choose their own.
    /// </summary>
    public bool MustChangePassword { get; set; }

    /// <summary>
    /// Copied into the sign-in cookie and compared on every request: a new stamp ends every session signed in with
    /// the old one (sign-out, a password change or reset, deactivation).
    /// </summary>
    public string SecurityStamp { get; set; } = NewSecurityStamp();
    public DateTimeOffset CreatedAt { get; set; }
    public int Version { get; set; }

    public static string NewSecurityStamp() => Guid.NewGuid().ToString("N");

    /// <summary>Ends every session of this user at its next request (saved with the user).</summary>
    public void RenewSecurityStamp() => SecurityStamp = NewSecurityStamp();
}

public static class RoleNames
{
    public static string ToChinese(this Role role) => role switch
    {
        Role.Office => "振兴办",
        Role.Liaison => "单位联络员",
        Role.Leader => "领导",
        Role.Admin => "系统管理员",
        _ => role.ToString(),
    };
}
