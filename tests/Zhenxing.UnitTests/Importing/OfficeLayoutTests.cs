using DocumentFormat.OpenXml.Packaging;
using Zhenxing.Importing;
using S = DocumentFormat.OpenXml.Spreadsheet;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace Zhenxing.UnitTests.Importing;

/// <summary>Word and Excel layouts: automatic numbering, merged cells, two header rows, date cells.</summary>
public class OfficeLayoutTests
{
    private readonly DocumentImporter importer = new();

    [Fact]
    public void Parse_DocxWithAutomaticNumbering_ReadsSectionsAndItems()
    {
        var docx = OfficeFixtures.Docx(
            body =>
            {
                body.Append(OfficeFixtures.Paragraph("2021年工作要点"));
                body.Append(Numbered("深化改革", 0));
                body.Append(Numbered("推进放管服改革。（牵头单位：市行政审批局）", 1));
                body.Append(Numbered("优化营商环境。（牵头单位：市发改委；责任单位：各县（市、区））", 1));
                body.Append(Numbered("扩大开放", 0));
                body.Append(Numbered("建设内陆开放型经济试验区。（牵头单位：市商务局）", 1));
            },
            main =>
            {
                var part = main.AddNewPart<NumberingDefinitionsPart>();
                part.Numbering = new W.Numbering(
                    new W.AbstractNum(
                        new W.Level(new W.StartNumberingValue { Val = 1 }, new W.NumberingFormat { Val = W.NumberFormatValues.ChineseCounting }, new W.LevelText { Val = "%1、" }) { LevelIndex = 0 },
                        new W.Level(new W.StartNumberingValue { Val = 1 }, new W.NumberingFormat { Val = W.NumberFormatValues.Decimal }, new W.LevelText { Val = "%2." }) { LevelIndex = 1 })
                    { AbstractNumberId = 1 },
                    new W.NumberingInstance(new W.AbstractNumId { Val = 1 }) { NumberID = 1 });
            });

        var list = importer.Parse(docx, "要点.docx").Lists.ShouldHaveSingleItem();

        list.Categories.Select(c => (c.Number, c.Title, c.ItemCount)).ShouldBe([("一", "深化改革", 2), ("二", "扩大开放", 1)]);
        list.Items.Select(i => (i.CategoryPath, i.Number)).ShouldBe([("一", "1"), ("一", "2"), ("二", "1")]);
        list.Items[1].LeadUnits.ShouldBe(["市发改委"]);
        list.Items[1].GroupReferences.ShouldBe(["各县（市、区）"]);
        list.Items[2].LeadUnits.ShouldBe(["市商务局"]);
        list.Items[2].Location.ToString().ShouldBe("第 6 段");
    }

    [Fact]
    public void Parse_DocxWithTwoHeaderRowsAndMergedTaskCells_MapsColumns()
    {
        var docx = OfficeFixtures.Docx(body =>
        {
            body.Append(OfficeFixtures.Paragraph("2021年重点任务清单"));
            var table = new W.Table(
                Row(Cell("工作任务", vMerge: true), Cell("具体要求", vMerge: true), Cell("责任单位", span: 2), Cell("完成时限", vMerge: true)),
                Row(Cell("", vMerge: false), Cell("", vMerge: false), Cell("牵头单位"), Cell("配合单位"), Cell("", vMerge: false)),
                Row(Cell("一、招商引资", vMerge: true), Cell("1. 引进重大项目10个。"), Cell("市商务局"), Cell("各县（市、区）"), Cell("年底前")),
                Row(Cell("", vMerge: false), Cell("2. 举办招商推介会。"), Cell("市投促局"), Cell("市商务局"), Cell("9月底前")));
            body.Append(table);
        });

        var document = importer.Parse(docx, "任务.docx");

        document.Errors.ShouldBeEmpty();
        var list = document.Lists.ShouldHaveSingleItem();
        list.Categories.ShouldHaveSingleItem().ItemCount.ShouldBe(2);
        list.Items[0].Text.ShouldBe("引进重大项目10个。");
        list.Items[0].LeadUnits.ShouldBe(["市商务局"]);
        list.Items[0].GroupReferences.ShouldBe(["各县（市、区）"]);
        list.Items[1].Number.ShouldBe("2");
        list.Items[1].LeadUnits.ShouldBe(["市投促局"]);
        list.Items[1].ResponsibleUnits.ShouldBe(["市商务局"]);
        list.Items[1].Deadline.ShouldBe(new DateOnly(2021, 9, 30));
    }

