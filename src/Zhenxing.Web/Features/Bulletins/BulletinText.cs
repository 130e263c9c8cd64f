using System.Text.RegularExpressions;

namespace Zhenxing.Web.Features.Bulletins;

public enum ParagraphKind
{
    /// <summary>A sub-heading (二级标题): a line the Office starts with （一）, （二）….</summary>
    SubHeading,
    Body,
}

public sealed record BulletinParagraph(ParagraphKind Kind, string Text);

/// <summary>How a bulletin's text reads in the official layout: numbered headings, paragraphs, dates.</summary>
public static partial class BulletinText
{
    private static readonly string[] Digits = ["〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"];

    /// <summary>1 → 一, 10 → 十, 12 → 十二, 21 → 二十一 (enough for the sections and categories of a bulletin).</summary>
    public static string Numeral(int n) => n switch
    {
        < 1 => n.ToString(),
        < 10 => Digits[n],
        < 20 => "十" + (n % 10 == 0 ? "" : Digits[n % 10]),
        < 100 => Digits[n / 10] + "十" + (n % 10 == 0 ? "" : Digits[n % 10]),
        _ => n.ToString(),
    };

    /// <summary>"一、总体情况": a section's heading with its place.</summary>
    public static string Heading(int position, string heading) => $"{Numeral(position)}、{heading}";

    /// <summary>"（一）": the number of a sub-heading.</summary>
    public static string SubNumber(int position) => $"（{Numeral(position)}）";

    /// <summary>The paragraphs of a section's text: one per non-empty line; a line starting with （一） is a sub-heading.</summary>
    public static List<BulletinParagraph> Paragraphs(string text) =>
        text.Split('\n').Select(line => line.Trim()).Where(line => line.Length > 0)
            .Select(line => new BulletinParagraph(SubHeadingStart().IsMatch(line) ? ParagraphKind.SubHeading : ParagraphKind.Body, line))
            .ToList();

    /// <summary>A heading as typed, without a leading "一、" (the place gives the number).</summary>
    public static string WithoutNumber(string heading) => HeadingNumber().Replace(heading.Trim(), "").Trim();

    /// <summary>"2026年11月23日".</summary>
    public static string Date(DateOnly date) => $"{date.Year}年{date.Month}月{date.Day}日";

    /// <summary>"2026年10月1日至10月31日" (the year once when both days are in it).</summary>
    public static string Period(DateOnly from, DateOnly to) =>
        from.Year == to.Year ? $"{Date(from)}至{to.Month}月{to.Day}日" : $"{Date(from)}至{Date(to)}";

    [GeneratedRegex(@"^（[一二三四五六七八九十]+）")]
    private static partial Regex SubHeadingStart();

    [GeneratedRegex(@"^[一二三四五六七八九十]+[、.．]\s*")]
    private static partial Regex HeadingNumber();
}
