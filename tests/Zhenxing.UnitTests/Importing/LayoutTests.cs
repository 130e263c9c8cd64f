using Zhenxing.Importing;

namespace Zhenxing.UnitTests.Importing;

/// <summary>Text layouts real documents arrive in beyond the seeds.</summary>
public class LayoutTests
{
    [Fact]
    public void Parse_WebTableWithCellsOnOwnLines_JoinsRows()
    {
        var text = """
            2021年重点工作任务清单
            （共3项）
            序号
            事项名称
            牵头单位
            责任单位
            完成时限
            一、产业发展（2项）
            1
            推进工业倍增升级。
            市工信局
            市发改委、市财政局
            6月底前
            2
            建设数字经济产业园，
            打造区域数据中心。
            市大数据局
            市发改委
            三季度末
            二、民生保障（1项）
            1
            新建城乡学校10所。
            市教育局
            各县（市、区）
            年底前
            """;

        var document = Seeds.ParseText(text);

        document.Errors.ShouldBeEmpty();
        var list = document.Lists.ShouldHaveSingleItem();
        list.Year.ShouldBe(2021);
        list.Items.Count.ShouldBe(3);
        list.Items[0].LeadUnits.ShouldBe(["市工信局"]);
        list.Items[0].ResponsibleUnits.ShouldBe(["市发改委", "市财政局"]);
        list.Items[0].Deadline.ShouldBe(new DateOnly(2021, 6, 30));
        list.Items[1].Text.ShouldBe("建设数字经济产业园，打造区域数据中心。");
        list.Items[1].Deadline.ShouldBe(new DateOnly(2021, 9, 30));
        list.Items[2].CategoryPath.ShouldBe("二");
        list.Items[2].GroupReferences.ShouldBe(["各县（市、区）"]);
        list.Items[2].Deadline.ShouldBe(new DateOnly(2021, 12, 31));
    }

    [Fact]
    public void Parse_WebTableWithPipeLinesAndEmptyCell_KeepsColumns()
    {
        var text = """
            2022年重大事项清单
            序号
            |
            事项名称
            |
            牵头单位
            |
            责任单位
            |
            完成时限
            1
            |
            争取设立国家级试验区。
            |
            市发改委
            |
            |
            长期坚持
            2
            |
            争取将项目列入规划。
            |
            市交通运输局
            |
            市发改委
            |
            12月底前
            """;

        var list = Seeds.ParseText(text).Lists.ShouldHaveSingleItem();

        list.Items.Count.ShouldBe(2);
        list.Items[0].LeadUnits.ShouldBe(["市发改委"]);
        list.Items[0].ResponsibleUnits.ShouldBeEmpty();
        list.Items[0].Ongoing.ShouldBeTrue();
        list.Items[0].DeadlineText.ShouldBe("长期坚持");
        list.Items[1].ResponsibleUnits.ShouldBe(["市发改委"]);
        list.Items[1].Deadline.ShouldBe(new DateOnly(2022, 12, 31));
    }

    [Fact]
    public void Parse_PipeRowsWithMergedTaskCell_CarriesTaskToShiftedRows()
    {
        var text = """
            2021年优化营商环境工作任务清单
            | 工作任务 | 具体要求 | 责任部门 | 完成时限 |
            |---|---|---|---|
            | 一、深化放管服改革 | 1. 推进一网通办改革。 | 市行政审批局、市大数据局 | 6月底前 |
            | 2. 压缩企业开办时间。 | 市市场监管局 | 年底前 |
            | 二、优化政务服务 | 1. 建设15分钟政务服务圈。 | 办公室牵头，各科室配合 | 持续推进 |
            """;

        var list = Seeds.ParseText(text).Lists.ShouldHaveSingleItem();

        list.Categories.Select(c => (c.Number, c.Title, c.ItemCount)).ShouldBe([("一", "深化放管服改革", 2), ("二", "优化政务服务", 1)]);
        list.Items.Select(i => (i.CategoryPath, i.Number)).ShouldBe([("一", "1"), ("一", "2"), ("二", "1")]);
        list.Items[0].Text.ShouldBe("推进一网通办改革。");
        list.Items[0].LedgerLeadUnits.ShouldBe(["市行政审批局"]);
        list.Items[0].LedgerResponsibleUnits.ShouldBe(["市大数据局"]);
        list.Items[1].Text.ShouldBe("压缩企业开办时间。");
        list.Items[1].LedgerLeadUnits.ShouldBe(["市市场监管局"]);
        list.Items[1].Deadline.ShouldBe(new DateOnly(2021, 12, 31));
        list.Items[2].LedgerLeadUnits.ShouldBe(["办公室"]);
        list.Items[2].GroupReferences.ShouldBe(["各科室"]);
        list.Items[2].Ongoing.ShouldBeTrue();
    }

