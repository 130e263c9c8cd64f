using Zhenxing.Importing;

namespace Zhenxing.UnitTests.Importing;

public class SeedImportTests
{
    [Fact]
    public void Parse_RongjiangList_Gives18ItemsIn3Categories()
    {
        var document = Seeds.Parse("001");

        document.Errors.ShouldBeEmpty();
        document.Warnings.ShouldBeEmpty();
        var list = document.Lists.ShouldHaveSingleItem();
        list.Title.ShouldBe("赣州蓉江新区2021年新时代赣南苏区振兴发展拟向上争取支持的重大事项清单");
        list.Year.ShouldBe(2021);
        list.Kind.ShouldBe(ItemListKind.MajorItems);
        list.DeclaredTotal.ShouldBe(18);
        list.Items.Count.ShouldBe(18);
        list.Categories.Select(c => (c.Number, c.DeclaredCount, c.ItemCount)).ShouldBe([("一", 5, 5), ("二", 11, 11), ("三", 2, 2)]);
        list.Categories[0].Title.ShouldBe("深入推进新时代赣南苏区振兴发展战略落实");
    }

    [Fact]
    public void Parse_RongjiangFirstItem_HasLeadResponsibleAndAugustDeadline()
    {
        var item = Seeds.Parse("001").Lists[0].Items[0];

        item.CategoryPath.ShouldBe("一");
        item.Number.ShouldBe("1");
        item.Text.ShouldStartWith("抓实《意见》政策文件宣传活动。");
        item.Text.ShouldEndWith("深入全区镇(管理处)宣讲。");
        item.LeadUnits.ShouldBe(["区党群部"]);
        item.ResponsibleUnits.ShouldBe(["区经发局", "潭东镇", "潭口镇", "高校园区管理处"]);
        item.Deadline.ShouldBe(new DateOnly(2021, 8, 31));
        item.DeadlineText.ShouldBe("8 月底前");
        item.Ongoing.ShouldBeFalse();
        item.Location.Line.ShouldBe(11);
    }

    [Fact]
    public void Parse_RongjiangGroupCells_KeepsPlaceholdersAsGroupReferences()
    {
        var items = Seeds.Parse("001").Lists[0].Items;

        items[1].LeadUnits.ShouldBe(["区经发局"]);
        items[1].ResponsibleUnits.ShouldBeEmpty();
        items[1].GroupReferences.ShouldBe(["区直有关部门", "区属有关单位", "驻区有关单位"]);
        items[2].Deadline.ShouldBe(new DateOnly(2021, 5, 31));
        items.Single(i => i.CategoryPath == "二" && i.Number == "8").ResponsibleUnits
            .ShouldBe(["潭东镇", "潭口镇", "区农办", "区生态环境分局", "区自然资源分局", "区建投公司"]);
        items.Single(i => i.CategoryPath == "二" && i.Number == "7").ResponsibleUnits.ShouldBe(["区项目办", "区建投公司"]);
        items.Where(i => i.Deadline == new DateOnly(2021, 12, 31)).Count().ShouldBe(16);
    }

    [Fact]
    public void Parse_LeadingGroupNotice_GivesWorkPointsAndAttachment()
    {
        var document = Seeds.Parse("002");

        document.Errors.ShouldBeEmpty();
        document.Lists.Count.ShouldBe(2);
        var points = document.Lists[0];
        points.Title.ShouldBe("赣南苏区振兴发展2020年工作要点");
        points.Kind.ShouldBe(ItemListKind.WorkPoints);
        points.DocumentNumber.ShouldBe("赣苏振领发〔2020〕1号");
        points.Year.ShouldBe(2020);
        points.Items.Count.ShouldBe(21);
        points.Categories.Select(c => c.Number).ShouldBe(["一", "二", "三", "四"]);
        points.Categories.Select(c => c.ItemCount).ShouldBe([4, 6, 7, 4]);
        points.Items.Select(i => i.Number).ShouldBe(Enumerable.Range(1, 21).Select(n => n.ToString()));
        points.Items.Where(i => i.CategoryPath == "二").Select(i => i.Number).ShouldBe(["5", "6", "7", "8", "9", "10"]);
    }

