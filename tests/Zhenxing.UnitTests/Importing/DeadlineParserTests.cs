using Zhenxing.Importing;

namespace Zhenxing.UnitTests.Importing;

public class DeadlineParserTests
{
    [Theory]
    [InlineData("8 月底前", 2021, "2021-08-31")]
    [InlineData("12月底前", 2021, "2021-12-31")]
    [InlineData("2 月底前", 2024, "2024-02-29")]
    [InlineData("2021年6月底前", 2020, "2021-06-30")]
    [InlineData("6月30日前", 2021, "2021-06-30")]
    [InlineData("６月３０日前", 2021, "2021-06-30")]
    [InlineData("年底前", 2021, "2021-12-31")]
    [InlineData("2022年底前", 2021, "2022-12-31")]
    [InlineData("三季度末", 2021, "2021-09-30")]
    [InlineData("第一季度", 2021, "2021-03-31")]
    [InlineData("上半年", 2021, "2021-06-30")]
    [InlineData("下半年", 2021, "2021-12-31")]
    [InlineData("9月上旬", 2021, "2021-09-10")]
    [InlineData("2021-10-15", null, "2021-10-15")]
    [InlineData("2021.10.15", null, "2021-10-15")]
    [InlineData("44500", null, "2021-10-31")]
    [InlineData("2021年6月至12月", null, "2021-12-31")]
    [InlineData("6月—9月", 2022, "2022-09-30")]
    [InlineData("2021.10.15-2021.12.31", null, "2021-12-31")]
    [InlineData("12月中旬", 2021, "2021-12-20")]
    [InlineData("2021年12月", null, "2021-12-31")]
    public void Parse_DeadlineWording_GivesDate(string text, int? year, string expected)
    {
        var result = DeadlineParser.Parse(text, year);

        result.Date.ShouldBe(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture));
        result.Text.ShouldBe(text);
        result.Ongoing.ShouldBeFalse();
        result.Recognized.ShouldBeTrue();
    }

    [Theory]
    [InlineData("长期坚持")]
    [InlineData("持续推进")]
    [InlineData("常态化推进")]
    public void Parse_OngoingWording_GivesOngoingWithoutDate(string text)
    {
        var result = DeadlineParser.Parse(text, 2021);

        result.Ongoing.ShouldBeTrue();
        result.Date.ShouldBeNull();
        result.Text.ShouldBe(text);
    }

    [Fact]
    public void Parse_MonthWithoutAnyYear_FlagsMissingYear()
    {
        var result = DeadlineParser.Parse("8 月底前", null);

        result.Date.ShouldBeNull();
        result.Recognized.ShouldBeTrue();
        result.MissingYear.ShouldBeTrue();
    }

    [Theory]
    [InlineData("")]
    [InlineData("尽快")]
    [InlineData("13月底前")]
    public void Parse_UnknownWording_IsNotRecognized(string text)
    {
        var result = DeadlineParser.Parse(text, 2021);

        result.Date.ShouldBeNull();
        result.Ongoing.ShouldBeFalse();
        result.Recognized.ShouldBeFalse();
    }
}
