using Zhenxing.Importing.Reading;

namespace Zhenxing.Importing.Parsing;

/// <summary>Applies the Office's corrections of items' units (<see cref="ImportOptions.UnitCorrections"/>) to what the document gave.</summary>
internal static class UnitCorrections
{
    public static void Apply(IReadOnlyList<ParsedList> lists, IReadOnlyList<UnitCorrection> corrections, ImportMessages messages)
    {
        foreach (var correction in corrections)
        {
            var list = lists.FirstOrDefault(l => l.Title == correction.ListTitle);
            var index = list is null ? -1 : ItemKeys.Of(list).IndexOf(correction.ItemKey);
            if (index < 0)
            {
                // Reading the document another way may have dropped the item: say so rather than lose the correction quietly.
                messages.Warn(new ImportLocation(1), $"对“{correction.ListTitle}”{correction.ItemKey.Replace('|', ' ')} 的单位更正没有找到对应事项，未应用");
                continue;
            }
            var units = correction.Read();
            list!.ReplaceItem(index, list.Items[index] with
            {
                LeadUnits = units.Lead,
                ResponsibleUnits = units.Responsible,
                LeadByPosition = false,
                GroupReferences = units.Groups,
                // Every doubt the importer raises is about an item's units, which the Office has now stated.
                Doubts = [],
                UnitsCorrected = true,
            });
        }
    }
}
