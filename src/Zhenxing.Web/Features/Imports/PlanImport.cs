using Microsoft.EntityFrameworkCore;
using Zhenxing.Importing;
using Zhenxing.Web.Data;
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
        foreach (var list in parsed.Lists)
        {
            lists.Add(await PlanListAsync(list, canonical, cancellationToken));
        }
        var pairings = parsed.Pairings.Count > 0 ? await PlanPairingsAsync(parsed, canonical, cancellationToken) : null;
        return new ImportPlan(document, parsed, alreadyImported, units, lists, pairings);
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
            if (!old.Units.Where(u => u.Role == ItemUnitRole.Lead).Select(u => u.Name).SequenceEqual(item.LeadUnits.Select(n => canonical[n]).Distinct()))
            {
                fields.Add("牵头单位");
            }
            if (!old.Units.Where(u => u.Role == ItemUnitRole.Responsible).Select(u => u.Name).SequenceEqual(item.ResponsibleUnits.Select(n => canonical[n]).Distinct())
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
