using Microsoft.EntityFrameworkCore;
using Zhenxing.Importing;
using Zhenxing.Web.Data;
using Zhenxing.Web.Features.Exports;
using Zhenxing.Web.Features.Items;
using Zhenxing.Web.Features.Pairings;
using Zhenxing.Web.Features.Units;

namespace Zhenxing.Web.Features.Imports;

/// <summary>
/// Parses an uploaded document and compares it with the ledger: which unit names are known, which lists
/// are new, and for a list already imported what a new version adds, removes and changes. Reads only.
/// </summary>
public sealed class PlanImport(ZhenxingDb db, ParsedDocuments documents)
{
    public async Task<ImportPlan> RunAsync(SourceDocument document, CancellationToken cancellationToken)
    {
        var parsed = documents.Parse(document);
        var alreadyImported = await db.SourceDocuments.AsNoTracking()
            .Where(d => d.Sha256 == document.Sha256 && d.ConfirmedAt != null && d.Id != document.Id)
            .OrderBy(d => d.Id)
            .FirstOrDefaultAsync(cancellationToken);

        var units = await MatchUnitsAsync(parsed, cancellationToken);
        var canonical = units.ToDictionary(u => u.Name, u => u.UnitName ?? u.Name);
        var lists = new List<ListPlan>();
        var errors = parsed.Errors.ToList();
        var stamp = parsed.Lists.Any(l => l.Items.Any(i => Reference(i) is not null)) ? ExportStamp.Read(document.Content) : null;
        foreach (var list in parsed.Lists)
        {
            lists.Add(list.Items.Any(i => Reference(i) is not null) && await PlanExportedListAsync(list, stamp, canonical, errors, cancellationToken) is { } exported
                ? exported
                : await PlanListAsync(list, canonical, cancellationToken));
        }
        foreach (var twice in lists.Where(l => l.FromExport is not null).GroupBy(l => l.ExistingListId).Where(g => g.Key is not null && g.Count() > 1))
        {
            var second = twice.ElementAt(1).List;
            errors.Add(new ImportMessage(second.Location,
                $"“{second.Title}”与“{twice.First().List.Title}”的台账编号指向台账中的同一清单：请把同一清单的行放在一张表中。"));
        }
        var pairings = parsed.Pairings.Count > 0 ? await PlanPairingsAsync(parsed, canonical, cancellationToken) : null;
        return new ImportPlan(document, parsed, alreadyImported, units, lists, pairings) { Errors = errors };
    }

    /// <summary>The 台账编号 of a row of a re-imported export, in whichever column the office left it (headers get renamed).</summary>
    internal static (int ListId, int ItemId)? Reference(ParsedItem item) =>
        item.OtherCells.Values.Select(LedgerReference.TryParse).FirstOrDefault(r => r is not null);

    /// <summary>
    /// A list of the ledger's own export (.xlsx/.docx from /ledger), edited by an office: the list is the one its rows'
    /// 台账编号 name, whatever its title or document number now say; each row updates the item it names, wherever the row
    /// was moved (its category and place in the list stay: sorting a sheet is not an edit); a row without one is added;
    /// an item the export held and the file no longer does is withdrawn, one the export's filter left out is not touched.
    /// The counts the export wrote are the view's, not the document's: they neither block the import nor change the list.
    /// </summary>
    /// <remarks>
    /// Null when the numbers are not this ledger's (an export of another installation, or imported into an empty ledger):
    /// the list they name must exist and agree with the file in its title, its document number or most rows' texts;
    /// the list is then planned by title and document number as any document is.
    /// </remarks>
    private async Task<ListPlan?> PlanExportedListAsync(ParsedList list, ExportStamp? stamp, Dictionary<string, string> canonical, List<ImportMessage> errors, CancellationToken cancellationToken)
    {
        var references = list.Items.Select(Reference).ToList();
        var listId = references.Where(r => r is not null).GroupBy(r => r!.Value.ListId).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).First().Key;
        var stored = await db.ItemLists.AsNoTracking().Where(l => l.Id == listId).Select(l => new { l.Title, l.DocumentNumber }).SingleOrDefaultAsync(cancellationToken);
        if (stored is null)
        {
            return null;
        }
        var title = stored.Title;

