using Zhenxing.Web.Features.Assessments;
using Zhenxing.Web.Features.Bulletins;
using Zhenxing.Web.Features.Items;
using Zhenxing.Web.Features.Rounds;

namespace Zhenxing.UnitTests.Web;

public sealed class EffectiveDeadlineTests
{
    private static readonly DateOnly Today = new(2026, 6, 20);
    private static readonly StatusLights Lights = new(new StatusLightOptions { YellowWithinDays = 30 }, Today, [], Array.Empty<ProgressReport>().AsQueryable());

    private static Item Item(DateOnly? deadline, DateOnly? extended) => new()
    {
        Number = "1", Text = "x", Status = ItemStatus.InProgress, Deadline = deadline, ExtendedDeadline = extended,
    };

    [Fact]
    public void Evaluate_OriginalPassedButExtensionAhead_IsGreenAndNamesTheExtendedDeadline()
    {
        var verdict = Lights.Evaluate(Item(new DateOnly(2026, 6, 1), new DateOnly(2026, 9, 30)), ReportFacts.None);

        verdict.ShouldBe(new LightVerdict(StatusLight.Green, "距延期后的完成时限（2026-09-30）尚有 102 天，按计划推进"));
    }

    [Fact]
    public void Evaluate_ExtensionAlsoPassed_IsRedWithTheExtendedDeadline() =>
        Lights.Evaluate(Item(new DateOnly(2026, 3, 1), new DateOnly(2026, 6, 19)), ReportFacts.None)
            .ShouldBe(new LightVerdict(StatusLight.Red, "已超过延期后的完成时限（2026-06-19），尚未落实到位"));

    [Fact]
    public void Is_TheRulesAsExpressions_FollowTheExtensionLikeEvaluate()
    {
        Item[] items = [Item(new DateOnly(2026, 6, 1), new DateOnly(2026, 9, 30)), Item(new DateOnly(2026, 6, 1), null), Item(new DateOnly(2026, 6, 1), new DateOnly(2026, 7, 1))];

        items.AsQueryable().Where(StatusLights.OverdueOn(Today)).ToList().ShouldBe([items[1]]);
        items.AsQueryable().Where(Lights.Is(StatusLight.Yellow)).ToList().ShouldBe([items[2]]);
        items.AsQueryable().Where(Lights.Is(StatusLight.Green)).ToList().ShouldBe([items[0]]);
    }

    [Theory]
    [InlineData(true, 0, 62.5, 37.5, 0, true)]
    [InlineData(false, 0, 50, 30, 20, false)]
    [InlineData(true, 4, 50, 30, 20, false)]
    public void Shares_UnratedQualityLeftOut_ScaleTheOtherWeightsTo100(bool leftOut, int stars, double completion, double punctuality, double quality, bool qualityLeftOut)
    {
        IReadOnlyList<RatedReport> rated = stars == 0 ? [] : [new RatedReport(1, 1, "第一轮", 1, "1", "x", stars)];
        var unit = new UnitAssessment(1, "市教育局", [], [], rated, [], 50, 30, 20, leftOut);

        (unit.CompletionShare, unit.PunctualityShare, unit.QualityShare, unit.QualityLeftOut).ShouldBe(((decimal)completion, (decimal)punctuality, (decimal)quality, qualityLeftOut));
    }

    [Theory]
    [InlineData("2026-12-31", "2026-12-07", "2026-12-07")]
    [InlineData("2026-11-30", "2026-12-07", "2026-11-30")]
    [InlineData("2026-12-07", "2026-12-07", "2026-12-07")]
    public void PeriodEnd_NeverAfterToday(string to, string today, string expected) =>
        DraftBulletin.PeriodEnd(DateOnly.Parse(to), DateOnly.Parse(today)).ShouldBe(DateOnly.Parse(expected));
}
