using Zhenxing.Web.Infrastructure.Office;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.AspNetCore.Http.HttpResults;
using Zhenxing.Web.Features.Exports;

namespace Zhenxing.Web.Features.Assessments;

/// <summary>The ranking as .xlsx: a title row, the header, one row per unit; rates and scores as numbers with one decimal.</summary>
public static class WriteAssessmentXlsx
{
    public static readonly string[] Columns = ["名次", "单位", "事项完成率", "按时报送率", "报送质量", "加减分", "得分"];
    private static readonly double[] Widths = [8, 28, 14, 14, 14, 12, 12];

    private const uint TitleStyle = 1;
    private const uint HeaderStyle = 2;
    private const uint TextStyle = 3;
    private const uint NumberStyle = 4;
    private const uint WholeStyle = 5;

    /// <summary><c>GET /assessments/{id}/export.xlsx</c> for every signed-in user, like the page.</summary>
    public static IEndpointRouteBuilder MapAssessmentExport(this IEndpointRouteBuilder app)
    {
        app.MapGet("/assessments/{id:int}/export.xlsx", async Task<Results<FileContentHttpResult, NotFound>> (int id, ComputeAssessment compute, CancellationToken cancellationToken) =>
                await compute.RunAsync(id, cancellationToken) is { } result
                    ? TypedResults.File(Write(result), WriteLedgerXlsx.ContentType, $"{result.Method.Title}.xlsx")
                    : TypedResults.NotFound())
            .RequireAuthorization().ExcludeFromDescription();
        return app;
    }

    public static byte[] Write(AssessmentResult result)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            workbook.AddNewPart<WorkbookStylesPart>().Stylesheet = Styles();
            var part = workbook.AddNewPart<WorksheetPart>();
            var last = Rounds.Sheets.SheetColumns.Letter(Columns.Length);
            var rows = new SheetData(
                new Row(Columns.Select((_, c) => Text(c + 1, 1, c == 0 ? result.Method.Title : "", TitleStyle))) { RowIndex = 1 },
                new Row(Columns.Select((name, c) => Text(c + 1, 2, name, HeaderStyle))) { RowIndex = 2 });
            uint r = 2;
            foreach (var unit in result.Units)
            {
                r++;
                rows.Append(new Row(
                    Number(1, r, unit.Rank, WholeStyle),
                    Text(2, r, unit.UnitName, TextStyle),
                    Number(3, r, unit.Completion, NumberStyle),
                    Number(4, r, unit.PunctualityRate, NumberStyle),
                    Number(5, r, unit.Quality, NumberStyle),
                    Number(6, r, unit.AdjustmentPoints, NumberStyle),
                    Number(7, r, unit.Score, NumberStyle)) { RowIndex = r });
            }
            part.Worksheet = new Worksheet(
                new Columns(Widths.Select((width, i) => new Column { Min = (uint)i + 1, Max = (uint)i + 1, Width = width, CustomWidth = true })),
                rows,
                new MergeCells(new MergeCell { Reference = $"A1:{last}1" }),
                new PageMargins { Left = 0.5, Right = 0.5, Top = 0.6, Bottom = 0.7, Header = 0.3, Footer = 0.3 },
                new PageSetup { PaperSize = 9, Orientation = OrientationValues.Portrait });
            workbook.Workbook.Append(new Sheets(new Sheet { Id = workbook.GetIdOfPart(part), SheetId = 1, Name = "考评排名" }));
        }
        return stream.ToArray();
    }

    private static Cell Text(int column, uint row, string text, uint style) => text.Length == 0
        ? new Cell { CellReference = $"{Rounds.Sheets.SheetColumns.Letter(column)}{row}", StyleIndex = style }
        : new Cell
        {
            CellReference = $"{Rounds.Sheets.SheetColumns.Letter(column)}{row}", StyleIndex = style, DataType = CellValues.InlineString,
            InlineString = new InlineString(new Text(text) { Space = SpaceProcessingModeValues.Preserve }),
        };

    private static Cell Number(int column, uint row, decimal value, uint style) =>
        new() { CellReference = $"{Rounds.Sheets.SheetColumns.Letter(column)}{row}", StyleIndex = style, DataType = CellValues.Number, CellValue = new CellValue(value) };

    private static Stylesheet Styles()
    {
        CellFormat Format(uint numberFormat, uint font, uint border, HorizontalAlignmentValues horizontal) =>
            new(new Alignment { Horizontal = horizontal, Vertical = VerticalAlignmentValues.Center })
            { NumberFormatId = numberFormat, FontId = font, FillId = 0, BorderId = border, FormatId = 0, ApplyNumberFormat = true, ApplyFont = true, ApplyBorder = true, ApplyAlignment = true };
        return new Stylesheet(
            new NumberingFormats(new NumberingFormat { NumberFormatId = 164, FormatCode = "0.0" }) { Count = 1 },
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
}
