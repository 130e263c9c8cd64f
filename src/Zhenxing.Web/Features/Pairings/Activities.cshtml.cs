using Microsoft.AspNetCore.Mvc.RazorPages;
using Zhenxing.Web.Features.Trips;

namespace Zhenxing.Web.Features.Pairings;

/// <summary>
/// The activity records behind the figures: the activities of a period by kind, leader rank, kind of support, pairing or county;
/// with <c>trips=National</c> (or Provincial) also the liaison trips of that level in the period. Every signed-in role reads.
/// </summary>
public sealed class PairingActivitiesModel(PairingFigures figures, TripsQuery trips, TimeProvider clock) : PageModel
{
    public DateOnly From { get; private set; }
    public DateOnly To { get; private set; }
    public PairingActivityKind? Kind { get; private set; }
    public List<PairingFigures.PeriodActivity> Rows { get; private set; } = [];
    public DestinationLevel? TripLevel { get; private set; }
    public List<TripRow> Trips { get; private set; } = [];
    public List<string> Errors { get; private set; } = [];
    public string Description { get; private set; } = "";

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var q = Request.Query;
        var (from, to, errors) = ReportPeriod.Parse(q["from"], q["to"], Infrastructure.ChinaTime.Today(clock));
        (From, To) = (from, to);
        Errors = errors.Values.ToList();
        Kind = Enum.TryParse<PairingActivityKind>(q["kind"], ignoreCase: true, out var kind) ? kind : null;
        LeaderRank? rank = Enum.TryParse<LeaderRank>(q["rank"], ignoreCase: true, out var r) ? r : null;
        SupportKind? support = Enum.TryParse<SupportKind>(q["support"], ignoreCase: true, out var s) ? s : null;
        int? pairing = int.TryParse(q["pairing"], out var p) ? p : null;
        int? county = int.TryParse(q["county"], out var c) ? c : null;
        TripLevel = Enum.TryParse<DestinationLevel>(q["trips"], ignoreCase: true, out var level) ? level : null;

        Rows = (await figures.ActivitiesAsync(From, To, cancellationToken))
            .Where(a => Kind is null || a.Kind == Kind)
            .Where(a => rank is null || a.LeaderRank == rank)
            .Where(a => support is null || a.Activity.SupportKind == support)
            .Where(a => pairing is null || a.PairingId == pairing)
            .Where(a => county is null || a.CountyUnitId == county)
            .OrderByDescending(a => a.OccurredOn).ThenByDescending(a => a.Activity.Id)
            .ToList();
        var parts = new List<string> { $"{From:yyyy-MM-dd} 至 {To:yyyy-MM-dd}" };
        if (Kind is { } k) { parts.Add(k.ToChinese()); }
        if (rank is { } rk) { parts.Add(rk.ToChinese()); }
        if (support is { } sk) { parts.Add(sk.ToChinese()); }
        if (pairing is not null && Rows.FirstOrDefault() is { } first) { parts.Add($"{first.SupportingUnit}—{first.County}"); }
        if (county is not null && Rows.FirstOrDefault() is { } any) { parts.Add(any.County); }
        Description = string.Join(" · ", parts);
        if (TripLevel is { } tripLevel)
        {
            Trips = await trips.ListAsync(new TripFilter { Level = tripLevel, From = From, To = To }, User, cancellationToken);
        }
    }
}
