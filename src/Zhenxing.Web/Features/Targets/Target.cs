using Zhenxing.Web.Features.Rounds;
using Zhenxing.Web.Features.Units;
using Zhenxing.Web.Infrastructure;

namespace Zhenxing.Web.Features.Targets;

public enum TargetDirection
{
    /// <summary>不低于: the actual value should reach the trajectory or exceed it.</summary>
    AtLeast,

    /// <summary>不高于: the actual value should stay at the trajectory or below it.</summary>
    AtMost,
}

/// <summary>
/// A quantitative goal (指标): from a baseline in one year to a target value in a later one, in a unit of measure, owned by
/// a unit whose liaisons report the actual values in reporting rounds that include targets. Optional yearly milestones
/// shape the trajectory; without them it is a straight line.
/// </summary>
public sealed class Target : IVersioned
{
    public int Id { get; set; }
    public required string Title { get; set; }
    public int OwnerUnitId { get; set; }
    public Unit? OwnerUnit { get; set; }

    /// <summary>亿元, 家, 个, %, 平方公里, 万人 or any other the Office types.</summary>
    public required string MeasureUnit { get; set; }
    public decimal BaselineValue { get; set; }
    public int BaselineYear { get; set; }
    public decimal TargetValue { get; set; }
    public int TargetYear { get; set; }
    public TargetDirection Direction { get; set; }
    public List<TargetMilestone> Milestones { get; set; } = [];

    /// <summary>The imported document the target was read from, when it came from prose.</summary>
    public int? SourceDocumentId { get; set; }

    /// <summary>The document's name as the Office knows it (文号 or title), for grouping by source.</summary>
    public string? SourceName { get; set; }

    /// <summary>The sentence that states the goal.</summary>
    public string? SourceSentence { get; set; }
    public string? Note { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public string CreatedByName { get; set; } = "";
    public int Version { get; set; }
}

/// <summary>The value a target should have reached by the end of a year between its baseline and target years.</summary>
public sealed class TargetMilestone
{
    public int Id { get; set; }
    public int TargetId { get; set; }
    public int Year { get; set; }
    public decimal Value { get; set; }
}

/// <summary>
/// The actual value of a target as of a date, reported by a liaison of its owner unit in a round that includes targets.
/// Only accepted values count for the trajectory, as only accepted reports set an item's status.
/// </summary>
public sealed class TargetReport : IVersioned, Rounds.IReviewedInRound
{
    public int Id { get; set; }
    public int TargetId { get; set; }
    public Target? Target { get; set; }
    public int RoundId { get; set; }
    public ReportingRound? Round { get; set; }
    public int UnitId { get; set; }
    public decimal Value { get; set; }

    /// <summary>The date the value stands at (数据截至); the round's due date unless the liaison says an earlier one.</summary>
    public DateOnly AsOf { get; set; }
    public string? Note { get; set; }
    public ReportState State { get; set; }
    public string? ReturnReason { get; set; }
    public bool Late { get; set; }
    public DateTimeOffset SubmittedAt { get; set; }
    public string SubmittedByName { get; set; } = "";
    public DateTimeOffset? ReviewedAt { get; set; }
    public string? ReviewedByName { get; set; }
    public List<TargetEvidence> Evidence { get; set; } = [];
    public int Version { get; set; }
}

/// <summary>A file attached to a target report, kept in the database and checked by content like a report's evidence.</summary>
public sealed class TargetEvidence
{
    public int Id { get; set; }
    public int TargetReportId { get; set; }
    public required string FileName { get; set; }
    public required string ContentType { get; set; }
    public long Size { get; set; }
    public required byte[] Content { get; set; }
    public DateTimeOffset UploadedAt { get; set; }
    public string UploadedByName { get; set; } = "";
}

public static class TargetDirectionNames
{
    public static string ToChinese(this TargetDirection direction) => direction == TargetDirection.AtMost ? "不高于" : "不低于";
}
