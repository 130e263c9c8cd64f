using Zhenxing.Importing;

namespace Zhenxing.UnitTests.Importing;

/// <summary>The rules read from corpus documents 18–27, each on a short sample.</summary>
public class RealDocumentRuleTests
{
    [Theory]
    [InlineData("区司法局等有关部门", "区司法局等有关部门")]
    [InlineData("粮食局等部门", "粮食局等部门")]
    [InlineData("糧食局等部門", "糧食局等部門")]
    public void Split_UnitFollowedByItsPeers_StaysWhole(string cell, string expected) =>
        UnitNames.Split(cell).ShouldBe([expected]);

    [Fact]
    public void Split_UnitFollowedByAScopedGroup_NamesBoth() =>
        UnitNames.Split("市发改委等市直(驻市)部门").ShouldBe(["市发改委", "市直（驻市）部门"]);

    [Theory]
    [InlineData("州委编办及州直相关单位", new[] { "州委编办", "州直相关单位" })]
    [InlineData("州委編辦及州直相關單位", new[] { "州委編辦", "州直相關單位" })]
    [InlineData("市场监管局及其分局", new[] { "市场监管局及其分局" })]
    public void Split_TwoOrganisationsJoinedByJi_NamesBoth(string cell, string[] expected) =>
        UnitNames.Split(cell).ShouldBe(expected);

    [Fact]
    public void Parse_TraditionalLabelsWithADeadlineAmongTheUnits_ReadsLabelsAndDeadline()
    {
        var items = Seeds.ParseText("""
            2020年工作計劃
            一、提升政務服務效能
            1.加大簡政放權力度。(牽頭單位:州行政審批服務局;責任單位:州司法局、湘西經(jīng)開區(qū)管委會,各縣市人民政府,6月底完成)
            2.推進政務公開。(牽頭單位:州政務局;配合單位:州財政局)
            """, options: new ImportOptions { Year = 2020 }).Lists.Single().Items;

        items.Count.ShouldBe(2);
        items[0].LeadUnits.ShouldBe(["州行政審批服務局"]);
        items[0].ResponsibleUnits.Concat(items[0].GroupReferences).ShouldBe(["州司法局", "湘西經（jīng）開區（qū）管委會", "各縣市人民政府"], ignoreOrder: true);
        items[0].Deadline.ShouldBe(new DateOnly(2020, 6, 30));
        items[1].LeadUnits.ShouldBe(["州政務局"]);
        items[1].ResponsibleUnits.ShouldBe(["州財政局"]);
        items.SelectMany(i => i.Doubts).ShouldBeEmpty();
    }

    [Fact]
    public void Parse_ParagraphWithItsOwnLabelsButAGarbledNumber_IsAnItemInDoubt()
    {
        var document = Seeds.ParseText("""
            2006年重點工作事項
            一、構建現代產業體系
            (一)加快建設三大汽車產業基地。(牽頭單位:市經貿委;配合單位:市發改委)
            ?。ǘ┩推進石化基地建設。(牽頭單位:市發改委;配合單位:市經貿委)
            (三)加快物流園區建設。(牽頭單位:市交委;配合單位:市經貿委)
            """);

        var items = document.Lists.Single().Items;
        items.Count.ShouldBe(3);
        items[1].LeadUnits.ShouldBe(["市發改委"]);
        items[1].Doubts.ShouldHaveSingleItem().Reason.ShouldContain("没有可识别的序号");
        items[0].Doubts.ShouldBeEmpty();
        items[2].Doubts.ShouldBeEmpty();
        document.Warnings.ShouldBeEmpty();
    }

    [Fact]
    public void Parse_TwoPaddedLeaderNamesGlued_ReadsBothWithADoubt()
    {
        var items = Seeds.ParseText("""
            2024年重点工作目标任务分解表
            序号	目标与任务	分 管 县领导	牵头责任单位	责任单位
            80	新增托位数400个以上。	俞 悦	县教育局	县各有关单位
            81	保障学院秋季开学。	陆 明俞 悦	县教育局	县各有关单位
            """).Lists.Single().Items;

        items[0].Leaders.ShouldBe(["俞悦"]);
        items[0].Doubts.ShouldBeEmpty();
        items[1].Leaders.ShouldBe(["陆明", "俞悦"]);
        items[1].Doubts.ShouldHaveSingleItem().Reason.ShouldContain("陆 明俞 悦");
    }