    [Fact]
    public void Parse_WorkPoints_KeepBoldShortTitlesAndWholeParagraphs()
    {
        var points = Seeds.Parse("002").Lists[0].Items;

        points[1].ShortTitle.ShouldBe("争取一批重大事项纳入“十四五”规划");
        points[1].Text.ShouldStartWith("争取一批重大事项纳入“十四五”规划。密切跟进");
        points[1].Text.ShouldNotContain("**");
        points[2].ShortTitle.ShouldBe("争取一批重大资金支持");
        // Point 8 continues after a page break mid-sentence; point 14 has a second paragraph.
        points[7].Text.ShouldContain("人才等政策。深化西部大开发政策研究");
        points[13].Text.ShouldContain("打响“赣南富硒蔬菜”品牌");
        points[10].Text.ShouldContain("推动赣州市人民医院进入国家地级市百强医院");
        points[20].ShortTitle.ShouldBe("严格督查考评");
        points[20].Text.ShouldNotContain("附件");
        points.ShouldAllBe(i => i.Deadline == null && i.DeadlineText == null && i.LeadUnits.Count == 0);
    }

    [Fact]
    public void Parse_Attachment_Gives113ItemsWithNestedCategories()
    {
        var list = Seeds.Parse("002").Lists[1];

        list.Title.ShouldBe("2020年赣南苏区振兴发展拟“北上”争取支持的重大事项");
        list.Kind.ShouldBe(ItemListKind.MajorItems);
        list.Year.ShouldBe(2020);
        list.DeclaredTotal.ShouldBe(113);
        list.Items.Count.ShouldBe(113);
        list.Categories.Select(c => (c.Number, c.DeclaredCount, c.ItemCount)).ShouldBe([("一", 11, 11), ("二", 13, 13), ("三", 89, 89)]);
        var three = list.Categories[2];
        three.Children.Select(c => c.Number).ShouldBe(["（一）", "（二）", "（三）", "（四）", "（五）", "（六）", "（七）"]);
        three.Children.Select(c => c.ItemCount).ShouldBe([38, 8, 11, 10, 10, 7, 5]);
        three.Children.Select(c => c.DeclaredCount).ShouldBe([38, 8, 11, 10, 10, 7, 5]);
        three.Children[2].Title.ShouldBe("争取高质量基础设施建设政策支持");
        three.Children[2].Path.ShouldBe("三/（三）");
        list.Items.ShouldAllBe(i => i.Deadline == null && i.DeadlineText == null);
    }

    [Fact]
    public void Parse_AttachmentUnits_SplitsRejoinsAndSeparatesGroups()
    {
        var items = Seeds.Parse("002").Lists[1].Items;
        ParsedItem At(string path, string number) => items.Single(i => i.CategoryPath == path && i.Number == number);

        At("一", "1").ResponsibleUnits.ShouldBeEmpty();
        At("一", "3").ResponsibleUnits.ShouldBe(["市财政局", "市税务局", "赣州海关"]);
        At("一", "5").LeadUnits.ShouldBe(["市振兴办", "市教育局"]);
        At("一", "6").GroupReferences.ShouldBe(["市直（驻市）有关部门"]);
        At("二", "1").ResponsibleUnits.ShouldBe(["市委办公室", "市政府办公室", "市委宣传部", "市发改委"]);
        At("二", "1").GroupReferences.ShouldBe(["市直（驻市）部门"]);
        At("二", "3").ResponsibleUnits.ShouldBe(["赣州经开区"]);
        At("二", "3").GroupReferences.ShouldBe(["各县（市、区）"]);
        At("二", "13").LeadUnits.ShouldBeEmpty();
        At("二", "13").GroupReferences.ShouldBe(["市直有关部门"]);
        At("三/（一）", "1").LeadUnits.Count.ShouldBe(5);
        At("三/（三）", "4").ResponsibleUnits.Count.ShouldBe(9);
        At("三/（七）", "5").ResponsibleUnits.ShouldBe(["江西理工大学", "赣南师范大学", "赣南医学院"]);
    }

