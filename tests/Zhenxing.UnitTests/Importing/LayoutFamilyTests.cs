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

        items[0].LeadUnits.ShouldBe(["市营商办"]);
        items[0].ResponsibleUnits.ShouldBe(["市市场监管局"]);
        items[1].LeadUnits.ShouldBe(["市人社局"]);
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
        items[0].LeadUnits.Concat(items[0].ResponsibleUnits).ShouldBe(["省发展改革委", "省市场监管局"]);
        items[1].LeadUnits.ShouldBe(["省市场监管局"]);
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
        items[0].ResponsibleUnits.Concat(items[0].GroupReferences).ShouldBe(["农业部", "财政部", "粮食局", "等部门"]);
        items[1].LeadUnits.ShouldBe(["国土资源部"]);
        items.SelectMany(i => i.Doubts).ShouldBeEmpty();
    }
}
