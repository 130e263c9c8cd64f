using Zhenxing.Importing;

namespace Zhenxing.UnitTests.Importing;

/// <summary>The unit layouts of real task-division documents (see Corpus/), each on a small text.</summary>
public class LayoutFamilyTests
{
    private static IReadOnlyList<ParsedItem> Items(string text)
    {
        var document = Seeds.ParseText(text);
        document.Errors.ShouldBeEmpty();
        return document.Lists.ShouldHaveSingleItem().Items;
    }

    [Fact]
    public void Parse_InlineClauses_ReadLeadAndResponsibleUnits()
    {
        var items = Items("""
            2023年重点工作任务分工方案
            一、稳增长
            1.推进项目建设。（牵头单位：市发改委；配合单位：市财政局、市自然资源局）
            2.扩大有效投资。[牵头单位:市发改委;责任单位:市财政局、市统计局]
            3.加强金融支持。（市财政局负责）
            4.保障粮食安全。（市农业农村局会同有关部门负责）
            5.加快城市更新。市住建局牵头，市城管局配合。
            6.提升服务水平。（市政务服务中心、市大数据中心牵头负责）
            7.推进乡村振兴。（市农业农村局牵头，市财政局、市水利局按职责分工负责）
            """);

        items.Count.ShouldBe(7);
        items[0].Text.ShouldBe("推进项目建设。");
        items[0].LeadUnits.ShouldBe(["市发改委"]);
        items[0].ResponsibleUnits.ShouldBe(["市财政局", "市自然资源局"]);
        items[1].LeadUnits.ShouldBe(["市发改委"]);
        items[1].ResponsibleUnits.ShouldBe(["市财政局", "市统计局"]);
        items[2].LeadUnits.ShouldBe(["市财政局"]);
        items[2].ResponsibleUnits.ShouldBeEmpty();
        items[3].LeadUnits.ShouldBe(["市农业农村局"]);
        items[3].GroupReferences.ShouldBe(["有关部门"]);
        items[4].Text.ShouldBe("加快城市更新。");
        items[4].LeadUnits.ShouldBe(["市住建局"]);
        items[4].ResponsibleUnits.ShouldBe(["市城管局"]);
        items[5].LeadUnits.ShouldBe(["市政务服务中心", "市大数据中心"]);
        items[6].LeadUnits.ShouldBe(["市农业农村局"]);
        items[6].ResponsibleUnits.ShouldBe(["市财政局", "市水利局"]);
        items.SelectMany(i => i.Doubts).ShouldBeEmpty();
    }

    [Fact]
    public void Parse_ResponsibleClauseWithoutRule_LeadsByPositionAndSaysSo()
    {
        var items = Items("""
            2023年重点工作任务分工方案
            一、稳增长
            1.优化营商环境。(责任单位:市营商办、市市场监管局)
            2.稳定就业。（市人社局、市教育局负责）
            """);

        items[0].LedgerLeadUnits.ShouldBe(["市营商办"]);
        items[0].LedgerResponsibleUnits.ShouldBe(["市市场监管局"]);
        items[1].LedgerLeadUnits.ShouldBe(["市人社局"]);
        items.ShouldAllBe(i => i.Doubts.Count == 1 && i.Doubts[0].Reason.Contains("未写明牵头单位"));
    }

    [Fact]
    public void Parse_RuleInsideTheFirstClause_IsNoUnitAndMakesTheFirstUnitLead()
    {
        var items = Items("""
            2021年税收工作任务分工
            一、落实减税降费政策
            1.落实好各项减税降费政策。（税务总局、财政部、海关总署负责，排在第一位的部门为牵头部门，下同）
            2.优化出口退税服务。（商务部、海关总署负责）
            """);

        items[0].LeadUnits.ShouldBe(["税务总局"]);
        items[0].ResponsibleUnits.ShouldBe(["财政部", "海关总署"]);
        items[1].LeadUnits.ShouldBe(["商务部"]);
        items[1].ResponsibleUnits.ShouldBe(["海关总署"]);
        items.SelectMany(i => i.Doubts).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("（列第一位者为牵头单位）")]
    [InlineData("列第一位者为牵头或汇总单位，下同。")]
    [InlineData("排在第一位的部门为牵头部门，下同。")]
    public void Parse_DocumentWideRule_MakesTheFirstResponsibleUnitLead(string rule)
    {
        var items = Items($"""
            2020年重点工作责任分解
            {rule}
            一、稳增长
            1.坚定不移支持企业发展。
            责任单位：市经信局、市财政局、市发展改革委
            """);

        var item = items.ShouldHaveSingleItem();
        item.LeadUnits.ShouldBe(["市经信局"]);
        item.ResponsibleUnits.ShouldBe(["市财政局", "市发展改革委"]);
        item.Doubts.ShouldBeEmpty();
    }

