using Microsoft.EntityFrameworkCore;
using Zhenxing.Web.Data;
using Zhenxing.Web.Features.Items;
using Zhenxing.Web.Features.Ledger;
using Zhenxing.Web.Features.Trips;
using Zhenxing.Importing;

namespace Zhenxing.Web.Features.Pairings;

/// <summary>One number of the figures with the address of the records behind it.</summary>
public sealed record Figure(int Count, string Url);

/// <summary>An entry worth naming in a bulletin: a principal leader's research visit, a plan issued, large funds, a principal leader's trip.</summary>
public sealed record NotableEntry(DateOnly On, string Text, string Url);

/// <summary>
/// The pairing and liaison-trip figures of a period, as the office's summary (seed 000) reports them:
/// visits to ministries and to provincial departments in 批次, leaders of supporting units who came (of them principal),
/// units that issued a plan, county-support items and how many are done — and the rest of the activity log.
/// </summary>
public sealed record PairingPeriodFigures(
    DateOnly From,
    DateOnly To,
    Figure MinistryVisits,
    Figure MinistryTrips,
    Figure PairingVisits,
    Figure ProvincialVisits,
    Figure ResearchLeaders,
    Figure PrincipalLeaders,
    Figure PlanUnits,
    Figure Symposiums,
    Figure CadresInPost,
    Figure Policies,
    Figure Projects,
    Figure Funds,
    decimal FundsAmount,
    Figure CountySupportItems,
    Figure CountySupportDone,
    int TripsWithPrincipalLeader,
    IReadOnlyList<NotableEntry> Notable)
{
    /// <summary>The figures in the sentence form of the office's summary.</summary>
    public string Sentence =>
        $"{From:yyyy年M月d日}至{To:yyyy年M月d日}，各地各部门赴国家部委 {MinistryVisits.Count} 批次，赴省直厅局 {ProvincialVisits.Count} 批次，"
        + $"促成 {ResearchLeaders.Count} 位中央对口支援单位副职以上领导来调研（其中正职领导 {PrincipalLeaders.Count} 名），"
        + $"{PlanUnits.Count} 个部委新出台对口支援实施方案或计划；梳理提报了 {CountySupportItems.Count} 项“援县促市”事项，{CountySupportDone.Count} 项已完成。";
}

