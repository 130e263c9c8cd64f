using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Zhenxing.Importing.Targets;

public enum CandidateDirection
{
    /// <summary>不低于: 达到、突破、超过、以上.</summary>
    AtLeast,

    /// <summary>不高于: 以下、以内、控制在、不超过.</summary>
    AtMost,
}

/// <summary>
/// A quantitative goal read from prose, for the Office to check and confirm: the clause that states it, a proposed
/// title, the value in its unit of measure, the year it is due and its direction.
/// </summary>
/// <param name="Sentence">The whole sentence, kept as the target's source.</param>
/// <param name="Clause">The part of the sentence that states this quantity.</param>
/// <param name="YearText">The words that give the year ("到2025年", "五年内", "全年").</param>
/// <param name="Line">1-based line of the text.</param>
public sealed record TargetCandidate(string Sentence, string Clause, string Title, decimal Value, string MeasureUnit, int? Year, string? YearText, CandidateDirection Direction, int Line);

/// <summary>
/// Finds the sentences of a text that state a goal: a quantity with a unit of measure and a year to reach it by, either
/// written out ("到2025年", "2020年") or relative to the document's year ("五年内", "今后五年", "三年内", "全年"). Sentences
/// about the past (a year before the document's, "五年来", "今年有望") and sentences without a quantity are not proposed.
/// Pure: no database, no I/O.
/// </summary>
public static partial class TargetCandidateExtractor
{
    /// <summary>Units of measure the Office uses for targets; any other is typed in freely.</summary>
    public static readonly IReadOnlyList<string> CommonUnits = ["亿元", "家", "个", "%", "平方公里", "万人"];

    private const string Numerals = "零一二三四五六七八九十";

    public static IReadOnlyList<TargetCandidate> Extract(string text, int? documentYear = null)
    {
        var normalized = Normalize(text);
        var year = documentYear ?? DocumentYear(normalized);
        var candidates = new List<TargetCandidate>();
        var seen = new HashSet<(string, decimal, string, int?)>();
        (int Year, string Text)? context = null;
        var lines = normalized.Split('\n');
        for (var index = 0; index < lines.Length; index++)
        {
            var line = lines[index].Trim();
            if (line.Length == 0)
            {
                continue;
            }
            var bullet = line.StartsWith('—') || line.StartsWith("-");
            if (!bullet)
            {
                context = null;
            }
            foreach (var cell in line.Split('\t').Where(c => c.Trim().Length > 0))
            {
                foreach (var sentence in SentenceSplit().Split(cell).Select(s => s.Trim(' ', '—', '-')).Where(s => s.Length > 0))
                {
                    var stated = YearOf(sentence, year);
                    var due = stated ?? (bullet ? context : null);
                    if (due is null)
                    {
                        continue;
                    }
                    foreach (var (clause, quantity) in Quantities(sentence))
                    {
                        var title = TitleOf(quantity.Before, quantity.After);
                        if (seen.Add((title, quantity.Value, quantity.Unit, due.Value.Year)))
                        {
                            candidates.Add(new TargetCandidate(sentence, clause, title, quantity.Value, quantity.Unit, due.Value.Year, due.Value.Text,
                                DirectionOf(clause), index + 1));
                        }
                    }
                }
            }
            // "今后五年的奋斗目标是：" gives its year to the "——" lines under it.
            if (!bullet && (line.EndsWith('：') || line.EndsWith(':')) && YearOf(line, year) is { } heading)
            {
                context = heading;
            }
        }
        return candidates;
    }

    /// <summary>The year a document was issued: its date ("2021年9月27日"), else its number ("〔2020〕1号"), else the first year named.</summary>
    public static int? DocumentYear(string text)
    {
        var normalized = Normalize(text);
        foreach (var pattern in new[] { DatePattern(), DocumentNumberYear(), AnyYear() })
        {
            if (pattern.Match(normalized) is { Success: true } match)
            {
                return int.Parse(match.Groups["year"].Value, CultureInfo.InvariantCulture);
            }
        }
        return null;
    }

