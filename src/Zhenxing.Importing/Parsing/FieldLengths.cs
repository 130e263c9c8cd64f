using Zhenxing.Importing.Reading;

namespace Zhenxing.Importing.Parsing;

/// <summary>
/// Text longer than the ledger takes (<see cref="LedgerFieldLimits"/>) is an error naming its row: a cell before the
/// lines are parsed, every field of the parsed lists after. Nothing is cut short, nothing is silently dropped.
/// </summary>
internal static class FieldLengths
{
    /// <returns>The lines, with every line that has an over-long cell blanked (it is not read; the error names it).</returns>
    public static IReadOnlyList<SourceLine> CheckCells(IReadOnlyList<SourceLine> lines, ImportMessages messages)
    {
        List<SourceLine>? checkedLines = null;
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            var tooLong = false;
            for (var c = 0; c < line.Cells.Count; c++)
            {
                var length = line.Cells[c].Length;
                if (length <= LedgerFieldLimits.Cell)
                {
                    continue;
                }
                tooLong = true;
                var (at, what) = line.Cells.Count > 1 ? (line.Location.WithColumn(c + 1), "该单元格") : (line.Location, "该行");
                messages.Error(at, $"{what}有 {length} 字，超过导入上限 {LedgerFieldLimits.Cell} 字（事项内容最多 {LedgerFieldLimits.ItemText} 字），整行未读取");
            }
            if (tooLong)
            {
                checkedLines ??= [.. lines];
                checkedLines[i] = new SourceLine([""], line.Location);
            }
        }
        return checkedLines ?? lines;
    }

    public static void Check(ParsedList list, ImportMessages messages)
    {
        Over(list.Title, LedgerFieldLimits.ListTitle, "清单标题", list.Location, messages);
        Over(list.DocumentNumber, LedgerFieldLimits.DocumentNumber, "文号", list.Location, messages);
        foreach (var category in list.AllCategories())
        {
            Over(category.Number, LedgerFieldLimits.CategoryNumber, "类别编号", category.Location, messages);
            Over(category.Title, LedgerFieldLimits.CategoryTitle, "类别名称", category.Location, messages);
            Over(category.Path, LedgerFieldLimits.CategoryPath, "类别层级（各级编号连起来）", category.Location, messages);
        }
        foreach (var item in list.Items)
        {
            Over(item.Number, LedgerFieldLimits.ItemNumber, "序号", item.Location, messages);
            Over(item.ShortTitle, LedgerFieldLimits.ShortTitle, "简称", item.Location, messages);
            Over(item.Text, LedgerFieldLimits.ItemText, "事项内容", item.Location, messages);
            Over(item.DeadlineText, LedgerFieldLimits.DeadlineText, "完成时限", item.Location, messages);
            Over(string.Join("、", item.GroupReferences), LedgerFieldLimits.GroupReferences, "责任单位中的泛指部分（如“各县（市、区）”）", item.Location, messages);
            Over(string.Join("、", item.Leaders), LedgerFieldLimits.Leaders, "责任领导", item.Location, messages);
            foreach (var unit in item.LeadUnits.Concat(item.ResponsibleUnits))
            {
                Over(unit, LedgerFieldLimits.UnitName, "单位名称", item.Location, messages);
            }
        }
    }

    public static void Check(IEnumerable<ParsedPairing> pairings, ImportMessages messages)
    {
        foreach (var pairing in pairings)
        {
            foreach (var unit in pairing.SupportingUnits.Append(pairing.County).Append(pairing.City))
            {
                Over(unit, LedgerFieldLimits.UnitName, "单位名称", pairing.Location, messages);
            }
        }
    }

    private static void Over(string? text, int limit, string field, ImportLocation location, ImportMessages messages)
    {
        if (text is { Length: var length } && length > limit)
        {
            messages.Error(location, $"{field}“{(length > 20 ? text[..20] + "…" : text)}”有 {length} 字，超过上限 {limit} 字");
        }
    }
}