        var existing = (await db.Items.AsNoTracking()
            .Where(i => i.ItemListId == listId)
            .Select(i => new
            {
                i.Id, i.Number, i.Text, i.DeadlineText, i.Deadline, i.Ongoing, i.GroupReferences, i.WithdrawnAt,
                Units = i.Units.OrderBy(u => u.Position).Select(u => new { u.Role, u.Unit!.Name }).ToList(),
            })
            .ToListAsync(cancellationToken))
            .Select(i => new StoredItem(i.Id, i.Number, i.Text, i.DeadlineText, i.Deadline, i.Ongoing, i.GroupReferences, i.WithdrawnAt,
                i.Units.Where(u => u.Role == ItemUnitRole.Lead).Select(u => u.Name).ToList(),
                i.Units.Where(u => u.Role == ItemUnitRole.Responsible).Select(u => u.Name).ToList()))
            .ToDictionary(i => i.Id);
        var sameTexts = list.Items.Where((item, i) => references[i] is { } r && r.ListId == listId && existing.GetValueOrDefault(r.ItemId)?.Text == item.Text).Count();
        if (stored.Title != list.Title && (stored.DocumentNumber is null || stored.DocumentNumber != list.DocumentNumber)
            && sameTexts * 2 < references.Count(r => r?.ListId == listId))
        {
            return null;
        }
        var countLocations = list.AllCategoryLocations().Append(list.Location).ToHashSet();
        errors.RemoveAll(e => countLocations.Contains(e.Location) && e.Message.Contains("实际识别", StringComparison.Ordinal));
        var exported = stamp?.Lists.GetValueOrDefault(listId);

        var itemIds = new List<int?>();
        var added = new List<ParsedItem>();
        var changed = new List<ChangedItem>();
        var rows = new Dictionary<int, ImportLocation>();
        for (var index = 0; index < list.Items.Count; index++)
        {
            var item = list.Items[index];
            itemIds.Add(null);
            if (references[index] is not { } reference)
            {
                added.Add(item);
                continue;
            }
            var label = LedgerReference.Format(reference.ListId, reference.ItemId);
            string? problem = null;
            if (reference.ListId != listId)
            {
                problem = $"台账编号 {label} 是另一清单的事项，不属于“{title}”：请把这一行移回它所在清单的表中；若要作为本清单的新事项，请清空台账编号。";
            }
            else if (!existing.TryGetValue(reference.ItemId, out var old))
            {
                problem = $"台账编号 {label} 不是清单“{title}”中的事项（台账中没有这一编号）：请核对这一行的台账编号；新增的事项请留空台账编号。";
            }
            else if (old.WithdrawnAt is not null)
            {
                problem = $"台账编号 {label} 的事项已撤销，不能再修改：请删去这一行，或清空台账编号作为新事项导入。";
            }
            else if (!rows.TryAdd(old.Id, item.Location))
            {
                problem = $"台账编号 {label} 与 {rows[old.Id]} 重复：一个事项在文件中只能有一行。";
            }
            else
            {
                var fields = ChangedFields(old, item, canonical);
                // Changed in the ledger since the export: a row the file left as exported keeps the ledger's version;
                // a row the file changed too cannot be merged without overwriting someone's change.
                if (fields.Count > 0 && exported?.GetValueOrDefault(old.Id) is { } fingerprint && fingerprint != old.Fingerprint)
                {
                    if (FileFingerprint(item, canonical) == fingerprint)
                    {
                        fields.Clear();
                    }
                    else
                    {
                        problem = $"台账编号 {label}：导出这个文件之后，台账中的这一事项已被修改，文件中的这一行又与台账不同。为免覆盖他人的修改，这一行不能导入：请重新导出后再修改。";
                    }
                }
                if (problem is null)
                {
                    itemIds[index] = old.Id;
                    if (fields.Count > 0)
                    {
                        changed.Add(new ChangedItem(new ExistingItem(old.Id, label, old.Number, old.Text), item, fields));
                    }
                }
            }
            if (problem is not null)
            {
                errors.Add(new ImportMessage(item.Location, problem));
            }
        }

