using Microsoft.EntityFrameworkCore;
using Zhenxing.Importing;
using Zhenxing.Web.Data;
using Zhenxing.Web.Features.Items;
using Zhenxing.Web.Features.Pairings;
using PairingScheme = Zhenxing.Web.Features.Pairings.PairingScheme;
using Zhenxing.Web.Features.Units;

namespace Zhenxing.Web.Features.Imports;

/// <summary>For a unit name the directory does not know: create it with a kind, or take it as another name of an existing unit.</summary>
public sealed record UnitDecision(UnitKind? CreateAs, string? MapTo);

public sealed record ImportSummary(
    IReadOnlyList<int> ListIds,
    int ListsCreated,
    int ListsUpdated,
    int ItemsAdded,
    int ItemsChanged,
    int ItemsWithdrawn,
    IReadOnlyList<string> UnitsCreated,
    int AliasesAdded,
    int PairingsAdded,
    int PairingsRemoved)
{
    public override string ToString() =>
        $"新建清单 {ListsCreated} 个、更新清单 {ListsUpdated} 个；新增事项 {ItemsAdded} 项、修改 {ItemsChanged} 项、撤销 {ItemsWithdrawn} 项；"
        + $"新建单位 {UnitsCreated.Count} 个、增加简称 {AliasesAdded} 个；新增结对 {PairingsAdded} 个、删除结对 {PairingsRemoved} 个。";
}

/// <summary>A list that an imported document gave, to link to.</summary>
public sealed record ImportedList(int Id, string Title);

public abstract record ImportOutcome
{
    public sealed record Confirmed(ImportSummary Summary) : ImportOutcome;

    public sealed record Refused(IReadOnlyList<string> Problems) : ImportOutcome
    {
        /// <summary>When the file was imported already: the lists it gave.</summary>
        public IReadOnlyList<ImportedList> ImportedLists { get; init; } = [];
    }
}