    [Fact]
    public void Parse_NumberedParagraphsWithTrailingParenthesis_ReadsLabelledUnits()
    {
        var text = """
            2021年优化营商环境工作要点
            一、深化“放管服”改革
            1. 推进“一网通办”改革，实现高频事项全程网办。（责任领导：张三；牵头单位：市行政审批局；责任单位：市大数据局、各县（市、区）；完成时限：2021年6月底前）
            2. 压缩企业开办时间至1个工作日。（牵头单位：市市场监管局；责任单位：市税务局；完成时限：长期坚持）
            二、提升监管效能
            3. 推行“双随机、一公开”监管。（牵头单位：市市场监管局）
            """;

        var document = Seeds.ParseText(text);

        var list = document.Lists.ShouldHaveSingleItem();
        list.Kind.ShouldBe(ItemListKind.WorkPoints);
        list.Items.Count.ShouldBe(3);
        var first = list.Items[0];
        first.Text.ShouldBe("推进“一网通办”改革，实现高频事项全程网办。");
        first.Leaders.ShouldBe(["张三"]);
        first.LeadUnits.ShouldBe(["市行政审批局"]);
        first.ResponsibleUnits.ShouldBe(["市大数据局"]);
        first.GroupReferences.ShouldBe(["各县（市、区）"]);
        first.Deadline.ShouldBe(new DateOnly(2021, 6, 30));
        first.DeadlineText.ShouldBe("2021年6月底前");
        list.Items[1].Ongoing.ShouldBeTrue();
        list.Items[2].CategoryPath.ShouldBe("二");
        list.Items[2].Deadline.ShouldBeNull();
        list.Items[2].DeadlineText.ShouldBeNull();
    }

    [Fact]
    public void Parse_NumberedParagraphsWithLabelledLinesBelow_ReadsUnitsAndDeadline()
    {
        var text = """
            2023年为民办实事项目
            1. 新建城乡学校10所，新增学位1万个。
            牵头单位：市教育局
            责任单位：市发改委、市财政局
            完成时限：12月底前
            2. 改造老旧小区50个。
            牵头单位：市住建局
            责任单位：章贡区
            完成时限：三季度末
            """;

        var list = Seeds.ParseText(text).Lists.ShouldHaveSingleItem();

        list.Title.ShouldBe("2023年为民办实事项目");
        list.Items.Count.ShouldBe(2);
        list.Items[0].Text.ShouldBe("新建城乡学校10所，新增学位1万个。");
        list.Items[0].LeadUnits.ShouldBe(["市教育局"]);
        list.Items[0].ResponsibleUnits.ShouldBe(["市发改委", "市财政局"]);
        list.Items[0].Deadline.ShouldBe(new DateOnly(2023, 12, 31));
        list.Items[1].Deadline.ShouldBe(new DateOnly(2023, 9, 30));
    }

    [Fact]
    public void Parse_ColumnsInAnotherOrder_MapsByHeaderName()
    {
        var text = "2021年重大事项清单\n时间节点\t责任单位\t牵头单位\t重点任务\t序号\n6月30日前\t市财政局、市税务局\t市发改委\t争取政策支持。\t1\n";

        var item = Seeds.ParseText(text).Lists.ShouldHaveSingleItem().Items.ShouldHaveSingleItem();

        item.Number.ShouldBe("1");
        item.Text.ShouldBe("争取政策支持。");
        item.LeadUnits.ShouldBe(["市发改委"]);
        item.ResponsibleUnits.ShouldBe(["市财政局", "市税务局"]);
        item.Deadline.ShouldBe(new DateOnly(2021, 6, 30));
    }

    [Fact]
    public void Parse_OnlyResponsibleColumn_KeepsThemResponsibleAndTheLedgerTakesTheFirstAsLead()
    {
        var text = "2021年重点任务\n序号\t主要内容\t责任单位\n1\t推进项目建设。\t市发改委、市财政局、市自然资源局\n";

        var item = Seeds.ParseText(text).Lists[0].Items[0];

        item.LeadUnits.ShouldBeEmpty();
        item.ResponsibleUnits.ShouldBe(["市发改委", "市财政局", "市自然资源局"]);
        item.LedgerLeadUnits.ShouldBe(["市发改委"]);
        item.LedgerResponsibleUnits.ShouldBe(["市财政局", "市自然资源局"]);
    }

