using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Zhenxing.Web.Data;
using Zhenxing.Web.Features.Items;
using Zhenxing.Web.Features.Ledger;
using Zhenxing.Web.Features.Rounds;
using Zhenxing.Web.Features.Units;

namespace Zhenxing.Web.Features.Dashboard;

/// <summary>
/// The dashboard's figures in a handful of aggregate queries (grouped in the database, never one query per unit or
/// item). The items counted are the ledger's own (<see cref="LedgerQuery.FilterAsync"/>), so each number's ledger
/// address lists exactly the items behind it.
/// </summary>
public sealed class DashboardQuery(ZhenxingDb db, LedgerQuery ledger, BattleMaps maps, DashboardCache cache, TimeProvider clock, CountRounds counts, RoundObligations obligations,
    Pairings.PairingFigures pairingFigures, Targets.TargetProgress targets, Meetings.MeetingSummaries meetings)
{
    /// <summary>Closed rounds the trend goes back over.</summary>
    public const int TrendRounds = 24;

    /// <param name="Lists">The round's lists among those chosen (all of them when none is chosen).</param>
    private sealed record RoundRow(int Id, string Name, DateOnly DueOn, RoundState State, List<int> Lists)
    {
        public DashboardRound ToDashboard() => new(Id, Name, DueOn, State);
    }

    private sealed class ItemFact
    {
        public int Id { get; init; }
        public int ListId { get; init; }
        public int? CategoryId { get; init; }
        public ItemStatus Status { get; init; }
        public StatusLight Light { get; init; }
        public bool Overdue { get; init; }
    }

    private sealed record UnitReporting(int UnitId, string Name, int Due, int Received, int Late);

    private sealed record RoundCount(int RoundId, ItemStatus Status, int Count);

    /// <summary>Lists and rounds named in the filter that do not exist, by parameter, in Chinese.</summary>
    public async Task<Dictionary<string, string[]>> ValidateAsync(DashboardFilter filter, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (filter.List.Length > 0)
        {
            var known = await db.ItemLists.Where(l => filter.List.Contains(l.Id)).Select(l => l.Id).ToListAsync(cancellationToken);
            if (filter.List.Except(known).ToList() is { Count: > 0 } unknown)
            {
                errors["list"] = [$"清单 {string.Join("、", unknown)} 不存在。"];
            }
        }
        if (filter.Round is { } round && !await db.ReportingRounds.AnyAsync(r => r.Id == round, cancellationToken))
        {
            errors["round"] = [$"报送轮次 {round} 不存在。"];
        }
        return errors;
    }

    /// <summary>The figures of a view: from memory while the ledger has not changed since they were computed (<see cref="DashboardCache"/>).</summary>
    public async Task<DashboardData> GetAsync(DashboardFilter filter, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var version = await db.AuditEntries.MaxAsync(a => (long?)a.Id, cancellationToken) ?? 0;
        // The dashboard is for roles that see every item; a unit's scope would be a view of its own.
        var scope = DashboardApi.CanSee(user) ? "all" : $"unit:{ItemScope.UnitOf(user)}";
        var view = $"{scope}|{ledger.Today:yyyy-MM-dd}|{filter.ToQueryString()}";
        return await cache.GetAsync(view, version, () => RunAsync(filter, user, cancellationToken));
    }

    /// <summary>Computes the figures from the database.</summary>
    public async Task<DashboardData> RunAsync(DashboardFilter filter, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        // A round's lists matter only for whether it covers a chosen list: of a province's rounds over hundreds of lists
        // each, only the chosen lists are read.
        var chosenLists = filter.List;
        var rounds = await db.ReportingRounds.AsNoTracking()
            .Select(r => new RoundRow(r.Id, r.Name, r.DueOn, r.State,
                r.Lists.Where(l => chosenLists.Length == 0 || chosenLists.Contains(l.ItemListId)).Select(l => l.ItemListId).ToList()))
            .ToListAsync(cancellationToken);
        bool Covers(RoundRow round) => filter.List.Length == 0 || round.Lists.Count > 0;
        var today = ledger.Today;
        var chosen = filter.Round is { } chosenId ? rounds.Single(r => r.Id == chosenId) : null;

        // A closed round shows the ledger as it stood then; otherwise today's ledger.
        int? asOf = chosen?.State == RoundState.Closed ? chosen.Id : null;
        // Reports owed and received: in the chosen round, else in the latest open round.
        var reportingRound = chosen ?? rounds.Where(r => r.State == RoundState.Open && Covers(r)).OrderByDescending(r => r.DueOn).ThenByDescending(r => r.Id).FirstOrDefault();
        // On-time reporting needs a due date that has passed: the chosen round once due, else the latest such round.
        var punctualityRound = chosen is not null && chosen.DueOn < today
            ? chosen
            : rounds.Where(r => r.DueOn < today && Covers(r)).OrderByDescending(r => r.DueOn).ThenByDescending(r => r.Id).FirstOrDefault();

        string LedgerUrl(Action<LedgerFilter>? refine = null)
        {
            var view = new LedgerFilter { List = filter.List, AsOf = asOf };
            refine?.Invoke(view);
            return "/ledger" + view.ToQueryString();
        }

        // One pass over the items: each one's list, category, status (as kept, for a closed round), light and whether it is
        // overdue, all computed by the database with the light rules. Everything else is grouped from these rows.
        var items = await ledger.FilterAsync(new LedgerFilter { List = filter.List, AsOf = asOf }, user, [], cancellationToken);
        var lights = filter.List.Length > 0 ? await ledger.LightsAsync(filter.List, cancellationToken) : await ledger.LightsAsync(cancellationToken);
        var facts = items.Select(lights.WithLight((i, light, overdue) => new ItemFact
        {
            Id = i.Id, ListId = i.ItemListId, CategoryId = i.CategoryId, Status = i.Status, Light = light, Overdue = overdue,
        }));
        if (asOf is { } round)
        {
            facts = facts.Join(db.RoundItemStatuses.Where(s => s.RoundId == round), f => f.Id, s => s.ItemId, (f, s) => new ItemFact
            {
                Id = f.Id, ListId = f.ListId, CategoryId = f.CategoryId, Status = s.Status, Light = f.Light, Overdue = f.Overdue,
            });
        }
        var itemFacts = (await facts.AsNoTracking().ToListAsync(cancellationToken)).ToDictionary(f => f.Id);
        var groups = itemFacts.Values
            .GroupBy(f => (f.ListId, f.CategoryId, f.Status, f.Light))
            .Select(g => new { g.Key.ListId, g.Key.CategoryId, g.Key.Status, g.Key.Light, Count = g.Count() })
            .ToList();
        var overdue = itemFacts.Values.Count(f => f.Overdue);

        var lists = await db.ItemLists.AsNoTracking().OrderBy(l => l.Id).Select(l => new DashboardList(l.Id, l.Title)).ToListAsync(cancellationToken);
        var scopeLists = filter.List.Length == 0 ? lists : lists.Where(l => filter.List.Contains(l.Id)).ToList();

        var total = groups.Sum(g => g.Count);
        var byStatus = RoundStatistics.ReportingOrder
            .Select(s => new StatusCount(s, s.ToChinese(), groups.Where(g => g.Status == s).Sum(g => g.Count), LedgerUrl(f => f.Status = [s])))
            .ToList();
        var byLight = new[] { StatusLight.Red, StatusLight.Yellow, StatusLight.Green }
            .Select(l => new LightCount(l, l.ToChinese(), groups.Where(g => g.Light == l).Sum(g => g.Count), LedgerUrl(f => f.Light = l)))
            .ToList();
        var sentence = OfficeSentence.Of(total, byStatus.Select(s => (s.Status, s.Count)));

        RoundReporting? reporting = null;
        List<UnitReporting> punctualityRows = [];
        if (reportingRound is not null)
        {
            // The round's own figures for the lists in view: what the round's pages, the bulletin and the API say.
            var ownUnit = DashboardApi.CanSee(user) ? (int?)null : ItemScope.UnitOf(user) ?? -1;
            reporting = new RoundReporting(reportingRound.ToDashboard(),
                await counts.ForRoundAsync(reportingRound.Id, filter.List, ownUnit, cancellationToken), $"/rounds/{reportingRound.Id}");
        }
        if (punctualityRound is not null)
        {
            punctualityRows = await ReportingAsync(punctualityRound, filter.List, user, cancellationToken);
        }

        var headline = new Headline(total, LedgerUrl(), sentence, byStatus, byLight, overdue, LedgerUrl(f => f.Overdue = true), reporting);
        var categories = await CategoryBarsAsync(groups.Select(g => (g.ListId, g.CategoryId, g.Status, g.Count)).ToList(), lists, LedgerUrl, cancellationToken);

        var leads = await (
                from unit in db.ItemUnits
                where unit.Role == ItemUnitRole.Lead
                join item in items on unit.ItemId equals item.Id
                select new { unit.UnitId, unit.ItemId })
            .ToListAsync(cancellationToken);
        var leadIds = leads.Select(l => l.UnitId).Distinct().ToList();
        var unitNames = await db.Units.AsNoTracking().Where(u => leadIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, cancellationToken);
        var completion = leads
            .Where(l => itemFacts.ContainsKey(l.ItemId))
            .GroupBy(l => l.UnitId)
            .Select(g => (UnitId: g.Key, Name: unitNames[g.Key], Total: g.Count(), Done: g.Count(l => itemFacts[l.ItemId].Status == ItemStatus.Done)))
            .OrderByDescending(u => Percent(u.Done, u.Total)).ThenByDescending(u => u.Total).ThenBy(u => u.Name, StringComparer.Ordinal)
            .ToList();
        var punctuality = punctualityRows
            .OrderByDescending(u => Percent(u.Received - u.Late, u.Due)).ThenByDescending(u => u.Due).ThenBy(u => u.Name, StringComparer.Ordinal)
            .ToList();
        var ranking = new UnitRanking(
            Ends(completion).Select(x => new UnitCompletion(x.Rank, x.Row.UnitId, x.Row.Name, x.Row.Total, x.Row.Done, Percent(x.Row.Done, x.Row.Total),
                LedgerUrl(f => f.LeadUnit = x.Row.Name))).ToList(),
            completion.Count,
            punctualityRound?.ToDashboard(),
            Ends(punctuality).Select(x => new UnitPunctuality(x.Rank, x.Row.UnitId, x.Row.Name, x.Row.Due, x.Row.Received - x.Row.Late, x.Row.Late,
                x.Row.Due - x.Row.Received, Percent(x.Row.Received - x.Row.Late, x.Row.Due), $"/rounds/{punctualityRound!.Id}?unit={x.Row.UnitId}")).ToList(),
            punctuality.Count);

        var map = await BattleMapAsync(filter, items, itemFacts, LedgerUrl, cancellationToken);
        // Choosing every list is choosing none: the trend then needs no join with the items.
        var everyList = filter.List.Length == 0 || lists.All(l => filter.List.Contains(l.Id));
        var trend = await TrendAsync(rounds.Where(r => r.State == RoundState.Closed && Covers(r)).ToList(), filter.List, everyList, user, cancellationToken);

        // Targets and meetings are the program's, not a list's: the panel is the same for every choice of lists.
        var targetsProgress = await targets.AsOfAsync(today, cancellationToken);
        var meetingsSummary = await meetings.ForPeriodAsync(null, today, null, cancellationToken);

        return new DashboardData(
            new DashboardScope(scopeLists, chosen?.ToDashboard(), asOf is not null, filter.ToQueryString(), LedgerUrl(), clock.GetUtcNow()),
            headline,
            categories,
            ranking,
            map,
            trend,
            new DashboardTargets(targetsProgress.Sentence, targetsProgress.OnTrack, targetsProgress.Behind, targetsProgress.NoData, targetsProgress.Targets, "/targets"),
            new DashboardMeetings(meetingsSummary.Sentence, meetingsSummary.Held, meetingsSummary.Matters, meetingsSummary.Landed, "/meetings"));
    }

    /// <summary>How many of the best and of the slowest units the ranking shows, as offices publish them.</summary>
    public const int RankingEnds = 10;

    /// <summary>The first and the last <see cref="RankingEnds"/> of a ranking with their places; all of it when short.</summary>
    private static IEnumerable<(int Rank, T Row)> Ends<T>(List<T> ranked) =>
        ranked.Select((row, index) => (Rank: index + 1, Row: row))
            .Where(x => ranked.Count <= 2 * RankingEnds || x.Rank <= RankingEnds || x.Rank > ranked.Count - RankingEnds);

    private static double Percent(int part, int whole) => whole == 0 ? 0 : Math.Round(part * 100.0 / whole, 1);

    /// <summary>Per lead unit, the reports it owed in a round and how many came, and of those how many late (<see cref="RoundCounts"/>).</summary>
    private async Task<List<UnitReporting>> ReportingAsync(RoundRow round, int[] lists, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var ownUnit = DashboardApi.CanSee(user) ? (int?)null : ItemScope.UnitOf(user) ?? -1;
        var byUnit = (await obligations.StatesAsync(round.Id, ownUnit, cancellationToken))
            .Where(s => s.Role == ItemUnitRole.Lead && (lists.Length == 0 || lists.Contains(s.ItemListId)))
            .GroupBy(s => s.UnitId)
            .Select(g => (UnitId: g.Key, Counts: RoundCounts.Of(g, allUnits: false)))
            .ToList();
        var ids = byUnit.Select(u => u.UnitId).ToList();
        var names = await db.Units.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, cancellationToken);
        return byUnit.Select(u => new UnitReporting(u.UnitId, names[u.UnitId], u.Counts.Due, u.Counts.Reported, u.Counts.Late)).ToList();
    }

    private async Task<List<CategoryBar>> CategoryBarsAsync(
        List<(int ListId, int? CategoryId, ItemStatus Status, int Count)> groups, List<DashboardList> lists,
        Func<Action<LedgerFilter>?, string> ledgerUrl, CancellationToken cancellationToken)
    {
        var listIds = groups.Select(g => g.ListId).Distinct().ToList();
        var categories = await db.Categories.AsNoTracking().Where(c => listIds.Contains(c.ItemListId))
            .OrderBy(c => c.ItemListId).ThenBy(c => c.Position)
            .Select(c => new { c.Id, c.ItemListId, c.ParentId, c.Number, c.Title, c.DeclaredCount })
            .ToListAsync(cancellationToken);
        var titles = lists.ToDictionary(l => l.Id, l => l.Title);
        var bars = new List<CategoryBar>();

        CategoryBar Bar(int listId, int? categoryId, string label, int level, int? declared, ICollection<int?> categoryIds)
        {
            var mine = groups.Where(g => g.ListId == listId && categoryIds.Contains(g.CategoryId)).ToList();
            var byStatus = RoundStatistics.ReportingOrder
                .Select(s => new StatusCount(s, s.ToChinese(), mine.Where(g => g.Status == s).Sum(g => g.Count),
                    ledgerUrl(f => { f.List = [listId]; f.Category = categoryId; f.Status = [s]; })))
                .ToList();
            return new CategoryBar(listId, titles[listId], categoryId, label, level, declared, mine.Sum(g => g.Count),
                ledgerUrl(f => { f.List = [listId]; f.Category = categoryId; }), byStatus);
        }

        foreach (var listId in listIds.Order())
        {
            foreach (var top in categories.Where(c => c.ItemListId == listId && c.ParentId == null))
            {
                var children = categories.Where(c => c.ParentId == top.Id).ToList();
                bars.Add(Bar(listId, top.Id, LedgerQuery.CategoryLabel(top.Number, top.Title), 0, top.DeclaredCount,
                    [top.Id, .. children.Select(c => (int?)c.Id)]));
                bars.AddRange(children.Select(child =>
                    Bar(listId, child.Id, LedgerQuery.CategoryLabel(child.Number, child.Title), 1, child.DeclaredCount, [child.Id])));
            }
            if (groups.Any(g => g.ListId == listId && g.CategoryId == null))
            {
                bars.Add(Bar(listId, LedgerFilter.NoCategory, "未分类", 0, null, [null]));
            }
        }
        return bars;
    }

    private async Task<BattleMap> BattleMapAsync(DashboardFilter filter, IQueryable<Item> items, Dictionary<int, ItemFact> facts,
        Func<Action<LedgerFilter>?, string> ledgerUrl, CancellationToken cancellationToken)
    {
        var title = BattleMaps.Title(filter.Map);
        var shapes = maps.Shapes(filter.Map);
        if (shapes is null)
        {
            return new BattleMap(filter.Map, filter.Metric, title, BattleMaps.GeometryUrl(filter.Map), [], 0,
                ["地图文件缺失：请先构建前端资源（./run.sh 或 ./test.sh 会运行 npm ci 并复制到 wwwroot/lib）。"]);
        }

        // Region names are matched through the unit directory: a unit's name, an alias, or a county's former name (龙南县 → 龙南市).
        var names = shapes.SelectMany(s => CountyRenames.AllNames(s.Name).Prepend(s.Name)).Distinct().ToList();
        var byName = await db.Units.AsNoTracking().Where(u => names.Contains(u.Name)).Select(u => new { u.Id, u.Name, Alias = u.Name })
            .Concat(db.UnitAliases.AsNoTracking().Where(a => names.Contains(a.Name))
                .Join(db.Units, a => a.UnitId, u => u.Id, (a, u) => new { u.Id, u.Name, Alias = a.Name }))
            .ToListAsync(cancellationToken);
        var units = byName.GroupBy(u => u.Alias).ToDictionary(g => g.Key, g => (g.First().Id, g.First().Name));
        (int Id, string Name)? UnitOf(string region) =>
            CountyRenames.AllNames(region).Prepend(region).Select(n => units.TryGetValue(n, out var u) ? u : ((int, string)?)null).FirstOrDefault(u => u is not null);

        var notes = new List<string>();
        var matched = shapes.Select(s => (Shape: s, Unit: UnitOf(s.Name))).ToList();
        Dictionary<int, List<string>> supporters = [];
        Dictionary<int, (int Count, decimal Funds)> activity = [];
        if (filter.Map == MapView.Pairing)
        {
            // This year's pairing activity of each recipient county (the evaluation's count) and the funds it obtained.
            activity = (await pairingFigures.ActivitiesAsync(new DateOnly(ledger.Today.Year, 1, 1), ledger.Today, cancellationToken))
                .GroupBy(a => a.CountyUnitId)
                .ToDictionary(g => g.Key, g => (g.Count(), g.Where(a => a.Kind == Pairings.PairingActivityKind.Support).Sum(a => a.Activity.Amount ?? 0)));
            // The recipient counties (受援地) of the schemes in force this year, with their supporting units.
            var year = ledger.Today.Year;
            supporters = (await db.Pairings.AsNoTracking()
                    .Where(p => p.CountyUnitId != null && p.Role == Pairings.PairingRole.Supporting)
                    .Join(db.PairingSchemes.Where(s => s.StartYear <= year && s.EndYear >= year), p => p.SchemeId, s => s.Id, (p, s) => p)
                    .OrderBy(p => p.Id)
                    .Select(p => new { County = p.CountyUnitId!.Value, Supporter = p.SupportingUnit!.Name })
                    .ToListAsync(cancellationToken))
                .GroupBy(p => p.County).ToDictionary(g => g.Key, g => g.Select(p => p.Supporter).ToList());
            if (supporters.Count == 0)
            {
                notes.Add("还没有导入对口支援结对名单：受援地无法标出。");
            }
            matched = matched.Select(m => m.Unit is { } u && supporters.ContainsKey(u.Id) ? m : (m.Shape, null)).ToList();
        }
        else
        {
            notes.AddRange(matched.Where(m => m.Unit is null).Select(m => $"地图上的“{m.Shape.Name}”在单位名录中没有对应单位（可在单位管理中为该县添加简称）。"));
        }

        var unitIds = matched.Where(m => m.Unit is not null).Select(m => m.Unit!.Value.Id).Distinct().ToList();
        var byUnit = (await (
                from unit in db.ItemUnits
                where unitIds.Contains(unit.UnitId)
                join item in items on unit.ItemId equals item.Id
                select new { unit.UnitId, unit.ItemId })
            .Distinct()
            .ToListAsync(cancellationToken))
            .Where(r => facts.ContainsKey(r.ItemId))
            .ToLookup(r => r.UnitId, r => facts[r.ItemId]);

        var regions = matched.Select(m =>
        {
            if (m.Unit is not { } unit)
            {
                return new MapRegion(m.Shape.Name, m.Shape.City, null, null, 0, 0, null, 0, 0, 0, null, null, []) { Pairing = null };
            }
            var mine = byUnit[unit.Id].ToList();
            var (red, yellow, green) = (mine.Count(r => r.Light == StatusLight.Red), mine.Count(r => r.Light == StatusLight.Yellow), mine.Count(r => r.Light == StatusLight.Green));
            var done = mine.Count(r => r.Status == ItemStatus.Done);
            StatusLight? light = mine.Count == 0 ? null : red > 0 ? StatusLight.Red : yellow > 0 ? StatusLight.Yellow : StatusLight.Green;
            return new MapRegion(m.Shape.Name, m.Shape.City, unit.Id, unit.Name, mine.Count, done, mine.Count == 0 ? null : Percent(done, mine.Count),
                red, yellow, green, light, ledgerUrl(f => f.County = unit.Name), supporters.GetValueOrDefault(unit.Id) ?? [])
            {
                Pairing = filter.Map != MapView.Pairing ? null
                    : new RegionPairing(activity.GetValueOrDefault(unit.Id).Count, activity.GetValueOrDefault(unit.Id).Funds, $"/pairings/activities?county={unit.Id}"),
            };
        }).ToList();
        return new BattleMap(filter.Map, filter.Metric, title, BattleMaps.GeometryUrl(filter.Map), regions, regions.Count(r => r.UnitId is not null), notes);
    }

    /// <summary>Status counts kept at the close of each closed round (oldest first), each opening the ledger as of that round.</summary>
    private async Task<List<TrendPoint>> TrendAsync(List<RoundRow> closed, int[] lists, bool everyList, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var rounds = closed.OrderByDescending(r => r.DueOn).ThenByDescending(r => r.Id).Take(TrendRounds).Reverse().ToList();
        var ids = rounds.Select(r => r.Id).ToList();
        var kept = db.RoundItemStatuses.Where(s => ids.Contains(s.RoundId));
        if (!everyList || !DashboardApi.CanSee(user))
        {
            var visible = db.Items.VisibleTo(user);
            if (!everyList)
            {
                visible = visible.Where(i => lists.Contains(i.ItemListId));
            }
            kept = kept.Where(s => visible.Any(i => i.Id == s.ItemId));
        }
        var scope = DashboardApi.CanSee(user) ? "all" : $"unit:{ItemScope.UnitOf(user)}";
        var key = $"trend|{scope}|{string.Join(",", ids)}|{(everyList ? "*" : string.Join(",", lists.Order()))}";
        var counts = await cache.ClosedRoundsAsync(key, () => kept
            .GroupBy(s => new { s.RoundId, s.Status })
            .Select(g => new RoundCount(g.Key.RoundId, g.Key.Status, g.Count()))
            .ToListAsync(cancellationToken));
        return rounds.Select(r =>
        {
            var mine = counts.Where(c => c.RoundId == r.Id).ToList();
            var byStatus = RoundStatistics.ReportingOrder
                .Select(s => new StatusCount(s, s.ToChinese(), mine.Where(c => c.Status == s).Sum(c => c.Count),
                    "/ledger" + new LedgerFilter { List = lists, AsOf = r.Id, Status = [s] }.ToQueryString()))
                .ToList();
            return new TrendPoint(r.ToDashboard(), mine.Sum(c => c.Count), byStatus);
        }).ToList();
    }
}
