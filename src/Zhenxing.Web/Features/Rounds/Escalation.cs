namespace Zhenxing.Web.Features.Rounds;

/// <summary>The steps of the escalation ladder for a report owed in an open round.</summary>
public enum EscalationLevel
{
    /// <summary>提醒: some working days before the due date.</summary>
    Remind,

    /// <summary>催办通知: after the due date.</summary>
    Chase,

    /// <summary>督办: some working days after the 催办通知.</summary>
    Supervise,
}

/// <summary>One ladder step taken for one report owed (round, item, unit); the unique index keeps it to once.</summary>
public sealed class EscalationStep
{
    public int Id { get; set; }
    public int RoundId { get; set; }
    public int ItemId { get; set; }
    public int UnitId { get; set; }
    public EscalationLevel Level { get; set; }
    public DateTimeOffset TakenAt { get; set; }
}

/// <summary>督办: an owed report (item, unit, round) under supervision since a day, for a reason; closed when the report is submitted.</summary>
public sealed class Supervision
{
    public int Id { get; set; }
    public int RoundId { get; set; }
    public int ItemId { get; set; }
    public int UnitId { get; set; }
    public Units.Unit? Unit { get; set; }
    public DateTimeOffset Since { get; set; }
    public required string Reason { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
}

public static class EscalationLevelNames
{
    public static string ToChinese(this EscalationLevel level) => level switch
    {
        EscalationLevel.Remind => "提醒",
        EscalationLevel.Chase => "催办通知",
        EscalationLevel.Supervise => "督办",
        _ => level.ToString(),
    };
}
