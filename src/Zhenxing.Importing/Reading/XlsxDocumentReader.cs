using System.Globalization;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Zhenxing.Importing.Reading;

/// <summary>Each sheet row becomes a line of cells, aligned by column letter; date cells become yyyy-MM-dd.</summary>
internal sealed class XlsxDocumentReader(long maxBytes, ParseDeadline deadline) : IDocumentReader
{
    public IReadOnlyList<SourceLine> Read(byte[] content, ImportMessages messages)
    {
        using var opened = OfficePackage.OpenSpreadsheet(content, ZipGuard.MaxEntryBytes(maxBytes), deadline);
        var lines = new List<SourceLine>();
        if (opened.Problem is { } problem)
        {
            messages.Error(new ImportLocation(1), problem);
            return lines;
        }
        var workbook = opened.Package!.WorkbookPart;
        if (workbook?.Workbook?.Sheets is null)
        {
            messages.Error(new ImportLocation(1), "Excel 文档没有工作表");
            return lines;
        }
        var strings = workbook.SharedStringTablePart?.SharedStringTable?.Elements<SharedStringItem>().Select(i => i.InnerText).ToArray() ?? [];
        var dateStyles = DateStyleIndexes(workbook);
        var tableIndex = 0;
        foreach (var sheet in workbook.Workbook.Sheets.Elements<Sheet>())
        {
            if (sheet.Id?.Value is not { } id || workbook.GetPartById(id) is not WorksheetPart part || part.Worksheet is null)
            {
                continue;
            }
            tableIndex++;
            var name = sheet.Name?.Value ?? $"Sheet{tableIndex}";
            var ranges = MergedRanges(part.Worksheet);
            var values = new Dictionary<(int Row, int Column), string>();
            foreach (var row in part.Worksheet.Descendants<Row>())
            {
                deadline.ThrowIfExpired();
                var rowNumber = (int)(row.RowIndex?.Value ?? (uint)(lines.Count + 1));
                var cells = new List<string>();
                foreach (var cell in row.Elements<Cell>())
                {
                    var column = ColumnOf(cell.CellReference?.Value) ?? cells.Count + 1;
                    while (cells.Count < column - 1)
                    {
                        cells.Add("");
                    }
                    cells.Add(CellText(cell, strings, dateStyles).Trim());
                    if (ranges.Count > 0)
                    {
                        values[(rowNumber, column)] = cells[^1];
                    }
                }
                // A range merged over several rows applies its top cell to each of them (one spanning columns fills the first only).
                var merged = new HashSet<int>();
                foreach (var (top, left, bottom, _) in ranges.Where(r => r.Top < rowNumber && rowNumber <= r.Bottom))
                {
                    while (cells.Count < left)
                    {
                        cells.Add("");
                    }
                    cells[left - 1] = values.GetValueOrDefault((top, left), "");
                    merged.Add(left - 1);
                }
                lines.Add(new SourceLine(cells.Count == 0 ? [""] : cells, new ImportLocation(lines.Count + 1, tableIndex, rowNumber, Sheet: name), FromTable: true, merged.Count > 0 ? merged : null));
            }
            lines.Add(new SourceLine([""], new ImportLocation(lines.Count + 1)));
        }
        return lines;
    }

    private static string CellText(Cell cell, string[] strings, HashSet<uint> dateStyles)
    {
        var raw = cell.CellValue?.Text ?? "";
        var type = cell.DataType?.Value;
        if (type == CellValues.SharedString)
        {
            return int.TryParse(raw, out var index) && index >= 0 && index < strings.Length ? strings[index] : "";
        }
        if (type == CellValues.InlineString)
        {
            return cell.InlineString?.InnerText ?? "";
        }
        if (type == CellValues.Boolean)
        {
            return raw == "1" ? "是" : "否";
        }
        if ((type is null || type == CellValues.Number) && cell.StyleIndex?.Value is { } style && dateStyles.Contains(style)
            && double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var serial) && serial is > 0 and < 2958465)
        {
            return DateTime.FromOADate(serial).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        }
        return raw;
    }

    private static HashSet<uint> DateStyleIndexes(WorkbookPart workbook)
    {
        var result = new HashSet<uint>();
        var stylesheet = workbook.WorkbookStylesPart?.Stylesheet;
        var formats = stylesheet?.CellFormats?.Elements<CellFormat>().ToList();
        if (formats is null)
        {
            return result;
        }
        var custom = stylesheet!.NumberingFormats?.Elements<NumberingFormat>()
            .Where(f => f.NumberFormatId?.Value is not null)
            .ToDictionary(f => f.NumberFormatId!.Value, f => f.FormatCode?.Value ?? "") ?? [];
        for (var i = 0; i < formats.Count; i++)
        {
            var id = formats[i].NumberFormatId?.Value ?? 0;
            var isDate = id is >= 14 and <= 22 or >= 45 and <= 47 or >= 27 and <= 36 or >= 50 and <= 58
                || (custom.TryGetValue(id, out var code) && code.IndexOfAny(['y', 'd', '年', '日']) >= 0 && !code.Contains('#'));
            if (isDate)
            {
                result.Add((uint)i);
            }
        }
        return result;
    }

    private static List<(int Top, int Left, int Bottom, int Right)> MergedRanges(Worksheet worksheet)
    {
        var ranges = new List<(int, int, int, int)>();
        foreach (var merge in worksheet.Elements<MergeCells>().SelectMany(m => m.Elements<MergeCell>()))
        {
            var ends = merge.Reference?.Value?.Split(':');
            if (ends is [var from, var to] && ColumnOf(from) is { } left && ColumnOf(to) is { } right && RowOf(from) is { } top && RowOf(to) is { } bottom && bottom > top)
            {
                ranges.Add((top, left, bottom, right));
            }
        }
        return ranges;
    }

    private static int? RowOf(string reference) =>
        int.TryParse(new string(reference.SkipWhile(c => c is >= 'A' and <= 'Z' or '$').ToArray()), NumberStyles.None, CultureInfo.InvariantCulture, out var row) ? row : null;

    private static int? ColumnOf(string? reference)
    {
        if (string.IsNullOrEmpty(reference))
        {
            return null;
        }
        var column = 0;
        foreach (var c in reference)
        {
            if (c is < 'A' or > 'Z')
            {
                break;
            }
            column = column * 26 + (c - 'A' + 1);
        }
        return column == 0 ? null : column;
    }
}
