using System.Globalization;
using System.Text.RegularExpressions;

namespace Zhenxing.Importing;

/// <param name="Text">The original wording, always kept beside the date.</param>
/// <param name="Recognized">False when the wording is not a deadline form the parser knows.</param>
/// <param name="MissingYear">The wording needs a year (e.g. "8 月底前") and none was given.</param>
public sealed record DeadlineParseResult(string Text, DateOnly? Date, bool Ongoing, bool Recognized, bool MissingYear = false);

public static partial class DeadlineParser
{
    public static DeadlineParseResult Parse(string text, int? year)
    {
        var original = (text ?? "").Trim();
        var s = Compact(original);
        if (s.Length == 0)
        {
            return new DeadlineParseResult(original, null, false, false);
        }
        if (OngoingPattern().IsMatch(s))
        {
            return new DeadlineParseResult(original, null, true, true);
        }
        if (ExcelSerialPattern().IsMatch(s) && double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var serial) && serial is > 20000 and < 80000)
        {
            return Dated(original, DateOnly.FromDateTime(DateTime.FromOADate(serial)));
        }
        // A span such as "2021年6月至12月" is due at its end.
        if (RangePattern().Match(s) is { Success: true } range && range.Groups["a"].Length > 0
            && Parse(range.Groups["b"].Value, YearIn(range.Groups["a"].Value) ?? year) is { Recognized: true } end)
        {
            return end with { Text = original };
        }
        if (FullDatePattern().Match(s) is { Success: true } full)
        {
            return Build(original, YearOf(full, year), y => SafeDate(y, Int(full.Groups["m"]), Int(full.Groups["d"])));
        }
        if (MonthDayPattern().Match(s) is { Success: true } monthDay)
        {
            return Build(original, YearOf(monthDay, year), y => SafeDate(y, Int(monthDay.Groups["m"]), Int(monthDay.Groups["d"])));
        }
        if (MonthPattern().Match(s) is { Success: true } month)
        {
            var m = Int(month.Groups["m"]);
            if (m is < 1 or > 12)
            {
                return new DeadlineParseResult(original, null, false, false);
            }
            var part = month.Groups["part"].Value;
            return Build(original, YearOf(month, year), y => part switch
            {
                "上旬" => new DateOnly(y, m, 10),
                "中旬" => new DateOnly(y, m, 20),
                _ => new DateOnly(y, m, DateTime.DaysInMonth(y, m)),
            });
        }
        if (QuarterPattern().Match(s) is { Success: true } quarter)
        {
            var q = "一二三四".IndexOf(quarter.Groups["q"].Value[0]) is var i and >= 0 ? i + 1 : Int(quarter.Groups["q"]);
            return Build(original, YearOf(quarter, year), y => new DateOnly(y, q * 3, DateTime.DaysInMonth(y, q * 3)));
        }
        if (HalfYearPattern().Match(s) is { Success: true } half)
        {
            return Build(original, YearOf(half, year), y => half.Groups["h"].Value == "上" ? new DateOnly(y, 6, 30) : new DateOnly(y, 12, 31));
        }
        if (YearEndPattern().Match(s) is { Success: true } yearEnd)
        {
            return Build(original, YearOf(yearEnd, year), y => new DateOnly(y, 12, 31));
        }
        return new DeadlineParseResult(original, null, false, false);
    }

    internal static string Compact(string text)
    {
        var chars = new List<char>(text.Length);
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                continue;
            }
            chars.Add(c is >= '０' and <= '９' ? (char)(c - '０' + '0') : c);
        }
        return new string([.. chars]);
    }

    private static int? YearIn(string text) =>
        LeadingYearPattern().Match(text) is { Success: true } m ? int.Parse(m.Groups["y"].Value, CultureInfo.InvariantCulture) : null;

    private static DeadlineParseResult Build(string original, int? year, Func<int, DateOnly?> date)
    {
        if (year is null)
        {
            return new DeadlineParseResult(original, null, false, true, MissingYear: true);
        }
        return date(year.Value) is { } d ? Dated(original, d) : new DeadlineParseResult(original, null, false, false);
    }

    private static DeadlineParseResult Dated(string original, DateOnly date) => new(original, date, false, true);

    private static int? YearOf(Match match, int? fallback) =>
        match.Groups["y"].Success && match.Groups["y"].Value.Length == 4 ? Int(match.Groups["y"]) : fallback;

    private static DateOnly? SafeDate(int year, int month, int day) =>
        month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month) ? new DateOnly(year, month, day) : null;

    private static int Int(Group group) => int.Parse(group.Value, CultureInfo.InvariantCulture);

    [GeneratedRegex("长期|持续|常态|常年|每年|每月|每季|每周|贯穿全年|按年度|逐年")]
    private static partial Regex OngoingPattern();

    [GeneratedRegex(@"^(?<a>.+?)(?:至|到|—+|－|~|～|-)(?<b>[^至到—－~～\-]+)$")]
    private static partial Regex RangePattern();

    [GeneratedRegex(@"(?<y>\d{4})年")]
    private static partial Regex LeadingYearPattern();

    [GeneratedRegex(@"^\d{5}(\.\d+)?$")]
    private static partial Regex ExcelSerialPattern();

    [GeneratedRegex(@"(?<y>\d{4})[-./年](?<m>\d{1,2})[-./月](?<d>\d{1,2})")]
    private static partial Regex FullDatePattern();

    [GeneratedRegex(@"(?:(?<y>\d{4})年)?(?<m>\d{1,2})月(?<d>\d{1,2})日")]
    private static partial Regex MonthDayPattern();

    [GeneratedRegex(@"(?:(?<y>\d{4})年)?(?<m>\d{1,2})月(?<part>上旬|中旬|下旬|底|末|份)?")]
    private static partial Regex MonthPattern();

    [GeneratedRegex(@"(?:(?<y>\d{4})年)?第?(?<q>[一二三四1-4])季度")]
    private static partial Regex QuarterPattern();

    [GeneratedRegex(@"(?:(?<y>\d{4})年)?(?<h>[上下])半年")]
    private static partial Regex HalfYearPattern();

    [GeneratedRegex(@"(?<y>\d{4})年(底|末|内)?|年底|年末|年内|全年")]
    private static partial Regex YearEndPattern();
}
