using Zhenxing.Web.Infrastructure;

namespace Zhenxing.Web.Features.Meetings;

public enum MeetingLevel
{
    /// <summary>部际联席会议.</summary>
    InterministerialJoint,

    /// <summary>领导小组会议.</summary>
    LeadingGroup,

    /// <summary>推进会.</summary>
    Promotion,

    /// <summary>其他会议（调度会、座谈会……）.</summary>
    Other,
}

/// <summary>How far a matter decided at a meeting has landed, followed like an item's status.</summary>
public enum LandingStatus
{
    NotStarted,
    InProgress,
    Landed,
    Blocked,
}

/// <summary>A meeting (部际联席会议, 领导小组会议, 推进会 …) and the matters put to it (提请研究事项).</summary>
public sealed class Meeting : IVersioned
{
    public int Id { get; set; }
    public required string Title { get; set; }
    public DateOnly HeldOn { get; set; }
    public MeetingLevel Level { get; set; }
    public List<MeetingMatter> Matters { get; set; } = [];
    public DateTimeOffset CreatedAt { get; set; }
    public string CreatedByName { get; set; } = "";
    public int Version { get; set; }
}

/// <summary>
/// A matter put to a meeting: its text, the items it concerns, the lead unit that follows it, the decision (议定事项)
/// once the meeting is held, and its landing status, which the lead unit's liaisons report with a note.
/// </summary>
public sealed class MeetingMatter : IVersioned
{
    public int Id { get; set; }
    public int MeetingId { get; set; }
    public Meeting? Meeting { get; set; }
    public int Position { get; set; }
    public required string Text { get; set; }
    public int? LeadUnitId { get; set; }
    public Units.Unit? LeadUnit { get; set; }
    public string? Decision { get; set; }
    public LandingStatus Status { get; set; }
    public DateOnly? LandedOn { get; set; }
    public List<MeetingMatterItem> Items { get; set; } = [];
    public List<MatterProgress> Progress { get; set; } = [];
    public int Version { get; set; }
}

public sealed class MeetingMatterItem
{
    public int Id { get; set; }
    public int MatterId { get; set; }
    public int ItemId { get; set; }
}

/// <summary>One report on a matter's landing: the status it reached, the note, who and when. The newest sets the matter's status.</summary>
public sealed class MatterProgress
{
    public int Id { get; set; }
    public int MatterId { get; set; }
    public LandingStatus Status { get; set; }
    public required string Note { get; set; }
    public DateTimeOffset At { get; set; }
    public string ByName { get; set; } = "";
}

public static class MeetingNames
{
    public static string ToChinese(this MeetingLevel level) => level switch
    {
        MeetingLevel.InterministerialJoint => "部际联席会议",
        MeetingLevel.LeadingGroup => "领导小组会议",
        MeetingLevel.Promotion => "推进会",
        _ => "其他会议",
    };

    public static string ToChinese(this LandingStatus status) => status switch
    {
        LandingStatus.NotStarted => "未启动",
        LandingStatus.InProgress => "推进中",
        LandingStatus.Landed => "已落地实施",
        LandingStatus.Blocked => "受阻",
        _ => status.ToString(),
    };
}
