using System.Text.RegularExpressions;
using Zhenxing.Importing.Reading;

namespace Zhenxing.Importing.Parsing;

/// <summary>Finds "请于 6 月 30 日、12 月 30 日之前…报至市振兴办": the dates units report by.</summary>
internal static partial class ReportingDueDates
{
    public static IReadOnlyList<ReportingDueDate> Find(IReadOnlyList<SourceLine> lines, int? year)
    {
        var result = new List<ReportingDueDate>();
        foreach (var line in lines)
        {
            var text = TextPatterns.Clean(line.Joined);
            if (!ReportingSentence().IsMatch(text))
            {
                continue;
            }
            foreach (Match m in MonthDay().Matches(text))
            {
                var due = DeadlineParser.Parse(m.Value, year);
                result.Add(new ReportingDueDate(due.Date, m.Value, line.Location));
            }
        }
        return result;
    }

    [GeneratedRegex(@"(请|须|需|要)于.{0,40}(之前|前).{0,60}(报送|报至|报给|上报|报市|报区|报县)")]
    private static partial Regex ReportingSentence();

    [GeneratedRegex(@"(\d{4}年)?\d{1,2}月\d{1,2}日")]
    private static partial Regex MonthDay();
}
