using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Zhenxing.Web.Data;
using Zhenxing.Web.Features.Users;
using Zhenxing.Web.Infrastructure.Auth;

namespace Zhenxing.Web.Features.Account;

public abstract record SignInOutcome
{
    public sealed record Succeeded(User User) : SignInOutcome;
    public sealed record Failed : SignInOutcome;
    public sealed record LockedOut(DateTimeOffset Until) : SignInOutcome;
}

/// <summary>Checks a user name and password, counting failures and locking the account after too many.</summary>
public sealed class SignInUser(ZhenxingDb db, IPasswordHasher<User> hasher, TimeProvider clock, IOptions<SignInPolicy> policy)
{
    public async Task<SignInOutcome> RunAsync(string userName, string password, CancellationToken cancellationToken)
    {
        // Two failed attempts at once touch the same row; the loser of the race counts again on fresh data.
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await TryAsync(userName.Trim(), password, cancellationToken);
            }
            catch (DbUpdateConcurrencyException) when (attempt < 5)
            {
                db.ChangeTracker.Clear();
            }
        }
    }

    private async Task<SignInOutcome> TryAsync(string userName, string password, CancellationToken cancellationToken)
    {
        var user = await db.Users.SingleOrDefaultAsync(u => u.UserName == userName, cancellationToken);
        if (user is null || !user.IsActive)
        {
            return new SignInOutcome.Failed();
        }

        var now = clock.GetUtcNow();
        if (user.LockedUntil is { } until && until > now)
        {
            return new SignInOutcome.LockedOut(until);
        }

        var verdict = hasher.VerifyHashedPassword(user, user.PasswordHash, password);
        if (verdict == PasswordVerificationResult.Failed)
        {
            user.FailedSignIns++;
            if (user.FailedSignIns >= policy.Value.MaxFailedSignIns)
            {
                user.FailedSignIns = 0;
                user.LockedUntil = now.AddMinutes(policy.Value.LockoutMinutes);
                await db.SaveChangesAsync(cancellationToken);
                return new SignInOutcome.LockedOut(user.LockedUntil.Value);
            }
            await db.SaveChangesAsync(cancellationToken);
            return new SignInOutcome.Failed();
        }

        if (verdict == PasswordVerificationResult.SuccessRehashNeeded)
        {
            user.PasswordHash = hasher.HashPassword(user, password);
        }
        if (user.FailedSignIns != 0 || user.LockedUntil is not null || verdict == PasswordVerificationResult.SuccessRehashNeeded)
        {
            user.FailedSignIns = 0;
            user.LockedUntil = null;
            await db.SaveChangesAsync(cancellationToken);
        }
        return new SignInOutcome.Succeeded(user);
    }
}
