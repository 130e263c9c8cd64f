using DocumentFormat.OpenXml;
using Xunit.Abstractions;
using Zhenxing.Importing;
using Zhenxing.IntegrationTests.Infrastructure;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace Zhenxing.UnitTests.Importing;

/// <summary>
/// Corpus documents that are tables, written as the Word table they were published as (merged cells included), converted by
/// LibreOffice to PDF, .doc and a saved web page, and each file scored against the document's hand-written expectation: each
/// must come out as the document's text does (exact, or flagged for the same reasons).
/// </summary>
public class CorpusFormatTests(ITestOutputHelper output)
{
    private static readonly string[] Formats = ["docx", "pdf", "doc", "html"];

    /// <summary>Cells as the table has them: null continues the cell above (a vertical merge), '\n' separates lines in a cell.</summary>
    private static readonly Dictionary<string, (string Title, string?[][] Rows)> Tables = new(StringComparer.Ordinal)
    {
        ["01_dazhu-2016-minsheng-shishi"] = ("2016年民生实事目标任务分解表",
        [
            ["序号", "民生实事", "责任单位", "完成时限"],
            ["1", "启动建设东柳河城区段综合治理工程和东湖湿地公园。", "县水务局\n县住建局\n县护城河指挥部", "12月底前"],
            ["2", "新建2座人行天桥。", "县住建局", "9月投入使用"],
            ["3", "启动县图书馆新馆建设。", "县文体广新局\n县代建中心", "12月底前"],
            ["4", "建成县残疾人综合服务中心。", "县残联", "5月底前动工"],
            ["5", "开工建设县老年养护楼。", "县民政局", "5月底前动工"],
            [null, "开工建设老年大学。", null, "12月底前"],
            ["6", "迁建县政务服务中心。", "县政务服务中心\n县代建中心", "12月底前"],
            ["7", "加快推进土地滩水库建设。", "县水务局", "12月底前"],
            ["8", "启动大竹县第十二小学建设,新建中心幼儿园2所。", "县教科局\n县代建中心", "12月底前"],
            ["9", "完成棚户区改造2836户。", "县住建局", "12月底前"],
            ["10", "城区再新建1个农贸市场。", "县商务局", "12月底前"],
        ]),
        ["03_pingdingshan-2018-hezhangzhi-renwu"] = ("平顶山市全面推行河长制主要任务分解表",
        [
            ["序号", "类别", "主要任务", "细化措施", "牵头单位", "参与单位", "责任单位"],
            ["1", "加强水资源保护", "严守水资源开发利用控制红线",
                "实施水资源消耗总量和强度双控行动,防止不合理新增取水,切实做到以水定需、量水而行、因水制宜。到2020年,全市用水总量控制在11.88亿立方米以内。",
                "市水利局", "市发展改革委、工业和信息化委、住房和城乡建设局、农业局等", "各县(市、区)党委和人民政府,城乡一体化示范区、高新区党工委和管委会"],
            ["2", null, "严守用水效率控制红线",
                "落实万元国内生产总值水耗指标等用水效率评估体系,把节水目标任务完成情况纳入市、县级政府政绩考核内容。将再生水、雨水和循环水等非常规水源纳入水资源统一配置。到2020年,全市万元国内生产总值用水量、万元工业增加值用水量比2015年分别下降24%、25%以上。",
                "市水利局", "市发展改革委、工业和信息化委、住房和城乡建设局等", "各县(市、区)党委和人民政府,城乡一体化示范区、高新区党工委和管委会"],
        ]),
        ["04_huoshan-kaifaqu-2025-zeren-qingdan"] = ("2025年开发区重点工作及责任清单",
        [
            ["序号", "重点工作", "责任领导", "责任单位", "完成时限"],
            ["1", "坚持服务跟着项目走,优化“重点项目直通车”“无忧办”工作机制,落实重点项目“领导+专班””“项目管家”等制度,全力服务重大项目落地见效。", "叶林", "招商工作部、安商工作部", "全年"],
            ["2", "全力推进开发区“空间再造”,推动工业用地“腾笼换鸟”,力争全年盘活僵尸企业10家,盘活存量土地400亩。", "马振明", "改革办", "全年"],
            ["3", "持续提升园区承载能力,加快推进开发区污水处理厂及污水管网提升项目,全面做好纬六路以北、中沟以北地块水电气路网等基础设施配套。", "张云峰", "规划建设局", "全年"],
        ]),
    };

    [LibreOfficeFact]
    public void Parse_CorpusTablesAsDocxPdfDocAndHtml_EachFormatComesOutAsTheText()
    {
        var results = new List<(string Document, string Format, CorpusResult Result)>();
        var texts = new Dictionary<string, CorpusResult>(StringComparer.Ordinal);
        foreach (var (name, (title, rows)) in Tables)
        {
            var expectation = CorpusComparison.Expectation(name);
            texts[name] = CorpusComparison.Run(name);
            var docx = Docx(title, rows);
            foreach (var format in Formats)
            {
                var content = format == "docx" ? docx : ConvertedFormatTests.Convert(docx, "docx", format);
                var document = new DocumentImporter().Parse(content, $"{name}.{format}", new ImportOptions { Year = expectation.Year });
                var result = new CorpusResult(name, CorpusComparison.Compare(document, expectation));
                results.Add((name, format, result));
                output.WriteLine($"{name}.{format}: {Label(result.Outcome)}");
                foreach (var mismatch in result.Mismatches)
                {
                    output.WriteLine($"    {mismatch}");
                }
            }
        }
        foreach (var format in Formats)
        {
            var ofFormat = results.Where(r => r.Format == format).Select(r => r.Result).ToList();
            output.WriteLine($"{format}: {ofFormat.Count(r => r.Outcome == CorpusOutcome.Exact)} exact, "
                + $"{ofFormat.Count(r => r.Outcome == CorpusOutcome.Flagged)} flagged, "
                + $"{ofFormat.Count(r => r.Outcome == CorpusOutcome.SilentlyWrong)} silently wrong");
        }

        results.Count.ShouldBe(Tables.Count * Formats.Length);
        // Every format of a document is exact where its text is, and flagged for the same reasons where the text is flagged.
        foreach (var (document, format, result) in results)
        {
            var text = texts[document];
            result.Outcome.ShouldBe(text.Outcome, $"{document}.{format} does not come out as {document}.txt");
            result.Mismatches.Select(m => m.ToString()).ShouldBe(text.Mismatches.Select(m => m.ToString()), $"{document}.{format} differs from {document}.txt");
        }
    }

