using System.Text.RegularExpressions;

namespace Zhenxing.Importing.Parsing;

/// <param name="LeadByPosition">The document names only 责任单位 and no lead, and states no rule that the first listed leads: the units stay
/// 责任单位 as printed, and the ledger takes the first as lead (<see cref="ParsedItem.LedgerLeadUnits"/>), marked 待核对.</param>
internal sealed partial record UnitAssignment(IReadOnlyList<string> Lead, IReadOnlyList<string> Responsible, IReadOnlyList<string> Groups, bool LeadByPosition = false)
{
    /// <summary>
    /// Applies the office conventions: "办公室牵头，各科室配合" or "X会同有关部门负责" in one cell names the lead and the others;
    /// "（X负责）" with one unit makes X the lead; when only 责任单位 is given, the first unit listed leads by the document's
    /// rule ("列第一位者为牵头单位", <paramref name="firstListedLeads"/>); without one they all stay 责任单位 (<see cref="LeadByPosition"/>).
    /// </summary>
    public static UnitAssignment Assign(IEnumerable<string> leadCells, IEnumerable<string> responsibleCells, bool hasLeadColumn, bool firstListedLeads = false)
    {
        var lead = new List<string>();
        var responsible = new List<string>();
        var groups = new List<string>();
        foreach (var cell in leadCells)
        {
            Read(cell, lead, lead, responsible, groups);
        }
        foreach (var cell in responsibleCells)
        {
            Read(cell, responsible, lead, responsible, groups);
        }
        var byPosition = !hasLeadColumn && lead.Count == 0 && responsible.Count > 0;
        if (firstListedLeads && lead.Count == 0 && responsible.Count > 0)
        {
            lead.Add(responsible[0]);
            responsible.RemoveAt(0);
        }
        return new UnitAssignment(
            lead.Distinct().ToList(),
            responsible.Distinct().Where(u => !lead.Contains(u)).ToList(),
            groups.Distinct().ToList(),
            byPosition && !firstListedLeads);
    }

    private static void Read(string cell, List<string> target, List<string> lead, List<string> responsible, List<string> groups)
    {
        var joined = cell.Replace("\n", "、");
        var plain = TextPatterns.PlainClause(joined);
        var normalized = UnitNames.Normalize(plain);
        var m = LeadsPattern().Match(normalized);
        if (m.Success && !normalized.Contains("（牵头"))
        {
            Add(m.Groups["lead"].Value, lead, groups);
            Add(m.Groups["rest"].Value, responsible, groups);
        }
        else if (TextPatterns.IsDutyClause(joined) && UnitNames.Split(plain) is { Count: 1 } sole && !UnitNames.IsGroupReference(sole[0]))
        {
            // "（市财政局负责）": the one unit named is the item's owner.
            lead.Add(sole[0]);
        }
        else
        {
            Add(plain, target, groups, lead);
        }
    }

    private static void Add(string cell, List<string> target, List<string> groups, List<string>? lead = null)
    {
        foreach (var name in UnitNames.Split(cell))
        {
            // "市发改委（牵头）" marks the lead inside a list of units.
            if (LeadMarkPattern().Match(name) is { Success: true } marked && lead is not null)
            {
                lead.Add(marked.Groups["unit"].Value);
                continue;
            }
            (UnitNames.IsGroupReference(name) ? groups : target).Add(name);
        }
    }

    [GeneratedRegex(@"^(?<unit>.+?)（(牵头|牵头单位|主责)）$")]
    private static partial Regex LeadMarkPattern();

    [GeneratedRegex(@"^(?<lead>.+?)(牵头(负责)?|会同)[，,；;、]?(?<rest>.*?)(配合|参与|协助|协同|参加|共同负责|负责)?$")]
    private static partial Regex LeadsPattern();
}