        var missing = existing.Values.Where(i => i.WithdrawnAt is null && !rows.ContainsKey(i.Id)).ToList();
        var deleted = exported is null ? [] : missing.Where(i => exported.ContainsKey(i.Id)).ToList();
        // As for a changed row: an item the ledger changed since the export is not withdrawn on a stale file's word.
        foreach (var item in deleted.Where(i => exported![i.Id] != i.Fingerprint))
        {
            errors.Add(new ImportMessage(list.Location,
                $"台账编号 {LedgerReference.Format(listId, item.Id)}（{item.Number} {Shorten(item.Text)}）的行已从文件中删去，但导出这个文件之后台账中的这一事项已被修改。为免误撤销，请重新导出后再删去这一行。"));
        }
        var removed = deleted.Where(i => exported![i.Id] == i.Fingerprint)
            .Select(i => new ExistingItem(i.Id, LedgerReference.Format(listId, i.Id), i.Number, i.Text)).ToList();
        return new ListPlan(list, listId, added, removed, changed)
        {
            FromExport = new ExportMatch(itemIds, exported is not null, missing.Count - deleted.Count),
            ExistingTitle = title == list.Title ? null : title,
        };
    }

    private sealed record StoredItem(
        int Id, string Number, string Text, string? DeadlineText, DateOnly? Deadline, bool Ongoing, string? GroupReferences,
        DateTimeOffset? WithdrawnAt, List<string> Lead, List<string> Responsible)
    {
        /// <summary>As the export computes it from the ledger: equal to the stamp's when the item is as it was exported.</summary>
        public string Fingerprint => LedgerReference.Fingerprint(Number, Text, string.Join("、", Lead),
            LedgerExportData.ResponsibleCell(Responsible, GroupReferences), LedgerExportData.DeadlineCell(DeadlineText, Deadline, Ongoing));
    }

    private static string Shorten(string text) => text.Length <= 20 ? text : text[..20] + "…";

    /// <summary>The row's fingerprint as the export computes it, from what the file now says.</summary>
    private static string FileFingerprint(ParsedItem item, Dictionary<string, string> canonical) =>
        LedgerReference.Fingerprint(item.Number, item.Text, string.Join("、", item.LedgerLeadUnits.Select(n => canonical[n]).Distinct()),
            LedgerExportData.ResponsibleCell(item.LedgerResponsibleUnits.Select(n => canonical[n]).Distinct(), JoinOrNull(item.GroupReferences)),
            LedgerExportData.DeadlineCell(item.DeadlineText, item.Deadline, item.Ongoing));

    private static List<string> ChangedFields(StoredItem old, ParsedItem item, Dictionary<string, string> canonical)
    {
        var fields = new List<string>();
        if (old.Number != item.Number)
        {
            fields.Add("序号");
        }
        // The export writes the text without the short title (工作要点's "一是…"), which stays as stored.
        if (old.Text != item.Text)
        {
            fields.Add("事项内容");
        }
        if (!old.Lead.SequenceEqual(item.LedgerLeadUnits.Select(n => canonical[n]).Distinct()))
        {
            fields.Add("牵头单位");
        }
        if (!old.Responsible.SequenceEqual(item.LedgerResponsibleUnits.Select(n => canonical[n]).Distinct()) || old.GroupReferences != JoinOrNull(item.GroupReferences))
        {
            fields.Add("责任单位");
        }
        if (old.DeadlineText != item.DeadlineText)
        {
            fields.Add("完成时限");
        }
        return fields;
    }

    /// <summary>Every unit name the document uses, with how often, the unit it resolves to, and a kind for a new one.</summary>
    private async Task<List<UnitMatch>> MatchUnitsAsync(ParsedDocument parsed, CancellationToken cancellationToken)
    {
        var uses = new Dictionary<string, (int Count, UnitKind Kind)>();
        void Use(string name, UnitKind? kind = null)
        {
            var (count, existingKind) = uses.GetValueOrDefault(name, (0, kind ?? UnitKinds.Guess(name)));
            uses[name] = (count + 1, existingKind);
        }

        foreach (var item in parsed.Lists.SelectMany(l => l.Items))
        {
            foreach (var name in item.LeadUnits.Concat(item.ResponsibleUnits))
            {
                Use(name);
            }
        }
        foreach (var pairing in parsed.Pairings)
        {
            Use(pairing.City, UnitKind.Other);
            Use(pairing.County, UnitKind.County);
            foreach (var unit in pairing.SupportingUnits)
            {
                Use(unit, UnitKind.CentralUnit);
            }
        }
        foreach (var unit in parsed.CoordinatingUnits)
        {
            Use(unit, UnitKind.CentralUnit);
        }

        // A renamed county (龙南县 → 龙南市) is looked up under each of its names.
        var names = uses.Keys.SelectMany(CountyRenames.AllNames).Distinct().ToList();
        var byName = await db.Units.AsNoTracking().Where(u => names.Contains(u.Name))
            .Select(u => new { u.Name, u.Id }).ToDictionaryAsync(u => u.Name, cancellationToken);
        var byAlias = await db.UnitAliases.AsNoTracking().Where(a => names.Contains(a.Name))
            .Join(db.Units, a => a.UnitId, u => u.Id, (a, u) => new { Alias = a.Name, u.Id, u.Name })
            .ToDictionaryAsync(a => a.Alias, cancellationToken);

        return uses.Select(pair =>
            {
                var (name, (count, kind)) = (pair.Key, pair.Value);
                foreach (var candidate in name.Equals(CountyRenames.Current(name)) ? CountyRenames.AllNames(name) : [name, .. CountyRenames.AllNames(name)])
                {
                    if (byName.TryGetValue(candidate, out var unit))
                    {
                        return new UnitMatch(name, unit.Id, unit.Name, kind, count);
                    }
                    if (byAlias.TryGetValue(candidate, out var alias))
                    {
                        return new UnitMatch(name, alias.Id, alias.Name, kind, count);
                    }
                }
                return new UnitMatch(name, null, null, kind, count);
            })
            .ToList();
    }

    private async Task<ListPlan> PlanListAsync(ParsedList list, Dictionary<string, string> canonical, CancellationToken cancellationToken)
    {
        var existingId = await db.ItemLists.AsNoTracking()
            .Where(l => l.Title == list.Title && l.DocumentNumber == list.DocumentNumber)
            .Select(l => (int?)l.Id)
            .FirstOrDefaultAsync(cancellationToken);
        if (existingId is null)
        {
            return new ListPlan(list, null, list.Items, [], []);
        }

        var existing = await db.Items.AsNoTracking()
            .Where(i => i.ItemListId == existingId && i.WithdrawnAt == null)
            .OrderBy(i => i.Position)
            .Select(i => new
            {
                i.Id, i.Number, i.ShortTitle, i.Text, i.DeadlineText, i.GroupReferences,
                CategoryPath = i.Category == null ? "" : i.Category.Path,
                Units = i.Units.OrderBy(u => u.Position).Select(u => new { u.Role, u.Unit!.Name }).ToList(),
            })
            .ToListAsync(cancellationToken);
        var existingKeys = ImportPlan.ItemKeys(existing.Select(i => (i.CategoryPath, i.Number)));
        var byKey = existing.Select((item, index) => (item, key: existingKeys[index])).ToDictionary(p => p.key, p => p.item);
        var parsedKeys = ImportPlan.ItemKeys(list.Items.Select(i => (i.CategoryPath, i.Number)));

        var added = new List<ParsedItem>();
        var changed = new List<ChangedItem>();
        for (var index = 0; index < list.Items.Count; index++)
        {
            var item = list.Items[index];
            var key = parsedKeys[index];
            if (!byKey.Remove(key, out var old))
            {
                added.Add(item);
                continue;
            }
            var fields = new List<string>();
            if (old.Text != item.Text || old.ShortTitle != item.ShortTitle)
            {
                fields.Add("事项内容");
            }
            if (!old.Units.Where(u => u.Role == ItemUnitRole.Lead).Select(u => u.Name).SequenceEqual(item.LedgerLeadUnits.Select(n => canonical[n]).Distinct()))
            {
                fields.Add("牵头单位");
            }
            if (!old.Units.Where(u => u.Role == ItemUnitRole.Responsible).Select(u => u.Name).SequenceEqual(item.LedgerResponsibleUnits.Select(n => canonical[n]).Distinct())
                || old.GroupReferences != JoinOrNull(item.GroupReferences))
            {
                fields.Add("责任单位");
            }
            if (old.DeadlineText != item.DeadlineText)
            {
                fields.Add("完成时限");
            }
            if (fields.Count > 0)
            {
                changed.Add(new ChangedItem(new ExistingItem(old.Id, key, old.Number, old.Text), item, fields));
            }
        }
        // What is left was in the stored version only.
        var removed = byKey.Select(p => new ExistingItem(p.Value.Id, p.Key, p.Value.Number, p.Value.Text)).ToList();
        return new ListPlan(list, existingId, added, removed, changed);
    }

    private async Task<PairingPlan> PlanPairingsAsync(ParsedDocument parsed, Dictionary<string, string> canonical, CancellationToken cancellationToken)
    {
        var documentNumber = parsed.PairingScheme?.DocumentNumber;
        var title = SchemeTitle(parsed);
        var schemeId = await db.PairingSchemes.AsNoTracking()
            .Where(s => documentNumber != null ? s.DocumentNumber == documentNumber : s.Title == title)
            .Select(s => (int?)s.Id)
            .FirstOrDefaultAsync(cancellationToken);

        var wanted = ParsedPairs(parsed).Select(p => (canonical[p.Unit], canonical[p.County])).ToHashSet();
        if (schemeId is null)
        {
            return new PairingPlan(null, wanted.ToList(), []);
        }
        var stored = (await db.Pairings.AsNoTracking()
                .Where(p => p.SchemeId == schemeId && p.Role == PairingRole.Supporting)
                .Select(p => new { Unit = p.SupportingUnit!.Name, County = p.County!.Name })
                .ToListAsync(cancellationToken))
            .Select(p => (p.Unit, p.County))
            .ToHashSet();
        return new PairingPlan(schemeId, wanted.Except(stored).ToList(), stored.Except(wanted).ToList());
    }

    internal static IEnumerable<(string Unit, string County, ParsedPairing Pairing)> ParsedPairs(ParsedDocument parsed) =>
        parsed.Pairings.SelectMany(p => p.SupportingUnits.Select(u => (u, p.County, p)));

    internal static string SchemeTitle(ParsedDocument parsed) =>
        parsed.PairingScheme?.Title ?? Path.GetFileNameWithoutExtension(parsed.FileName);

    internal static string? JoinOrNull(IReadOnlyList<string> values) => values.Count == 0 ? null : string.Join("、", values);
}
