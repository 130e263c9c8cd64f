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
            workbook.AddNewPart<WorkbookStylesPart>().Stylesheet = TableSheet.Styles("0.0", wrapText: false);
            var part = workbook.AddNewPart<WorksheetPart>();
            var rows = TableSheet.TitleAndHeader(result.Method.Title, Columns);
            uint r = 2;
            foreach (var unit in result.Units)
            {
                r++;
                rows.Append(new Row(
                    TableSheet.Number(1, r, unit.Rank, TableSheet.WholeStyle),
                    TableSheet.Text(2, r, unit.UnitName, TableSheet.TextStyle),
                    TableSheet.Number(3, r, unit.Completion, TableSheet.DecimalStyle),
                    TableSheet.Number(4, r, unit.PunctualityRate, TableSheet.DecimalStyle),
                    TableSheet.Number(5, r, unit.Quality, TableSheet.DecimalStyle),
                    TableSheet.Number(6, r, unit.AdjustmentPoints, TableSheet.DecimalStyle),
                    TableSheet.Number(7, r, unit.Score, TableSheet.DecimalStyle)) { RowIndex = r });
            }
            part.Worksheet = TableSheet.Worksheet(Widths, rows, OrientationValues.Portrait, freezeHeader: false);
            workbook.Workbook.Append(new Sheets(new Sheet { Id = workbook.GetIdOfPart(part), SheetId = 1, Name = "考评排名" }));
        }
        return stream.ToArray();
    }

}
