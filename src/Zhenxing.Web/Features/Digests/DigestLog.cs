namespace Zhenxing.Web.Features.Digests;

/// <summary>
/// One daily digest sent: to a user by e-mail, or to a unit's group robot. The unique indexes on (user, day) and
/// (unit, day) keep a second one from going out the same China day, whichever app node tries.
/// </summary>
public sealed class DigestLog
{
    public int Id { get; set; }
    public int? UserId { get; set; }
    public int? UnitId { get; set; }

    /// <summary>The China date the digest is for.</summary>
    public DateOnly Day { get; set; }
    public DateTimeOffset SentAt { get; set; }
}

internal sealed class DigestLogConfiguration : Microsoft.EntityFrameworkCore.IEntityTypeConfiguration<DigestLog>
{
    public void Configure(Microsoft.EntityFrameworkCore.Metadata.Builders.EntityTypeBuilder<DigestLog> log)
    {
        // NULLs are distinct in a unique index on both databases: a user's row and a unit's row never collide.
        log.HasIndex(l => new { l.UserId, l.Day }).IsUnique();
        log.HasIndex(l => new { l.UnitId, l.Day }).IsUnique();
    }
}

internal sealed class UnitChannelConfiguration : Microsoft.EntityFrameworkCore.IEntityTypeConfiguration<UnitChannel>
{
    public void Configure(Microsoft.EntityFrameworkCore.Metadata.Builders.EntityTypeBuilder<UnitChannel> channel)
    {
        channel.Property(c => c.WebhookUrl).HasMaxLength(UnitChannelForm.MaxUrlLength);
        channel.Property(c => c.WebhookSecret).HasMaxLength(200);
        channel.Property(c => c.LastDeliveryStatus).HasMaxLength(500);
        channel.Property(c => c.Version).IsConcurrencyToken();
        channel.HasOne<Units.Unit>().WithMany().HasForeignKey(c => c.UnitId).OnDelete(Microsoft.EntityFrameworkCore.DeleteBehavior.Cascade);
        channel.HasIndex(c => c.UnitId).IsUnique();
    }
}
