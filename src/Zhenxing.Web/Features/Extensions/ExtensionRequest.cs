using Zhenxing.Web.Features.Items;
using Zhenxing.Web.Infrastructure;

namespace Zhenxing.Web.Features.Extensions;

public enum ExtensionState
{
    Pending,
    Approved,
    Refused,
}

/// <summary>
/// A lead unit's request (延期申请) for a later deadline of one item, with its reason and the item's progress, and the
/// Office's decision. An approved request sets <see cref="Item.ExtendedDeadline"/>; the item keeps its original deadline.
/// </summary>
public sealed class ExtensionRequest : IVersioned
{
    public int Id { get; set; }
    public int ItemId { get; set; }
    public Item? Item { get; set; }

    /// <summary>The lead unit asking.</summary>
    public int UnitId { get; set; }

    /// <summary>The deadline in force when asked (the original, or an earlier approved extension).</summary>
    public DateOnly CurrentDeadline { get; set; }
    public DateOnly RequestedDeadline { get; set; }
    public required string Reason { get; set; }
    public required string Progress { get; set; }
    public ExtensionState State { get; set; }
    public DateTimeOffset RequestedAt { get; set; }
    public int? RequestedByUserId { get; set; }
    public string RequestedByName { get; set; } = "";
    public DateTimeOffset? DecidedAt { get; set; }
    public string? DecidedByName { get; set; }

    /// <summary>The Office's reason: required when it refuses, optional when it approves.</summary>
    public string? DecisionReason { get; set; }
    public int Version { get; set; }
}

public static class ExtensionStateNames
{
    public static string ToChinese(this ExtensionState state) => state switch
    {
        ExtensionState.Pending => "待审批",
        ExtensionState.Approved => "已批准",
        ExtensionState.Refused => "未批准",
        _ => state.ToString(),
    };
}
