using System.Text;
using Zhenxing.Importing.Targets;
using Zhenxing.UnitTests.Importing;

namespace Zhenxing.UnitTests.Targets;

public sealed class TargetCandidateExtractorTests
{
    private static IReadOnlyList<TargetCandidate> Seed004 => TargetCandidateExtractor.Extract(DocumentText.Read(Seeds.Bytes("004"))!);

    private static TargetCandidate Find(IReadOnlyList<TargetCandidate> candidates, string words, decimal value)
    {
        var found = candidates.Where(c => c.Value == value && c.Clause.Contains(words)).ToList();
        return found.Count == 1
            ? found[0]
            : throw new ShouldAssertException($"{found.Count} candidates {value} with “{words}”. Found:\n" + string.Join("\n", candidates.Select(c => $"{c.Title} {c.Value}{c.MeasureUnit} {c.Year} {c.Direction} | {c.Clause}")));
    }

    [Fact]
    public void DocumentYear_Seed004_IsTheCongressDate() =>
        TargetCandidateExtractor.DocumentYear(DocumentText.Read(Seeds.Bytes("004"))!).ShouldBe(2021);

    [Fact]
    public void Extract_Seed004_FindsThe2025GoalsWithTheirValuesUnitsAndYears()
    {
        var candidates = Seed004;

        var gdp = Find(candidates, "经济总量", 6000);
        (gdp.MeasureUnit, gdp.Year, gdp.Direction, gdp.Title).ShouldBe(("亿元", 2025, CandidateDirection.AtLeast, "经济总量"));
        gdp.Sentence.ShouldContain("经济总量向6000亿元迈进");

        var hightech = Find(candidates, "高新技术企业数量", 2000);
        (hightech.MeasureUnit, hightech.Year, hightech.Direction).ShouldBe(("家", 2025, CandidateDirection.AtLeast));
        hightech.Title.ShouldBe("高新技术企业数量");
        hightech.YearText.ShouldBe("五年内");

        var factories = Find(candidates, "智能工厂", 100);
        (factories.MeasureUnit, factories.Year, factories.Title).ShouldBe(("家", 2025, "智能工厂、数字化车间"));

        var cloud = Find(candidates, "上云企业", 10000);
        (cloud.MeasureUnit, cloud.Year, cloud.Direction, cloud.Title).ShouldBe(("家", 2025, CandidateDirection.AtLeast, "上云企业"));

        var area = Find(candidates, "建成区面积", 240);
        (area.MeasureUnit, area.Year, area.Title).ShouldBe(("平方公里", 2025, "中心城区建成区面积"));

        var population = Find(candidates, "人口", 240);
        (population.MeasureUnit, population.Year).ShouldBe(("万人", 2025));

        var villages = Find(candidates, "村集体经济经营性收入", 20);
        (villages.MeasureUnit, villages.Year, villages.Direction, villages.YearText).ShouldBe(("万元", 2023, CandidateDirection.AtLeast, "三年内"));
        villages.Title.ShouldBe("村集体经济经营性收入");

        var share = Find(candidates, "比重", 45);
        (share.MeasureUnit, share.Year).ShouldBe(("%", 2025));
    }

    [Fact]
    public void Extract_Seed004_ProposesNoSentenceWithoutAQuantityAndNoPastFigure()
    {
        var candidates = Seed004;

        candidates.ShouldAllBe(c => c.Year != null && c.Year >= 2021);
        candidates.ShouldAllBe(c => c.Clause.Any(char.IsDigit));
        // The achievements of the last five years and this year's forecast are figures, not goals.
        candidates.ShouldNotContain(c => c.Value == 4000);
        candidates.ShouldNotContain(c => c.Value == 1107);
        candidates.ShouldNotContain(c => c.Value == 3603);
        candidates.ShouldNotContain(c => c.Sentence.Contains("五年来"));
        // The heading gives its year to the goals under it, but states no quantity itself.
        candidates.ShouldNotContain(c => c.Sentence.Contains("今后五年的奋斗目标是"));
        // "5个开发区" counts the subject of "营收分别突破1000亿元".
        candidates.ShouldNotContain(c => c.Value == 5 && c.MeasureUnit == "个");
        candidates.Count.ShouldBeLessThan(15);
    }

    [Fact]
    public void Extract_Seed002_FindsTheFundRaisingGoalsOfTheYear()
    {
        var candidates = TargetCandidateExtractor.Extract(DocumentText.Read(Seeds.Bytes("002"))!);

        var funds = Find(candidates, "争资", 750);
        (funds.MeasureUnit, funds.Year, funds.Direction, funds.Title, funds.YearText).ShouldBe(("亿元", 2020, CandidateDirection.AtLeast, "争资", "全年"));
        var bonds = Find(candidates, "地方政府债券", 150);
        (bonds.MeasureUnit, bonds.Year, bonds.Title).ShouldBe(("亿元", 2020, "新增地方政府债券"));
    }

    [Theory]
    [InlineData("到2025年，单位GDP能耗控制在0.5吨标准煤以下。", "吨", CandidateDirection.AtMost)]
    [InlineData("力争到2025年，城镇调查失业率控制在5.5%以内。", "%", CandidateDirection.AtMost)]
    [InlineData("到2025年，全市森林覆盖率达到76.2%以上。", "%", CandidateDirection.AtLeast)]
    public void Extract_DirectionWords_GiveTheDirection(string text, string unit, CandidateDirection direction)
    {
        var candidate = TargetCandidateExtractor.Extract(text, 2021).ShouldHaveSingleItem();
        (candidate.MeasureUnit, candidate.Direction, candidate.Year).ShouldBe((unit, direction, 2025));
    }

    [Theory]
    [InlineData("坚持以人民为中心的发展思想，推动高质量发展。")]
    [InlineData("到2025年，基本建成现代化经济体系。")]
    [InlineData("2019年5月，总书记视察赣州。")]
    [InlineData("五年来，新增高新技术企业970家。")]
    [InlineData("连续19个月没有新增病例，力争到2025年巩固成果。")]
    public void Extract_SentencesWithoutAGoalQuantityAndYear_AreNotProposed(string text) =>
        TargetCandidateExtractor.Extract(text, 2021).ShouldBeEmpty();

    [Fact]
    public void Read_Utf8TextAndGb18030Text_GiveTheSameText()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        const string text = "力争全年争资 750 亿元以上。";
        DocumentText.Read(Encoding.GetEncoding("GB18030").GetBytes(text)).ShouldBe(text);
        DocumentText.Read(Encoding.UTF8.GetBytes(text)).ShouldBe(text);
        DocumentText.Read("%PDF-1.4 ..."u8.ToArray()).ShouldBeNull();
    }
}