    [Fact]
    public void Parse_RuleAtTheEndOfALabelLine_IsNoUnit()
    {
        var item = Items("""
            2020年政府工作报告重点工作责任分解
            一、王纲市长主抓重点工作
            1.坚定不移支持企业发展。认真落实各项政策措施。
            责任单位:市经信局、市财政局、市税务局(列第一位者为工作牵头单位或汇总单位,下同)
            """).ShouldHaveSingleItem();

        item.LeadUnits.ShouldBe(["市经信局"]);
        item.ResponsibleUnits.ShouldBe(["市财政局", "市税务局"]);
        item.Doubts.ShouldBeEmpty();
    }

    [Fact]
    public void Parse_LabelLinesUnderEachItem_ReadUnitsAndLeaders()
    {
        var items = Items("""
            2020年市政府重点工作及责任分解
            一、确保完成全年主要预期目标
            1. 地区生产总值增长8%以上。
            牵头负责领导:金力。
            牵头责任单位:市发展改革委。
            协同责任单位:市经信局、市商务局、中新苏滁高新区管委会等,各县、市、区政府。
            2. 财政收入增长8%左右。
            责任领导：王明
            牵头单位：市财政局
            配合单位：市税务局、滁州海关
            """);

        items.Count.ShouldBe(2);
        items[0].Text.ShouldBe("地区生产总值增长8%以上。");
        items[0].Leaders.ShouldBe(["金力"]);
        items[0].LeadUnits.ShouldBe(["市发展改革委"]);
        items[0].ResponsibleUnits.ShouldBe(["市经信局", "市商务局", "中新苏滁高新区管委会等"]);
        items[0].GroupReferences.ShouldBe(["各县、市、区政府"]);
        items[1].Leaders.ShouldBe(["王明"]);
        items[1].LeadUnits.ShouldBe(["市财政局"]);
        items[1].ResponsibleUnits.ShouldBe(["市税务局", "滁州海关"]);
        items.SelectMany(i => i.Doubts).ShouldBeEmpty();
    }

    [Fact]
    public void Parse_TortoiseBracketClauseWithARemark_ReadsTheUnitsOnly()
    {
        var items = Items("""
            四川省现代流通体系建设实施方案
            一、深化现代流通市场化改革
            (一)加强市场体系建设。推进高标准市场体系建设。〔责任单位:省发展改革委、省市场监管局按职责分工负责。具体任务均涉及相关市(州)人民政府,不再做分工,下同。〕
            (二)优化市场准入环境。实施“证照分离”改革全覆盖。〔责任单位:省市场监管局〕
            """);

        items.Count.ShouldBe(2);
        items[0].Text.ShouldBe("加强市场体系建设。推进高标准市场体系建设。");
        items[0].LedgerLeadUnits.Concat(items[0].LedgerResponsibleUnits).ShouldBe(["省发展改革委", "省市场监管局"]);
        items[1].LedgerLeadUnits.ShouldBe(["省市场监管局"]);
        items.ShouldAllBe(i => i.Doubts.Count == 1 && i.Doubts[0].Reason.Contains("未写明牵头单位"));
    }

