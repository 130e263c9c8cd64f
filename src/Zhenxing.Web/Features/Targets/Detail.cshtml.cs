using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Zhenxing.Web.Data;
using Zhenxing.Web.Features.Rounds;
using Zhenxing.Web.Features.Users;
using Zhenxing.Web.Infrastructure;

namespace Zhenxing.Web.Features.Targets;

/// <summary>One target: its trajectory against the reported values (chart and tables), and every value reported with its evidence.</summary>
public sealed class TargetDetailModel(ZhenxingDb db, TargetProgress progress, TimeProvider clock) : PageModel
{
    public sealed record ValueRow(int Id, int RoundId, string Round, decimal Value, DateOnly AsOf, decimal Expected, bool Meets, string? Note, ReportState State,
        string? ReturnReason, bool Late, string SubmittedBy, DateTimeOffset SubmittedAt, string? ReviewedBy, List<(int Id, string Name)> Files);

    public sealed record YearRow(int Year, decimal Expected, string Kind);

    public Target Target { get; private set; } = null!;
    public TargetStanding Standing { get; private set; } = null!;
    public IReadOnlyList<TrajectoryPoint> Points { get; private set; } = [];
    public List<YearRow> Years { get; private set; } = [];
    public List<ValueRow> Values { get; private set; } = [];
    public string? SourceFile { get; private set; }
    public bool CanEdit => User.IsInRole(nameof(Role.Office));

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        var target = await db.Targets.AsNoTracking().Include(t => t.Milestones).Include(t => t.OwnerUnit).SingleOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (target is null)
        {
            return NotFound();
        }
        Target = target;
        Standing = (await progress.AsOfAsync(ChinaTime.Today(clock), cancellationToken, [id])).Targets.Single();
        Points = TargetTrajectory.Points(target);
        var milestoneYears = Points.ToDictionary(p => p.Year, p => p.Kind);
        Years = Enumerable.Range(target.BaselineYear, target.TargetYear - target.BaselineYear + 1)
            .Select(y => new YearRow(y, TargetTrajectory.ExpectedAt(Points, TargetTrajectory.YearEnd(y)), milestoneYears.GetValueOrDefault(y, "按直线"))).ToList();
        SourceFile = target.SourceDocumentId is { } documentId
            ? await db.SourceDocuments.Where(d => d.Id == documentId).Select(d => d.FileName).SingleOrDefaultAsync(cancellationToken)
            : null;
        var reports = await db.TargetReports.AsNoTracking().Where(r => r.TargetId == id)
            .Join(db.ReportingRounds, r => r.RoundId, round => round.Id, (r, round) => new { Report = r, RoundName = round.Name })
            .ToListAsync(cancellationToken);
        var reportIds = reports.Select(r => r.Report.Id).ToList();
        var files = (await db.TargetEvidence.AsNoTracking().Where(e => reportIds.Contains(e.TargetReportId)).Select(e => new { e.TargetReportId, e.Id, e.FileName }).ToListAsync(cancellationToken))
            .ToLookup(e => e.TargetReportId, e => (e.Id, e.FileName));
        Values = reports.OrderByDescending(r => r.Report.AsOf).ThenByDescending(r => r.Report.SubmittedAt).Select(r =>
        {
            var expected = TargetTrajectory.ExpectedAt(Points, r.Report.AsOf);
            return new ValueRow(r.Report.Id, r.Report.RoundId, r.RoundName, r.Report.Value, r.Report.AsOf, expected, TargetTrajectory.Meets(target.Direction, r.Report.Value, expected),
                r.Report.Note, r.Report.State, r.Report.ReturnReason, r.Report.Late, r.Report.SubmittedByName, r.Report.SubmittedAt, r.Report.ReviewedByName, files[r.Report.Id].ToList());
        }).ToList();
        return Page();
    }

    // The chart: the planned line through the trajectory's points, the accepted values as dots (green on track, red behind).
    public const int Width = 760, Height = 300, Left = 70, Right = 36, Top = 20, Bottom = 40;

    public sealed record Chart(string PlanPath, List<(double X, double Y, TrajectoryPoint Point)> PlanPoints, string? ActualPath, List<(double X, double Y, ValueRow Row)> Actuals,
        List<(double Y, string Label)> YTicks, List<(double X, string Label)> XTicks);

    public Chart Draw()
    {
        var accepted = Values.Where(v => v.State == ReportState.Accepted).OrderBy(v => v.AsOf).ToList();
        var start = Points[0].On.DayNumber;
        var end = Math.Max(Points[^1].On.DayNumber, accepted.Count > 0 ? accepted.Max(v => v.AsOf.DayNumber) : 0);
        var values = Points.Select(p => p.Value).Concat(accepted.Select(v => v.Value)).ToList();
        var (low, high) = ((double)values.Min(), (double)values.Max());
        if (high - low < 1e-9)
        {
            (low, high) = (low - 1, high + 1);
        }
        var pad = (high - low) * 0.08;
        (low, high) = (low - pad, high + pad);
        double X(int day) => Left + (Width - Left - Right) * (day - start) / (double)Math.Max(1, end - start);
        double Y(decimal value) => Top + (Height - Top - Bottom) * (high - (double)value) / (high - low);
        static string F(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);
        var plan = Points.Select(p => (X(p.On.DayNumber), Y(p.Value), p)).ToList();
        var actual = accepted.Select(v => (X(v.AsOf.DayNumber), Y(v.Value), v)).ToList();
        var yTicks = Enumerable.Range(0, 5).Select(i => low + (high - low) * i / 4).Select(v => (Y((decimal)v), TargetTrajectory.Format((decimal)v))).ToList();
        var firstYear = Points[0].Year;
        var lastYear = DateOnly.FromDayNumber(end).Year;
        var xTicks = Enumerable.Range(firstYear, lastYear - firstYear + 1).Select(y => (X(TargetTrajectory.YearEnd(y).DayNumber), $"{y}年末")).ToList();
        return new Chart(
            "M" + string.Join(" L", plan.Select(p => $"{F(p.Item1)},{F(p.Item2)}")),
            plan,
            actual.Count > 1 ? "M" + string.Join(" L", actual.Select(a => $"{F(a.Item1)},{F(a.Item2)}")) : null,
            actual,
            yTicks,
            xTicks);
    }
}
