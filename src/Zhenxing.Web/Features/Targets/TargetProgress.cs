using Microsoft.EntityFrameworkCore;
using Zhenxing.Web.Data;
using Zhenxing.Web.Features.Rounds;

namespace Zhenxing.Web.Features.Targets;

/// <summary>A target with its latest accepted actual value as of a date, the trajectory's value for that value's date, and the verdict.</summary>
public sealed record TargetStanding(
    int Id,
    string Title,
    int OwnerUnitId,
    string OwnerUnit,
    string MeasureUnit,
    TargetDirection Direction,
    decimal BaselineValue,
    int BaselineYear,
    decimal TargetValue,
    int TargetYear,
    string? SourceName,
    decimal? Actual,
    DateOnly? ActualAsOf,
    decimal? Expected,
    TrackState State,
    double? Progress,
    bool Achieved)
{
    public string Url => $"/targets/{Id}";
}

/// <summary>The targets' standing as of a date, with the counts the dashboard and the bulletin give.</summary>
public sealed record TargetsProgress(DateOnly AsOf, IReadOnlyList<TargetStanding> Targets, int OnTrack, int Behind, int NoData)
{
    /// <summary>The office's sentence: "共 9 项指标，按进度 4 项、滞后 4 项、暂无数据 1 项".</summary>
    public string Sentence => Targets.Count == 0
        ? "尚未设定指标"
        : $"共 {Targets.Count} 项指标，按进度 {OnTrack} 项、滞后 {Behind} 项" + (NoData > 0 ? $"、暂无数据 {NoData} 项" : "");
}

/// <summary>Computes where every target stands: the latest accepted value reported as of the date, against the trajectory for that value's own date.</summary>
public sealed class TargetProgress(ZhenxingDb db)
{
    public async Task<TargetsProgress> AsOfAsync(DateOnly asOf, CancellationToken cancellationToken, IReadOnlyCollection<int>? targetIds = null)
    {
        var query = db.Targets.AsNoTracking().Include(t => t.Milestones).Include(t => t.OwnerUnit).AsQueryable();
        var reports = db.TargetReports.AsNoTracking().Where(r => r.State == ReportState.Accepted && r.AsOf <= asOf);
        if (targetIds is not null)
        {
            query = query.Where(t => targetIds.Contains(t.Id));
            reports = reports.Where(r => targetIds.Contains(r.TargetId));
        }
        var targets = await query.OrderBy(t => t.OwnerUnit!.Name).ThenBy(t => t.Id).ToListAsync(cancellationToken);
        var latest = (await reports.Select(r => new { r.TargetId, r.Value, r.AsOf, r.ReviewedAt, r.Id }).ToListAsync(cancellationToken))
            .GroupBy(r => r.TargetId)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(r => r.AsOf).ThenByDescending(r => r.ReviewedAt).ThenByDescending(r => r.Id).First());
        var standings = targets.Select(t =>
        {
            if (!latest.TryGetValue(t.Id, out var actual))
            {
                return Standing(t, null, null, null, TrackState.NoData);
            }
            var expected = TargetTrajectory.ExpectedAt(TargetTrajectory.Points(t), actual.AsOf);
            var state = TargetTrajectory.Meets(t.Direction, actual.Value, expected) ? TrackState.OnTrack : TrackState.Behind;
            return Standing(t, actual.Value, actual.AsOf, expected, state);
        }).ToList();
        return new TargetsProgress(asOf, standings, standings.Count(s => s.State == TrackState.OnTrack), standings.Count(s => s.State == TrackState.Behind),
            standings.Count(s => s.State == TrackState.NoData));
    }

    private static TargetStanding Standing(Target t, decimal? actual, DateOnly? asOf, decimal? expected, TrackState state) =>
        new(t.Id, t.Title, t.OwnerUnitId, t.OwnerUnit!.Name, t.MeasureUnit, t.Direction, t.BaselineValue, t.BaselineYear, t.TargetValue, t.TargetYear,
            t.SourceName, actual, asOf, expected, state,
            actual is { } value ? TargetTrajectory.Progress(t.BaselineValue, t.TargetValue, t.Direction, value) : null,
            actual is { } reached && TargetTrajectory.Meets(t.Direction, reached, t.TargetValue));
}
