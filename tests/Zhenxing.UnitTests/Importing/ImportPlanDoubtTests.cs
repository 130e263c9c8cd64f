using Zhenxing.Importing;
using Zhenxing.Web.Features.Imports;
using Zhenxing.Web.Features.Units;

namespace Zhenxing.UnitTests.Importing;

public class ImportPlanDoubtTests
{
    private const string Text = "2021年重点工作任务清单\n序号\t工作任务\t牵头单位\t责任单位\n1\t推进项目建设\t市发改委\t综合协调专班A\n";

    private static ImportPlan Plan(ParsedDocument parsed, params UnitMatch[] units) =>
        new(new SourceDocument { FileName = "t.txt", Sha256 = "x", Content = [] }, parsed, null, units,
            parsed.Lists.Select(l => new ListPlan(l, null, l.Items, [], [])).ToList(), null);

    [Fact]
    public void DoubtsOf_UnitUnknownToTheDirectory_KeepsTheDoubt()
    {
        var parsed = Seeds.ParseText(Text);
        var plan = Plan(parsed, new UnitMatch("综合协调专班A", null, null, UnitKind.Other, 1));

        plan.DoubtsOf(parsed.Lists[0].Items[0]).ShouldHaveSingleItem().Reason.ShouldBe("单位名称“综合协调专班A”不像机构名称");
        plan.DoubtedItemCount.ShouldBe(1);
    }

    [Fact]
    public void DoubtsOf_UnitTheDirectoryKnows_IsNotDoubted()
    {
        var parsed = Seeds.ParseText(Text);
        var plan = Plan(parsed, new UnitMatch("综合协调专班A", 7, "综合协调专班A", UnitKind.Other, 1));

        plan.DoubtsOf(parsed.Lists[0].Items[0]).ShouldBeEmpty();
        plan.DoubtedItemCount.ShouldBe(0);
    }
}