    [Fact]
    public void Parse_TableHeadingsThatGroupNoRows_AreNotCategories()
    {
        var list = Seeds.ParseText("""
            重点工作任务分解表
            序号	重点工作任务	主要责任单位	协同配合单位
            一、主要预期目标
            3	固定资产投资增长7.5%左右。	区发改委	区工信局
            二、扩投资、优服务
            三、延链条、壮集群
            四、惠民生、增福祉
            68	持续推进学前教育普及普惠。	区教育局	区政府有关部门
            """).Lists.Single();

        list.Categories.Select(c => $"{c.Title}:{c.ItemCount}").ShouldBe(["主要预期目标:1", "惠民生、增福祉:1"]);
    }

    [Fact]
    public void Parse_PolicyExplanationWithNumberedParagraphsAndNoUnits_GivesNoListAndSaysWhy()
    {
        var document = Seeds.ParseText("""
            《2024年重点工作任务分工方案》政策解读
            一、起草背景
            为推动目标任务落实落地，对报告的目标任务进行了细化分解。
            二、主要内容和要求
            (一)主要内容。
            1.在“深化对外开放”方面(分解任务15项)。
            2.在“增强发展优势”方面(分解任务9项)。
            (二)工作要求。
            1.提高政治站位，强化责任落实。各责任单位要切实加强组织领导。
            """);

        document.Lists.ShouldBeEmpty();
        document.Warnings.ShouldContain(w => w.Message.Contains("解读") && w.Message.Contains("不是任务清单"));
        document.Errors.ShouldNotBeEmpty();
    }

    [Fact]
    public void Parse_WorkPointsWithoutUnits_StayAList()
    {
        var document = Seeds.ParseText("""
            2024年工作要点
            一、深化对外开放
            1.推进口岸建设。加快口岸基础设施升级改造。
            2.发展外贸新业态。支持跨境电商发展。
            """);

        document.Lists.ShouldHaveSingleItem().Items.Count.ShouldBe(2);
    }

    [Fact]
    public void Parse_HeaderCellsGluedWithoutSeparators_SaysSoOnItsLine()
    {
        var document = Seeds.ParseText("""
            民生实事项目目标任务责任分解表.docx
            1、民生实事项目目标任务责任分解表序号项目名称主要内容区政府分管领导牵头单位配合单位1增加教育资源供给实施新建学校12个。何海平教育局各街道
            """);

        document.Lists.ShouldBeEmpty();
        var glued = document.Errors.First();
        glued.Location.Line.ShouldBe(2);
        glued.Message.ShouldContain("各列的文字连在一起");
        glued.Message.ShouldContain("序号项目名称主要内容区政府分管领导牵头单位配合单位");
    }

    [Fact]
    public void Parse_UnitLineAfterTheItemsSubPoints_IsTheItems()
    {
        var list = Seeds.ParseText("""
            规划责任分解
            (一)“一案三制”建设
            1.完善应急预案体系
            (1)加强应急预案管理,规范应急预案编制。
            (2)加强应急预案演练,完善演练管理制度。
            (责任单位:市应急局、各县(市、区)人民政府)
            2.健全应急管理体制
            (牵头单位:市应急局;责任单位:市编办)
            """).Lists.Single();

        list.Items.Count.ShouldBe(2);
        list.Items[0].Text.ShouldStartWith("完善应急预案体系(1)加强应急预案管理");
        list.Items[0].Text.ShouldContain("(2)加强应急预案演练");
        list.Items[0].ResponsibleUnits.Concat(list.Items[0].LeadUnits).Concat(list.Items[0].GroupReferences).ShouldBe(["市应急局", "各县（市、区）人民政府"], ignoreOrder: true);
        list.Items[1].LeadUnits.ShouldBe(["市应急局"]);
        list.Categories.ShouldHaveSingleItem().ItemCount.ShouldBe(2);
    }

    [Fact]
    public void Parse_CellsOneALineWithHeaderNamesWrappedOverTwoLines_ReadsTheTable()
    {
        var item = Seeds.ParseText("""
            2024年度重点工作计划执行情况

            序号

            重点工作

            责任

            领导

            责任

            科室

            攻坚目标

            任务

            工作任务安排

            第二季度

            完成情况

            1

            白仙山水库工程政策处理

            欧乾震

            水库工程政策处理工作领导小组

            完成项目政策处理工作。

            推进坟墓迁移工作。

            坟墓迁移进度达60%。
            """).Lists.Single().Items.ShouldHaveSingleItem();

        item.Text.ShouldBe("白仙山水库工程政策处理");
        item.Leaders.ShouldBe(["欧乾震"]);
        item.LeadUnits.Concat(item.ResponsibleUnits).ShouldBe(["水库工程政策处理工作领导小组"]);
        item.OtherCells["攻坚目标任务"].ShouldBe("完成项目政策处理工作。");
        item.OtherCells["工作任务安排"].ShouldBe("推进坟墓迁移工作。");
        item.OtherCells["第二季度完成情况"].ShouldBe("坟墓迁移进度达60%。");
    }
}