    [LibreOfficeFact]
    public void Parse_PdfWithUnitsOneALineAndASubRowUnderMergedCells_ReadsEachUnitAndOneItem()
    {
        string?[][] rows =
        [
            ["序号", "民生实事", "责任单位", "完成时限"],
            ["1", "启动建设东柳河城区段综合治理工程和东湖湿地公园。", "县水务局\n县住建局\n县护城河指挥部", "12月底前"],
            ["2", "开工建设县老年养护楼。", "县民政局", "5月底前动工"],
            [null, "开工建设老年大学。", null, "12月底前"],
            ["3", "城区再新建1个农贸市场。", "县商务局", "12月底前"],
        ];

        var items = new DocumentImporter().Parse(ConvertedFormatTests.Convert(Docx("民生实事目标任务分解表", rows), "docx", "pdf"), "表.pdf", new ImportOptions { Year = 2016 })
            .Lists.ShouldHaveSingleItem().Items;

        items.Select(i => i.Number).ShouldBe(["1", "2", "3"]);
        items[0].LeadUnits.Concat(items[0].ResponsibleUnits).ShouldBe(["县水务局", "县住建局", "县护城河指挥部"]);
        items[1].Text.ShouldContain("开工建设老年大学");
        items[1].LeadUnits.Concat(items[1].ResponsibleUnits).ShouldBe(["县民政局"]);
    }

    [LibreOfficeFact]
    public void Parse_PdfWhoseHeaderNamesAllWrapInNarrowColumns_ReadsTheTable()
    {
        var (title, rows) = Tables["03_pingdingshan-2018-hezhangzhi-renwu"];

        var document = new DocumentImporter().Parse(ConvertedFormatTests.Convert(Docx(title, rows[..2]), "docx", "pdf"), "表.pdf");

        var item = document.Lists.ShouldHaveSingleItem().Items.ShouldHaveSingleItem();
        item.Text.ShouldStartWith("严守水资源开发利用控制红线");
        item.LeadUnits.ShouldBe(["市水利局"]);
        document.Tables.ShouldHaveSingleItem().Columns.Select(c => c.Header).ShouldBe(["序号", "类别", "主要任务", "细化措施", "牵头单位", "参与单位", "责任单位"]);
    }

    [Fact]
    public void Docx_MergedCategoryCell_IsOneVerticalMergeOverItsRows()
    {
        var (title, rows) = Tables["03_pingdingshan-2018-hezhangzhi-renwu"];

        var table = Table(rows);

        var merges = table.Elements<W.TableRow>().Select(r => r.Elements<W.TableCell>().ElementAt(1).TableCellProperties?.VerticalMerge).ToList();
        merges[0].ShouldBeNull();
        merges[1]!.Val!.Value.ShouldBe(W.MergedCellValues.Restart);
        merges[2]!.Val.ShouldBeNull("a continued merge has no value, as Word writes it");
        table.Elements<W.TableRow>().ElementAt(2).Elements<W.TableCell>().ElementAt(1).InnerText.ShouldBeEmpty();
        title.ShouldNotBeEmpty();
    }

    private static byte[] Docx(string title, string?[][] rows) =>
        OfficeFixtures.Docx(body =>
        {
            body.Append(OfficeFixtures.Paragraph(title));
            body.Append(Table(rows));
        });

    /// <summary>A bordered table with a grid, as <see cref="OfficeFixtures.Table"/>, where a null cell continues the cell above.</summary>
    private static W.Table Table(string?[][] rows)
    {
        var table = OfficeFixtures.Table([rows[0]!.Select(c => c ?? "").ToArray()]);
        for (var r = 1; r < rows.Length; r++)
        {
            var row = new W.TableRow();
            for (var c = 0; c < rows[r].Length; c++)
            {
                var cell = new W.TableCell();
                var text = rows[r][c];
                var continuesBelow = r + 1 < rows.Length && rows[r + 1][c] is null;
                if (text is null)
                {
                    cell.Append(new W.TableCellProperties(new W.VerticalMerge()));
                    cell.Append(new W.Paragraph());
                }
                else
                {
                    if (continuesBelow)
                    {
                        cell.Append(new W.TableCellProperties(new W.VerticalMerge { Val = W.MergedCellValues.Restart }));
                    }
                    foreach (var line in text.Split('\n'))
                    {
                        cell.Append(OfficeFixtures.Paragraph(line));
                    }
                }
                row.Append(cell);
            }
            table.Append(row);
        }
        return table;
    }

    private static string Label(CorpusOutcome outcome) => outcome switch
    {
        CorpusOutcome.Exact => "exact",
        CorpusOutcome.Flagged => "flagged",
        _ => "silently wrong",
    };
}
