namespace Zhenxing.Web.Infrastructure.Audit;

public enum AuditAction
{
    Added,
    Modified,
    Deleted,
}

/// <summary>One change to one entity. Append-only: <see cref="Data.ZhenxingDb"/> refuses to change or delete it.</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    public int? UserId { get; set; }
    public required string Actor { get; set; }
    public AuditAction Action { get; set; }
    public required string EntityType { get; set; }
    public required string EntityId { get; set; }

    /// <summary>The item a change belongs to (the item itself, or one of its units or instructions), for its history.</summary>
    public int? ItemId { get; set; }
    public string? Before { get; set; }
    public string? After { get; set; }
}