    [Fact]
    public void Parse_UnnumberedCategoriesChromeAndNoticeHeader_AreHandled()
    {
        var text = """
            市振兴办关于印发2021年重点工作清单的通知
            各科室：
            现将清单印发给你们，请认真抓好落实。
            市振兴办
            2021年3月1日
            第 1 页 共 2 页
            2021年重点工作清单
            序号	工作任务	牵头单位	配合单位	完成时限
            综合协调类（2项）			
            1	召开领导小组会议。	办公室	各科室	6月底前
            - 2 -
            2	编制年度工作要点。	办公室		3月底前
            督查考评类
            1	开展年度考评。	督查科	办公室	年底前
            """;

        var document = Seeds.ParseText(text);

        document.Errors.ShouldBeEmpty();
        var list = document.Lists.ShouldHaveSingleItem();
        list.Title.ShouldBe("2021年重点工作清单");
        list.Categories.Select(c => (c.Number, c.Title, c.DeclaredCount, c.ItemCount)).ShouldBe([("", "综合协调类", 2, 2), ("", "督查考评类", (int?)null, 1)]);
        list.Items[1].ResponsibleUnits.ShouldBeEmpty();
        list.Items[1].Deadline.ShouldBe(new DateOnly(2021, 3, 31));
        list.Items[2].CategoryPath.ShouldBe("督查考评类");
    }

    [Fact]
    public void Parse_PairingTwoColumnTable_GivesPairingsPerCity()
    {
        var text = "对口支援结对安排\n支援单位\t受援县（市、区）\n赣州市（2个）\n科技部、自然资源部\t赣县区\n财政部\t瑞金市\n吉安市（1个）\n税务总局\t吉州区\n";

        var document = Seeds.ParseText(text);

        document.Errors.ShouldBeEmpty();
        document.Pairings.Select(p => (p.City, p.County, string.Join(",", p.SupportingUnits)))
            .ShouldBe([("赣州市", "赣县区", "科技部,自然资源部"), ("赣州市", "瑞金市", "财政部"), ("吉安市", "吉州区", "税务总局")]);
    }

    [Fact]
    public void Parse_RepeatedHeaderAndWrappedCellAcrossPageBreak_KeepsOneItem()
    {
        var text = "2021年清单\n序号\t事项名称\t牵头单位\n1\t推进第一项工作，\t市发改委\n序 号\t事项名称\t牵头单位\t\n2\t推进第二项工作。\t市财政局\n";

        var list = Seeds.ParseText(text).Lists.ShouldHaveSingleItem();

        list.Items.Select(i => i.Number).ShouldBe(["1", "2"]);
    }

    [Fact]
    public void Parse_CategoryNumberInNumberColumnAndLeadMarkedInList_AreRead()
    {
        var text = "2021年清单\n序号\t事项名称\t责任单位\t时间安排\n一\t产业发展（1项）\t\t\n1\t推进工业倍增。\t市财政局、市工信局（牵头）\t2021年3月至6月\n第二部分 民生保障\n（1）\t新建学校。\t市教育局\t年底前\n";

        var document = Seeds.ParseText(text);

        document.Errors.ShouldBeEmpty();
        var list = document.Lists.ShouldHaveSingleItem();
        list.Categories.Select(c => (c.Number, c.Title, c.ItemCount)).ShouldBe([("一", "产业发展", 1), ("二", "民生保障", 1)]);
        list.Items[0].LeadUnits.ShouldBe(["市工信局"]);
        list.Items[0].ResponsibleUnits.ShouldBe(["市财政局"]);
        list.Items[0].Deadline.ShouldBe(new DateOnly(2021, 6, 30));
        list.Items[1].Number.ShouldBe("1");
        list.Items[1].CategoryPath.ShouldBe("二");
    }

    [Fact]
    public void Parse_ParenthesisedNumbersWithLabelledLines_AreItems()
    {
        var text = "2022年试点工作安排\n（1）开展生态产品价值实现机制试点。\n牵头单位：市发改委\n完成时限：2022年底前\n（2）开展普惠金融改革试点。\n牵头单位：市金融办\n";

        var list = Seeds.ParseText(text).Lists.ShouldHaveSingleItem();

        list.Kind.ShouldBe(ItemListKind.Pilots);
        list.Items.Select(i => (i.Number, i.LeadUnits.Single())).ShouldBe([("1", "市发改委"), ("2", "市金融办")]);
        list.Items[0].Deadline.ShouldBe(new DateOnly(2022, 12, 31));
    }

