using System.Globalization;
using System.Text.RegularExpressions;

namespace Zhenxing.Web.Features.Holidays;

/// <summary>
/// Reads the holiday calendar as the Office pastes it from the State Council's notice: one line per date or range,
/// "2026-10-01 至 2026-10-08 休" or "2026-10-11 班" (休 = 法定节假日, 班 = 调休上班).
/// </summary>
public static partial class HolidayLines
{
    public sealed record Result(List<(DateOnly Date, HolidayKind Kind)> Days, List<string> Errors);

    private const string Example = "应为如“2026-10-01 休”或“2026-10-01 至 2026-10-08 休”";

    public static Result Parse(string? text)
    {
        var days = new Dictionary<DateOnly, HolidayKind>();
        var errors = new List<string>();
        var lines = (text ?? "").Replace("\r\n", "\n").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0)
            {
                continue;
            }
            var where = $"第 {i + 1} 行“{(line.Length > 40 ? line[..40] + "…" : line)}”";
            var match = LinePattern().Match(line);
            if (!match.Success)
            {
                errors.Add($"{where}：无法识别，{Example}。");
                continue;
            }
            if (!TryDate(match.Groups["from"].Value, out var from) || (match.Groups["to"].Success && !TryDate(match.Groups["to"].Value, out _)))
            {
                errors.Add($"{where}：日期无效，{Example}。");
                continue;
            }
            var to = from;
            if (match.Groups["to"].Success)
            {
                TryDate(match.Groups["to"].Value, out to);
            }
            if (to < from || to.DayNumber - from.DayNumber > 31)
            {
                errors.Add($"{where}：日期范围应从早到晚，且不超过 31 天。");
                continue;
            }
            var kind = match.Groups["kind"].Value is "休" or "放假" ? HolidayKind.DayOff : HolidayKind.WorkingWeekend;
            var problem = false;
            for (var day = from; day <= to; day = day.AddDays(1))
            {
                if (kind == HolidayKind.WorkingWeekend && day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
                {
                    errors.Add($"{where}：{day:yyyy-MM-dd} 不是周末，无需标为调休上班（班）。");
                    problem = true;
                    break;
                }
                if (days.TryGetValue(day, out var earlier) && earlier != kind)
                {
                    errors.Add($"{where}：{day:yyyy-MM-dd} 在前面的行中已标为{(earlier == HolidayKind.DayOff ? "休" : "班")}。");
                    problem = true;
                    break;
                }
            }
            if (problem)
            {
                continue;
            }
            for (var day = from; day <= to; day = day.AddDays(1))
            {
                days[day] = kind;
            }
        }
        return new Result(days.OrderBy(d => d.Key).Select(d => (d.Key, d.Value)).ToList(), errors);
    }

    private static bool TryDate(string text, out DateOnly date)
    {
        var normalized = text.Replace('/', '-').Replace('.', '-').Replace("年", "-").Replace("月", "-").Replace("日", "");
        return DateOnly.TryParseExact(normalized, ["yyyy-M-d", "yyyy-MM-dd"], CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
    }

    [GeneratedRegex(@"^(?<from>\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?)\s*(?:(?:至|到|~|～|—)\s*(?<to>\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?))?\s*[，,：:]?\s*(?<kind>休|放假|班|上班)$")]
    private static partial Regex LinePattern();
}
