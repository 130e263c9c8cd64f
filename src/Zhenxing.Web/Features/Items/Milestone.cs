using Zhenxing.Web.Infrastructure;

namespace Zhenxing.Web.Features.Items;

/// <summary>
/// 形象进度: what must stand by a date. A lead report claims it; accepting that report marks it achieved.
/// One past its date and not achieved turns the item red.
/// </summary>
public sealed class Milestone : IVersioned
{
    public int Id { get; set; }
    public int ItemId { get; set; }
    public DateOnly DueOn { get; set; }
    public required string Description { get; set; }
    public int? ClaimedByReportId { get; set; }
    public DateTimeOffset? AchievedAt { get; set; }
    public int Version { get; set; }
}