    [Fact]
    public void Parse_PipeRowsWithNumberAndMergedTaskInSecondColumn_CarriesTask()
    {
        var text = """
            2021年招商工作清单
            | 序号 | 工作任务 | 重点任务 | 责任部门 | 完成时限 | 备注 |
            | 1 | 一、招商引资 | 引进重大项目10个。 | 市商务局 | 年底前 | 含5020项目 |
            | 2 | 举办招商推介会。 | 市投促局 | 9月底前 |  |
            """;

        var document = Seeds.ParseText(text);

        var list = document.Lists.ShouldHaveSingleItem();
        list.Categories.ShouldHaveSingleItem().Title.ShouldBe("招商引资");
        list.Items.Select(i => i.Text).ShouldBe(["引进重大项目10个。", "举办招商推介会。"]);
        list.Items[1].LedgerLeadUnits.ShouldBe(["市投促局"]);
        list.Items[1].Deadline.ShouldBe(new DateOnly(2021, 9, 30));
        list.Items[0].OtherCells["备注"].ShouldBe("含5020项目");
        document.ToJson().ShouldContain("\"备注\": \"含5020项目\"");
    }

    [Fact]
    public void Parse_PdfRowSplitOverLines_ContinuesTheNumberedRow()
    {
        var text = "2021年清单\n序号\t事项名称\t牵头单位\t责任单位\t完成时限\n1\t推进城市更新，\t市住建局\t市发改委、\t6月底前\n\t改造老旧小区50个。\t\t市财政局\t\n2\t建设智慧城市。\t市大数据局\t\t年底前\n";

        var list = Seeds.ParseText(text).Lists.ShouldHaveSingleItem();

        list.Items.Count.ShouldBe(2);
        list.Items[0].Text.ShouldBe("推进城市更新，改造老旧小区50个。");
        list.Items[0].ResponsibleUnits.ShouldBe(["市发改委", "市财政局"]);
        list.Items[0].Deadline.ShouldBe(new DateOnly(2021, 6, 30));
    }

    [Fact]
    public void Parse_UnlabelledUnitsInTrailingParenthesis_AreReadAfterAFinishedSentence()
    {
        var text = "2021年工作要点\n一、重点任务\n1. 推进城市更新。（市住建局牵头，市发改委、市财政局配合）\n2. 支持章贡区（含赣州经济技术开发区）建设。\n3. 建设智慧城市。（市大数据局、市工信局）\n";

        var items = Seeds.ParseText(text).Lists.ShouldHaveSingleItem().Items;

        items[0].Text.ShouldBe("推进城市更新。");
        items[0].LedgerLeadUnits.ShouldBe(["市住建局"]);
        items[0].LedgerResponsibleUnits.ShouldBe(["市发改委", "市财政局"]);
        items[1].Text.ShouldBe("支持章贡区（含赣州经济技术开发区）建设。");
        items[1].LedgerLeadUnits.ShouldBeEmpty();
        items[2].LedgerLeadUnits.ShouldBe(["市大数据局"]);
        items[2].LedgerResponsibleUnits.ShouldBe(["市工信局"]);
    }

    [Fact]
    public void Parse_CountySupportTableWithSupportingAndCountyColumns_IsAnItemList()
    {
        var text = "2021年“援县促市”事项清单\n序号\t受援县\t支援单位\t事项名称\t完成时限\n1\t章贡区\t国务院国资委\t争取央企产业项目落地。\t年底前\n";

        var document = Seeds.ParseText(text);

        document.Pairings.ShouldBeEmpty();
        var list = document.Lists.ShouldHaveSingleItem();
        list.Kind.ShouldBe(ItemListKind.CountySupport);
        var item = list.Items.ShouldHaveSingleItem();
        item.OtherCells["受援县"].ShouldBe("章贡区");
        item.OtherCells["支援单位"].ShouldBe("国务院国资委");
        item.Deadline.ShouldBe(new DateOnly(2021, 12, 31));
    }

