namespace Zhenxing.Web.Features.Rounds;

/// <summary>
/// One reminder step sent to one unit for one round ("before-3", "due", "after-1", "manual-…"). The unique
/// index on (round, unit, step) is what keeps a step from being sent twice, also with several app nodes.
/// </summary>
public sealed class ReminderLog
{
    public int Id { get; set; }
    public int RoundId { get; set; }
    public int UnitId { get; set; }
    public required string Step { get; set; }
    public DateTimeOffset SentAt { get; set; }
}
