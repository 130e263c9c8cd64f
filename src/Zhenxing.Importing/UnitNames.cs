using System.Text;
using System.Text.RegularExpressions;

namespace Zhenxing.Importing;

/// <summary>Unit-name rules shared by the importer and the web app.</summary>
public static partial class UnitNames
{
    private const string Separators = "、，,；;／/\n\r\t";

    /// <summary>Splits a cell such as "市财政局、 市税务局、 赣州海关" into normalised names; separators inside brackets do not split ("各县（市、区）").</summary>
    public static IReadOnlyList<string> Split(string? cell)
    {
        var result = new List<string>();
        if (string.IsNullOrWhiteSpace(cell))
        {
            return result;
        }
        var parts = SplitTopLevel(UnifyBrackets(cell)).Select(Normalize).ToList();
        for (var i = 0; i < parts.Count; i++)
        {
            var name = parts[i];
            // "区属、驻区有关单位" shares its noun: 区属有关单位 and 驻区有关单位.
            if (SharedNounPrefix().IsMatch(name) && i + 1 < parts.Count && SharedNounTail().Match(parts[i + 1]) is { Success: true } tail)
            {
                name += tail.Groups["noun"].Value;
            }
            if (name.Length == 0 || PlaceholderPattern().IsMatch(name))
            {
                continue;
            }
            if (SplitEtcetera(name) is var (unit, group))
            {
                result.Add(unit);
                result.Add(group);
            }
            else
            {
                result.Add(name);
            }
        }
        return result;
    }

    /// <summary>Re-joins names wrapped by PDF or Word ("市 教育局" → "市教育局") and unifies brackets to full width.</summary>
    public static string Normalize(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return "";
        }
        var s = UnifyBrackets(name.Replace('\u00A0', ' ').Replace('\u3000', ' '));
        var builder = new StringBuilder(s.Length);
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (char.IsWhiteSpace(c))
            {
                // Whitespace only survives between two Latin letters or digits ("China Mobile").
                var before = builder.Length > 0 ? builder[^1] : ' ';
                var after = i + 1 < s.Length ? s[i + 1] : ' ';
                if (IsLatin(before) && IsLatin(after))
                {
                    builder.Append(' ');
                }
                continue;
            }
            builder.Append(c);
        }
        return builder.ToString().Trim().TrimEnd('。', '.', '；', ';', '，', ',', '、').TrimStart('、', '，', ',');
    }

    /// <summary>True for placeholders that name a group rather than a unit: "区直各部门", "市直（驻市）有关部门", "各县（市、区）".</summary>
    public static bool IsGroupReference(string? name)
    {
        var n = Normalize(name);
        return n.Length > 0 && GroupPattern().IsMatch(n);
    }

    internal static string UnifyBrackets(string s) => s.Replace('(', '（').Replace(')', '）');

    private static IEnumerable<string> SplitTopLevel(string s)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (c is '（' or '《' or '“' or '[' or '【')
            {
                depth++;
            }
            else if (c is '）' or '》' or '”' or ']' or '】')
            {
                depth = Math.Max(0, depth - 1);
            }
            else if (depth == 0 && Separators.Contains(c))
            {
                yield return s[start..i];
                start = i + 1;
            }
        }
        yield return s[start..];
    }

    // "市发改委等市直（驻市）部门" names one unit and then a group.
    private static (string Unit, string Group)? SplitEtcetera(string name)
    {
        var at = name.LastIndexOf('等');
        if (at < 2 || at == name.Length - 1 || "高中初平".Contains(name[at - 1]))
        {
            return null;
        }
        var unit = name[..at];
        var rest = name[(at + 1)..];
        if (IsGroupReference(rest) || rest is "单位" or "部门")
        {
            return (unit, rest is "单位" or "部门" ? "等" + rest : rest);
        }
        return null;
    }

    [GeneratedRegex(@"^(无|/|／|—+|-+|－+|待定|暂无|空|\\)$")]
    private static partial Regex PlaceholderPattern();

    [GeneratedRegex(@"^(市|区|县|省)(属|直)$")]
    private static partial Regex SharedNounPrefix();

    [GeneratedRegex(@"^(驻[市区县省]|[市区县省][直属])(?<noun>(有关|各|相关)?(单位|部门|企业))$")]
    private static partial Regex SharedNounTail();

    private static bool IsLatin(char c) => c < 128 && char.IsLetterOrDigit(c);

    [GeneratedRegex(@"^各|有关|相关(部门|单位)|^(市|区|县|省)直(（驻[市区县省]）)?(各|有关|相关)?(部门|单位)|^(市|区|县|省)?属(各|有关)?(单位|部门|企业)?$|^驻(市|区|县|省)|^等|^(其他|其余|全体|所有)|^(市|区|县|省)(级)?各")]
    private static partial Regex GroupPattern();
}