    [Fact]
    public void Parse_TaskDivisionNoticeWithHeaderChromeAndMixedUnitStyles_GivesNestedWorkPoints()
    {
        var text = """
            赣州市人民政府办公室文件
            赣市府办字〔2022〕12号
            赣州市人民政府办公室关于印发2022年《政府工作报告》重点工作任务分工方案的通知
            各县（市、区）人民政府，市政府各部门，市直、驻市各单位：
            经市政府同意，现将《2022年〈政府工作报告〉重点工作任务分工方案》印发给你们，请认真贯彻执行。
            赣州市人民政府办公室
            2022年2月20日
            （此件主动公开）
            - 1 -
            2022年《政府工作报告》重点工作任务分工方案
            为确保《政府工作报告》确定的各项目标任务落到实处，现将重点工作任务分工如下：
            一、主要预期目标（共3项）
            1. 地区生产总值增长8.5%左右。（责任单位：市发改委、市统计局）
            2. 规模以上工业增加值增长9.5%左右。（责任单位：市工信局）
            3. 一般公共预算收入增长6%以上。（责任单位：市财政局、市税务局）
            二、重点工作任务
            （一）坚定不移主攻工业
            4. 深入实施产业链链长制，推动现代家居、有色金属、电子信息等产业集群倍增升级。（责任领导：张三；牵头单位：市工信局；责任单位：各县（市、区）政府、赣州经开区；完成时限：2022年12月底前）
            5. 实施千亿园区培育计划。
            牵头单位：市商务局
            责任单位：各县（市、区）政府
            完成时限：长期坚持
            （二）着力扩大有效投资
            6. 全年实施省市重点项目800个以上，完成投资2000亿元以上。（牵头单位：市发改委；责任单位：市直有关部门）
            - 2 -
            7. 加快推进瑞梅铁路、长赣高铁等重大交通项目，力争年内开工建设。（牵头单位：市交通运输局、市铁办；完成时限：三季度末）
            三、工作要求
            各地各部门要高度重视，切实加强组织领导。
            抄送：市委各部门，市人大常委会办公室。
            """;

        var document = Seeds.ParseText(text);

        document.Errors.ShouldBeEmpty();
        var list = document.Lists.ShouldHaveSingleItem();
        list.Title.ShouldBe("2022年《政府工作报告》重点工作任务分工方案");
        list.DocumentNumber.ShouldBe("赣市府办字〔2022〕12号");
        list.Categories.Select(c => (c.Number, c.DeclaredCount, c.ItemCount)).ShouldBe([("一", (int?)3, 3), ("二", null, 4)]);
        list.Categories[1].Children.Select(c => c.Path).ShouldBe(["二/（一）", "二/（二）"]);
        list.Items.Select(i => i.Number).ShouldBe(["1", "2", "3", "4", "5", "6", "7"]);
        list.Items[0].ShortTitle.ShouldBeNull();
        list.Items[0].LedgerLeadUnits.ShouldBe(["市发改委"]);
        list.Items[0].LedgerResponsibleUnits.ShouldBe(["市统计局"]);
        list.Items[3].Leaders.ShouldBe(["张三"]);
        list.Items[3].GroupReferences.ShouldBe(["各县（市、区）政府"]);
        list.Items[3].Deadline.ShouldBe(new DateOnly(2022, 12, 31));
        list.Items[4].Ongoing.ShouldBeTrue();
        list.Items[6].LedgerLeadUnits.ShouldBe(["市交通运输局", "市铁办"]);
        list.Items[6].Deadline.ShouldBe(new DateOnly(2022, 9, 30));
    }

    [Fact]
    public void Parse_UnitNameWrappedOntoNextLine_IsRejoined()
    {
        var text = "2020年清单\n序号\t事项名称\t牵头单位\t责任单位\n1\t完善对口支援工作机制。\t市振兴办、市\t\n教育局\n2\t召开座谈会。\t市振兴办\t市商务局\n";

        var list = Seeds.ParseText(text).Lists.ShouldHaveSingleItem();

        list.Categories.ShouldBeEmpty();
        list.Items[0].LeadUnits.ShouldBe(["市振兴办", "市教育局"]);
        list.Items[1].ResponsibleUnits.ShouldBe(["市商务局"]);
    }

    [Fact]
    public void Parse_UnnumberedCategoryLinesBetweenNumberedParagraphs_BecomeCategories()
    {
        var text = """
            2023年为民办实事项目
            教育类（2项）
            1. 新建城乡学校10所。（牵头单位：市教育局）
            2. 改扩建幼儿园20所。（牵头单位：市教育局；完成时限：8月底前）
            医疗类
            1. 建成区域医疗中心。（牵头单位：市卫健委）
            """;

        var document = Seeds.ParseText(text);

        document.Errors.ShouldBeEmpty();
        var list = document.Lists.ShouldHaveSingleItem();
        list.Title.ShouldBe("2023年为民办实事项目");
        list.Categories.Select(c => (c.Number, c.Title, c.DeclaredCount, c.ItemCount)).ShouldBe([("", "教育类", (int?)2, 2), ("", "医疗类", null, 1)]);
        list.Items[1].Deadline.ShouldBe(new DateOnly(2023, 8, 31));
        list.Items[2].CategoryPath.ShouldBe("医疗类");
    }

