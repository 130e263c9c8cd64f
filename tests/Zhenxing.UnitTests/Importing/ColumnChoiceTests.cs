using Zhenxing.Importing;
using Zhenxing.Importing.Parsing;

namespace Zhenxing.UnitTests.Importing;

/// <summary>The Office says what a column means ("这一列是牵头单位") and the document is read again with it; and corrects an item's units.</summary>
public class ColumnChoiceTests
{
    private const string UnknownUnitColumn = """
        2021年重点工作任务清单
        序号	工作任务	推进主体	完成时限
        1	推进项目建设	市发改委、市财政局	8月底前
        2	完善工作机制	市司法局	长期坚持
        """;

    [Fact]
    public void Parse_TableWithAnUnknownUnitColumn_ShowsItsColumnsAndDoubtsEachItem()
    {
        var document = Seeds.ParseText(UnknownUnitColumn);

        var table = document.Tables.ShouldHaveSingleItem();
        table.ListTitle.ShouldBe("2021年重点工作任务清单");
        table.Columns.Select(c => (c.Header, c.Role, c.Chosen)).ShouldBe(
        [
            ("序号", ColumnRole.Number, false), ("工作任务", ColumnRole.Text, false),
            ("推进主体", ColumnRole.Unknown, false), ("完成时限", ColumnRole.Deadline, false),
        ]);
        var items = document.Lists.ShouldHaveSingleItem().Items;
        items.ShouldAllBe(i => i.LeadUnits.Count == 0);
        items[0].Doubts.ShouldHaveSingleItem().Reason.ShouldContain("“推进主体”列（市发改委、市财政局）未导入");
    }

    [Fact]
    public void Parse_ColumnChosenAsLead_ReadsItsUnitsAndClearsTheDoubt()
    {
        var options = new ImportOptions { ColumnRoles = new Dictionary<string, ColumnRole> { ["推进主体"] = ColumnRole.Lead } };

        var document = Seeds.ParseText(UnknownUnitColumn, options: options);

        document.Tables.ShouldHaveSingleItem().Columns[2].ShouldBe(new ParsedColumn("推进主体", ColumnRole.Lead, true));
        var items = document.Lists.ShouldHaveSingleItem().Items;
        items[0].LeadUnits.ShouldBe(["市发改委", "市财政局"]);
        items[1].LeadUnits.ShouldBe(["市司法局"]);
        items.ShouldAllBe(i => i.Doubts.Count == 0);
    }

    [Fact]
    public void Parse_KnownColumnChosenAsResponsible_OverridesItsWording()
    {
        var options = new ImportOptions { ColumnRoles = new Dictionary<string, ColumnRole> { ["牵头单位"] = ColumnRole.Responsible, ["配合单位"] = ColumnRole.Lead } };

        var document = Seeds.ParseText("""
            2021年重点工作任务清单
            序号	工作任务	牵头单位	配合单位
            1	推进项目建设	市发改委	市财政局
            """, options: options);

        var item = document.Lists.ShouldHaveSingleItem().Items.ShouldHaveSingleItem();
        item.LeadUnits.ShouldBe(["市财政局"]);
        item.ResponsibleUnits.ShouldBe(["市发改委"]);
    }

    [Fact]
    public void Parse_ColumnChosenNotToImport_IsNotDoubtedAnyMore()
    {
        var options = new ImportOptions { ColumnRoles = new Dictionary<string, ColumnRole> { ["推进主体"] = ColumnRole.Unknown } };

        var document = Seeds.ParseText(UnknownUnitColumn, options: options);

        document.Tables.ShouldHaveSingleItem().Columns[2].Chosen.ShouldBeTrue();
        document.Lists.ShouldHaveSingleItem().Items.ShouldAllBe(i => i.Doubts.Count == 0 && i.LeadUnits.Count == 0);
    }

