using Zhenxing.Importing;
using System.Globalization;
using System.IO.Compression;
using System.Xml;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Zhenxing.Web.Features.Rounds.Sheets;

/// <summary>One filled row of an uploaded sheet: its row number and its cells by column name.</summary>
public sealed record SheetRow(int RowNumber, IReadOnlyDictionary<string, string> Cells)
{
    public string this[string column] => Cells.GetValueOrDefault(column, "");
}

/// <param name="Problem">Why the file cannot be read at all; then there are no rows.</param>
/// <param name="Letters">The letter of each official column found in the header, e.g. 进展状态 → H.</param>
public sealed record SheetReading(string? Problem, IReadOnlyDictionary<string, string> Letters, IReadOnlyList<SheetRow> Rows)
{
    public static SheetReading Refused(string problem) => new(problem, new Dictionary<string, string>(), []);
}

/// <summary>
/// Reads a filled reporting sheet: the header row is found by the column names in any order, extra columns and
/// blank rows are ignored. Refuses what is not an .xlsx, a zip that would inflate to far more than a sheet, and XML
/// nested too deep or too long to read (<see cref="OfficePackage"/>).
/// </summary>
public static class ReadReportingSheet
{
    public const long MaxBytes = 2L * 1024 * 1024;
    private const long MaxPartBytes = 32L * 1024 * 1024;
    private const long MaxTotalBytes = 64L * 1024 * 1024;
    private const int MaxEntries = 1000;
    private const int HeaderSearchRows = 20;
    private const int MaxRows = 5000;

    /// <param name="timeLimit">How long reading may take; <see cref="ParseDeadline.DefaultLimit"/> unless given.</param>
    public static SheetReading Run(byte[] content, TimeSpan? timeLimit = null)
    {
        if (content.Length == 0)
        {
            return SheetReading.Refused("文件是空的，没有可读取的内容。");
        }
        if (content.Length > MaxBytes)
        {
            return SheetReading.Refused($"文件有 {content.Length / 1024.0 / 1024.0:0.#} MB，超过报送表上限 {MaxBytes / 1024 / 1024} MB，未读取。");
        }
        if (Inspect(content) is { } refused)
        {
            return SheetReading.Refused(refused);
        }
        var deadline = new ParseDeadline(timeLimit ?? ParseDeadline.DefaultLimit);
        try
        {
            using var opened = OfficePackage.OpenSpreadsheet(content, MaxPartBytes, deadline);
            return opened.Problem is { } problem ? SheetReading.Refused(problem) : Read(opened.Package!, deadline);
        }
        catch (Exception e) when (ParseDeadline.Stopped(e))
        {
            return SheetReading.Refused(deadline.Message);
        }
        catch (Exception e) when (e is OpenXmlPackageException or InvalidDataException or XmlException or IOException or InvalidOperationException)
        {
            return SheetReading.Refused("文件已损坏，无法作为 Excel 表格（.xlsx）读取。");
        }
    }

    /// <summary>Decides from the zip's central directory alone, before anything is inflated.</summary>
    private static string? Inspect(byte[] content)
    {
        const string notExcel = "该文件不是 Excel 表格（.xlsx）。请上传从本系统下载并填写的报送表；旧版 .xls 或 WPS 表格请先另存为 .xlsx。";
        var inspection = OfficeZip.Inspect(content, MaxPartBytes, MaxTotalBytes);
        return inspection.Kind switch
        {
            OfficeZipKind.TooManyEntries => $"文件内部包含 {inspection.Entries} 个部件，不像报送表，已拒绝读取。",
            _ when inspection.Entries > MaxEntries => $"文件内部包含 {inspection.Entries} 个部件，不像报送表，已拒绝读取。",
            OfficeZipKind.TooLarge => $"文件内部部件“{inspection.Entry}”解压后过大（{inspection.EntryBytes / 1024 / 1024} MB），疑似压缩炸弹，已拒绝读取。",
            OfficeZipKind.Corrupt => "文件已损坏，无法作为 Excel 表格（.xlsx）读取。",
            OfficeZipKind.Xlsx => null,
            _ => notExcel,
        };
    }

