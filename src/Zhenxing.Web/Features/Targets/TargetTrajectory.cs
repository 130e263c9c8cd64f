namespace Zhenxing.Web.Features.Targets;

public enum TrackState
{
    NoData,
    OnTrack,
    Behind,
}

/// <summary>A point the trajectory passes: the baseline, a yearly milestone or the target, each at the end of its year.</summary>
public sealed record TrajectoryPoint(int Year, DateOnly On, decimal Value, string Kind);

/// <summary>
/// Where a target should stand on a date: a line through the baseline (end of its year), the yearly milestones when given
/// and the target (end of its year), by days; before the baseline the baseline value, after the target year the target.
/// An actual value is on track when it meets that value in the target's direction.
/// </summary>
public static class TargetTrajectory
{
    public static DateOnly YearEnd(int year) => new(year, 12, 31);

    public static IReadOnlyList<TrajectoryPoint> Points(decimal baselineValue, int baselineYear, IEnumerable<(int Year, decimal Value)> milestones, decimal targetValue, int targetYear)
    {
        var points = new List<TrajectoryPoint> { new(baselineYear, YearEnd(baselineYear), baselineValue, "基期") };
        points.AddRange(milestones.Where(m => m.Year > baselineYear && m.Year < targetYear).OrderBy(m => m.Year)
            .Select(m => new TrajectoryPoint(m.Year, YearEnd(m.Year), m.Value, "年度目标")));
        points.Add(new TrajectoryPoint(targetYear, YearEnd(targetYear), targetValue, "目标"));
        return points;
    }

    public static IReadOnlyList<TrajectoryPoint> Points(Target target) =>
        Points(target.BaselineValue, target.BaselineYear, target.Milestones.Select(m => (m.Year, m.Value)), target.TargetValue, target.TargetYear);

    public static decimal ExpectedAt(IReadOnlyList<TrajectoryPoint> points, DateOnly date)
    {
        if (date <= points[0].On)
        {
            return points[0].Value;
        }
        for (var i = 1; i < points.Count; i++)
        {
            var (from, to) = (points[i - 1], points[i]);
            if (date <= to.On)
            {
                var days = to.On.DayNumber - from.On.DayNumber;
                return days == 0 ? to.Value : from.Value + (to.Value - from.Value) * (date.DayNumber - from.On.DayNumber) / days;
            }
        }
        return points[^1].Value;
    }

    public static bool Meets(TargetDirection direction, decimal actual, decimal expected) =>
        direction == TargetDirection.AtLeast ? actual >= expected : actual <= expected;

    /// <summary>How far the actual value has come from the baseline towards the target, 0–100.</summary>
    public static double Progress(decimal baselineValue, decimal targetValue, TargetDirection direction, decimal actual)
    {
        if (targetValue == baselineValue)
        {
            return Meets(direction, actual, targetValue) ? 100 : 0;
        }
        var share = (double)((actual - baselineValue) / (targetValue - baselineValue)) * 100;
        return Math.Round(Math.Clamp(share, 0, 100), 1);
    }

    public static string ToChinese(this TrackState state) => state switch
    {
        TrackState.OnTrack => "按进度",
        TrackState.Behind => "滞后",
        _ => "暂无数据",
    };

    /// <summary>The CSS class of the light beside a target: green on track, red behind, none without data.</summary>
    public static string CssClass(this TrackState state) => state switch
    {
        TrackState.OnTrack => "green",
        TrackState.Behind => "red",
        _ => "none",
    };

    /// <summary>A value as offices write it: no trailing zeros, at most two decimals ("6000", "20.6", "4999.32").</summary>
    public static string Format(decimal value) => Math.Round(value, 2).ToString("0.##", System.Globalization.CultureInfo.InvariantCulture);
}
