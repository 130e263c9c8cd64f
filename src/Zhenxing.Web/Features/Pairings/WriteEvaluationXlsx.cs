using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Zhenxing.Web.Features.Exports;
using Zhenxing.Web.Features.Rounds.Sheets;
using Zhenxing.Web.Infrastructure.Office;

namespace Zhenxing.Web.Features.Pairings;

/// <summary>The evaluation as .xlsx: a sheet per pairing and a sheet per county, a title row, the header, a total row.</summary>
public static class WriteEvaluationXlsx
{
    public static readonly string[] Columns =
        ["结对", "所属市", "赴部委对接（批次）", "领导来调研（人次）", "其中主要负责同志", "出台方案/计划", "挂职干部（在岗）", "座谈会", "争取政策", "争取项目", "争取资金（万元）", "动态合计"];
    private static readonly double[] Widths = [34, 10, 12, 12, 12, 12, 12, 10, 10, 10, 14, 10];

    private const uint TitleStyle = 1;
    private const uint HeaderStyle = 2;
    private const uint TextStyle = 3;
    private const uint MoneyStyle = 4;
    private const uint WholeStyle = 5;

    public static string FileName(PairingEvaluationResult result) => $"对口支援工作成效评估-{result.From:yyyyMMdd}-{result.To:yyyyMMdd}.xlsx";

    public static byte[] Write(PairingEvaluationResult result)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            workbook.AddNewPart<WorkbookStylesPart>().Stylesheet = Styles();
            var sheets = new Sheets();
            var title = $"对口支援工作成效评估（{result.From:yyyy年M月d日}至{result.To:yyyy年M月d日}）";
            AddSheet(workbook, sheets, 1, "按结对", title + "·按结对", "结对（支援单位—受援县）", result.Pairings, result.Total);
            AddSheet(workbook, sheets, 2, "按受援县", title + "·按受援县", "受援县（市、区）", result.Counties, result.Total);
            workbook.Workbook.Append(sheets);
        }
        return stream.ToArray();
    }

    private static void AddSheet(WorkbookPart workbook, Sheets sheets, uint id, string name, string title, string firstColumn, IReadOnlyList<EvaluationRow> rows, EvaluationRow total)
    {
        var part = workbook.AddNewPart<WorksheetPart>();
        var last = SheetColumns.Letter(Columns.Length);
        var data = new SheetData(
            new Row(Columns.Select((_, c) => Text(c + 1, 1, c == 0 ? title : "", TitleStyle))) { RowIndex = 1 },
            new Row(Columns.Select((column, c) => Text(c + 1, 2, c == 0 ? firstColumn : column, HeaderStyle))) { RowIndex = 2 });
        uint r = 2;
        foreach (var row in rows.Append(total))
        {
            r++;
            var label = row.Detail is null ? row.Name : $"{row.Name}（{row.Detail}）";
            data.Append(new Row(
                Text(1, r, label, TextStyle),
                Text(2, r, row.City, TextStyle),
                Number(3, r, row.Visits, WholeStyle),
                Number(4, r, row.ResearchVisits, WholeStyle),
                Number(5, r, row.PrincipalResearchVisits, WholeStyle),
                Number(6, r, row.Plans, WholeStyle),
                Number(7, r, row.CadresInPost, WholeStyle),
                Number(8, r, row.Symposiums, WholeStyle),
                Number(9, r, row.Policies, WholeStyle),
                Number(10, r, row.Projects, WholeStyle),
                Number(11, r, row.Funds, MoneyStyle),
                Number(12, r, row.Activities, WholeStyle)) { RowIndex = r });
        }
        part.Worksheet = new Worksheet(
            new SheetViews(new SheetView(new Pane { VerticalSplit = 2, TopLeftCell = "A3", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen }) { WorkbookViewId = 0 }),
            new Columns(Widths.Select((width, i) => new Column { Min = (uint)i + 1, Max = (uint)i + 1, Width = width, CustomWidth = true })),
            data,
            new MergeCells(new MergeCell { Reference = $"A1:{last}1" }),
            new PageMargins { Left = 0.5, Right = 0.5, Top = 0.6, Bottom = 0.7, Header = 0.3, Footer = 0.3 },
            new PageSetup { PaperSize = 9, Orientation = OrientationValues.Landscape });
        sheets.Append(new Sheet { Id = workbook.GetIdOfPart(part), SheetId = id, Name = name });
    }

    private static Cell Text(int column, uint row, string text, uint style) => text.Length == 0
        ? new Cell { CellReference = $"{SheetColumns.Letter(column)}{row}", StyleIndex = style }
        : new Cell
        {
            CellReference = $"{SheetColumns.Letter(column)}{row}", StyleIndex = style, DataType = CellValues.InlineString,
            InlineString = new InlineString(new Text(OfficeParts.XmlSafe(text)) { Space = SpaceProcessingModeValues.Preserve }),
        };

    // The division drops trailing zeros a database may keep (1500.0 → 1500).
    private static Cell Number(int column, uint row, decimal value, uint style) =>
        new() { CellReference = $"{SheetColumns.Letter(column)}{row}", StyleIndex = style, DataType = CellValues.Number, CellValue = new CellValue(value / 1.000000000000000000000000000000000m) };

    private static Stylesheet Styles()
    {
        CellFormat Format(uint numberFormat, uint font, uint border, HorizontalAlignmentValues horizontal) =>
            new(new Alignment { Horizontal = horizontal, Vertical = VerticalAlignmentValues.Center, WrapText = true })
            { NumberFormatId = numberFormat, FontId = font, FillId = 0, BorderId = border, FormatId = 0, ApplyNumberFormat = true, ApplyFont = true, ApplyBorder = true, ApplyAlignment = true };
        return new Stylesheet(
            new NumberingFormats(new NumberingFormat { NumberFormatId = 164, FormatCode = "0.00" }) { Count = 1 },
            OfficeParts.TableFonts(),
            OfficeParts.Fills(),
            OfficeParts.TableBorders(),
            new CellStyleFormats(new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0 }) { Count = 1 },
            new CellFormats(
                new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0 },
                Format(0, 1, 0, HorizontalAlignmentValues.Center),
                Format(0, 2, 1, HorizontalAlignmentValues.Center),
                Format(0, 0, 1, HorizontalAlignmentValues.Left),
                Format(164, 0, 1, HorizontalAlignmentValues.Right),
                Format(1, 0, 1, HorizontalAlignmentValues.Center))
            { Count = 6 });
    }

    public static string ContentType => WriteLedgerXlsx.ContentType;
}
