using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Zhenxing.Web.Data;
using Zhenxing.Web.Features.Items;
using Zhenxing.Web.Features.Ledger;
using Zhenxing.Web.Features.Rounds;

namespace Zhenxing.Web.Features.Exports;

/// <summary>A category heading of the exported table with the number of exported items under it (sub-categories included).</summary>
public sealed record ExportCategory(int Id, int? ParentId, string Path, string Number, string Title, int? DeclaredCount, int Count)
{
    public string Label => LedgerQuery.CategoryLabel(Number, Title);

    /// <summary>
    /// "一、深入推进…（5项）": the heading row as the official tables write it, read back by the importer. The count is the
    /// view's, and only where the document declared one, so that a re-import declares what the original declared.
    /// </summary>
    public string Heading => DeclaredCount is null ? Label : $"{Label}（{Count}项）";

    public int Level => ParentId is null ? 1 : 2;
}

/// <summary>One line of a list's table: a category heading or an item.</summary>
public abstract record ExportLine
{
    public sealed record Heading(ExportCategory Category) : ExportLine;

    public sealed record Row(LedgerRow Item) : ExportLine;
}

public sealed record ExportList(int Id, string Title, string? DocumentNumber, int Year, int? DeclaredTotal, IReadOnlyList<ExportCategory> Categories, IReadOnlyList<LedgerRow> Items)
{
    /// <summary>"（共 18 项）" under the title, the view's count, where the document declared a total.</summary>
    public string? TotalLine => DeclaredTotal is null ? null : $"（共 {Items.Count} 项）";

    /// <summary>The table in document order: each category's heading before its first item, a parent's before its children's.</summary>
    public IEnumerable<ExportLine> Lines()
    {
        var byId = Categories.ToDictionary(c => c.Id);
        var shown = new HashSet<int>();
        foreach (var item in Items)
        {
            if (item.CategoryId is { } id && byId.TryGetValue(id, out var category))
            {
                var chain = category.ParentId is { } parentId && byId.TryGetValue(parentId, out var parent) ? new[] { parent, category } : [category];
                foreach (var c in chain.Where(c => shown.Add(c.Id)))
                {
                    yield return new ExportLine.Heading(c);
                }
            }
            yield return new ExportLine.Row(item);
        }
    }
}

/// <summary>The ledger as one filter shows it, whole (every page), grouped by list and category, for the export files.</summary>
public sealed record LedgerExportData(IReadOnlyList<ExportList> Lists, ReportingRound? AsOf, DateOnly Today)
{
    public int Total => Lists.Sum(l => l.Items.Count);

    /// <summary>The last column, 台账编号, is how a re-import of the file knows each row's item (<see cref="LedgerReference"/>); empty for a row that is no stored item (id 0).</summary>
    public static readonly string[] Columns = ["序号", "事项名称", "牵头单位", "责任单位", "完成时限", "进展情况", "状态", LedgerReference.ColumnName];

    /// <summary>The cells of an item in the order of <see cref="Columns"/>.</summary>
    public static string[] Cells(LedgerRow row) =>
    [
        row.Number, row.Text, Units(row.LeadUnits), ResponsibleCell(row), DeadlineCell(row), row.LatestProgress ?? "", row.Status.ToChinese(),
        row.Id > 0 ? LedgerReference.Format(row.ListId, row.Id) : "",
    ];

    /// <summary>The fingerprint of the cells an office may edit, as <see cref="Cells"/> writes them.</summary>
    public static string Fingerprint(LedgerRow row) =>
        LedgerReference.Fingerprint(row.Number, row.Text, Units(row.LeadUnits), ResponsibleCell(row), DeadlineCell(row));

    public static string Units(IEnumerable<LedgerUnit> units) => string.Join("、", units.Select(u => u.Name));

    /// <summary>Responsible units, then the placeholders (各县（市、区）) the document named beside them.</summary>
    public static string ResponsibleCell(LedgerRow row) => ResponsibleCell(row.ResponsibleUnits.Select(u => u.Name), row.GroupReferences);

    public static string ResponsibleCell(IEnumerable<string> units, string? groupReferences) =>
        string.Join("、", units.Concat(string.IsNullOrWhiteSpace(groupReferences) ? [] : groupReferences.Split('、', StringSplitOptions.RemoveEmptyEntries)));

    /// <summary>The deadline in the document's own wording ("8 月底前"), else the date.</summary>
    public static string DeadlineCell(LedgerRow row) => DeadlineCell(row.DeadlineText, row.Deadline, row.Ongoing);

    public static string DeadlineCell(string? text, DateOnly? deadline, bool ongoing) =>
        !string.IsNullOrWhiteSpace(text) ? text
        : deadline is { } date ? date.ToString("yyyy年M月d日", CultureInfo.InvariantCulture)
        : ongoing ? "长期" : "";

