using Microsoft.EntityFrameworkCore;
using Zhenxing.Web.Data;
using Zhenxing.Web.Features.Items;

namespace Zhenxing.Web.Features.Rounds;

/// <summary>One item as of a round: its status then, and whether its lead unit reported in the round.</summary>
public sealed record RoundItem(int ItemId, int ListId, string ListTitle, string CategoryPath, string CategoryLabel, string Number, string Text, string? LeadUnit, ItemStatus Status, bool Reported);

/// <summary>A count as the office writes it, and the filter that lists the items behind it.</summary>
public sealed record StatisticsLine(string Label, int Total, IReadOnlyList<(ItemStatus Status, int Count)> ByStatus, string Filter)
{
    /// <summary>"共 84 项，已落实到位 23 项、取得积极进展 56 项、推进中 5 项".</summary>
    public string Sentence => $"共 {Total} 项" + (ByStatus.Count == 0 ? "" : "，" + string.Join("、", ByStatus.Select(s => $"{Prefix(s.Status)}{s.Status.ToChinese()} {s.Count} 项")));

    private static string Prefix(ItemStatus status) => status == ItemStatus.Done ? "已" : "";
}

/// <summary>Items that reached 落实到位 and items that slipped back since the previous closed round (reports owed and missing: <see cref="RoundCounts"/>).</summary>
public sealed record ItemChanges(IReadOnlyList<RoundItem> BecameDone, IReadOnlyList<RoundItem> Slipped);

/// <summary>
/// The ledger as of a round — the kept statuses of a closed round, or today's statuses for an open one —
/// its statistics per list, category and lead unit, and what changed since the previous closed round.
/// </summary>
public sealed class RoundStatistics(ZhenxingDb db)
{
    // The order the office reports statuses in: from done down to not started, then blocked.
    public static readonly ItemStatus[] ReportingOrder = [ItemStatus.Done, ItemStatus.PositiveProgress, ItemStatus.InProgress, ItemStatus.NotStarted, ItemStatus.Blocked];

    public async Task<List<RoundItem>> ItemsAsync(ReportingRound round, CancellationToken cancellationToken)
    {
        var listIds = await db.RoundLists.Where(l => l.RoundId == round.Id).Select(l => l.ItemListId).ToListAsync(cancellationToken);
        var items = db.Items.AsNoTracking().Where(i => listIds.Contains(i.ItemListId));
        var rows = round.State == RoundState.Closed
            ? await items.Join(db.RoundItemStatuses.Where(s => s.RoundId == round.Id), i => i.Id, s => s.ItemId, (i, s) => new { Item = i, s.Status, s.Reported })
                .Select(x => new { x.Item, x.Status, x.Reported }).ToListAsync(cancellationToken)
            : await items.Where(i => i.WithdrawnAt == null)
                .Select(i => new
                {
                    Item = i,
                    i.Status,
                    Reported = db.ProgressReports.Any(p => p.RoundId == round.Id && p.ItemId == i.Id && p.Role == ItemUnitRole.Lead
                                                           && (p.State == ReportState.Submitted || p.State == ReportState.Accepted)),
                })
                .ToListAsync(cancellationToken);
        var ids = rows.Select(r => r.Item.Id).ToList();
        var lists = await db.ItemLists.AsNoTracking().Where(l => listIds.Contains(l.Id)).ToDictionaryAsync(l => l.Id, l => l.Title, cancellationToken);
        var categories = await db.Categories.AsNoTracking().Where(c => listIds.Contains(c.ItemListId)).ToDictionaryAsync(c => c.Id, cancellationToken);
        var leads = (await db.ItemUnits.AsNoTracking().Where(u => ids.Contains(u.ItemId) && u.Role == ItemUnitRole.Lead)
                .OrderBy(u => u.Position).Select(u => new { u.ItemId, u.Unit!.Name }).ToListAsync(cancellationToken))
            .ToLookup(u => u.ItemId, u => u.Name);
        return rows
            .OrderBy(r => r.Item.ItemListId).ThenBy(r => r.Item.Position)
            .Select(r =>
            {
                var category = r.Item.CategoryId is { } id ? categories[id] : null;
                var top = category?.ParentId is { } parentId ? categories[parentId] : category;
                return new RoundItem(r.Item.Id, r.Item.ItemListId, lists[r.Item.ItemListId], top?.Path ?? "",
                    top is null ? "" : Ledger.LedgerQuery.CategoryLabel(top.Number, top.Title),
                    r.Item.Number, r.Item.ShortTitle ?? r.Item.Text, leads[r.Item.Id].FirstOrDefault(), r.Status, r.Reported);
            })
            .ToList();
    }

    public static List<StatisticsLine> ByList(IReadOnlyList<RoundItem> items) =>
        items.GroupBy(i => (i.ListId, i.ListTitle)).Select(g => Line(g.Key.ListTitle, g, $"list={g.Key.ListId}")).ToList();

    public static List<StatisticsLine> ByCategory(IReadOnlyList<RoundItem> items) =>
        items.Where(i => i.CategoryPath.Length > 0).GroupBy(i => (i.ListId, i.CategoryPath, i.CategoryLabel))
            .Select(g => Line(g.Key.CategoryLabel, g, $"list={g.Key.ListId}&category={Uri.EscapeDataString(g.Key.CategoryPath)}")).ToList();

    public static List<StatisticsLine> ByLeadUnit(IReadOnlyList<RoundItem> items) =>
        items.Where(i => i.LeadUnit is not null).GroupBy(i => i.LeadUnit!).OrderBy(g => g.Key)
            .Select(g => Line(g.Key, g, $"unit={Uri.EscapeDataString(g.Key)}")).ToList();

    private static StatisticsLine Line(string label, IEnumerable<RoundItem> items, string filter)
    {
        var list = items.ToList();
        var byStatus = ReportingOrder.Select(s => (s, list.Count(i => i.Status == s))).Where(x => x.Item2 > 0).ToList();
        return new StatisticsLine(label, list.Count, byStatus, filter);
    }

    /// <summary>Compared with the previous closed round: items that reached 落实到位 and items that slipped back.</summary>
    public async Task<ItemChanges?> ChangesAsync(ReportingRound round, IReadOnlyList<RoundItem> items, CancellationToken cancellationToken)
    {
        var previous = await db.ReportingRounds.AsNoTracking()
            .Where(r => r.State == RoundState.Closed && r.Id != round.Id && r.DueOn <= round.DueOn)
            .OrderByDescending(r => r.DueOn).ThenByDescending(r => r.Id)
            .FirstOrDefaultAsync(cancellationToken);
        if (previous is null)
        {
            return null;
        }
        var before = await db.RoundItemStatuses.AsNoTracking().Where(s => s.RoundId == previous.Id).ToDictionaryAsync(s => s.ItemId, s => s.Status, cancellationToken);
        var rank = ReportingOrder.Select((s, i) => (s, i)).ToDictionary(x => x.s, x => x.i);
        return new ItemChanges(
            items.Where(i => i.Status == ItemStatus.Done && before.TryGetValue(i.ItemId, out var was) && was != ItemStatus.Done).ToList(),
            items.Where(i => before.TryGetValue(i.ItemId, out var was) && rank[i.Status] > rank[was]).ToList());
    }
}
