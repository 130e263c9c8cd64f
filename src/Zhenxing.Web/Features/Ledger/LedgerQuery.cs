using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Zhenxing.Web.Data;
using Zhenxing.Web.Features.Items;
using Zhenxing.Web.Features.Units;
using Zhenxing.Web.Infrastructure;

namespace Zhenxing.Web.Features.Ledger;

public sealed record LedgerUnit(int Id, string Name);

public sealed record LedgerRow(
    int Id,
    int ListId,
    string ListTitle,
    int? CategoryId,
    string CategoryPath,
    string CategoryLabel,
    string Number,
    string? ShortTitle,
    string Text,
    IReadOnlyList<LedgerUnit> LeadUnits,
    IReadOnlyList<LedgerUnit> ResponsibleUnits,
    string? GroupReferences,
    DateOnly? Deadline,
    string? DeadlineText,
    bool Ongoing,
    ItemStatus Status,
    StatusLight Light,
    string LightReason,
    int Instructions,
    bool Withdrawn,
    int Version,
    string? LatestProgress)
{
    /// <summary>The approved extension (延期至), if any; <see cref="Deadline"/> stays the original.</summary>
    public DateOnly? ExtendedDeadline { get; init; }

    /// <summary>The deadline lateness is judged by (<see cref="Item.EffectiveDeadlineOf"/>).</summary>
    public DateOnly? EffectiveDeadline { get; init; }
}

/// <summary>A category's place on the page: how many items of the filtered view stand in it (for the categories of the page's rows).</summary>
public sealed record LedgerGroup(int ListId, string ListTitle, int? CategoryId, string CategoryLabel, int? DeclaredCount, int Count);

internal sealed record LedgerGroupCount(int ItemListId, int? CategoryId, int Count);

public sealed record LedgerPage(int Total, IReadOnlyList<LedgerRow> Rows, IReadOnlyList<LedgerGroup> Groups, IReadOnlyList<string> Notes);

/// <summary>Runs the ledger's filters for one user: the same visibility, filters and rules for the page and the API.</summary>
public sealed class LedgerQuery(ZhenxingDb db, TimeProvider clock, IOptions<StatusLightOptions> lightOptions)
{
    private StatusLights? _lights;

    /// <summary>Today in China: the day the lights and the overdue filter are judged on.</summary>
    public DateOnly Today { get; } = ChinaTime.Today(clock);

    /// <summary>The light rules as of today (loaded once per request: which round each list must not have missed).</summary>
    public async Task<StatusLights> LightsAsync(CancellationToken cancellationToken) =>
        _lights ??= new StatusLights(lightOptions.Value, Today, await StatusLights.LastRoundsAsync(db.ReportingRounds, Today, null, cancellationToken), db.ProgressReports);

    /// <summary>
    /// The light rules for items of the given lists only (a page of the ledger, one item, the dashboard's lists): the last
    /// rounds of those lists are looked up, not of the whole program's.
    /// </summary>
    public async Task<StatusLights> LightsAsync(IReadOnlyCollection<int> lists, CancellationToken cancellationToken) =>
        _lights ?? new StatusLights(lightOptions.Value, Today, await StatusLights.LastRoundsAsync(db.ReportingRounds, Today, lists, cancellationToken), db.ProgressReports);