    [Fact]
    public void Parse_UnitsInsideTheSentence_ByXTogetherWithY()
    {
        var items = Items("""
            关于有关政策措施分工的通知
            一、工作分工
            (一)关于“确保谷物基本自给”的问题,由发展改革委会同农业部、财政部、粮食局等部门研究提出落实意见。
            (二)关于“严守耕地保护红线”的问题,由国土资源部负责落实。
            """);

        items.Count.ShouldBe(2);
        items[0].Text.ShouldEndWith("研究提出落实意见。");
        items[0].LeadUnits.ShouldBe(["发展改革委"]);
        items[0].ResponsibleUnits.Concat(items[0].GroupReferences).ShouldBe(["农业部", "财政部", "粮食局等部门"]);
        items[1].LeadUnits.ShouldBe(["国土资源部"]);
        items.SelectMany(i => i.Doubts).ShouldBeEmpty();
    }

    [Fact]
    public void Parse_ExtraColumnsInAnyOrder_KeepUnitsLeaderAndOtherCells()
    {
        var document = Seeds.ParseText("""
            2023年重点任务清单
            分类	序号	事项	责任单位	牵头单位	牵头市领导	指导部门	推广范围	备注	时间节点
            产业发展	1	推进工业倍增。	市财政局	市工信局	张三	省工信厅	全市	重点	6月底前
            	2	建设数字园区。	市财政局、市大数据局	市发改委	李四	省发改委	中心城区		年底前
            民生保障	3	新建学校。	各县（市、区）	市教育局	王五	省教育厅	全市		9月底前
            """);

        var list = document.Lists.ShouldHaveSingleItem();
        list.Categories.Select(c => (c.Title, c.ItemCount)).ShouldBe([("产业发展", 2), ("民生保障", 1)]);
        list.Items[0].LeadUnits.ShouldBe(["市工信局"]);
        list.Items[0].ResponsibleUnits.ShouldBe(["市财政局"]);
        list.Items[0].Leaders.ShouldBe(["张三"]);
        list.Items[0].OtherCells.ShouldBe(new Dictionary<string, string> { ["指导部门"] = "省工信厅", ["推广范围"] = "全市", ["备注"] = "重点" });
        list.Items[1].ResponsibleUnits.ShouldBe(["市财政局", "市大数据局"]);
        list.Items[1].Deadline.ShouldBe(new DateOnly(2023, 12, 31));
        list.Items[2].GroupReferences.ShouldBe(["各县（市、区）"]);
        list.Items.SelectMany(i => i.Doubts).ShouldBeEmpty();
    }

    [Fact]
    public void Parse_CellsOnOwnLinesWithExtraColumnsAndAWrappedCell_PlacesEachCellInItsColumn()
    {
        // Empty cells of a web table leave no line at all: 指导部门 and 备注 are missing from some rows.
        var list = Seeds.ParseText(string.Join("\n\n",
            "2023年重点任务清单", "序号", "事项", "牵头市领导", "牵头单位", "责任单位", "指导部门", "完成时限", "备注",
            "1", "推进工业倍增升级，", "打造千亿产业集群。", "张三", "市工信局", "市财政局", "市发改委", "省工信厅", "6月底前", "重点",
            "2", "建设数字园区。", "李四", "市发改委", "市大数据局", "省发改委", "年底前",
            "3", "新建学校。", "王五", "市教育局", "各县（市、区）", "三季度末", "需专项资金")).Lists.ShouldHaveSingleItem();

        list.Categories.ShouldBeEmpty();
        list.Items.Count.ShouldBe(3);
        list.Items[0].Text.ShouldBe("推进工业倍增升级，打造千亿产业集群。");
        list.Items[0].Leaders.ShouldBe(["张三"]);
        list.Items[0].LeadUnits.ShouldBe(["市工信局"]);
        list.Items[0].ResponsibleUnits.ShouldBe(["市财政局", "市发改委"]);
        list.Items[0].OtherCells.ShouldBe(new Dictionary<string, string> { ["指导部门"] = "省工信厅", ["备注"] = "重点" });
        list.Items[0].Deadline.ShouldBe(new DateOnly(2023, 6, 30));
        list.Items[1].OtherCells.ShouldBe(new Dictionary<string, string> { ["指导部门"] = "省发改委" });
        list.Items[2].GroupReferences.ShouldBe(["各县（市、区）"]);
        list.Items[2].Deadline.ShouldBe(new DateOnly(2023, 9, 30));
        list.Items[2].OtherCells.ShouldBe(new Dictionary<string, string> { ["备注"] = "需专项资金" });
    }