/// <summary>Computes <see cref="PairingPeriodFigures"/>; the bulletin calls <see cref="ForPeriodAsync"/>.</summary>
public sealed class PairingFigures(ZhenxingDb db)
{
    /// <summary>
    /// The pairing and trip activity of the days <paramref name="from"/> to <paramref name="to"/> (both included): counts, funds,
    /// county-support items (of the county-support lists whose year falls in the period; their current status) and up to
    /// <paramref name="notable"/> notable entries, newest first. Every count carries the address of the records behind it.
    /// </summary>
    public async Task<PairingPeriodFigures> ForPeriodAsync(DateOnly from, DateOnly to, int notable = 8, CancellationToken cancellationToken = default)
    {
        var activities = await ActivitiesAsync(from, to, cancellationToken);
        var trips = await db.LiaisonTrips.AsNoTracking().Where(t => t.TravelledOn >= from && t.TravelledOn <= to)
            .Select(t => new { t.Id, t.TravelledOn, t.Level, t.PrincipalLeaderWent, Unit = t.Unit!.Name, t.Destination })
            .ToListAsync(cancellationToken);

        string Activities(PairingActivityKind kind, string extra = "") => ActivitiesUrl(from, to, kind) + extra;
        string Trips(DestinationLevel level) => $"/trips?level={level}&from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}";
        var happened = activities.Where(a => a.Kind != PairingActivityKind.Cadre).ToList();
        int Count(PairingActivityKind kind) => happened.Count(a => a.Kind == kind);

        var ministryTrips = trips.Count(t => t.Level == DestinationLevel.National);
        var pairingVisits = Count(PairingActivityKind.Visit);
        var research = happened.Where(a => a.Kind == PairingActivityKind.ResearchVisit).ToList();
        var support = happened.Where(a => a.Kind == PairingActivityKind.Support).ToList();

        var lists = await db.ItemLists.AsNoTracking().Where(l => l.Kind == ItemListKind.CountySupport && l.Year >= from.Year && l.Year <= to.Year)
            .Select(l => l.Id).ToListAsync(cancellationToken);
        var countySupport = await db.Items.AsNoTracking().Where(i => lists.Contains(i.ItemListId) && i.WithdrawnAt == null)
            .GroupBy(i => i.Status == ItemStatus.Done).Select(g => new { Done = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var supportUrl = "/ledger" + new LedgerFilter { List = [.. lists] }.ToQueryString();
        var supportDoneUrl = "/ledger" + new LedgerFilter { List = [.. lists], Status = [ItemStatus.Done] }.ToQueryString();
        if (lists.Count == 0)
        {
            // No county-support list in the period: the ledger would show every list, so point at the lists' kind instead.
            supportUrl = supportDoneUrl = "/ledger";
        }

        var entries = new List<NotableEntry>();
        entries.AddRange(research.Where(a => a.LeaderRank == LeaderRank.Principal)
            .Select(a => new NotableEntry(a.OccurredOn, $"{a.SupportingUnit}{a.Activity.Describe()}（{a.County}）", $"/pairings/{a.PairingId}")));
        entries.AddRange(happened.Where(a => a.Kind == PairingActivityKind.Plan)
            .Select(a => new NotableEntry(a.OccurredOn, $"{a.SupportingUnit}{a.Activity.Describe()}（对口支援{a.County}）", $"/pairings/{a.PairingId}")));
        entries.AddRange(support.Where(a => a.Activity.Amount >= 1000 || a.Activity.SupportKind != SupportKind.Funds)
            .Select(a => new NotableEntry(a.OccurredOn, $"{a.County}{a.Activity.Describe()}（{a.SupportingUnit}）", $"/pairings/{a.PairingId}")));
        entries.AddRange(trips.Where(t => t.PrincipalLeaderWent && t.Level == DestinationLevel.National)
            .Select(t => new NotableEntry(t.TravelledOn, $"{t.Unit}主要负责同志赴{t.Destination}对接", $"/trips/{t.Id}")));

        return new PairingPeriodFigures(
            from, to,
            new Figure(ministryTrips + pairingVisits, Activities(PairingActivityKind.Visit, "&trips=National")),
            new Figure(ministryTrips, Trips(DestinationLevel.National)),
            new Figure(pairingVisits, Activities(PairingActivityKind.Visit)),
            new Figure(trips.Count(t => t.Level == DestinationLevel.Provincial), Trips(DestinationLevel.Provincial)),
            new Figure(research.Count, Activities(PairingActivityKind.ResearchVisit)),
            new Figure(research.Count(a => a.LeaderRank == LeaderRank.Principal), Activities(PairingActivityKind.ResearchVisit, "&rank=Principal")),
            new Figure(happened.Where(a => a.Kind == PairingActivityKind.Plan).Select(a => a.SupportingUnitId).Distinct().Count(), Activities(PairingActivityKind.Plan)),
            new Figure(Count(PairingActivityKind.Symposium), Activities(PairingActivityKind.Symposium)),
            new Figure(activities.Count(a => a.Kind == PairingActivityKind.Cadre), Activities(PairingActivityKind.Cadre)),
            new Figure(support.Count(a => a.Activity.SupportKind == SupportKind.Policy), Activities(PairingActivityKind.Support, "&support=Policy")),
            new Figure(support.Count(a => a.Activity.SupportKind == SupportKind.Project), Activities(PairingActivityKind.Support, "&support=Project")),
            new Figure(support.Count(a => a.Activity.SupportKind == SupportKind.Funds), Activities(PairingActivityKind.Support, "&support=Funds")),
            support.Sum(a => a.Activity.Amount ?? 0),
            new Figure(countySupport.Sum(g => g.Count), supportUrl),
            new Figure(countySupport.Where(g => g.Done).Sum(g => g.Count), supportDoneUrl),
            trips.Count(t => t.PrincipalLeaderWent),
            entries.OrderByDescending(e => e.On).Take(notable).ToList());
    }

    public static string ActivitiesUrl(DateOnly from, DateOnly to, PairingActivityKind kind) =>
        $"/pairings/activities?kind={kind}&from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}";

    /// <summary>An activity of the period with its pairing's parties.</summary>
    public sealed record PeriodActivity(PairingActivity Activity, int PairingId, int SupportingUnitId, string SupportingUnit, int CountyUnitId, string County, string City)
    {
        public PairingActivityKind Kind => Activity.Kind;
        public DateOnly OccurredOn => Activity.OccurredOn;
        public LeaderRank? LeaderRank => Activity.LeaderRank;
    }

    /// <summary>
    /// The activities of the period: those that happened in it, and the seconded cadres whose term overlaps it (in post during the period).
    /// </summary>
    public async Task<List<PeriodActivity>> ActivitiesAsync(DateOnly start, DateOnly end, CancellationToken cancellationToken)
    {
        var rows = await (
                from a in db.PairingActivities.AsNoTracking()
                where a.Kind == PairingActivityKind.Cadre
                    ? a.OccurredOn <= end && (a.TermEndsOn == null || a.TermEndsOn >= start)
                    : a.OccurredOn >= start && a.OccurredOn <= end
                join p in db.Pairings on a.PairingId equals p.Id
                select new { Activity = a, p.Id, p.SupportingUnitId, Supporter = p.SupportingUnit!.Name, County = p.County!.Name, CountyId = p.CountyUnitId!.Value, p.City })
            .ToListAsync(cancellationToken);
        return rows.OrderBy(r => r.Activity.OccurredOn).ThenBy(r => r.Activity.Id)
            .Select(r => new PeriodActivity(r.Activity, r.Id, r.SupportingUnitId, r.Supporter, r.CountyId, r.County, r.City ?? "")).ToList();
    }
}
