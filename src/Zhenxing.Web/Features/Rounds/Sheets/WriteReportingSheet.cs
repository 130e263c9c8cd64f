using Zhenxing.Web.Infrastructure.Office;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.EntityFrameworkCore;
using Zhenxing.Web.Data;
using Zhenxing.Web.Features.Items;

namespace Zhenxing.Web.Features.Rounds.Sheets;

public sealed record SheetFile(string FileName, byte[] Content)
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
}

/// <summary>
/// The reporting sheet (报送表) of a round as .xlsx: one row per report owed, for one unit or for all, with the
/// text of reports already saved, so that a unit can fill it in Excel and upload it again.
/// </summary>
public sealed class WriteReportingSheet(ZhenxingDb db, RoundObligations obligations)
{
    private const uint HeaderStyle = 1;
    private const uint TextStyle = 2;
    private const uint KeyStyle = 3;
    private static readonly double[] Widths = [9, 18, 7, 42, 14, 7, 12, 14, 50, 30, 16];

    /// <returns>null when the round does not exist.</returns>
    public async Task<SheetFile?> RunAsync(int roundId, int? unitId, CancellationToken cancellationToken)
    {
        var roundName = await db.ReportingRounds.AsNoTracking().Where(r => r.Id == roundId).Select(r => r.Name).SingleOrDefaultAsync(cancellationToken);
        var unitName = unitId is null ? "全部单位" : await db.Units.AsNoTracking().Where(u => u.Id == unitId).Select(u => u.Name).SingleOrDefaultAsync(cancellationToken);
        if (roundName is null || unitName is null)
        {
            return null;
        }
        var owed = await obligations.QueryAsync(roundId, unitId, openOnly: false, cancellationToken);
        var itemIds = owed.Select(o => o.ItemId).Distinct().ToList();
        var items = await db.Items.AsNoTracking().Where(i => itemIds.Contains(i.Id))
            .Select(i => new { i.Id, List = i.ItemList!.Title, i.Deadline, i.DeadlineText, i.Ongoing })
            .ToDictionaryAsync(i => i.Id, cancellationToken);
        var reportIds = owed.Where(o => o.ReportId is not null).Select(o => o.ReportId!.Value).ToList();
        var reports = await db.ProgressReports.AsNoTracking().Where(p => reportIds.Contains(p.Id))
            .Select(p => new { p.Id, p.Problems, p.Figures })
            .ToDictionaryAsync(p => p.Id, cancellationToken);

        var rows = owed.Select(o =>
        {
            var item = items[o.ItemId];
            var report = o.ReportId is { } id ? reports[id] : null;
            var deadline = item.Ongoing ? item.DeadlineText ?? "长期" : item.Deadline?.ToString("yyyy-MM-dd") ?? item.DeadlineText ?? "";
            return new object[]
            {
                o.ItemId, item.List, o.ItemNumber, o.ItemText, o.UnitName, o.Role == ItemUnitRole.Lead ? "牵头" : "责任", deadline,
                o.ReportedStatus?.ToChinese() ?? "", o.Narrative ?? "", report?.Problems ?? "", report?.Figures ?? "",
            };
        });
        return new SheetFile(FileNameOf($"{roundName}-{unitName}-报送表.xlsx"), Write(rows));
    }

    private static byte[] Write(IEnumerable<object[]> rows)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            workbook.AddNewPart<WorkbookStylesPart>().Stylesheet = Styles();
            var data = new SheetData(RowOf(1, SheetColumns.All.Cast<object>().ToArray(), HeaderStyle));
            uint rowIndex = 1;
            foreach (var values in rows)
            {
                data.Append(RowOf(++rowIndex, values, TextStyle));
            }
            var statusColumn = SheetColumns.Letter(SheetColumns.All.ToList().IndexOf(SheetColumns.Status) + 1);
            var part = workbook.AddNewPart<WorksheetPart>();
            part.Worksheet = new Worksheet(
                new SheetViews(new SheetView(
                    new Pane { VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen },
                    new Selection { Pane = PaneValues.BottomLeft, ActiveCell = "A2", SequenceOfReferences = new ListValue<StringValue> { InnerText = "A2" } })
                { WorkbookViewId = 0 }),
                new Columns(Widths.Select((width, i) => new Column { Min = (uint)i + 1, Max = (uint)i + 1, Width = width, CustomWidth = true })),
                data,
                new AutoFilter { Reference = $"A1:{SheetColumns.Letter(SheetColumns.All.Count)}{Math.Max(rowIndex, 2)}" },
                new DataValidations(new DataValidation(new Formula1($"\"{string.Join(",", SheetColumns.Statuses.Select(s => s.ToChinese()))}\""))
                {
                    Type = DataValidationValues.List,
                    AllowBlank = true,
                    ShowErrorMessage = true,
                    ErrorTitle = "进展状态",
                    Error = "请从下拉列表中选择：" + SheetColumns.StatusWords,
                    // Rows beyond the pre-filled ones too, for a unit that adds rows by copying.
                    SequenceOfReferences = new ListValue<StringValue> { InnerText = $"{statusColumn}2:{statusColumn}{rowIndex + 200}" },
                }) { Count = 1 });
            workbook.Workbook.AppendChild(new DocumentFormat.OpenXml.Spreadsheet.Sheets(new Sheet { Id = workbook.GetIdOfPart(part), SheetId = 1, Name = "报送表" }));
        }
        return stream.ToArray();
    }

    private static Row RowOf(uint index, object[] values, uint style) =>
        new(values.Select((value, i) => CellOf($"{SheetColumns.Letter(i + 1)}{index}", value, i == 0 && style != HeaderStyle ? KeyStyle : style))) { RowIndex = index };

    private static Cell CellOf(string reference, object value, uint style) => value is int number
        ? new Cell { CellReference = reference, StyleIndex = style, DataType = CellValues.Number, CellValue = new CellValue(number) }
        : new Cell
        {
            CellReference = reference, StyleIndex = style, DataType = CellValues.InlineString,
            InlineString = OfficeParts.CellText((string)value),
        };


    private static string FileNameOf(string name) =>
        string.Concat(name.Select(c => char.IsControl(c) || c is '\\' or '/' or ':' or '*' or '?' or '"' or '<' or '>' or '|' ? '_' : c));

    private static Stylesheet Styles() => new(
        new Fonts(
            new Font(new FontSize { Val = 11 }, new FontName { Val = "宋体" }),
            new Font(new Bold(), new FontSize { Val = 11 }, new FontName { Val = "宋体" }),
            new Font(new FontSize { Val = 9 }, new Color { Rgb = "FF808080" }, new FontName { Val = "宋体" }))
        { Count = 3 },
        new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
        new Borders(new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder())) { Count = 1 },
        new CellStyleFormats(new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0 }) { Count = 1 },
        new CellFormats(
            new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0 },
            new CellFormat(new Alignment { WrapText = true, Horizontal = HorizontalAlignmentValues.Center, Vertical = VerticalAlignmentValues.Center })
            { NumberFormatId = 0, FontId = 1, FillId = 0, BorderId = 0, FormatId = 0, ApplyFont = true, ApplyAlignment = true },
            new CellFormat(new Alignment { WrapText = true, Vertical = VerticalAlignmentValues.Top })
            { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0, ApplyAlignment = true },
            new CellFormat(new Alignment { Vertical = VerticalAlignmentValues.Top })
            { NumberFormatId = 0, FontId = 2, FillId = 0, BorderId = 0, FormatId = 0, ApplyFont = true, ApplyAlignment = true })
        { Count = 4 });
}