    [Fact]
    public void Parse_SpaceAlignedColumnsFromPdfLayout_SplitsRows()
    {
        var text = """
            2021年重点任务清单
            序号   事项名称                         牵头单位      责任单位              完成时限
            一、产业发展（2项）
            1      推进工业倍增升级。               市工信局      市发改委、市财政局    6月底前
            2      建设数字经济产业园。             市大数据局                          三季度末
            二、民生保障（1项）
            1      新建城乡学校10所。               市教育局      各县（市、区）        年底前
            注：本清单由市振兴办负责解释。
            """;

        var document = Seeds.ParseText(text);

        document.Errors.ShouldBeEmpty();
        var list = document.Lists.ShouldHaveSingleItem();
        list.Items.Count.ShouldBe(3);
        list.Items[0].ResponsibleUnits.ShouldBe(["市发改委", "市财政局"]);
        list.Items[1].LeadUnits.ShouldBe(["市大数据局"]);
        list.Items[1].Deadline.ShouldBe(new DateOnly(2021, 9, 30));
        list.Items[2].GroupReferences.ShouldBe(["各县（市、区）"]);
    }

    [Fact]
    public void Parse_SignatureAfterTextTable_IsNotACategory()
    {
        var text = "2021年清单\n序号\t事项名称\t牵头单位\n1\t推进某项工作。\t市发改委\n\n赣州市振兴办\n2021年3月1日\n";

        var list = Seeds.ParseText(text).Lists.ShouldHaveSingleItem();

        list.Categories.ShouldBeEmpty();
        list.Items.ShouldHaveSingleItem().CategoryPath.ShouldBe("");
    }

    [Fact]
    public void Parse_WebTableWithUnnumberedCategoryAfterFullRow_StartsCategory()
    {
        var text = "2021年重点工作清单\n序号\n事项名称\n牵头单位\n完成时限\n综合类\n1\n召开领导小组会议。\n办公室\n6月底前\n督查类\n1\n开展年度考评。\n督查科\n年底前\n";

        var list = Seeds.ParseText(text).Lists.ShouldHaveSingleItem();

        list.Categories.Select(c => (c.Title, c.ItemCount)).ShouldBe([("综合类", 1), ("督查类", 1)]);
        list.Items[0].Text.ShouldBe("召开领导小组会议。");
        list.Items[1].LeadUnits.ShouldBe(["督查科"]);
    }

    [Fact]
    public void Parse_WebTableWithUnitLinesAndSubRow_ReadsEveryUnitAndKeepsTheFirstDeadline()
    {
        // Cells one per line with blank lines between (a saved web page), a column name the synonyms lack (民生实事),
        // one cell's units on three lines, and a sub-row under a merged 序号 with a deadline of its own.
        var text = """
            2016年民生实事目标任务分解表

            序号

            民生实事

            责任单位

            完成时限

            1

            启动建设东柳河城区段综合治理工程。

            县水务局

            县住建局

            县护城河指挥部

            12月底前

            2

            建成县残疾人综合服务中心。

            县残联

            5月底前动工

            3

            开工建设县老年养护楼。

            县民政局

            5月底前动工

            开工建设老年大学。

            12月底前

            4

            新建2座人行天桥。

            县住建局

            9月投入使用
            """;

        var document = Seeds.ParseText(text);

        document.Errors.ShouldBeEmpty();
        var list = document.Lists.ShouldHaveSingleItem();
        list.Items.Select(i => i.Number).ShouldBe(["1", "2", "3", "4"]);
        list.Items[0].Text.ShouldBe("启动建设东柳河城区段综合治理工程。");
        list.Items[0].LedgerLeadUnits.Concat(list.Items[0].LedgerResponsibleUnits).ShouldBe(["县水务局", "县住建局", "县护城河指挥部"]);
        list.Items[0].Deadline.ShouldBe(new DateOnly(2016, 12, 31));
        list.Items[1].LedgerLeadUnits.ShouldBe(["县残联"]);
        list.Items[1].Deadline.ShouldBe(new DateOnly(2016, 5, 31));
        list.Items[2].Text.ShouldBe("开工建设县老年养护楼。开工建设老年大学。（完成时限：12月底前）");
        list.Items[2].LedgerLeadUnits.ShouldBe(["县民政局"]);
        list.Items[2].Deadline.ShouldBe(new DateOnly(2016, 5, 31));
        list.Items[2].Doubts.ShouldContain(d => d.Reason.Contains("两个完成时限"));
        list.Items[3].Deadline.ShouldBe(new DateOnly(2016, 9, 30));
    }