    /// <summary>"事项台账-2026-11-23" (or "事项台账-轮次名-…" for a closed round).</summary>
    public string FileStem => SafeFileName(AsOf is { } round ? $"事项台账-{round.Name}-{Today:yyyy-MM-dd}" : $"事项台账-{Today:yyyy-MM-dd}");

    private static string SafeFileName(string name) =>
        string.Concat(name.Select(c => char.IsControl(c) || c is '\\' or '/' or ':' or '*' or '?' or '"' or '<' or '>' or '|' ? '_' : c));
}

/// <summary>Collects what an export lists: exactly the items of the ledger page for the same filter, all pages, as the user may see them.</summary>
public sealed class LedgerExport(ZhenxingDb db, LedgerQuery query)
{
    /// <summary>Runs the filter; a closed round named by <see cref="LedgerFilter.AsOf"/> must exist (checked by the callers).</summary>
    public async Task<(LedgerExportData Data, IReadOnlyList<string> Notes)> RunAsync(LedgerFilter filter, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        // The official table order, whatever the page's sort, and every page of it.
        filter.Sort = LedgerSort.Number;
        filter.PageSize = LedgerFilter.MaxPageSize;
        var rows = new List<LedgerRow>();
        IReadOnlyList<string> notes = [];
        for (var page = 1; ; page++)
        {
            filter.Page = page;
            var result = await query.RunAsync(filter, user, cancellationToken);
            rows.AddRange(result.Rows);
            notes = result.Notes;
            if (result.Rows.Count == 0 || rows.Count >= result.Total)
            {
                break;
            }
        }

        var asOf = filter.AsOf is { } roundId ? await db.ReportingRounds.AsNoTracking().SingleAsync(r => r.Id == roundId, cancellationToken) : null;
        rows = await WithProgressAsync(rows, asOf, cancellationToken);

        var listIds = rows.Select(r => r.ListId).Distinct().ToList();
        var lists = await db.ItemLists.AsNoTracking().Where(l => listIds.Contains(l.Id))
            .Select(l => new { l.Id, l.Title, l.DocumentNumber, l.Year, l.DeclaredTotal }).ToDictionaryAsync(l => l.Id, cancellationToken);
        var categories = await db.Categories.AsNoTracking().Where(c => listIds.Contains(c.ItemListId))
            .Select(c => new { c.Id, c.ItemListId, c.ParentId, c.Path, c.Number, c.Title, c.DeclaredCount }).ToListAsync(cancellationToken);
        var exported = rows.GroupBy(r => r.ListId).Select(group =>
        {
            var list = lists[group.Key];
            var direct = group.Where(r => r.CategoryId is not null).GroupBy(r => r.CategoryId!.Value).ToDictionary(g => g.Key, g => g.Count());
            var own = categories.Where(c => c.ItemListId == group.Key).ToList();
            var counted = own
                .Select(c => new ExportCategory(c.Id, c.ParentId, c.Path, c.Number, c.Title, c.DeclaredCount,
                    direct.GetValueOrDefault(c.Id) + own.Where(child => child.ParentId == c.Id).Sum(child => direct.GetValueOrDefault(child.Id))))
                .Where(c => c.Count > 0)
                .ToList();
            return new ExportList(list.Id, list.Title, list.DocumentNumber, list.Year, list.DeclaredTotal, counted, group.ToList());
        }).ToList();
        return (new LedgerExportData(exported, asOf, query.Today), notes);
    }

    /// <summary>
    /// 进展情况: the accepted lead report of the latest round (by due date) — as of a closed round, of that round or an
    /// earlier one. Rounds order the reports, not review times, which a late review of an older round would upset.
    /// </summary>
    private async Task<List<LedgerRow>> WithProgressAsync(List<LedgerRow> rows, ReportingRound? asOf, CancellationToken cancellationToken)
    {
        var ids = rows.Select(r => r.Id).ToList();
        var accepted = db.ProgressReports.AsNoTracking()
            .Where(p => ids.Contains(p.ItemId) && p.Role == ItemUnitRole.Lead && p.State == ReportState.Accepted);
        if (asOf is not null)
        {
            accepted = accepted.Where(p => p.RoundId == asOf.Id || p.Round!.DueOn < asOf.DueOn || (p.Round.DueOn == asOf.DueOn && p.RoundId < asOf.Id));
        }
        var reports = await accepted
            .Select(p => new { p.ItemId, p.Narrative, p.Round!.DueOn, p.RoundId, p.ReviewedAt })
            .ToListAsync(cancellationToken);
        var latest = reports.GroupBy(r => r.ItemId)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(r => r.DueOn).ThenByDescending(r => r.RoundId).ThenByDescending(r => r.ReviewedAt).First().Narrative);
        return rows.Select(r => r with { LatestProgress = latest.GetValueOrDefault(r.Id) }).ToList();
    }
}
