using Zhenxing.Web.Infrastructure;

namespace Zhenxing.Web.Features.Items;

/// <summary>A leader's written instruction (批示) on an item; the lead unit answers it.</summary>
public sealed class Instruction : IVersioned
{
    public int Id { get; set; }
    public int ItemId { get; set; }
    public Item? Item { get; set; }
    public int LeaderUserId { get; set; }
    public required string LeaderName { get; set; }
    public required string Text { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public string? Answer { get; set; }
    public string? AnsweredByName { get; set; }
    public DateTimeOffset? AnsweredAt { get; set; }
    public int Version { get; set; }
}
