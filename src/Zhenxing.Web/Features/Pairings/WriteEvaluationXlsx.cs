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

    public static string FileName(PairingEvaluationResult result) => $"对口支援工作成效评估-{result.From:yyyyMMdd}-{result.To:yyyyMMdd}.xlsx";

    public static byte[] Write(PairingEvaluationResult result)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            workbook.AddNewPart<WorkbookStylesPart>().Stylesheet = TableSheet.Styles("0.00", wrapText: true);
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
        var data = TableSheet.TitleAndHeader(title, [firstColumn, .. Columns.Skip(1)]);
        uint r = 2;
        foreach (var row in rows.Append(total))
        {
            r++;
            var label = row.Detail is null ? row.Name : $"{row.Name}（{row.Detail}）";
            data.Append(new Row(
                TableSheet.Text(1, r, label, TableSheet.TextStyle),
                TableSheet.Text(2, r, row.City, TableSheet.TextStyle),
                TableSheet.Number(3, r, row.Visits, TableSheet.WholeStyle),
                TableSheet.Number(4, r, row.ResearchVisits, TableSheet.WholeStyle),
                TableSheet.Number(5, r, row.PrincipalResearchVisits, TableSheet.WholeStyle),
                TableSheet.Number(6, r, row.Plans, TableSheet.WholeStyle),
                TableSheet.Number(7, r, row.CadresInPost, TableSheet.WholeStyle),
                TableSheet.Number(8, r, row.Symposiums, TableSheet.WholeStyle),
                TableSheet.Number(9, r, row.Policies, TableSheet.WholeStyle),
                TableSheet.Number(10, r, row.Projects, TableSheet.WholeStyle),
                // The division drops trailing zeros a database may keep (1500.0 → 1500).
                TableSheet.Number(11, r, row.Funds / 1.000000000000000000000000000000000m, TableSheet.DecimalStyle),
                TableSheet.Number(12, r, row.Activities, TableSheet.WholeStyle)) { RowIndex = r });
        }
        part.Worksheet = TableSheet.Worksheet(Widths, data, OrientationValues.Landscape, freezeHeader: true);
        sheets.Append(new Sheet { Id = workbook.GetIdOfPart(part), SheetId = id, Name = name });
    }

    public static string ContentType => WriteLedgerXlsx.ContentType;
}
