using Zhenxing.Importing.Parsing;

namespace Zhenxing.Importing;

/// <summary>
/// The Office's correction of one item's units, as typed in the preview ("市财政局、市发改委"): it replaces what the
/// document gave, and the item is no longer in doubt about its units.
/// </summary>
/// <param name="ItemKey">The item's key in its list (<see cref="ItemKeys"/>), which a new reading of the document keeps.</param>
public sealed record UnitCorrection(string ListTitle, string ItemKey, string LeadUnits, string ResponsibleUnits)
{
    /// <summary>The names, split and sorted as a table's 牵头单位 and 责任单位 cells are ("各县（市、区）" is a group reference).</summary>
    public CorrectedUnits Read()
    {
        var units = UnitAssignment.Assign([LeadUnits], [ResponsibleUnits], hasLeadColumn: true);
        return new CorrectedUnits(units.Lead, units.Responsible, units.Groups);
    }
}

public sealed record CorrectedUnits(IReadOnlyList<string> Lead, IReadOnlyList<string> Responsible, IReadOnlyList<string> Groups);