    [Fact]
    public void Parse_ProgressTableWithRowsOneCellShort_FindsTheMissingColumnByContent()
    {
        // Ten column names over nine-cell rows: 全年目标任务 is missing, found because 徐国江 reads as a person and 城管局 as a unit.
        var text = """
            2023年区政府重点民生实事项目推进情况(1-11月)
            序号 |
            主要任务 |
            全年目标任务 |
            分管 领导 |
            牵头 单位 |
            责任主体与协同单位 |
            1-10月推进情况 |
            1-11月推进情况 |
            是否达序 |
            说明 |
            24 |
            优化提升50条背街后巷交通组织。 |
            徐国江 |
            城管局 |
            市政局、相关街道 |
            已进场施工,完成30%。 |
            已进场施工,完成60%。 |
            是 |
            ||
            25 |
            新建建筑垃圾中转站8个。 |
            徐国江 |
            城管局 |
            崇川经济开发区、各街道 |
            已建成3个。 |
            已建成7个。 |
            否 |
            项目于9月28日才签订合同。 |
            """;

        var list = Seeds.ParseText(text).Lists.ShouldHaveSingleItem();

        list.Items.Count.ShouldBe(2);
        list.Items[0].Number.ShouldBe("24");
        list.Items[0].Text.ShouldBe("优化提升50条背街后巷交通组织。");
        list.Items[0].Leaders.ShouldBe(["徐国江"]);
        list.Items[0].LeadUnits.ShouldBe(["城管局"]);
        list.Items[0].ResponsibleUnits.Concat(list.Items[0].GroupReferences).ShouldBe(["市政局", "相关街道"]);
        list.Items[0].OtherCells["1-11月推进情况"].ShouldBe("已进场施工,完成60%。");
        list.Items[1].LeadUnits.ShouldBe(["城管局"]);
        list.Items[1].OtherCells["是否达序"].ShouldBe("否");
        list.Items[1].OtherCells["说明"].ShouldBe("项目于9月28日才签订合同。");
    }

    [Fact]
    public void Parse_HeadingRightAboveALetterSpacedVerticalHeader_IsTheFirstCategory()
    {
        var text = """
            2022年政府工作报告重点工作责任分解

            一、未来五年主要工作任务

            序号

            主 要 工 作 任 务

            责任单位

            1

            地区生产总值突破1万亿元。

            市发展改革委

            2

            规上工业总产值突破2万亿元。

            市经信局
            """;

        var list = Seeds.ParseText(text).Lists.ShouldHaveSingleItem();

        list.Title.ShouldBe("2022年政府工作报告重点工作责任分解");
        list.Categories.Select(c => (c.Number, c.Title, c.ItemCount)).ShouldBe([("一", "未来五年主要工作任务", 2)]);
        list.Items[1].LedgerLeadUnits.ShouldBe(["市经信局"]);
    }

    [Fact]
    public void Parse_HeadingAboveATableWhoseRowsHaveTheirOwnCategories_IsNotAnEmptyCategory()
    {
        var text = "2021年重大事项清单\n三、重大事项\n序号\t事项名称\t牵头单位\n一、产业发展\n1\t推进工业倍增。\t市工信局\n二、民生保障\n1\t新建学校。\t市教育局\n";

        var list = Seeds.ParseText(text).Lists.ShouldHaveSingleItem();

        list.Categories.Select(c => (c.Number, c.Title, c.ItemCount)).ShouldBe([("一", "产业发展", 1), ("二", "民生保障", 1)]);
    }

