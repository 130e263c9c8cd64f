using Zhenxing.Web.Features.Meetings;

namespace Zhenxing.Web.Features.Targets;

/// <summary>The targets' progress as of the period's end and the meetings held in the period, with the office's sentences.</summary>
public sealed record PeriodProgress(DateOnly From, DateOnly To, TargetsProgress Targets, MeetingsSummary Meetings);

/// <summary>
/// For a bulletin (工作简报) or any report over a period: where every target stands as of <c>to</c> (latest accepted value
/// dated on or before it, against its trajectory) and the meetings dated within [from, to] with their landing counts
/// ("研究我市 N 项重大事项，目前 M 项已落地实施"; landing is counted as it stands today).
/// </summary>
public sealed class PeriodProgressSummary(TargetProgress targets, MeetingSummaries meetings)
{
    public async Task<PeriodProgress> GetAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken) =>
        new(from, to, await targets.AsOfAsync(to, cancellationToken), await meetings.ForPeriodAsync(from, to, null, cancellationToken));
}