    private static SheetReading Read(SpreadsheetDocument document, ParseDeadline deadline)
    {
        var workbook = document.WorkbookPart;
        var strings = workbook?.SharedStringTablePart?.SharedStringTable?.Elements<SharedStringItem>().Select(TextOf).ToArray() ?? [];
        foreach (var sheet in workbook?.Workbook?.Sheets?.Elements<Sheet>() ?? [])
        {
            if (sheet.Id?.Value is not { } id || workbook!.GetPartById(id) is not WorksheetPart { Worksheet: { } worksheet })
            {
                continue;
            }
            var number = 0;
            var rows = new List<(int Number, Dictionary<int, string> Cells)>();
            foreach (var row in worksheet.Descendants<Row>())
            {
                deadline.ThrowIfExpired();
                number = (int?)row.RowIndex?.Value ?? number + 1;
                rows.Add((number, CellsOf(row, strings)));
            }
            var header = rows.Take(HeaderSearchRows).Select(r => (r.Number, Columns: HeaderColumns(r.Cells))).FirstOrDefault(h => h.Columns is not null);
            if (header.Columns is not { } columns)
            {
                continue;
            }
            var letters = columns.ToDictionary(c => c.Key, c => SheetColumns.Letter(c.Value));
            var filled = rows.Where(r => r.Number > header.Number)
                .Select(r => new SheetRow(r.Number, columns.ToDictionary(c => c.Key, c => r.Cells.GetValueOrDefault(c.Value, ""))))
                .Where(r => r.Cells.Values.Any(v => v.Length > 0))
                .ToList();
            return filled.Count switch
            {
                0 => SheetReading.Refused($"工作表“{sheet.Name?.Value}”在表头之下没有任何事项行。"),
                > MaxRows => SheetReading.Refused($"工作表“{sheet.Name?.Value}”有 {filled.Count} 行，超过报送表上限 {MaxRows} 行，请分成几个文件上传。"),
                _ => new SheetReading(null, letters, filled),
            };
        }
        return SheetReading.Refused($"未找到报送表的表头：表格第一行应包含“{string.Join("”“", SheetColumns.Required)}”等列。请使用从本系统下载的报送表填写。");
    }

    /// <summary>The column number of each official column, when the row has at least the required ones.</summary>
    private static Dictionary<string, int>? HeaderColumns(Dictionary<int, string> cells)
    {
        var columns = new Dictionary<string, int>();
        foreach (var (column, text) in cells.OrderBy(c => c.Key))
        {
            var name = string.Concat(text.Where(c => !char.IsWhiteSpace(c)));
            if (SheetColumns.All.Contains(name))
            {
                columns.TryAdd(name, column);
            }
        }
        return SheetColumns.Required.All(columns.ContainsKey) ? columns : null;
    }

    private static Dictionary<int, string> CellsOf(Row row, string[] strings)
    {
        var cells = new Dictionary<int, string>();
        foreach (var cell in row.Elements<Cell>())
        {
            var column = SheetColumns.ColumnOf(cell.CellReference?.Value) ?? (cells.Count == 0 ? 1 : cells.Keys.Max() + 1);
            cells[column] = TextOf(cell, strings).Replace("\r\n", "\n").Trim();
        }
        return cells;
    }

    private static string TextOf(Cell cell, string[] strings)
    {
        var raw = cell.CellValue?.Text ?? "";
        var type = cell.DataType?.Value;
        if (type == CellValues.SharedString)
        {
            return int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < strings.Length ? strings[index] : "";
        }
        if (type == CellValues.InlineString)
        {
            return cell.InlineString is { } inline ? TextOf(inline) : "";
        }
        return raw;
    }

    // Phonetic guides (rPh) are not part of the text.
    private static string TextOf(RstType text) =>
        text.Text?.Text ?? string.Concat(text.Elements<Run>().Select(r => r.Text?.Text));
}