    public async Task<LedgerPage> RunAsync(LedgerFilter filter, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var notes = new List<string>();
        var items = await FilterAsync(filter, user, notes, cancellationToken);
        var sorted = filter.Sort switch
        {
            LedgerSort.Deadline => items.OrderBy(i => i.Deadline == null).ThenBy(i => i.Deadline).ThenBy(i => i.ItemListId).ThenBy(i => i.Position),
            LedgerSort.Status => items.OrderByDescending(i => i.Status).ThenBy(i => i.ItemListId).ThenBy(i => i.Position),
            LedgerSort.Lead => items.OrderBy(i => i.Units.Where(u => u.Role == ItemUnitRole.Lead).OrderBy(u => u.Position).Select(u => u.Unit!.Name).FirstOrDefault())
                .ThenBy(i => i.ItemListId).ThenBy(i => i.Position),
            _ => items.OrderBy(i => i.ItemListId).ThenBy(i => i.Position),
        };
        // The page's ids first, then their details by id: the details' queries (split in two) then need not run the
        // filter and the sort again.
        var ids = await sorted
            .Skip((filter.SafePage - 1) * filter.SafePageSize)
            .Take(filter.SafePageSize)
            .Select(i => i.Id)
            .ToListAsync(cancellationToken);
        var details = await db.Items
            .Where(i => ids.Contains(i.Id))
            .Select(i => new
            {
                Item = i,
                ListTitle = i.ItemList!.Title,
                CategoryPath = i.Category == null ? "" : i.Category.Path,
                CategoryNumber = i.Category == null ? "" : i.Category.Number,
                CategoryTitle = i.Category == null ? "" : i.Category.Title,
                Units = i.Units.OrderBy(u => u.Position).Select(u => new { u.Role, u.UnitId, u.Unit!.Name }).ToList(),
                Instructions = i.Instructions.Count,
                LatestProgress = db.ProgressReports
                    .Where(p => p.ItemId == i.Id && p.Role == ItemUnitRole.Lead && p.State == Rounds.ReportState.Accepted)
                    .OrderByDescending(p => p.ReviewedAt)
                    .Select(p => p.Narrative)
                    .FirstOrDefault(),
            })
            .AsNoTracking()
            .AsSplitQuery()
            .ToDictionaryAsync(p => p.Item.Id, cancellationToken);
        var page = ids.Select(id => details[id]).ToList();
        // One more pass over the filter gives the total and the counts of the groups (list and category) that the page's
        // rows stand in: the items of every other group are counted under one key (list 0), for a broad filter (every
        // overdue item) spans thousands of groups.
        var shownCategories = page.Where(p => p.Item.CategoryId is not null).Select(p => p.Item.CategoryId!.Value).Distinct().ToList();
        var shownUncategorized = page.Where(p => p.Item.CategoryId is null).Select(p => p.Item.ItemListId).Distinct().ToList();
        var counts = await items
            .Select(i => new
            {
                i.ItemListId,
                i.CategoryId,
                Shown = (i.CategoryId != null && shownCategories.Contains(i.CategoryId.Value)) || (i.CategoryId == null && shownUncategorized.Contains(i.ItemListId)),
            })
            .GroupBy(i => new { ListId = i.Shown ? i.ItemListId : 0, CategoryId = i.Shown ? i.CategoryId : null })
            .Select(g => new LedgerGroupCount(g.Key.ListId, g.Key.CategoryId, g.Count()))
            .ToListAsync(cancellationToken);
        var total = counts.Sum(c => c.Count);
        var groups = counts.Where(c => c.ItemListId != 0).ToList();
        var lights = await LightsAsync(page.Select(p => p.Item.ItemListId).Distinct().ToList(), cancellationToken);
        var facts = await lights.FactsAsync(db.Items, ids, cancellationToken);
        if (filter.AsOf is { } asOfRound)
        {
            var then = await db.RoundItemStatuses.AsNoTracking().Where(s => s.RoundId == asOfRound && ids.Contains(s.ItemId))
                .ToDictionaryAsync(s => s.ItemId, s => s.Status, cancellationToken);
            foreach (var p in page)
            {
                p.Item.Status = then.GetValueOrDefault(p.Item.Id, p.Item.Status);
            }
        }
        var rows = page.Select(p =>
        {
            var verdict = lights.Evaluate(p.Item, facts.GetValueOrDefault(p.Item.Id, ReportFacts.None));
            return new LedgerRow(p.Item.Id, p.Item.ItemListId, p.ListTitle, p.Item.CategoryId, p.CategoryPath,
                CategoryLabel(p.CategoryNumber, p.CategoryTitle),
                p.Item.Number, p.Item.ShortTitle, p.Item.Text,
                p.Units.Where(u => u.Role == ItemUnitRole.Lead).Select(u => new LedgerUnit(u.UnitId, u.Name)).ToList(),
                p.Units.Where(u => u.Role == ItemUnitRole.Responsible).Select(u => new LedgerUnit(u.UnitId, u.Name)).ToList(),
                p.Item.GroupReferences, p.Item.Deadline, p.Item.DeadlineText, p.Item.Ongoing, p.Item.Status,
                verdict.Light, verdict.Reason, p.Instructions, p.Item.WithdrawnAt is not null, p.Item.Version, p.LatestProgress)
            {
                ExtendedDeadline = p.Item.ExtendedDeadline,
                EffectiveDeadline = p.Item.EffectiveDeadline,
            };
        }).ToList();

        // The page shows the groups its rows stand in (a heading with the count where a category begins).
        var listTitles = rows.Select(r => (r.ListId, r.ListTitle)).Distinct().ToDictionary(r => r.ListId, r => r.ListTitle);
        var categoryIds = groups.Where(g => g.CategoryId != null).Select(g => g.CategoryId!.Value).ToList();
        var categories = await db.Categories.AsNoTracking().Where(c => categoryIds.Contains(c.Id))
            .ToDictionaryAsync(c => c.Id, cancellationToken);
        var ledgerGroups = groups
            .Select(g => categories.GetValueOrDefault(g.CategoryId ?? 0) is { } c
                ? new LedgerGroup(g.ItemListId, listTitles[g.ItemListId], c.Id, CategoryLabel(c.Number, c.Title), c.DeclaredCount, g.Count)
                : new LedgerGroup(g.ItemListId, listTitles[g.ItemListId], null, "", null, g.Count))
            .ToList();
        return new LedgerPage(total, rows, ledgerGroups, notes);
    }