    [Fact]
    public void Parse_LeadingGroupNotice_FindsTheReportingDueDates()
    {
        var dueDates = Seeds.Parse("002").ReportingDueDates;

        dueDates.Select(d => d.Date).ShouldBe([new DateOnly(2020, 6, 30), new DateOnly(2020, 12, 30)]);
        dueDates[0].Text.ShouldBe("6月30日");
        Seeds.Parse("001").ReportingDueDates.ShouldBeEmpty();
    }

    [Fact]
    public void Parse_PairingScheme_Gives61UnitsPairedWith43CountiesAnd2Coordinators()
    {
        var document = Seeds.Parse("003");

        document.Errors.ShouldBeEmpty();
        document.Lists.ShouldBeEmpty();
        document.Pairings.Count.ShouldBe(43);
        document.Pairings.SelectMany(p => p.SupportingUnits).Distinct().Count().ShouldBe(61);
        document.CoordinatingUnits.ShouldBe(["国家发展改革委", "中央组织部"]);
        (document.Pairings.SelectMany(p => p.SupportingUnits).Distinct().Count() + document.CoordinatingUnits.Count).ShouldBe(63);
        document.Pairings.GroupBy(p => p.City).Select(g => (g.Key, g.Count()))
            .ShouldBe([("赣州市", 18), ("吉安市", 8), ("抚州市", 5), ("龙岩市", 7), ("三明市", 5)]);
        var first = document.Pairings[0];
        first.SupportingUnits.ShouldBe(["国务院国资委", "国家药监局"]);
        first.County.ShouldBe("章贡区");
        first.CountyNote.ShouldBe("含赣州经济技术开发区");
        document.Pairings.Single(p => p.County == "清流县").SupportingUnits.ShouldBe(["华润（集团）有限公司"]);
        var scheme = document.PairingScheme.ShouldNotBeNull();
        (scheme.PeriodStartYear, scheme.PeriodEndYear).ShouldBe((2021, 2030));
        scheme.DocumentNumber.ShouldBe("国办发〔2021〕15号");
        scheme.Title.ShouldBe("新时代中央国家机关及有关单位对口支援赣南等原中央苏区工作方案");
        scheme.DeclaredSupportingUnits.ShouldBe(63);
        scheme.DeclaredCounties.ShouldBe(43);
    }

    [Fact]
    public void Parse_PartyCongressReport_GivesEightActionsWith32Subsections()
    {
        var document = Seeds.Parse("004");

        document.Errors.ShouldBeEmpty();
        var list = document.Lists.ShouldHaveSingleItem();
        list.Kind.ShouldBe(ItemListKind.Actions);
        list.Title.ShouldBe("八大行动");
        list.Year.ShouldBe(2021);
        list.Categories.Select(c => c.Number).ShouldBe(["三", "四", "五", "六", "七", "八", "九", "十"]);
        list.Categories.Select(c => c.ItemCount).ShouldBe([4, 3, 4, 3, 4, 3, 6, 5]);
        list.Categories[0].Title.ShouldStartWith("大力实施工业倍增升级行动");
        list.Items.Count.ShouldBe(32);
        list.Items[0].Number.ShouldBe("（一）");
        list.Items[0].ShortTitle.ShouldBe("壮大更具影响力的产业集群");
        list.Items.ShouldAllBe(i => i.LeadUnits.Count == 0 && i.ResponsibleUnits.Count == 0 && i.Deadline == null);
    }

    [Fact]
    public void Parse_ActionParagraphs_StayWithTheirActionButClosingRemarksDoNot()
    {
        var items = Seeds.Parse("004").Lists[0].Items;

        var services = items.Single(i => i.CategoryPath == "七" && i.Number == "（三）");
        services.Text.ShouldContain("加快建设区域性金融中心");
        services.Text.ShouldContain("加快建设区域性商贸物流中心");
        items[^1].ShortTitle.ShouldBe("永葆清正廉洁之风");
        items[^1].Text.ShouldNotContain("同志们");
        items[^1].Text.ShouldNotContain("需要全市上下凝心聚力");
    }

    [Fact]
    public void Parse_WorkSummary_ReportsThatNoListWasFound()
    {
        var document = Seeds.Parse("000");

        document.Lists.ShouldBeEmpty();
        document.Pairings.ShouldBeEmpty();
        document.Errors.ShouldHaveSingleItem().Message.ShouldContain("未识别到任何清单");
    }
}