    [Fact]
    public void Parse_DocxTableInsideContentControl_IsRead()
    {
        var docx = OfficeFixtures.Docx(body =>
        {
            body.Append(OfficeFixtures.Paragraph("2021年清单"));
            body.Append(new W.SdtBlock(new W.SdtContentBlock(OfficeFixtures.Table([["序号", "事项名称", "牵头单位"], ["1", "推进某项工作。", "市发改委"]]))));
        });

        importer.Parse(docx, "控件.docx").Lists.ShouldHaveSingleItem().Items.ShouldHaveSingleItem().LeadUnits.ShouldBe(["市发改委"]);
    }

    [Fact]
    public void Parse_XlsxWithDateCellAndNamedSheet_GivesDateAndSheetTitle()
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, DocumentFormat.OpenXml.SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new S.Workbook(new S.Sheets());
            var styles = workbook.AddNewPart<WorkbookStylesPart>();
            styles.Stylesheet = new S.Stylesheet(new S.CellFormats(new S.CellFormat(), new S.CellFormat { NumberFormatId = 14, ApplyNumberFormat = true }));
            var sheet = workbook.AddNewPart<WorksheetPart>();
            sheet.Worksheet = new S.Worksheet(new S.SheetData(
                new S.Row(Text("A1", "序号"), Text("B1", "事项名称"), Text("C1", "牵头单位"), Text("D1", "完成时限")) { RowIndex = 1 },
                new S.Row(Text("A2", "1"), Text("B2", "推进某项工作。"), Text("C2", "市发改委"), new S.Cell { CellReference = "D2", StyleIndex = 1, CellValue = new S.CellValue("44469") }) { RowIndex = 2 }));
            workbook.Workbook.Sheets!.Append(new S.Sheet { Name = "2021年援县促市事项", SheetId = 1, Id = workbook.GetIdOfPart(sheet) });
        }

        var list = importer.Parse(stream.ToArray(), "book.xlsx").Lists.ShouldHaveSingleItem();

        list.Title.ShouldBe("2021年援县促市事项");
        list.Kind.ShouldBe(ItemListKind.CountySupport);
        list.Year.ShouldBe(2021);
        list.Items[0].Deadline.ShouldBe(new DateOnly(2021, 9, 30));
        list.Items[0].DeadlineText.ShouldBe("2021-09-30");
    }

    [Fact]
    public void Parse_XlsxPolicyLedgerWithFormLinesAndTotalRow_KeepsOnlyItems()
    {
        var rows = new[]
        {
            new[] { "2021年政策落实清单" },
            ["填报单位：市振兴办", "", "填报时间：2021年12月"],
            ["序号", "政策名称", "文件文号", "牵头单位", "责任单位", "执行情况"],
            ["1", "执行西部大开发税收政策", "财税〔2020〕23号", "市税务局", "无", "已执行"],
            ["2", "革命老区转移支付", "", "市财政局", "/", "已落实"],
            ["合计", "", "", "", "", "2项"],
            ["注：执行情况按季度更新。"],
        };

        var document = importer.Parse(OfficeFixtures.Xlsx(("Sheet1", rows)), "政策.xlsx");

        document.Errors.ShouldBeEmpty();
        var list = document.Lists.ShouldHaveSingleItem();
        list.Title.ShouldBe("2021年政策落实清单");
        list.Kind.ShouldBe(ItemListKind.Policies);
        list.Items.Count.ShouldBe(2);
        list.Items[0].ResponsibleUnits.ShouldBeEmpty();
        list.Items[0].OtherCells["文件文号"].ShouldBe("财税〔2020〕23号");
        list.Items[1].OtherCells["执行情况"].ShouldBe("已落实");
    }

    [Fact]
    public void Parse_DocxTableContinuedAfterPageBreak_StaysOneList()
    {
        string[] header = ["序号", "事项名称", "牵头单位"];
        var docx = OfficeFixtures.Docx(body =>
        {
            body.Append(OfficeFixtures.Paragraph("2021年重大事项清单"));
            body.Append(OfficeFixtures.Table([header, ["一、产业（2项）"], ["1", "第一项。", "市发改委"]]));
            body.Append(OfficeFixtures.Paragraph("续表"));
            body.Append(OfficeFixtures.Table([header, ["2", "第二项。", "市财政局"]]));
            body.Append(OfficeFixtures.Paragraph("二、其他要求"));
            body.Append(OfficeFixtures.Paragraph("市振兴办"));
        });

        var document = importer.Parse(docx, "清单.docx");

        document.Errors.ShouldBeEmpty();
        var list = document.Lists.ShouldHaveSingleItem();
        list.Categories.ShouldHaveSingleItem().ItemCount.ShouldBe(2);
        list.Items[1].Location.ToString().ShouldBe("表 2 第 2 行");
    }

    [Fact]
    public void Parse_DocxTwoTitledTablesWithSameHeader_GiveTwoLists()
    {
        string[] header = ["序号", "事项名称", "牵头单位"];
        var docx = OfficeFixtures.Docx(body =>
        {
            body.Append(OfficeFixtures.Paragraph("2021年重大事项清单"));
            body.Append(OfficeFixtures.Table([header, ["1", "第一项。", "市发改委"]]));
            body.Append(OfficeFixtures.Paragraph("2021年试点示范清单"));
            body.Append(OfficeFixtures.Table([header, ["1", "试点一。", "市财政局"]]));
        });

        var lists = importer.Parse(docx, "清单.docx").Lists;

        lists.Select(l => (l.Title, l.Kind, l.Items.Count)).ShouldBe([("2021年重大事项清单", ItemListKind.MajorItems, 1), ("2021年试点示范清单", ItemListKind.Pilots, 1)]);
    }

    private static S.Cell Text(string reference, string text) =>
        new() { CellReference = reference, DataType = S.CellValues.InlineString, InlineString = new S.InlineString(new S.Text(text)) };

    private static W.Paragraph Numbered(string text, int level)
    {
        var paragraph = OfficeFixtures.Paragraph(text);
        paragraph.PrependChild(new W.ParagraphProperties(new W.NumberingProperties(new W.NumberingLevelReference { Val = level }, new W.NumberingId { Val = 1 })));
        return paragraph;
    }

    [Fact]
    public void Parse_DocxVerticalMergeOverSeveralRows_AppliesToEachRow()
    {
        // 牵头单位 and 完成时限 merged over rows 1–3; 序号 and 责任单位 merged over item 3's two sub-rows.
        var docx = OfficeFixtures.Docx(body =>
        {
            body.Append(OfficeFixtures.Paragraph("2021年民生实事任务分解表"));
            body.Append(new W.Table(
                Row(Cell("序号"), Cell("事项名称"), Cell("牵头单位"), Cell("责任单位"), Cell("完成时限")),
                Row(Cell("1"), Cell("新建学校3所。"), Cell("市教育局", vMerge: true), Cell("市财政局"), Cell("12月底前", vMerge: true)),
                Row(Cell("2"), Cell("改造校舍10处。"), Cell("", vMerge: false), Cell("各县（市、区）"), Cell("", vMerge: false)),
                Row(Cell("3", vMerge: true), Cell("开工建设老年养护楼。"), Cell("", vMerge: false), Cell("市民政局", vMerge: true), Cell("", vMerge: false)),
                Row(Cell("", vMerge: false), Cell("开工建设老年大学。"), Cell("市卫健委"), Cell("", vMerge: false), Cell("9月底前"))));
        });

        var document = importer.Parse(docx, "实事.docx");

        document.Errors.ShouldBeEmpty();
        var items = document.Lists.ShouldHaveSingleItem().Items;
        items.Select(i => i.Number).ShouldBe(["1", "2", "3"]);
        items.Select(i => i.LeadUnits[0]).ShouldBe(["市教育局", "市教育局", "市教育局"]);
        items.Select(i => i.Deadline).ShouldBe([new DateOnly(2021, 12, 31), new DateOnly(2021, 12, 31), new DateOnly(2021, 12, 31)]);
        items[1].GroupReferences.ShouldBe(["各县（市、区）"]);
        items[2].Text.ShouldBe("开工建设老年养护楼。开工建设老年大学。（完成时限：9月底前）");
        items[2].LeadUnits.ShouldBe(["市教育局", "市卫健委"]);
        items[2].ResponsibleUnits.ShouldBe(["市民政局"]);
        items[2].Doubts.ShouldContain(d => d.Reason.Contains("两个完成时限"));
    }

    [Fact]
    public void Parse_XlsxRangeMergedOverSeveralRows_AppliesToEachRow()
    {
        var xlsx = OfficeFixtures.WithMergedCells(
            OfficeFixtures.Xlsx(("2022年重点任务", new[]
            {
                new[] { "分类", "序号", "工作任务", "牵头单位", "责任单位", "完成时限" },
                ["产业发展", "1", "推进工业倍增。", "市工信局", "市财政局", "6月底前"],
                ["", "2", "建设数字园区。", "", "市大数据局", ""],
                ["", "3", "培育龙头企业。", "", "", ""],
                ["民生保障", "4", "新建学校。", "市教育局", "各县（市、区）", "年底前"],
            })),
            "A2:A4", "D2:D4", "F2:F4");

        var document = importer.Parse(xlsx, "任务.xlsx");

        document.Errors.ShouldBeEmpty();
        var list = document.Lists.ShouldHaveSingleItem();
        list.Categories.Select(c => (c.Title, c.ItemCount)).ShouldBe([("产业发展", 3), ("民生保障", 1)]);
        list.Items.Select(i => i.LeadUnits.Single()).ShouldBe(["市工信局", "市工信局", "市工信局", "市教育局"]);
        list.Items.Select(i => i.Deadline).ShouldBe([new DateOnly(2022, 6, 30), new DateOnly(2022, 6, 30), new DateOnly(2022, 6, 30), new DateOnly(2022, 12, 31)]);
        list.Items[1].ResponsibleUnits.ShouldBe(["市大数据局"]);
        list.Items[2].ResponsibleUnits.ShouldBeEmpty();
    }

    private static W.TableRow Row(params W.TableCell[] cells) => new(cells);

    private static W.TableCell Cell(string text, bool? vMerge = null, int span = 1)
    {
        var properties = new W.TableCellProperties();
        if (span > 1)
        {
            properties.Append(new W.GridSpan { Val = span });
        }
        if (vMerge is { } restart)
        {
            properties.Append(restart ? new W.VerticalMerge { Val = W.MergedCellValues.Restart } : new W.VerticalMerge());
        }
        return new W.TableCell(properties, OfficeFixtures.Paragraph(text));
    }

    [Fact]
    public void Parse_SheetsWithTheirOwnNumberUnderTheTitle_NeverStampOneListsNumberOnAnother()
    {
        string[] header = ["序号", "事项名称", "牵头单位", "责任单位", "完成时限"];
        var content = OfficeFixtures.Xlsx(
            ("甲", [["测试区2021年重点事项清单"], ["（共 1 项）"], header, ["1", "推进测试工作。", "市财政局", "", "8月底前"]]),
            ("乙", [["2020年工作要点"], ["赣苏振领发〔2020〕1号"], header, ["1", "完善测试机制。", "市发改委", "", "12月底前"]]),
            ("丙", [["2021年重大事项"], ["赣市府办字〔2021〕7号"], header, ["1", "开展测试。", "市教育局", "", "年底前"]]));

        var document = importer.Parse(content, "事项台账.xlsx");

        document.Errors.ShouldBeEmpty();
        document.Lists.Select(l => (l.Title, l.DocumentNumber)).ShouldBe(
            [("测试区2021年重点事项清单", null), ("2020年工作要点", "赣苏振领发〔2020〕1号"), ("2021年重大事项", "赣市府办字〔2021〕7号")]);
    }
}
