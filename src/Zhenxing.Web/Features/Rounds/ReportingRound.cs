using Zhenxing.Web.Features.Items;
using Zhenxing.Web.Infrastructure;

namespace Zhenxing.Web.Features.Rounds;

public enum RoundState
{
    Open,
    Closed,
}

/// <summary>A reporting round (调度 / 报送轮次): the lists it covers, when it opens and when reports are due.</summary>
public sealed class ReportingRound : IVersioned
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public DateOnly OpensOn { get; set; }
    public DateOnly DueOn { get; set; }

    /// <summary>Lead units always report; responsible units too when this is set (their report is a contribution).</summary>
    public bool IncludeResponsibleUnits { get; set; }

    /// <summary>Owner units also report their targets' actual values (指标完成值) in this round.</summary>
    public bool IncludeTargets { get; set; }
    public RoundState State { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public List<RoundList> Lists { get; set; } = [];
    public int Version { get; set; }
}

public sealed class RoundList
{
    public int Id { get; set; }
    public int RoundId { get; set; }
    public int ItemListId { get; set; }
}

public enum ReportState
{
    Draft,
    Submitted,
    Accepted,
    Returned,
}

/// <summary>
/// One unit's progress report (进展情况) on one item in one round. The lead unit's report sets the item's
/// status once the Office accepts it; a responsible unit's report is a contribution the lead unit sees.
/// </summary>
public sealed class ProgressReport : IVersioned, IReviewedInRound
{
    public int Id { get; set; }
    public int RoundId { get; set; }
    public ReportingRound? Round { get; set; }
    public int ItemId { get; set; }
    public Item? Item { get; set; }
    public int UnitId { get; set; }
    public ItemUnitRole Role { get; set; }
    public ItemStatus Status { get; set; }
    public string Narrative { get; set; } = "";
    public string? Problems { get; set; }

    /// <summary>下步打算: what the unit will do next on the item.</summary>
    public string? NextSteps { get; set; }
    public string? Figures { get; set; }
    public ReportState State { get; set; }
    public string? ReturnReason { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public string UpdatedByName { get; set; } = "";
    public DateTimeOffset? SubmittedAt { get; set; }
    public string? SubmittedByName { get; set; }
    public DateTimeOffset? ReviewedAt { get; set; }
    public string? ReviewedByName { get; set; }

    public List<Evidence> Evidence { get; set; } = [];

    /// <summary>Submitted after the round's due date: still accepted, and marked.</summary>
    public bool Late { get; set; }

    /// <summary>The quality rating (1–5 stars) the Office may give when accepting; the assessment (考评) reads it.</summary>
    public int? QualityRating { get; set; }
    public int Version { get; set; }
}

public static class ReportStateNames
{
    public static string ToChinese(this ReportState? state) => state switch
    {
        null => "未填报",
        ReportState.Draft => "草稿",
        ReportState.Submitted => "已报送",
        ReportState.Accepted => "已采纳",
        ReportState.Returned => "已退回",
        _ => state.ToString()!,
    };
}