    [Fact]
    public void Parse_HeaderOnlyTheChoiceMakesATable_IsReadAsOne()
    {
        // "要做的事" is no header the importer knows: without the choice the rows are not a table.
        const string text = """
            2021年重点工作任务清单
            序号	要做的事	推进主体
            1	推进项目建设	市发改委
            2	完善工作机制	市司法局
            """;
        Seeds.ParseText(text).Lists.ShouldBeEmpty();
        var options = new ImportOptions { ColumnRoles = new Dictionary<string, ColumnRole> { ["要做的事"] = ColumnRole.Text, ["推进主体"] = ColumnRole.Lead } };

        var items = Seeds.ParseText(text, options: options).Lists.ShouldHaveSingleItem().Items;

        items.Select(i => (i.Number, i.Text, string.Join("、", i.LeadUnits))).ShouldBe([("1", "推进项目建设", "市发改委"), ("2", "完善工作机制", "市司法局")]);
    }

    [Fact]
    public void Parse_UnitCorrection_ReplacesTheUnitsAndClearsTheDoubts()
    {
        var key = ItemKeys.Of(Seeds.ParseText(UnknownUnitColumn).Lists[0])[0];
        var options = new ImportOptions { UnitCorrections = [new UnitCorrection("2021年重点工作任务清单", key, "市发改委", "市财政局、各县（市、区）")] };

        var items = Seeds.ParseText(UnknownUnitColumn, options: options).Lists.ShouldHaveSingleItem().Items;

        items[0].LeadUnits.ShouldBe(["市发改委"]);
        items[0].ResponsibleUnits.ShouldBe(["市财政局"]);
        items[0].GroupReferences.ShouldBe(["各县（市、区）"]);
        items[0].Doubts.ShouldBeEmpty();
        items[0].UnitsCorrected.ShouldBeTrue();
        items[1].Doubts.ShouldHaveSingleItem();
        items[1].UnitsCorrected.ShouldBeFalse();
    }

    [Fact]
    public void Parse_UnitCorrectionForAnItemNoLongerRead_IsAWarningNotLostQuietly()
    {
        var options = new ImportOptions { UnitCorrections = [new UnitCorrection("2021年重点工作任务清单", "|9", "市发改委", "")] };

        var document = Seeds.ParseText(UnknownUnitColumn, options: options);

        document.Warnings.ShouldContain(w => w.Message == "对“2021年重点工作任务清单” 9 的单位更正没有找到对应事项，未应用");
    }

    [Fact]
    public void Parse_CorrectedUnitNameTooLong_IsAnErrorNamingTheRow()
    {
        var key = ItemKeys.Of(Seeds.ParseText(UnknownUnitColumn).Lists[0])[0];
        var options = new ImportOptions { UnitCorrections = [new UnitCorrection("2021年重点工作任务清单", key, new string('局', LedgerFieldLimits.UnitName + 1), "")] };

        var document = Seeds.ParseText(UnknownUnitColumn, options: options);

        var error = document.Errors.ShouldHaveSingleItem();
        error.Location.Line.ShouldBe(3);
        error.Message.ShouldContain("单位名称");
    }

    [Theory]
    [InlineData("牵头单位", ColumnRole.Lead)]
    [InlineData("不导入", ColumnRole.Unknown)]
    [InlineData("responsible", ColumnRole.Responsible)]
    public void TryParse_RoleName_Role(string text, ColumnRole expected)
    {
        ColumnRoleNames.TryParse(text, out var role).ShouldBeTrue();
        role.ShouldBe(expected);
        role.ToChinese().ShouldNotBeEmpty();
    }

    [Fact]
    public void TryParse_OtherWord_False() => ColumnRoleNames.TryParse("主办", out _).ShouldBeFalse();

    [Fact]
    public void ToJson_Table_ListsItsColumnsWithTheirMeaning()
    {
        var options = new ImportOptions { ColumnRoles = new Dictionary<string, ColumnRole> { ["推进主体"] = ColumnRole.Lead } };

        using var json = System.Text.Json.JsonDocument.Parse(Seeds.ParseText(UnknownUnitColumn, options: options).ToJson());

        var columns = json.RootElement.GetProperty("tables").EnumerateArray().Single().GetProperty("columns").EnumerateArray()
            .Select(c => (c.GetProperty("header").GetString(), c.GetProperty("role").GetString(), c.GetProperty("chosen").GetBoolean())).ToList();
        columns.ShouldBe([("序号", "序号", false), ("工作任务", "事项内容", false), ("推进主体", "牵头单位", true), ("完成时限", "完成时限", false)]);
    }
}