    [Fact]
    public void Parse_RowsDividedBySingleSpacesWithSpacesInsideCells_AreSplitByContent()
    {
        var text = """
            平顶山市全面推行河长制主要任务分解表
            序号 类别 主要任务 细化措施 牵头单位 参与单位 责任单位
            1 加强水资源保 护 严守水资源开发利用控制红线 实施水资源消耗总量和强度双控行动,防止不合理新增取水。 市水利局 市发展改革委、农业局等 各县(市、区)党委和人民政府
            2  严守用水 效率控制 红线 落实万元国内生产总值水耗指标等用水效率评估体系。 市水利局 市发展改革委、住房和城乡建设局等 各县(市、区)党委和人民政府
            """;

        var list = Seeds.ParseText(text).Lists.ShouldHaveSingleItem();

        list.Categories.Select(c => (c.Title, c.ItemCount)).ShouldBe([("加强水资源保护", 2)]);
        list.Items[0].Text.ShouldBe("严守水资源开发利用控制红线");
        list.Items[0].LeadUnits.ShouldBe(["市水利局"]);
        list.Items[0].ResponsibleUnits.ShouldBe(["市发展改革委", "农业局等"]);
        list.Items[0].GroupReferences.ShouldBe(["各县（市、区）党委和人民政府"]);
        list.Items[0].OtherCells["细化措施"].ShouldStartWith("实施水资源消耗总量");
        list.Items[1].Text.ShouldBe("严守用水效率控制红线");
        list.Items[1].LeadUnits.ShouldBe(["市水利局"]);
    }

    [Fact]
    public void Parse_PipeTableWithUnitsDividedBySpacesAndNumberedRulesAfterIt_ReadsUnitsAndNoEmptyCategories()
    {
        var text = """
            徐庄镇2017年度安全生产专项整治
            工作计划
            二〇一七年二月二十四日
            一、专项整治安排表
            专项整治行业名称 | 时间安排 | 责任单位 |
            烟花爆竹 | 1月份 | 安监站 安监所 |
            电力设施 | 3月份 | 电管所 |
            交通运输 | 12月份 | 超限站 公路站 交警六中队 |
            二、工作要求
            (一)各有关责任单位要按照时间安排,制定本行业(领域)安全生产专项整治方案。
            (二)各有关责任单位要组织、做好相关安全生产专项整治工作,收集整理工作开展情况。
            """;

        var document = Seeds.ParseText(text, options: new ImportOptions { Year = 2017 });

        var list = document.Lists.ShouldHaveSingleItem();
        list.Title.ShouldBe("徐庄镇2017年度安全生产专项整治工作计划");
        list.Categories.Select(c => (c.Title, c.ItemCount, c.Children.Count)).ShouldBe([("专项整治安排表", 3, 0)]);
        list.Items[0].LeadUnits.Concat(list.Items[0].ResponsibleUnits).ShouldBe(["安监站", "安监所"]);
        list.Items[0].Deadline.ShouldBe(new DateOnly(2017, 1, 31));
        list.Items[2].LeadUnits.Concat(list.Items[2].ResponsibleUnits).ShouldBe(["超限站", "公路站", "交警六中队"]);
    }

    [Fact]
    public void Parse_SeveralItemsWithLabelsOnOneLine_GivesOneItemEach()
    {
        var text = "2014年市政府民生实事项目共有42项任务,现将进展情况予以公示。 1.轨道交通1号线一期工程投入试运营。 牵头领导:林静国 责任单位:市轨道交通工程建设指挥部 项目责任人:尹文德 "
            + "2.新增安装300套路口交通信息视频采集设备。 牵头领导:王仁洲 责任单位:市公安局 项目责任人:王伟标 配合单位:市城管局、市财政局 实际完成情况:已完成年度目标任务的55%。 "
            + "3.新辟公交线路10条,优化调整20条。 牵头领导:王仁洲 责任单位:市交通委 配合单位:市公安局、市城管局,各区政府 鄞州 海曙 合计 新辟线路年度目标 2 5 10\n";

        var document = Seeds.ParseText(text);

        var list = document.Lists.ShouldHaveSingleItem();
        list.Items.Select(i => i.Number).ShouldBe(["1", "2", "3"]);
        list.Items[0].Text.ShouldBe("轨道交通1号线一期工程投入试运营。");
        list.Items[0].Leaders.ShouldBe(["林静国"]);
        list.Items[0].OtherCells["项目责任人"].ShouldBe("尹文德");
        list.Items[1].LedgerLeadUnits.Concat(list.Items[1].LedgerResponsibleUnits).ShouldBe(["市公安局", "市城管局", "市财政局"]);
        list.Items[1].OtherCells["实际完成情况"].ShouldBe("已完成年度目标任务的55%。");
        list.Items[2].Text.ShouldBe("新辟公交线路10条,优化调整20条。");
        list.Items[2].LedgerResponsibleUnits.Concat(list.Items[2].GroupReferences).ShouldBe(["市公安局", "市城管局", "各区政府"]);
        document.Warnings.ShouldContain(w => w.Message.Contains("鄞州") && w.Message.Contains("未并入"));
    }
}
