using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Zhenxing.Web.Features.Users;
using Zhenxing.Web.Infrastructure;

namespace Zhenxing.Web.Features.Account;

/// <summary>
/// The failed sign-ins of one account from one client address (see <see cref="ClientAddress"/>), and the lock they
/// caused. The lock holds for that address only: the account's owner signs in from their own address while someone
/// elsewhere guesses. A successful sign-in from the address forgets its failures.
/// </summary>
public sealed class SignInFailure : IVersioned
{
    public int UserId { get; set; }
    public required string ClientAddress { get; set; }
    public int Failures { get; set; }
    public DateTimeOffset LastFailedAt { get; set; }
    public DateTimeOffset? LockedUntil { get; set; }
    public int Version { get; set; }
}

internal sealed class SignInFailureConfiguration : IEntityTypeConfiguration<SignInFailure>
{
    public void Configure(EntityTypeBuilder<SignInFailure> failure)
    {
        failure.HasKey(f => new { f.UserId, f.ClientAddress });
        failure.Property(f => f.ClientAddress).HasMaxLength(64);
        failure.HasOne<User>().WithMany().HasForeignKey(f => f.UserId).OnDelete(DeleteBehavior.Cascade);
        failure.HasIndex(f => f.LastFailedAt);
        failure.Property(f => f.Version).IsConcurrencyToken();
    }
}
