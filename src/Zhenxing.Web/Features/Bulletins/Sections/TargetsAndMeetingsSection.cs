using System.Globalization;
using Zhenxing.Web.Features.Targets;

namespace Zhenxing.Web.Features.Bulletins.Sections;

/// <summary>
/// 指标和会议: where the targets (指标) stand at the end of the period, the ones behind named with their figures, and the
/// meetings held in the period with how many of their matters have landed.
/// </summary>
public sealed class TargetsAndMeetingsSection(PeriodProgressSummary summary) : IBulletinSection
{
    public int Order => 55;

    public async Task<DraftSection?> BuildAsync(BulletinFacts facts, CancellationToken cancellationToken)
    {
        var progress = await summary.GetAsync(facts.From, facts.To, cancellationToken);
        if (progress.Targets.Targets.Count == 0 && progress.Meetings.Held == 0 && progress.Meetings.Planned == 0)
        {
            return null;
        }
        var paragraphs = new List<string>();
        if (progress.Targets.Targets.Count > 0)
        {
            paragraphs.Add($"截至{BulletinText.Date(facts.To)}，{progress.Targets.Sentence}。");
            paragraphs.AddRange(progress.Targets.Targets.Where(t => t.State == TrackState.Behind).Select((t, index) =>
                $"{index + 1}. {t.Title}（{t.OwnerUnit}）：截至{BulletinText.Date(t.ActualAsOf!.Value)}完成 {Number(t.Actual)} {t.MeasureUnit}，"
                + $"按进度应{(t.Direction == TargetDirection.AtLeast ? "达到" : "不高于")} {Number(t.Expected)} {t.MeasureUnit}，目标为{t.TargetYear}年 {Number(t.TargetValue)} {t.MeasureUnit}，进度滞后。"));
        }
        if (progress.Meetings.Held > 0 || progress.Meetings.Planned > 0)
        {
            paragraphs.Add(progress.Meetings.Sentence + "。");
        }
        return new DraftSection("指标和会议", paragraphs);
    }

    private static string Number(decimal? value) => value?.ToString("0.##", CultureInfo.InvariantCulture) ?? "—";
}