    /// <summary>The visible items that pass every filter, unsorted.</summary>
    public async Task<IQueryable<Item>> FilterAsync(LedgerFilter filter, ClaimsPrincipal user, List<string> notes, CancellationToken cancellationToken)
    {
        var items = db.Items.VisibleTo(user);
        if (filter.AsOf is { } asOf)
        {
            // As of a closed round: the items it kept, whatever happened to them since.
            var kept = db.RoundItemStatuses.Where(s => s.RoundId == asOf);
            items = items.Where(i => kept.Any(s => s.ItemId == i.Id));
        }
        else
        {
            items = filter.Withdrawn ? items.Where(i => i.WithdrawnAt != null) : items.Where(i => i.WithdrawnAt == null);
        }
        if (filter.List.Length > 0)
        {
            items = items.Where(i => filter.List.Contains(i.ItemListId));
        }
        if (filter.Category == LedgerFilter.NoCategory)
        {
            items = items.Where(i => i.CategoryId == null);
        }
        else if (filter.Category is { } categoryId)
        {
            // A category includes its sub-categories (三 includes （一）…（七）).
            var ids = await db.Categories.AsNoTracking().Where(c => c.Id == categoryId || c.ParentId == categoryId).Select(c => c.Id).ToListAsync(cancellationToken);
            items = items.Where(i => i.CategoryId != null && ids.Contains(i.CategoryId.Value));
        }
        items = await ByUnitAsync(items, filter.LeadUnit, ItemUnitRole.Lead, "牵头单位", notes, cancellationToken);
        items = await ByUnitAsync(items, filter.ResponsibleUnit, ItemUnitRole.Responsible, "责任单位", notes, cancellationToken);
        items = await ByUnitAsync(items, filter.County, null, "县（市、区）", notes, cancellationToken);
        if (filter.Status.Length > 0 && filter.AsOf is { } round)
        {
            items = items.Where(i => db.RoundItemStatuses.Any(s => s.RoundId == round && s.ItemId == i.Id && filter.Status.Contains(s.Status)));
        }
        else if (filter.Status.Length > 0)
        {
            items = items.Where(i => filter.Status.Contains(i.Status));
        }
        if (filter.DeadlineFrom is { } from)
        {
            items = items.Where(i => i.Deadline >= from);
        }
        if (filter.DeadlineTo is { } to)
        {
            items = items.Where(i => i.Deadline <= to);
        }
        if (filter.Overdue)
        {
            items = items.Where(StatusLights.OverdueOn(Today));
        }
        if (filter.Ongoing)
        {
            items = items.Where(i => i.Ongoing);
        }
        if (filter.Instructed)
        {
            items = items.Where(i => i.Instructions.Any());
        }
        if (filter.Supervised)
        {
            items = items.Where(i => db.Supervisions.Any(s => s.ItemId == i.Id && s.ClosedAt == null));
        }
        if (!string.IsNullOrWhiteSpace(filter.Q))
        {
            // LIKE (not strpos) so that PostgreSQL can use the trigram index on the text.
            var pattern = "%" + filter.Q.Trim().Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";
            // The pattern is written into the SQL, not sent as a parameter: PostgreSQL then plans each search for its own
            // words (the trigram index for a rare word) instead of reusing one generic plan for every search.
            items = items.Where(i => EF.Functions.Like(i.Text, EF.Constant(pattern), "\\")
                                     || (i.ShortTitle != null && EF.Functions.Like(i.ShortTitle, EF.Constant(pattern), "\\")));
        }
        if (filter.Light is { } light)
        {
            // The light rules are the costly part: judge them once, on what the other filters left, and let the count,
            // the page and the category groups read the matching ids.
            var lights = await LightsAsync(cancellationToken);
            var matching = await items.Where(lights.Is(light)).Select(i => i.Id).ToListAsync(cancellationToken);
            items = items.Where(i => matching.Contains(i.Id));
        }
        return items;
    }

    private async Task<IQueryable<Item>> ByUnitAsync(IQueryable<Item> items, string? name, ItemUnitRole? role, string label, List<string> notes, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return items;
        }
        var unit = await db.Units.AsNoTracking().FindByNameAsync(name, cancellationToken);
        if (unit is null)
        {
            notes.Add($"{label}“{name.Trim()}”不在单位名录中。");
            return items.Where(_ => false);
        }
        var unitId = unit.Id;
        // The unit is written into the SQL: a generic plan, made for a unit of average size, walks the whole ledger in
        // page order looking for a small unit's items; planned for the unit itself, the database starts from its items.
        return role is { } r
            ? items.Where(i => i.Units.Any(u => u.UnitId == EF.Constant(unitId) && u.Role == r))
            : items.Where(i => i.Units.Any(u => u.UnitId == EF.Constant(unitId)));
    }

    public static string CategoryLabel(string number, string title) =>
        number.Length == 0 ? title : number.StartsWith('（') ? $"{number}{title}" : $"{number}、{title}";
}
