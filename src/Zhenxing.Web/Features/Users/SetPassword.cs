using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Zhenxing.Web.Data;

namespace Zhenxing.Web.Features.Users;

/// <summary>
/// Gives a user a new password — the user's own change, an administrator's reset, <c>zhenxing user password</c>: checked
/// against <see cref="Passwords"/>, hashed, every session signed in with the old one ended, the sign-in locks lifted.
/// A password chosen by someone else (<paramref name="chosenByOther"/>: a reset) must be changed at the next sign-in.
/// The caller saves.
/// </summary>
public sealed class SetPassword(ZhenxingDb db, IPasswordHasher<User> hasher)
{
    /// <returns>A Chinese message when the password is refused (nothing changed), otherwise null.</returns>
    public async Task<string?> RunAsync(User user, string password, bool chosenByOther, CancellationToken cancellationToken)
    {
        if (Passwords.Check(password, user.UserName) is { } problem)
        {
            return problem;
        }
        user.PasswordHash = hasher.HashPassword(user, password);
        user.MustChangePassword = chosenByOther;
        user.RenewSecurityStamp();
        db.SignInFailures.RemoveRange(await db.SignInFailures.Where(f => f.UserId == user.Id).ToListAsync(cancellationToken));
        return null;
    }
}
