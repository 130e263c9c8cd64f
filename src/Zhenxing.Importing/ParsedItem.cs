namespace Zhenxing.Importing;

public sealed record ParsedItem
{
    /// <summary>Path of the category the item sits in, e.g. "三/（一）"; empty when the list has no categories.</summary>
    public required string CategoryPath { get; init; }
    /// <summary>Number (or, unnumbered, title) of the innermost category: "（一）" for "三/（一）".</summary>
    public string CategoryNumber => CategoryPath.Split('/')[^1];
    public required string Number { get; init; }
    public string? ShortTitle { get; init; }
    public required string Text { get; init; }
    public IReadOnlyList<string> LeadUnits { get; init; } = [];
    public IReadOnlyList<string> ResponsibleUnits { get; init; } = [];
    /// <summary>
    /// The document lists only 责任单位 and says nothing of a lead: <see cref="LeadUnits"/> stays empty as printed, and the
    /// ledger, where every item has a lead, takes the first 责任单位 (an item 待核对 until the Office has looked).
    /// </summary>
    public bool LeadByPosition { get; init; }
    /// <summary>The lead units the ledger stores: <see cref="LeadUnits"/>, or the first 责任单位 when <see cref="LeadByPosition"/>.</summary>
    public IReadOnlyList<string> LedgerLeadUnits => TakesLeadByPosition ? [ResponsibleUnits[0]] : LeadUnits;
    /// <summary>The responsible units the ledger stores: <see cref="ResponsibleUnits"/> without the one taken as lead.</summary>
    public IReadOnlyList<string> LedgerResponsibleUnits => TakesLeadByPosition ? ResponsibleUnits.Skip(1).ToList() : ResponsibleUnits;
    private bool TakesLeadByPosition => LeadByPosition && LeadUnits.Count == 0 && ResponsibleUnits.Count > 0;
    /// <summary>Placeholders such as "区直各部门" or "各县（市、区）": not units, kept so nothing is dropped.</summary>
    public IReadOnlyList<string> GroupReferences { get; init; } = [];
    /// <summary>Named leaders (责任领导), when the document gives them.</summary>
    public IReadOnlyList<string> Leaders { get; init; } = [];
    /// <summary>Cells of columns the ledger has no field for (备注, 对口支援单位 …), by header name, so nothing is dropped.</summary>
    public IReadOnlyDictionary<string, string> OtherCells { get; init; } = new Dictionary<string, string>();
    public DateOnly? Deadline { get; init; }
    public string? DeadlineText { get; init; }
    public bool Ongoing { get; init; }
    public required ImportLocation Location { get; init; }
    /// <summary>What the importer is not sure of for this item (待核对): a unit name that does not look like an organisation, a guessed lead.</summary>
    public IReadOnlyList<ItemDoubt> Doubts { get; init; } = [];
    /// <summary>The units are the Office's correction (<see cref="ImportOptions.UnitCorrections"/>), not what the document gave.</summary>
    public bool UnitsCorrected { get; init; }
}