    private static string Normalize(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text.Replace("\r\n", "\n").Replace('\r', '\n'))
        {
            builder.Append(c switch
            {
                >= '０' and <= '９' => (char)('0' + (c - '０')),
                '％' => '%',
                '．' => '.',
                '\u00A0' or '\u3000' => ' ',
                _ => c,
            });
        }
        var plain = builder.ToString().Replace("**", "");
        // Text extracted from PDF puts spaces around numbers: "争资 750 亿元以上", "2020 年".
        return SpaceBesideDigit().Replace(plain, "");
    }

    /// <summary>The year a sentence sets a goal for, with the words that say it; null when it names none or only past ones.</summary>
    private static (int Year, string Text)? YearOf(string sentence, int? documentYear)
    {
        foreach (Match match in ExplicitYear().Matches(sentence))
        {
            var year = int.Parse(match.Groups["year"].Value, CultureInfo.InvariantCulture);
            // A date ("2019年5月") or a comparison base ("比2010年") is not a goal's year, nor is a year before the document's.
            var followedByMonth = match.Index + match.Length < sentence.Length && char.IsDigit(sentence[match.Index + match.Length]);
            var comparison = match.Index > 0 && sentence[match.Index - 1] is '比' or '较' or '与';
            if (!followedByMonth && !comparison && (documentYear is null || year >= documentYear))
            {
                return (year, match.Value);
            }
        }
        if (documentYear is not { } baseYear)
        {
            return null;
        }
        if (RelativeYears().Match(sentence) is { Success: true } relative && Count(relative.Groups["n"].Value) is { } years)
        {
            return (baseYear + years - 1, relative.Value);
        }
        if (sentence.Contains("全年"))
        {
            return (baseYear, "全年");
        }
        return null;
    }

    private static int? Count(string numeral)
    {
        if (int.TryParse(numeral, NumberStyles.None, CultureInfo.InvariantCulture, out var digits))
        {
            return digits is > 0 and < 100 ? digits : null;
        }
        return numeral switch
        {
            "十" => 10,
            { Length: 1 } when Numerals.IndexOf(numeral[0]) is > 0 and var n => n,
            _ => null,
        };
    }

    private sealed record Quantity(int Start, decimal Value, string Unit, string Before, string After);

    /// <summary>
    /// The quantities of a sentence, each with its clause. A clause is split at "，"; at "、" only where each side states a
    /// quantity of its own ("面积达240平方公里、人口达240万"). Of several quantities in one part the last is the goal: the others
    /// count its subject ("5个开发区营收分别突破1000亿元").
    /// </summary>
    private static IEnumerable<(string Clause, Quantity Quantity)> Quantities(string sentence)
    {
        foreach (var clause in ClauseSplit().Split(sentence).Select(c => c.Trim().TrimEnd('。', '；', ';', '！', '？')).Where(c => c.Length > 0))
        {
            var parts = new List<string>();
            var pending = "";
            foreach (var piece in clause.Split('、'))
            {
                var joined = pending.Length == 0 ? piece : pending + "、" + piece;
                if (QuantitiesIn(piece).Count == 0)
                {
                    // A part without a quantity belongs to its neighbour: before the first quantity to the next, after it to the last.
                    if (parts.Count > 0 && pending.Length == 0)
                    {
                        parts[^1] += "、" + piece;
                    }
                    else
                    {
                        pending = joined;
                    }
                    continue;
                }
                parts.Add(joined);
                pending = "";
            }
            foreach (var part in parts)
            {
                if (QuantitiesIn(part) is { Count: > 0 } found)
                {
                    yield return (part, found[^1]);
                }
            }
        }
    }

    private static List<Quantity> QuantitiesIn(string part)
    {
        var found = new List<Quantity>();
        foreach (Match match in Number().Matches(part))
        {
            if (match.Index > 0 && part[match.Index - 1] is '第' or '.' || !decimal.TryParse(match.Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
            {
                continue;
            }
            var rest = part[(match.Index + match.Length)..];
            var (unit, length, factor) = UnitAt(rest, part[..match.Index]);
            if (unit is null)
            {
                continue;
            }
            var after = rest[length..];
            // "19个月", "3个百分点": a duration or a difference, not an amount.
            if (after.StartsWith('月') || after.StartsWith("百分点") || after.StartsWith("小时") || after.StartsWith("批次"))
            {
                continue;
            }
            found.Add(new Quantity(match.Index, value * factor, unit, part[..match.Index], after));
        }
        return found;
    }

    private static readonly string[] PlainUnits = ["平方公里", "公里", "家", "个", "项", "所", "户", "座", "条", "人", "亩", "吨", "%"];
    private static readonly string[] CountedUnits = ["家", "个", "项", "所", "户", "座", "条", "亩", "吨"];

    /// <returns>The unit of measure at the start of <paramref name="rest"/>, how many characters it takes, and the factor
    /// for "万家" (10,000 家); no unit when the number is not an amount.</returns>
    private static (string? Unit, int Length, decimal Factor) UnitAt(string rest, string before)
    {
        if (rest.StartsWith("亿元") || rest.StartsWith("万元") || rest.StartsWith("万人"))
        {
            return (rest[..2], 2, 1);
        }
        if (rest.StartsWith('万') || rest.StartsWith('亿'))
        {
            var scale = rest[0] == '万' ? 10_000m : 100_000_000m;
            if (rest.Length > 1 && CountedUnits.FirstOrDefault(u => rest[1..].StartsWith(u)) is { } counted)
            {
                return (counted, 1 + counted.Length, scale);
            }
            // "人口达240万": ten thousands of people.
            return rest[0] == '万' && before.Contains("人口") ? ("万人", 1, 1) : (rest[..1], 1, 1);
        }
        return PlainUnits.FirstOrDefault(rest.StartsWith) is { } unit ? (unit, unit.Length, 1) : (null, 0, 1);
    }

    private static CandidateDirection DirectionOf(string clause) =>
        AtMost().IsMatch(clause) ? CandidateDirection.AtMost : CandidateDirection.AtLeast;

    /// <summary>A title proposed from the words around the quantity: its subject, without "力争到2025年" or the verb.</summary>
    private static string TitleOf(string before, string after)
    {
        var subject = before;
        string previous;
        do
        {
            previous = subject;
            subject = LeadingNoise().Replace(subject, "").Trim('，', '、', ' ', '“', '”');
        }
        while (subject != previous);
        subject = TrailingVerb().Replace(subject, "");
        var tail = TrailingNoise().Replace(after, "").Trim('，', '、', ' ');
        if (subject.Length == 0 || LeadingVerbOnly().IsMatch(subject))
        {
            // "培育100家智能工厂、数字化车间": the goal's subject follows the number.
            return tail.Length > 0 ? tail : subject;
        }
        return subject.Length > 0 ? subject : tail;
    }

    [GeneratedRegex(@"(?<=\d) +(?=[^\s\d])|(?<=[^\s\d]) +(?=\d)")]
    private static partial Regex SpaceBesideDigit();

    [GeneratedRegex(@"(?<=[。！？；;])")]
    private static partial Regex SentenceSplit();

    [GeneratedRegex(@"[，,：:（）()]")]
    private static partial Regex ClauseSplit();

    [GeneratedRegex(@"(?<!\d)\d+(?:\.\d+)?")]
    private static partial Regex Number();

    [GeneratedRegex(@"(?:到|至|在)?(?<year>(?:19|20)\d{2})年(?:底|末|前)?")]
    private static partial Regex ExplicitYear();

    [GeneratedRegex(@"(?:(?:今后|未来)(?<n>\d{1,2}|[一二三四五六七八九十])年)|(?:(?<n>\d{1,2}|[一二三四五六七八九十])年(?:内|之内|时间))")]
    private static partial Regex RelativeYears();

    [GeneratedRegex(@"(?<year>(?:19|20)\d{2})年\d{1,2}月\d{1,2}日")]
    private static partial Regex DatePattern();

    [GeneratedRegex(@"〔(?<year>(?:19|20)\d{2})〕")]
    private static partial Regex DocumentNumberYear();

    [GeneratedRegex(@"(?<year>(?:19|20)\d{2})年")]
    private static partial Regex AnyYear();

    [GeneratedRegex(@"以下|以内|控制在|不超过|不高于|低于|降至|下降到|压减到|压缩到")]
    private static partial Regex AtMost();

    [GeneratedRegex(@"^(?:力争|争取|确保|努力|预计|计划|到|至|在|所有|全部|全市|(?:19|20)\d{2}年(?:底|末|前)?|(?:今后|未来)(?:\d{1,2}|[一二三四五六七八九十])年|(?:\d{1,2}|[一二三四五六七八九十])年(?:内|之内)|全年)")]
    private static partial Regex LeadingNoise();

    [GeneratedRegex(@"(?:分别|各|均|已|将|要)?(?:达到|达|突破|超过|超|向|增至|增加到|提高到|提升到|控制在|不低于|不高于|不超过|实现|保持在|为)$")]
    private static partial Regex TrailingVerb();

    [GeneratedRegex(@"^(?:以上|以下|以内|左右|迈进|的)+")]
    private static partial Regex TrailingNoise();

    [GeneratedRegex(@"^(?:培育|引进培育|引进|建设|建成|新增|打造|创建|新建|认定|发展)$")]
    private static partial Regex LeadingVerbOnly();
}
