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

    /// <summary>An unknown or deactivated user, a wrong password or a locked address: the caller cannot tell which.</summary>
    public sealed record Failed : SignInOutcome;
}

/// <summary>
/// Checks a user name and password, counting failures per account and client address and locking that pair after too
/// many. The lock is per address, not per account: a lock on the account itself would let anyone who knows a user name
/// keep its owner out from wherever they are. Guessing from one address stops at the lock (and at the rate limit of the
/// sign-in form); guessing from many addresses is what the rate limit per address and the password rules are for.
/// </summary>
public sealed class SignInUser(ZhenxingDb db, IPasswordHasher<User> hasher, TimeProvider clock, IOptions<SignInPolicy> policy, ILogger<SignInUser> logger)
{
    // Failures this old, with no lock still running, are forgotten: a typo a week ago does not count towards a lock.
    private static readonly TimeSpan FailureMemory = TimeSpan.FromDays(1);

    private static readonly User Nobody = new() { UserName = "", DisplayName = "" };
    private static string? _nobodysHash;

    public async Task<SignInOutcome> RunAsync(string userName, string password, string clientAddress, CancellationToken cancellationToken)
    {
        // Two failed attempts at once touch the same row (or both add it); the loser counts again on fresh data.
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await TryAsync(userName.Trim(), password, clientAddress, cancellationToken);
            }
            catch (DbUpdateException) when (attempt < 5)
            {
                db.ChangeTracker.Clear();
            }
        }
    }

    private async Task<SignInOutcome> TryAsync(string userName, string password, string clientAddress, CancellationToken cancellationToken)
    {
        var user = await db.Users.SingleOrDefaultAsync(u => u.UserName == userName, cancellationToken);
        if (user is null || !user.IsActive)
        {
            // As long as checking a real password: the time taken does not tell which user names exist.
            _nobodysHash ??= hasher.HashPassword(Nobody, Passwords.Generate());
            hasher.VerifyHashedPassword(Nobody, _nobodysHash, password);
            return new SignInOutcome.Failed();
        }

        var now = clock.GetUtcNow();
        var failure = await db.SignInFailures.SingleOrDefaultAsync(f => f.UserId == user.Id && f.ClientAddress == clientAddress, cancellationToken);
        // Verified even when locked, so that a locked address takes as long as any other failure.
        var verdict = hasher.VerifyHashedPassword(user, user.PasswordHash, password);
        if (failure?.LockedUntil > now)
        {
            return new SignInOutcome.Failed();
        }

        if (verdict == PasswordVerificationResult.Failed)
        {
            var forgotten = now - FailureMemory;
            if (failure is null)
            {
                failure = new SignInFailure { UserId = user.Id, ClientAddress = clientAddress };
                db.SignInFailures.Add(failure);
            }
            else if (failure.LastFailedAt < forgotten)
            {
                failure.Failures = 0;
            }
            failure.Failures++;
            failure.LastFailedAt = now;
            failure.LockedUntil = null;
            if (failure.Failures >= policy.Value.MaxFailedSignIns)
            {
                failure.Failures = 0;
                failure.LockedUntil = now.AddMinutes(policy.Value.LockoutMinutes);
                logger.LogWarning("Sign-in of {UserName} from {ClientAddress} locked until {LockedUntil} after {Failures} failures",
                    user.UserName, clientAddress, failure.LockedUntil, policy.Value.MaxFailedSignIns);
            }
            var (userId, address) = (user.Id, clientAddress);
            await db.SignInFailures
                .Where(f => f.LastFailedAt < forgotten && (f.LockedUntil == null || f.LockedUntil < now) && !(f.UserId == userId && f.ClientAddress == address))
                .ExecuteDeleteAsync(cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            return new SignInOutcome.Failed();
        }

        if (verdict == PasswordVerificationResult.SuccessRehashNeeded)
        {
            user.PasswordHash = hasher.HashPassword(user, password);
        }
        if (failure is not null)
        {
            db.SignInFailures.Remove(failure);
        }
        if (db.ChangeTracker.HasChanges())
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        return new SignInOutcome.Succeeded(user);
    }
}