    [Fact]
    public void Parse_CellsOnOwnLinesWithoutNumbers_EndEachRowByContent()
    {
        // No 序号 to start a row: a wrapped task and a row without its deadline must not shift the rows below.
        var list = Seeds.ParseText(string.Join("\n",
            "2023年重点任务清单", "事项名称", "牵头单位", "责任单位", "完成时限",
            "推进工业倍增升级，", "打造千亿产业集群。", "市工信局", "市财政局", "6月底前",
            "新建学校。", "市教育局", "各县（市、区）",
            "加强文物保护。", "市文广局", "市财政局", "三季度末")).Lists.ShouldHaveSingleItem();

        list.Items.Select(i => (i.Text, i.LeadUnits.Single(), i.DeadlineText)).ShouldBe(
        [
            ("推进工业倍增升级，打造千亿产业集群。", "市工信局", "6月底前"),
            ("新建学校。", "市教育局", null),
            ("加强文物保护。", "市文广局", "三季度末"),
        ]);
        list.Items[1].GroupReferences.ShouldBe(["各县（市、区）"]);
        list.Items[2].ResponsibleUnits.ShouldBe(["市财政局"]);
    }

    [Theory]
    [InlineData("工作事项", "主办单位", "协办单位", "办结时限")]
    [InlineData("任务内容", "牵头责任单位", "协同责任单位", "完成时间")]
    [InlineData("重点任务", "牵头部门", "参与单位", "时间节点")]
    [InlineData("工作任务", "牵头单位", "配合单位", "完成时限")]
    public void Parse_ColumnNameSynonyms_MapToTheirRoles(string task, string lead, string responsible, string deadline)
    {
        var items = Items($"2023年重点任务清单\n序号\t{task}\t{lead}\t{responsible}\t{deadline}\n1\t推进工业倍增。\t市工信局\t市财政局\t6月底前\n");

        var item = items.ShouldHaveSingleItem();
        item.Text.ShouldBe("推进工业倍增。");
        item.LeadUnits.ShouldBe(["市工信局"]);
        item.ResponsibleUnits.ShouldBe(["市财政局"]);
        item.Deadline.ShouldBe(new DateOnly(2023, 6, 30));
    }

    [Fact]
    public void Parse_ChineseNumberedItemsWithTheirOwnUnits_AreItemsAndThePreambleIsNot()
    {
        var document = Seeds.ParseText("""
            2023年全市重点工作任务分工方案
            为全面完成2023年目标任务，现将重点工作分工如下：
            一、总体要求
            坚持稳中求进工作总基调，完整准确全面贯彻新发展理念，推动高质量发展。
            二、基本原则
            坚持问题导向，坚持系统观念，确保各项任务落地见效。
            三、推进重大项目建设。全年完成投资500亿元。（市发改委牵头，市财政局、市自然资源局配合）
            四、扩大有效投资。（牵头单位：市发改委；配合单位：市财政局）
            五、加快城市更新。市住建局牵头，市城管局配合。
            """);

        document.Errors.ShouldBeEmpty();
        var list = document.Lists.ShouldHaveSingleItem();
        list.Categories.ShouldBeEmpty();
        list.Items.Select(i => i.Number).ShouldBe(["三", "四", "五"]);
        list.Items[0].Text.ShouldBe("推进重大项目建设。全年完成投资500亿元。");
        list.Items[0].LeadUnits.ShouldBe(["市发改委"]);
        list.Items[0].ResponsibleUnits.ShouldBe(["市财政局", "市自然资源局"]);
        list.Items[1].ResponsibleUnits.ShouldBe(["市财政局"]);
        list.Items[2].LeadUnits.ShouldBe(["市住建局"]);
    }

