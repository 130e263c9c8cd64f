using Zhenxing.Web.Infrastructure.Office;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Zhenxing.Web.Features.Exports;

/// <summary>
/// The ledger as .xlsx in the official table layout: one sheet per list with its title, declared total, the header
/// 序号 / 事项名称 / 牵头单位 / 责任单位 / 完成时限 / 进展情况 / 状态, and categories as merged heading rows with their
/// counts — the layout the importer reads back. Frozen header, print area, A4 landscape, header row on every page.
/// </summary>
public static class WriteLedgerXlsx
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private const uint TitleStyle = 1;
    private const uint SubtitleStyle = 2;
    private const uint HeaderStyle = 3;
    private const uint CategoryStyle = 4;
    private const uint TextStyle = 5;
    private const uint CenterStyle = 6;

    public static readonly double[] Widths = [6, 50, 16, 22, 12, 40, 12, 14];
    private static readonly bool[] Centered = [true, false, false, false, true, false, true, true];
    private static readonly string LastColumn = Rounds.Sheets.SheetColumns.Letter(LedgerExportData.Columns.Length);

    public static byte[] Write(LedgerExportData data)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            workbook.AddNewPart<WorkbookStylesPart>().Stylesheet = Styles();
            var sheets = new Sheets();
            var names = new DefinedNames();
            var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            var lists = data.Lists.Count > 0 ? data.Lists : [new ExportList(0, "事项台账", null, data.Today.Year, null, [], [])];
            for (var i = 0; i < lists.Count; i++)
            {
                var name = SheetName(lists[i].Title, used);
                var part = workbook.AddNewPart<WorksheetPart>();
                var (headerRow, lastRow) = WriteSheet(part, lists[i], data);
                sheets.Append(new Sheet { Id = workbook.GetIdOfPart(part), SheetId = (uint)i + 1, Name = name });
                var quoted = "'" + name.Replace("'", "''") + "'";
                names.Append(new DefinedName($"{quoted}!$A$1:${LastColumn}${lastRow}") { Name = "_xlnm.Print_Area", LocalSheetId = (uint)i });
                names.Append(new DefinedName($"{quoted}!${headerRow}:${headerRow}") { Name = "_xlnm.Print_Titles", LocalSheetId = (uint)i });
            }
            workbook.Workbook.Append(sheets, names);
            ExportStamp.Write(document, data);
        }
        return stream.ToArray();
    }

    private static (uint HeaderRow, uint LastRow) WriteSheet(WorksheetPart part, ExportList list, LedgerExportData data)
    {
        var rows = new SheetData();
        var merges = new MergeCells();
        uint r = 0;
        void Merged(string text, uint style)
        {
            r++;
            rows.Append(new Row(Enumerable.Range(1, LedgerExportData.Columns.Length).Select(c => CellOf(c, r, c == 1 ? text : "", style))) { RowIndex = r });
            merges.Append(new MergeCell { Reference = $"A{r}:{LastColumn}{r}" });
        }

        Merged(list.Title, TitleStyle);
        if (list.DocumentNumber is { Length: > 0 } number)
        {
            Merged(number, SubtitleStyle);
        }
        if (list.TotalLine is { } total)
        {
            Merged(total, SubtitleStyle);
        }
        var headerRow = ++r;
        rows.Append(new Row(LedgerExportData.Columns.Select((name, c) => CellOf(c + 1, r, name, HeaderStyle))) { RowIndex = r });
        foreach (var line in list.Lines())
        {
            switch (line)
            {
                case ExportLine.Heading heading:
                    Merged(heading.Category.Heading, CategoryStyle);
                    break;
                case ExportLine.Row row:
                    r++;
                    rows.Append(new Row(LedgerExportData.Cells(row.Item).Select((text, c) => CellOf(c + 1, r, text, Centered[c] ? CenterStyle : TextStyle))) { RowIndex = r });
                    break;
            }
        }

        var footer = data.AsOf is { } round ? $"&L时点台账：{round.Name}&C第 &P 页，共 &N 页&R导出日期：{data.Today:yyyy-MM-dd}" : $"&C第 &P 页，共 &N 页&R导出日期：{data.Today:yyyy-MM-dd}";
        part.Worksheet = new Worksheet(
            new SheetProperties(new PageSetupProperties { FitToPage = true }),
            new SheetViews(new SheetView(
                new Pane { VerticalSplit = headerRow, TopLeftCell = $"A{headerRow + 1}", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen },
                new Selection { Pane = PaneValues.BottomLeft, ActiveCell = $"A{headerRow + 1}", SequenceOfReferences = new ListValue<StringValue> { InnerText = $"A{headerRow + 1}" } })
            { WorkbookViewId = 0 }),
            new Columns(Widths.Select((width, i) => new Column { Min = (uint)i + 1, Max = (uint)i + 1, Width = width, CustomWidth = true })),
            rows,
            merges,
            new PrintOptions { HorizontalCentered = true },
            new PageMargins { Left = 0.5, Right = 0.5, Top = 0.6, Bottom = 0.7, Header = 0.3, Footer = 0.3 },
            new PageSetup { PaperSize = 9, Orientation = OrientationValues.Landscape, FitToWidth = 1, FitToHeight = 0 },
            new HeaderFooter(new OddFooter(footer)));
        return (headerRow, r);
    }

    private static Cell CellOf(int column, uint row, string text, uint style)
    {
        var reference = $"{Rounds.Sheets.SheetColumns.Letter(column)}{row}";
        if (text.Length == 0)
        {
            return new Cell { CellReference = reference, StyleIndex = style };
        }
        // Whole numbers (序号) as numbers, so Excel shows no "number stored as text" marks.
        if (column == 1 && style == CenterStyle && int.TryParse(text, out var number) && number.ToString() == text)
        {
            return new Cell { CellReference = reference, StyleIndex = style, DataType = CellValues.Number, CellValue = new CellValue(number) };
        }
        return new Cell
        {
            CellReference = reference, StyleIndex = style, DataType = CellValues.InlineString,
            InlineString = OfficeParts.CellText(text),
        };
    }

    /// <summary>A sheet name Excel accepts: at most 31 characters, none of []:*?/\, unique in the workbook.</summary>
    private static string SheetName(string title, HashSet<string> used)
    {
        var clean = new string(title.Select(c => c is '[' or ']' or ':' or '*' or '?' or '/' or '\\' || char.IsControl(c) ? '_' : c).ToArray()).Trim('\'', ' ');
        clean = clean.Length == 0 ? "事项台账" : clean;
        var name = clean.Length > 31 ? clean[..31] : clean;
        for (var n = 2; !used.Add(name); n++)
        {
            var suffix = $"({n})";
            name = (clean.Length > 31 - suffix.Length ? clean[..(31 - suffix.Length)] : clean) + suffix;
        }
        return name;
    }


    private static Stylesheet Styles()
    {
        CellFormat Format(uint font, uint border, HorizontalAlignmentValues? horizontal, bool wrap) =>
            new(new Alignment { Horizontal = horizontal, Vertical = VerticalAlignmentValues.Center, WrapText = wrap })
            { NumberFormatId = 0, FontId = font, FillId = 0, BorderId = border, FormatId = 0, ApplyFont = true, ApplyBorder = true, ApplyAlignment = true };
        return new Stylesheet(
            OfficeParts.TableFonts(),
            OfficeParts.Fills(),
            OfficeParts.TableBorders(),
            new CellStyleFormats(new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0 }) { Count = 1 },
            new CellFormats(
                new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0 },
                Format(1, 0, HorizontalAlignmentValues.Center, wrap: true),
                Format(0, 0, HorizontalAlignmentValues.Center, wrap: false),
                Format(2, 1, HorizontalAlignmentValues.Center, wrap: true),
                Format(2, 1, HorizontalAlignmentValues.Left, wrap: true),
                Format(0, 1, HorizontalAlignmentValues.Left, wrap: true),
                Format(0, 1, HorizontalAlignmentValues.Center, wrap: true))
            { Count = 7 });
    }
}
