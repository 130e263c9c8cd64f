using Zhenxing.Importing;
using Zhenxing.Web.Features.Units;

namespace Zhenxing.Web.Features.Imports;

/// <summary>A unit name the document uses, and the unit of the directory it means (when one does).</summary>
public sealed record UnitMatch(string Name, int? UnitId, string? UnitName, UnitKind ProposedKind, int Uses)
{
    public bool IsKnown => UnitId is not null;
}

public sealed record ExistingItem(int Id, string Key, string Number, string Text);

public sealed record ChangedItem(ExistingItem Old, ParsedItem New, IReadOnlyList<string> Fields);

/// <summary>
/// A list recognised as the ledger's own export by its rows' 台账编号: each row updates the item it names.
/// </summary>
/// <param name="ItemIds">For each parsed item, in order, the stored item it updates; null for a row added to the file.</param>
/// <param name="Stamped">The file still holds what the export contained, so rows deleted from it can be told from rows it never had.</param>
/// <param name="Untouched">Items of the list the file does not hold and that stay as they are: left out by the export's filter, or any, when the file lost its stamp.</param>
public sealed record ExportMatch(IReadOnlyList<int?> ItemIds, bool Stamped, int Untouched);

/// <summary>One parsed list: new, or a new version of a list already in the ledger with what changed.</summary>
public sealed record ListPlan(ParsedList List, int? ExistingListId, IReadOnlyList<ParsedItem> Added, IReadOnlyList<ExistingItem> Removed, IReadOnlyList<ChangedItem> Changed)
{
    /// <summary>Set when the list is a re-imported export, matched to its items by 台账编号 rather than by title and number.</summary>
    public ExportMatch? FromExport { get; init; }

    /// <summary>The stored list's title, where the file's differs (an edited title of an export).</summary>
    public string? ExistingTitle { get; init; }

    public bool IsNew => ExistingListId is null;
    public bool HasChanges => IsNew || Added.Count + Removed.Count + Changed.Count > 0;
}

public sealed record PairingPlan(int? ExistingSchemeId, IReadOnlyList<(string Unit, string County)> Added, IReadOnlyList<(string Unit, string County)> Removed)
{
    public bool HasChanges => ExistingSchemeId is null || Added.Count + Removed.Count > 0;
}

/// <summary>What confirming an uploaded document would do to the ledger. Nothing is stored by making one.</summary>
public sealed record ImportPlan(
    SourceDocument Document,
    ParsedDocument Parsed,
    SourceDocument? AlreadyImported,
    IReadOnlyList<UnitMatch> Units,
    IReadOnlyList<ListPlan> Lists,
    PairingPlan? Pairings)
{
    private readonly HashSet<string> knownUnitNames = Units.Where(u => u.IsKnown).Select(u => u.Name).ToHashSet();

    public bool HasChanges => Lists.Any(l => l.HasChanges) || Pairings?.HasChanges == true;

    /// <summary>
    /// The errors that stop the import: the parser's, less the declared counts of a re-imported export (the export
    /// writes the counts of what it held; rows deleted or added change them), plus rows whose 台账编号 does not fit.
    /// </summary>
    public IReadOnlyList<ImportMessage> Errors { get; init; } = Parsed.Errors;

    /// <summary>What to check on an item before confirming (待核对); a unit name the directory knows is not doubted.</summary>
    public IReadOnlyList<ItemDoubt> DoubtsOf(ParsedItem item) =>
        item.Doubts.Where(d => d.UnitName is null || !knownUnitNames.Contains(d.UnitName)).ToList();

    /// <summary>How many items are marked 待核对: confirming them needs "我已核对上述待核对事项" ticked.</summary>
    public int DoubtedItemCount => Lists.Sum(l => l.List.Items.Count(i => DoubtsOf(i).Count > 0));

    public bool CanConfirm => Blocker is null;

    /// <summary>Why the preview cannot be confirmed, in Chinese; null when it can.</summary>
    public string? Blocker =>
        Document.ConfirmedAt is not null ? "该文件已确认导入。"
        : AlreadyImported is not null ? $"同一文件已于 {Infrastructure.ChinaTime.Format(AlreadyImported.ConfirmedAt)} 导入（{AlreadyImported.FileName}），不会重复导入。"
        : Errors.Count > 0 ? $"文件中有 {Errors.Count} 处错误，请修正文件后重新上传。"
        : Parsed.Lists.Count == 0 && Parsed.Pairings.Count == 0 ? "文件中没有识别出事项清单或结对名单。"
        : !HasChanges ? "台账中已有与本文件相同的清单，没有需要导入的变化。"
        : null;

    /// <summary>The keys that pair an item of a new version with the stored one (<see cref="Importing.ItemKeys"/>).</summary>
    public static List<string> ItemKeys(IEnumerable<(string CategoryPath, string Number)> items) => Importing.ItemKeys.Of(items);
}