    [Fact]
    public void Parse_ItemsNumberedContinuouslyAcrossHeadings_KeepTheirNumbersAndGroups()
    {
        var arabic = Items("""
            2023年政府工作报告重点任务分工
            一、稳增长
            1.推进项目建设。（牵头单位：市发改委）
            2.扩大消费。（牵头单位：市商务局）
            二、促改革
            3.深化国企改革。（牵头单位：市国资委）
            """);
        var parenthesised = Items("""
            2022年重点工作任务分解
            一、经济发展
            （一）推进项目建设。（牵头单位：区发改局）
            （二）扩大有效投资。（牵头单位：区财政局）
            二、社会事业
            （三）办好人民满意教育。（牵头单位：区教育局）
            """);

        arabic.Select(i => (i.CategoryPath, i.Number)).ShouldBe([("一", "1"), ("一", "2"), ("二", "3")]);
        arabic[2].LeadUnits.ShouldBe(["市国资委"]);
        parenthesised.Select(i => (i.CategoryPath, i.Number)).ShouldBe([("一", "（一）"), ("一", "（二）"), ("二", "（三）")]);
        parenthesised[2].LeadUnits.ShouldBe(["区教育局"]);
    }

    [Fact]
    public void Parse_ProseNamingTheItemsBeforeTheTable_CountsEachItemOnce()
    {
        var document = Seeds.ParseText("""
            关于印发2024年民生实事项目的通知
            各县（市、区）人民政府，市直各单位：
            经市政府研究，2024年实施以下民生实事项目：
            1.新建学校3所。
            2.改造老旧小区50个。
            请各牵头单位认真组织实施。
            附件
            2024年民生实事项目责任分解表
            序号	事项名称	牵头单位	责任单位	完成时限
            1	新建学校3所。	市教育局	各县（市、区）	8月底前
            2	改造老旧小区50个。	市住建局	各区、县级市	9月投入使用
            """);

        document.Errors.ShouldBeEmpty();
        var list = document.Lists.ShouldHaveSingleItem();
        list.Title.ShouldBe("2024年民生实事项目责任分解表");
        list.Items.Count.ShouldBe(2);
        list.Items[0].LeadUnits.ShouldBe(["市教育局"]);
    }

    [Theory]
    [InlineData("各县（市、区）", "各县（市、区）")]
    [InlineData("各区、县级市", "各区、县级市")]
    [InlineData("各县、市、区", "各县、市、区")]
    [InlineData("区直有关部门", "区直有关部门")]
    [InlineData("有关单位", "有关单位")]
    public void Parse_CollectiveUnits_StayWhole(string cell, string expected)
    {
        var item = Items($"2024年民生实事项目清单\n序号\t事项名称\t牵头单位\t责任单位\n1\t新建学校3所。\t市教育局\t{cell}\n").ShouldHaveSingleItem();

        item.LeadUnits.ShouldBe(["市教育局"]);
        item.GroupReferences.ShouldBe([expected]);
        item.ResponsibleUnits.ShouldBeEmpty();
    }

    [Fact]
    public void Parse_UnitFollowedByDeng_KeepsDengOnTheUnit()
    {
        var item = Items("2024年民生实事项目清单\n序号\t事项名称\t牵头单位\t责任单位\n1\t建设口袋公园20个。\t市城管局\t市自然资源局、市住建局等\n").ShouldHaveSingleItem();

        item.ResponsibleUnits.ShouldBe(["市自然资源局", "市住建局等"]);
    }

    [Theory]
    [InlineData("8月底前", "2024-08-31", false)]
    [InlineData("5月底前动工", "2024-05-31", false)]
    [InlineData("9月投入使用", "2024-09-30", false)]
    [InlineData("第三季度", "2024-09-30", false)]
    [InlineData("上半年", "2024-06-30", false)]
    [InlineData("年内", "2024-12-31", false)]
    [InlineData("2024年6月", "2024-06-30", false)]
    [InlineData("长期坚持", null, true)]
    public void Parse_DeadlineWordings_GiveTheirDate(string wording, string? date, bool ongoing)
    {
        var document = Seeds.ParseText($"2024年民生实事项目清单\n序号\t事项名称\t牵头单位\t完成时限\n1\t新建学校3所。\t市教育局\t{wording}\n");

        document.Warnings.ShouldBeEmpty();
        var item = document.Lists.ShouldHaveSingleItem().Items.ShouldHaveSingleItem();
        item.DeadlineText.ShouldBe(wording);
        item.Deadline.ShouldBe(date is null ? null : DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture));
        item.Ongoing.ShouldBe(ongoing);
    }
}
