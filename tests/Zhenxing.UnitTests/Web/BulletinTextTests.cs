using Zhenxing.Web.Features.Bulletins;

namespace Zhenxing.UnitTests.Web;

public sealed class BulletinTextTests
{
    [Theory]
    [InlineData(1, "一")]
    [InlineData(6, "六")]
    [InlineData(10, "十")]
    [InlineData(12, "十二")]
    [InlineData(20, "二十")]
    [InlineData(21, "二十一")]
    public void Numeral_OfAPlace_IsTheChineseNumber(int n, string expected) => BulletinText.Numeral(n).ShouldBe(expected);

    [Fact]
    public void Paragraphs_LinesStartingWithAChineseNumberInBrackets_AreSubHeadings()
    {
        var paragraphs = BulletinText.Paragraphs("（一）第一类\r\n本类共 5 项。\n\n  （十二）另一类  \n(一) 半角括号不算");

        paragraphs.ShouldBe(
        [
            new BulletinParagraph(ParagraphKind.SubHeading, "（一）第一类"),
            new BulletinParagraph(ParagraphKind.Body, "本类共 5 项。"),
            new BulletinParagraph(ParagraphKind.SubHeading, "（十二）另一类"),
            new BulletinParagraph(ParagraphKind.Body, "(一) 半角括号不算"),
        ]);
    }

    [Theory]
    [InlineData("一、总体情况", "总体情况")]
    [InlineData("十二. 其他", "其他")]
    [InlineData("总体情况", "总体情况")]
    [InlineData("一把手工程", "一把手工程")]
    public void WithoutNumber_AHeadingTypedWithItsNumber_LosesTheNumber(string typed, string expected) => BulletinText.WithoutNumber(typed).ShouldBe(expected);

    [Fact]
    public void Period_InOneYear_NamesTheYearOnce()
    {
        BulletinText.Period(new(2026, 10, 1), new(2026, 10, 31)).ShouldBe("2026年10月1日至10月31日");
        BulletinText.Period(new(2026, 12, 1), new(2027, 1, 31)).ShouldBe("2026年12月1日至2027年1月31日");
    }

    [Fact]
    public void Parse_BadDates_AreNamedByTheirLabel()
    {
        var (_, _, errors) = BulletinPeriod.Parse("2026-02-30", null, "--from", "--to");
        errors["From"].ShouldBe("--from“2026-02-30”不是有效日期，应写作 2026-10-01 的形式。");
        errors["To"].ShouldBe("请填写--to（如 2026-10-01）。");
        BulletinPeriod.Parse("2025-01-01", "2026-06-30", "起始日期", "截止日期").Errors["To"].ShouldContain("简报期间不超过 366 天");
        BulletinPeriod.Parse("2026-10-01", "2026-10-31", "起始日期", "截止日期").Errors.ShouldBeEmpty();
    }

    [Fact]
    public void LastMonth_OfAnyDay_IsThePreviousCalendarMonth()
    {
        BulletinPeriod.LastMonth(new(2026, 11, 23)).ShouldBe((new DateOnly(2026, 10, 1), new DateOnly(2026, 10, 31)));
        BulletinPeriod.LastMonth(new(2026, 1, 5)).ShouldBe((new DateOnly(2025, 12, 1), new DateOnly(2025, 12, 31)));
        BulletinPeriod.LastMonth(new(2024, 3, 31)).ShouldBe((new DateOnly(2024, 2, 1), new DateOnly(2024, 2, 29)));
    }

    [Fact]
    public void Choose_TheOfficialFontsWhenInstalled_ElseNotoWhenInstalled_ElseTheOfficialNames()
    {
        BulletinFonts.Choose(new HashSet<string> { "仿宋_GB2312", "黑体", "楷体_GB2312", "方正小标宋简体", "宋体", "Noto Serif CJK SC" })
            .ShouldBe(new BulletinFontSet("仿宋_GB2312", "黑体", "楷体_GB2312", "方正小标宋简体", "宋体"));
        BulletinFonts.Choose(new HashSet<string> { "Noto Serif CJK SC", "Noto Sans CJK SC", "DejaVu Sans" })
            .ShouldBe(new BulletinFontSet("Noto Serif CJK SC", "Noto Sans CJK SC", "Noto Serif CJK SC", "Noto Serif CJK SC", "Noto Serif CJK SC"));
        BulletinFonts.Choose(new HashSet<string> { "DejaVu Sans" }).ShouldBe(new BulletinFontSet("仿宋_GB2312", "黑体", "楷体_GB2312", "方正小标宋简体", "宋体"));
        BulletinFonts.Choose(null).Body.ShouldBe("仿宋_GB2312");
    }

    [Fact]
    public void Shorten_AnItemsText_IsItsFirstSentenceAtMostFortyCharacters()
    {
        BulletinItem.Shorten("抓实《意见》政策文件宣传活动。以国务院《关于新时代支持革命老区振兴发展的意见》为主题").ShouldBe("抓实《意见》政策文件宣传活动");
        BulletinItem.Shorten("推进瑞金机场前期工作").ShouldBe("推进瑞金机场前期工作");
        BulletinItem.Shorten(new string('长', 50)).ShouldBe(new string('长', 40) + "……");
    }
}