/// <summary>
/// Stores what a previewed document holds — units, lists, categories, items, pairings — in one transaction,
/// after planning it again against the ledger as it is now. Either all of it is stored or none.
/// </summary>
public sealed class ConfirmImport(ZhenxingDb db, PlanImport planner, TimeProvider clock)
{
    /// <param name="previewedVersion">The upload's version the preview showed: when its reading choices changed since, the confirmation is refused.</param>
    public async Task<ImportOutcome> RunAsync(int documentId, IReadOnlyDictionary<string, UnitDecision> decisions, CancellationToken cancellationToken, int? previewedVersion = null)
    {
        var document = await db.SourceDocuments.SingleOrDefaultAsync(d => d.Id == documentId, cancellationToken);
        if (document is null)
        {
            return new ImportOutcome.Refused(["上传的文件不存在或已取消，请重新上传。"]);
        }
        var plan = await planner.RunAsync(document, cancellationToken);
        if (plan.Blocker is { } blocker)
        {
            // This upload or another of the same file may have been confirmed, before or while this one was planned.
            return await AlreadyConfirmedAsync(document.Sha256, cancellationToken) ?? new ImportOutcome.Refused([blocker]);
        }
        if (previewedVersion is { } previewed && previewed != document.Version)
        {
            return new ImportOutcome.Refused([StalePreview]);
        }

        var (mapped, problems) = await ResolveMappingsAsync(plan, decisions, cancellationToken);
        if (problems.Count > 0)
        {
            return new ImportOutcome.Refused(problems);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Claimed first, and by the database, not by what was read above: the update is conditional on the version read
        // (a second confirmation of this upload finds it changed), and the file's hash goes under a unique index (an
        // upload of the same file confirmed at the same moment collides with it). The loser waits for the winner's
        // commit and fails here, before it has written anything.
        document.ConfirmedAt = clock.GetUtcNow();
        document.ConfirmedSha256 = document.Sha256;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception)
        {
            await transaction.RollbackAsync(cancellationToken);
            db.ChangeTracker.Clear();
            if (await AlreadyConfirmedAsync(document.Sha256, cancellationToken) is { } refused)
            {
                return refused;
            }
            if (exception is DbUpdateConcurrencyException)
            {
                // The reading choices changed between the plan above and this claim.
                return new ImportOutcome.Refused([StalePreview]);
            }
            throw;
        }

        try
        {
            var unitIds = await StoreUnitsAsync(plan, decisions, mapped, cancellationToken);
            var summary = new SummaryBuilder { UnitsCreated = unitIds.Created, AliasesAdded = unitIds.Aliases };
            foreach (var listPlan in plan.Lists.Where(l => l.HasChanges))
            {
                if (listPlan.IsNew)
                {
                    await CreateListAsync(listPlan.List, document, unitIds.ByName, summary, cancellationToken);
                }
                else
                {
                    await UpdateListAsync(listPlan, document, unitIds.ByName, summary, cancellationToken);
                }
            }
            await db.SaveChangesAsync(cancellationToken);
            if (plan.Pairings is { HasChanges: true } pairings)
            {
                await StorePairingsAsync(plan, pairings, document, unitIds.ByName, summary, cancellationToken);
            }
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);

            // The new lists' ids are known only after the save.
            return new ImportOutcome.Confirmed(summary.Build(await ListIdsAsync(document.Id, summary.ListIds, cancellationToken)));
        }
        catch (DbUpdateConcurrencyException)
        {
            return new ImportOutcome.Refused(["台账中的清单刚被他人修改，本次导入未保存。请刷新预览后重新确认。"]);
        }
    }

    private const string StalePreview = "预览已过期：这份文件的读取方式或单位更正在预览显示后又被修改（可能在另一个窗口），未导入。请查看刷新后的预览，核对后再确认导入。";

    /// <summary>The refusal for a file whose content is imported already (by any upload of it), with its lists; null when it is not.</summary>
    private async Task<ImportOutcome.Refused?> AlreadyConfirmedAsync(string sha256, CancellationToken cancellationToken)
    {
        var confirmed = await db.SourceDocuments.AsNoTracking()
            .Where(d => d.Sha256 == sha256 && d.ConfirmedAt != null).Select(d => d.Id).ToListAsync(cancellationToken);
        if (confirmed.Count == 0)
        {
            return null;
        }
        var lists = await db.ItemLists.AsNoTracking()
            .Where(l => l.SourceDocumentId != null && confirmed.Contains(l.SourceDocumentId.Value))
            .OrderBy(l => l.Id).Select(l => new ImportedList(l.Id, l.Title)).ToListAsync(cancellationToken);
        return new ImportOutcome.Refused(["该文件已确认导入，请勿重复确认。"]) { ImportedLists = lists };
    }

    private async Task<(Dictionary<string, int> Mapped, List<string> Problems)> ResolveMappingsAsync(
        ImportPlan plan, IReadOnlyDictionary<string, UnitDecision> decisions, CancellationToken cancellationToken)
    {
        var mapped = new Dictionary<string, int>();
        var problems = new List<string>();
        foreach (var unknown in plan.Units.Where(u => !u.IsKnown))
        {
            if (decisions.GetValueOrDefault(unknown.Name) is { MapTo: { Length: > 0 } target })
            {
                var unit = await db.Units.FindByNameAsync(target, cancellationToken);
                if (unit is null)
                {
                    problems.Add($"“{unknown.Name}”要对应的单位“{target}”不在单位名录中。");
                }
                else
                {
                    mapped[unknown.Name] = unit.Id;
                }
            }
        }
        return (mapped, problems);
    }

    private async Task<(Dictionary<string, int> ByName, List<string> Created, int Aliases)> StoreUnitsAsync(
        ImportPlan plan, IReadOnlyDictionary<string, UnitDecision> decisions, Dictionary<string, int> mapped, CancellationToken cancellationToken)
    {
        var byName = plan.Units.Where(u => u.IsKnown).ToDictionary(u => u.Name, u => u.UnitId!.Value);
        // Keyed by the document's wording: a renamed county is created once, under its current name.
        var created = new Dictionary<string, Unit>();
        foreach (var unknown in plan.Units.Where(u => !u.IsKnown))
        {
            if (mapped.TryGetValue(unknown.Name, out var targetId))
            {
                // The document's wording becomes an alias, so the next import resolves it by itself.
                db.UnitAliases.Add(new UnitAlias { UnitId = targetId, Name = unknown.Name });
                byName[unknown.Name] = targetId;
                continue;
            }
            var kind = decisions.GetValueOrDefault(unknown.Name)?.CreateAs ?? unknown.ProposedKind;
            var name = kind == UnitKind.County ? CountyRenames.Current(unknown.Name) : unknown.Name;
            if (created.Values.FirstOrDefault(u => u.Name == name) is not { } unit)
            {
                unit = new Unit { Name = name, Kind = kind };
                if (kind == UnitKind.County)
                {
                    var formerNames = CountyRenames.FormerNames(name);
                    var taken = await db.UnitAliases.Where(a => formerNames.Contains(a.Name)).Select(a => a.Name)
                        .Concat(db.Units.Where(u => formerNames.Contains(u.Name)).Select(u => u.Name)).ToListAsync(cancellationToken);
                    unit.Aliases.AddRange(formerNames.Except(taken).Select(former => new UnitAlias { Name = former }));
                }
                db.Units.Add(unit);
            }
            created[unknown.Name] = unit;
        }
        await db.SaveChangesAsync(cancellationToken);
        foreach (var (documentName, unit) in created)
        {
            byName[documentName] = unit.Id;
        }

        // A county new to the directory hangs under its city, as the pairing list groups it.
        foreach (var pairing in plan.Parsed.Pairings)
        {
            if (created.TryGetValue(pairing.County, out var county) && county.ParentId is null)
            {
                county.ParentId = byName[pairing.City];
            }
        }
        return (byName, created.Values.Select(u => u.Name).Distinct().ToList(), mapped.Count);
    }

    /// <summary>
    /// The list and its categories are saved first, for their ids; its items and their units then go in all at once
    /// (<see cref="ZhenxingDb.AddManyAsync"/>), audited as any save: an issued list has thousands of items.
    /// </summary>
    private async Task CreateListAsync(ParsedList parsed, SourceDocument document, Dictionary<string, int> unitIds, SummaryBuilder summary, CancellationToken cancellationToken)
    {
        var list = new ItemList
        {
            Title = parsed.Title,
            DocumentNumber = parsed.DocumentNumber,
            Year = parsed.Year ?? document.Year ?? clock.GetUtcNow().Year,
            Kind = parsed.Kind,
            DeclaredTotal = parsed.DeclaredTotal,
            SourceDocumentId = document.Id,
        };
        var categories = new Dictionary<string, Category>();
        AddCategories(list, parsed.Categories, null, categories);
        db.ItemLists.Add(list);
        await db.SaveChangesAsync(cancellationToken);

        var items = new List<(Item Item, List<ItemUnit> Units)>(parsed.Items.Count);
        for (var i = 0; i < parsed.Items.Count; i++)
        {
            var item = new Item { Number = "", Text = "", ItemListId = list.Id };
            Fill(item, parsed.Items[i], i, categories, unitIds);
            // The keys, not the navigations, are what is written; the units follow once the items have their ids.
            item.CategoryId = item.Category?.Id;
            item.Category = null;
            items.Add((item, item.Units));
            item.Units = [];
        }
        await db.AddManyAsync(items.Select(i => i.Item).ToList(), i => i.Id, cancellationToken);
        foreach (var (item, units) in items)
        {
            units.ForEach(u => u.ItemId = item.Id);
        }
        await db.AddManyAsync(items.SelectMany(i => i.Units).ToList(), u => u.ItemId, cancellationToken);
        summary.ListsCreated++;
        summary.ItemsAdded += parsed.Items.Count;
    }

    private async Task UpdateListAsync(ListPlan plan, SourceDocument document, Dictionary<string, int> unitIds, SummaryBuilder summary, CancellationToken cancellationToken)
    {
        if (plan.FromExport is { } match)
        {
            await UpdateFromExportAsync(plan, match, document, unitIds, summary, cancellationToken);
            return;
        }
        var list = await db.ItemLists
            .Include(l => l.Categories)
            .Include(l => l.Items.Where(i => i.WithdrawnAt == null)).ThenInclude(i => i.Units)
            .SingleAsync(l => l.Id == plan.ExistingListId, cancellationToken);
        list.DeclaredTotal = plan.List.DeclaredTotal;
        list.SourceDocumentId = document.Id;

        var categories = list.Categories.ToDictionary(c => c.Path);
        AddCategories(list, plan.List.Categories, null, categories);

        var stored = list.Items.OrderBy(i => i.Position).ToList();
        var storedKeys = ImportPlan.ItemKeys(stored.Select(i => (i.Category?.Path ?? "", i.Number)));
        var items = stored.Select((item, index) => (item, key: storedKeys[index])).ToDictionary(p => p.key, p => p.item);
        var parsedKeys = ImportPlan.ItemKeys(plan.List.Items.Select(i => (i.CategoryPath, i.Number)));
        var changed = plan.Changed.Select(c => c.Old.Key).ToHashSet();
        var removed = plan.Removed.Select(r => r.Key).ToHashSet();
        var now = clock.GetUtcNow();
        for (var position = 0; position < plan.List.Items.Count; position++)
        {
            var parsed = plan.List.Items[position];
            var key = parsedKeys[position];
            if (!items.TryGetValue(key, out var item))
            {
                item = new Item { Number = "", Text = "" };
                list.Items.Add(item);
                Fill(item, parsed, position, categories, unitIds);
                summary.ItemsAdded++;
            }
            else if (changed.Contains(key))
            {
                Fill(item, parsed, position, categories, unitIds);
                summary.ItemsChanged++;
            }
            else
            {
                item.Position = position;
            }
        }
        foreach (var key in removed)
        {
            items[key].WithdrawnAt = now;
            items[key].WithdrawnReason = $"新版文件（{document.FileName}）中已无此项，导入时撤销。";
            summary.ItemsWithdrawn++;
        }
        summary.ListsUpdated++;
        summary.ListIds.Add(list.Id);
    }

    /// <summary>
    /// A re-imported export changes the items its rows name, by id, and nothing else of the list: not its title, document,
    /// declared counts or categories (the file's are the view's), nor an item's category, place or source location (a
    /// re-sorted sheet is not an edit). Added rows go last, under the category heading above them.
    /// </summary>
    private async Task UpdateFromExportAsync(ListPlan plan, ExportMatch match, SourceDocument document, Dictionary<string, int> unitIds, SummaryBuilder summary, CancellationToken cancellationToken)
    {
        var list = await db.ItemLists
            .Include(l => l.Categories)
            .Include(l => l.Items.Where(i => i.WithdrawnAt == null)).ThenInclude(i => i.Units)
            .SingleAsync(l => l.Id == plan.ExistingListId, cancellationToken);
        var categories = list.Categories.ToDictionary(c => c.Path);
        AddCategories(list, plan.List.Categories, null, categories, keepExisting: true);
        var items = list.Items.ToDictionary(i => i.Id);
        var changed = plan.Changed.Select(c => c.Old.Id).ToHashSet();
        var next = list.Items.Count == 0 ? 0 : list.Items.Max(i => i.Position) + 1;
        for (var index = 0; index < plan.List.Items.Count; index++)
        {
            var parsed = plan.List.Items[index];
            if (match.ItemIds[index] is not { } id)
            {
                var added = new Item { Number = "", Text = "" };
                list.Items.Add(added);
                Fill(added, parsed, next++, categories, unitIds);
                summary.ItemsAdded++;
            }
            else if (changed.Contains(id))
            {
                var item = items[id];
                var (position, category, location, shortTitle) = (item.Position, item.Category, item.SourceLocation, item.ShortTitle);
                Fill(item, parsed, position, categories, unitIds);
                (item.Category, item.SourceLocation, item.ShortTitle) = (category, location, parsed.ShortTitle ?? shortTitle);
                summary.ItemsChanged++;
            }
        }
        var now = clock.GetUtcNow();
        foreach (var removed in plan.Removed)
        {
            items[removed.Id].WithdrawnAt = now;
            items[removed.Id].WithdrawnReason = $"重新导入的台账导出文件（{document.FileName}）中已删去此项，导入时撤销。";
            summary.ItemsWithdrawn++;
        }
        summary.ListsUpdated++;
        summary.ListIds.Add(list.Id);
    }

    private static void AddCategories(ItemList list, IReadOnlyList<ParsedCategory> parsed, Category? parent, Dictionary<string, Category> byPath, bool keepExisting = false)
    {
        for (var i = 0; i < parsed.Count; i++)
        {
            var source = parsed[i];
            if (!byPath.TryGetValue(source.Path, out var category))
            {
                category = new Category { Number = source.Number, Title = source.Title, Path = source.Path, Parent = parent, Position = list.Categories.Count };
                list.Categories.Add(category);
                byPath[source.Path] = category;
            }
            else if (keepExisting)
            {
                AddCategories(list, source.Children, category, byPath, keepExisting);
                continue;
            }
            category.Title = source.Title;
            category.DeclaredCount = source.DeclaredCount;
            category.Position = keepExisting ? category.Position : i;
            AddCategories(list, source.Children, category, byPath, keepExisting);
        }
    }

    private static void Fill(Item item, ParsedItem parsed, int position, Dictionary<string, Category> categories, Dictionary<string, int> unitIds)
    {
        item.Position = position;
        item.Number = parsed.Number;
        item.ShortTitle = parsed.ShortTitle;
        item.Text = parsed.Text;
        item.Category = parsed.CategoryPath.Length > 0 ? categories[parsed.CategoryPath] : null;
        item.Deadline = parsed.Deadline;
        item.DeadlineText = parsed.DeadlineText;
        item.Ongoing = parsed.Ongoing;
        item.GroupReferences = PlanImport.JoinOrNull(parsed.GroupReferences);
        item.Leaders = PlanImport.JoinOrNull(parsed.Leaders);
        item.SourceLocation = parsed.Location.ToString();
        item.Units.Clear();
        AddUnits(item, parsed.LedgerLeadUnits, ItemUnitRole.Lead, unitIds);
        AddUnits(item, parsed.LedgerResponsibleUnits, ItemUnitRole.Responsible, unitIds);
    }

    private static void AddUnits(Item item, IReadOnlyList<string> names, ItemUnitRole role, Dictionary<string, int> unitIds)
    {
        foreach (var unitId in names.Select(n => unitIds[n]).Distinct())
        {
            item.Units.Add(new ItemUnit { UnitId = unitId, Role = role, Position = item.Units.Count });
        }
    }

    private async Task StorePairingsAsync(ImportPlan plan, PairingPlan pairings, SourceDocument document, Dictionary<string, int> unitIds, SummaryBuilder summary, CancellationToken cancellationToken)
    {
        var parsed = plan.Parsed;
        PairingScheme scheme;
        if (pairings.ExistingSchemeId is { } existingId)
        {
            scheme = await db.PairingSchemes.Include(s => s.Pairings).SingleAsync(s => s.Id == existingId, cancellationToken);
            scheme.SourceDocumentId = document.Id;
            var removed = pairings.Removed.Select(p => (unitIds.GetValueOrDefault(p.Unit), unitIds.GetValueOrDefault(p.County))).ToHashSet();
            var gone = scheme.Pairings.Where(p => p.Role == PairingRole.Supporting && removed.Contains((p.SupportingUnitId, p.CountyUnitId ?? 0))).ToList();
            foreach (var pairing in gone)
            {
                scheme.Pairings.Remove(pairing);
                db.Pairings.Remove(pairing);
            }
            summary.PairingsRemoved += gone.Count;
        }
        else
        {
            var year = parsed.Lists.FirstOrDefault()?.Year ?? clock.GetUtcNow().Year;
            scheme = new PairingScheme
            {
                Title = PlanImport.SchemeTitle(parsed),
                DocumentNumber = parsed.PairingScheme?.DocumentNumber,
                StartYear = parsed.PairingScheme?.PeriodStartYear ?? year,
                EndYear = parsed.PairingScheme?.PeriodEndYear ?? year,
                SourceDocumentId = document.Id,
            };
            db.PairingSchemes.Add(scheme);
            foreach (var coordinator in parsed.CoordinatingUnits.Distinct())
            {
                scheme.Pairings.Add(new Pairing { SupportingUnitId = unitIds[coordinator], Role = PairingRole.Coordinating });
            }
        }

        var canonicalAdded = pairings.Added.ToHashSet();
        var names = await db.Units.AsNoTracking().Where(u => unitIds.Values.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, cancellationToken);
        foreach (var (unit, county, source) in PlanImport.ParsedPairs(parsed))
        {
            var (unitId, countyId) = (unitIds[unit], unitIds[county]);
            if (!canonicalAdded.Remove((names[unitId], names[countyId])))
            {
                continue;
            }
            scheme.Pairings.Add(new Pairing
            {
                SupportingUnitId = unitId,
                CountyUnitId = countyId,
                CountyNote = source.CountyNote,
                City = source.City,
                Role = PairingRole.Supporting,
            });
            summary.PairingsAdded++;
        }
    }

    private async Task<List<int>> ListIdsAsync(int documentId, List<int> updatedIds, CancellationToken cancellationToken) =>
        await db.ItemLists.AsNoTracking()
            .Where(l => l.SourceDocumentId == documentId || updatedIds.Contains(l.Id))
            .OrderBy(l => l.Id).Select(l => l.Id).ToListAsync(cancellationToken);

    private sealed class SummaryBuilder
    {
        public List<int> ListIds { get; } = [];
        public int ListsCreated { get; set; }
        public int ListsUpdated { get; set; }
        public int ItemsAdded { get; set; }
        public int ItemsChanged { get; set; }
        public int ItemsWithdrawn { get; set; }
        public List<string> UnitsCreated { get; init; } = [];
        public int AliasesAdded { get; init; }
        public int PairingsAdded { get; set; }
        public int PairingsRemoved { get; set; }

        public ImportSummary Build(List<int> listIds) =>
            new(listIds, ListsCreated, ListsUpdated, ItemsAdded, ItemsChanged, ItemsWithdrawn, UnitsCreated, AliasesAdded, PairingsAdded, PairingsRemoved);
    }
}
