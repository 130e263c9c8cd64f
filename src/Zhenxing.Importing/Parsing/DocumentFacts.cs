using System.Globalization;
using System.Text.RegularExpressions;
using Zhenxing.Importing.Reading;

namespace Zhenxing.Importing.Parsing;

/// <summary>What the whole document says about itself: its number (赣苏振领发〔2020〕1号) and year.</summary>
internal sealed partial record DocumentFacts(string? DocumentNumber, int? Year)
{
    public static DocumentFacts Scan(IReadOnlyList<SourceLine> lines)
    {
        string? number = null;
        int? numberYear = null;
        int? dateYear = null;
        foreach (var line in lines.Take(400))
        {
            var text = TextPatterns.Clean(line.Joined);
            if (number is null && DocumentNumberPattern().Match(text) is { Success: true } m)
            {
                number = m.Value;
                numberYear = int.Parse(m.Groups["y"].Value, CultureInfo.InvariantCulture);
            }
            if (dateYear is null && FullDatePattern().Match(text) is { Success: true } d)
            {
                dateYear = int.Parse(d.Groups["y"].Value, CultureInfo.InvariantCulture);
            }
        }
        return new DocumentFacts(number, numberYear ?? dateYear);
    }

    public static int? YearIn(string? title) =>
        title is not null && YearPattern().Match(TextPatterns.Clean(title)) is { Success: true } m ? int.Parse(m.Groups["y"].Value, CultureInfo.InvariantCulture) : null;

    [GeneratedRegex(@"[\u4e00-\u9fa5]{1,12}[〔\[［【(（]\s*(?<y>\d{4})\s*[〕\]］】)）]\s*\d+\s*号")]
    internal static partial Regex DocumentNumberPattern();

    [GeneratedRegex(@"(?<y>(19|20)\d{2})\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日")]
    private static partial Regex FullDatePattern();

    [GeneratedRegex(@"(?<y>(19|20)\d{2})\s*年")]
    private static partial Regex YearPattern();
}
