using Zhenxing.Importing;

namespace Zhenxing.UnitTests.Importing;

public class DoubtTests
{
    [Theory]
    [InlineData("000")]
    [InlineData("001")]
    [InlineData("002")]
    [InlineData("003")]
    [InlineData("004")]
    public void Parse_Seed_NoItemIsDoubted(string seed)
    {
        var doubts = Seeds.Parse(seed).Lists.SelectMany(l => l.Items).SelectMany(i => i.Doubts.Select(d => $"{i.CategoryPath} {i.Number}: {d}")).ToList();

        doubts.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("市发改委")]
    [InlineData("赣州海关")]
    [InlineData("各县（市、区）")]
    [InlineData("中新苏滁高新区管委会等")]
    [InlineData("区疫情防控指挥部成员单位")]
    [InlineData("各街办（新区）")]
    [InlineData("國土資源部")]
    public void LooksLikeOrganisation_UnitName_True(string name) => UnitNames.LooksLikeOrganisation(name).ShouldBeTrue();

    [Theory]
    [InlineData("海关总署负责")]
    [InlineData("排在第一位的部门为")]
    [InlineData("下同")]
    [InlineData("部门，下同")]
    [InlineData("加快推进项目建设")]
    [InlineData("市财政局按职责分工")]
    public void LooksLikeOrganisation_SentenceFragment_False(string name) => UnitNames.LooksLikeOrganisation(name).ShouldBeFalse();

    [Fact]
    public void Parse_UnitThatIsASentence_DoubtsTheItemNamingTheUnit()
    {
        var document = Seeds.ParseText("""
            2021年重点工作任务清单
            序号	工作任务	牵头单位	责任单位
            1	推进项目建设	市发改委	加快推进项目建设
            """);

        var item = document.Lists.ShouldHaveSingleItem().Items.ShouldHaveSingleItem();
        item.Doubts.ShouldHaveSingleItem().Reason.ShouldBe("单位名称“加快推进项目建设”不像机构名称");
        item.Doubts[0].UnitName.ShouldBe("加快推进项目建设");
    }

    [Fact]
    public void Parse_OnlyResponsibleUnitsWithoutRule_DoubtsTheLeadPickedByPosition()
    {
        var document = Seeds.ParseText("""
            2021年重点工作任务清单
            序号	工作任务	责任单位
            1	推进项目建设	市发改委、市财政局
            """);

        var item = document.Lists.ShouldHaveSingleItem().Items.ShouldHaveSingleItem();
        // As printed: both are 责任单位; the ledger takes the first as lead, and says so.
        item.LeadUnits.ShouldBeEmpty();
        item.ResponsibleUnits.ShouldBe(["市发改委", "市财政局"]);
        item.LeadByPosition.ShouldBeTrue();
        item.LedgerLeadUnits.ShouldBe(["市发改委"]);
        item.LedgerResponsibleUnits.ShouldBe(["市财政局"]);
        item.Doubts.ShouldHaveSingleItem().Reason.ShouldContain("未写明牵头单位");
    }

    [Fact]
    public void Parse_HeaderWithoutReadableRows_WarnsInsteadOfAnEmptyList()
    {
        var document = Seeds.ParseText("2021年重点工作任务清单\n序号\t工作任务\t牵头单位\t责任单位\n");

        document.Lists.ShouldHaveSingleItem().Items.ShouldBeEmpty();
        document.Warnings.ShouldContain(w => w.Message.Contains("表头之后没有读出任何条目"));
    }
}
