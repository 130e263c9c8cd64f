using System.Text.RegularExpressions;

namespace Zhenxing.Importing.Parsing;

/// <summary>A numbered heading: "一、…" (level 1) or "（一）…" (level 2), with its declared count if any.</summary>
internal sealed record Heading(string Number, string Title, int? DeclaredCount, int Level);

internal static partial class TextPatterns
{
    // Longer labels first: "牵头责任单位" must not be read as "责任单位" after two stray characters.
    private const string Labels = "牵头负责领导|分管省领导|分管市领导|分管区领导|分管县领导|牵头责任单位|协同责任单位|配合责任单位|牵头负责单位|"
        + "责任领导|牵头领导|分管领导|联系领导|牵头单位|牵头部门|主办单位|责任单位|责任部门|配合单位|配合部门|协同单位|协办单位|参与单位|部门分工|"
        + "完成时限|时间节点|完成时间|时间要求|时限";

    // Traditional forms of the label words ("牽頭單位", "責任單位"): each character matches either form.
    private static readonly (char Simplified, char Traditional)[] LabelCharacters =
    [
        ('牵', '牽'), ('头', '頭'), ('负', '負'), ('责', '責'), ('领', '領'), ('导', '導'), ('单', '單'), ('协', '協'),
        ('办', '辦'), ('门', '門'), ('与', '與'), ('时', '時'), ('间', '間'), ('节', '節'), ('点', '點'), ('县', '縣'),
        ('区', '區'), ('务', '務'), ('参', '參'), ('联', '聯'), ('级', '級'), ('进', '進'),
    ];

    private static string WithTraditional(string pattern) =>
        string.Concat(pattern.Select(c => LabelCharacters.FirstOrDefault(p => p.Simplified == c) is { Traditional: not '\0' } pair
            ? $"[{pair.Simplified}{pair.Traditional}]"
            : c.ToString()));

    private static readonly Regex LabelStart = new(@"^(" + WithTraditional(Labels) + @")\s*[:：]", RegexOptions.Compiled);
    private static readonly Regex LabelAnywhere = new(@"(?<l>" + WithTraditional(Labels) + @")\s*[:：]", RegexOptions.Compiled);

    /// <summary>A label as the parser knows it: "牽頭單位" becomes "牵头单位".</summary>
    private static string SimplifiedLabel(string label) =>
        string.Concat(label.Select(c => LabelCharacters.FirstOrDefault(p => p.Traditional == c) is { Simplified: not '\0' } pair ? pair.Simplified : c));

    public static string StripBold(string text) => text.Replace("**", "");

    /// <summary>Removes layout whitespace: none is meaningful next to a Chinese character.</summary>
    public static string Clean(string text)
    {
        var s = StripBold(text).Replace('\u00A0', ' ').Replace('\u3000', ' ').Replace("\n", "");
        return SpaceNextToWide().Replace(s, "").Trim();
    }

    public static bool IsChrome(string text) => ChromePattern().IsMatch(text.Trim());

    public static Heading? TryHeading(string text)
    {
        var s = Clean(text);
        if (LevelOnePattern().Match(s) is { Success: true } one)
        {
            return Build(one.Groups["n"].Value, one.Groups["t"].Value, 1);
        }
        if (PartPattern().Match(s) is { Success: true } part)
        {
            return Build(part.Groups["n"].Value, part.Groups["t"].Value, 1);
        }
        if (LevelTwoPattern().Match(s) is { Success: true } two)
        {
            return Build($"（{two.Groups["n"].Value}）", two.Groups["t"].Value, 2);
        }
        return null;
    }

    private static Heading? Build(string number, string rest, int level)
    {
        var title = rest.Trim();
        int? declared = null;
        if (DeclaredCountPattern().Match(title) is { Success: true } count)
        {
            declared = int.Parse(count.Groups["n"].Value, System.Globalization.CultureInfo.InvariantCulture);
            title = title[..count.Index].Trim();
        }
        return title.Length == 0 && declared is null ? null : new Heading(number, title, declared, level);
    }

    public static (string Title, int? Declared) SplitDeclaredCount(string text)
    {
        var s = Clean(text);
        return DeclaredCountPattern().Match(s) is { Success: true } m
            ? (s[..m.Index].Trim(), int.Parse(m.Groups["n"].Value, System.Globalization.CultureInfo.InvariantCulture))
            : (s, null);
    }

    /// <summary>"1. 正文", "1．正文", "1、正文" — but not "17.4%".</summary>
    public static (string Number, string Body)? TryArabic(string text)
    {
        var m = ArabicPattern().Match(text.Trim());
        return m.Success ? (m.Groups["n"].Value, m.Groups["t"].Value.Trim()) : null;
    }

    public static int? TryTotal(string text) =>
        TotalPattern().Match(Clean(text)) is { Success: true } m ? int.Parse(m.Groups["n"].Value, System.Globalization.CultureInfo.InvariantCulture) : null;

    /// <summary>Lines that end a list: attachments, notes, "有关要求：".</summary>
    public static bool IsTerminator(string text)
    {
        var s = Clean(text);
        return TerminatorPattern().IsMatch(s) || (s.Length <= 20 && (s.EndsWith('：') || s.EndsWith(':')));
    }

    public static bool IsAttachmentMarker(string text) => AttachmentPattern().IsMatch(Clean(text));

    public static bool IsTitleCandidate(string text, int minLength = 4)
    {
        var s = Clean(text);
        return s.Length >= minLength && s.Length <= 80
            && !"。；，：:,;！？!?、".Contains(s[^1])
            && !DocumentFacts.DocumentNumberPattern().IsMatch(s)
            && !DatePattern().IsMatch(s)
            && !IsChrome(s) && !IsTerminator(s) && TryTotal(s) is null
            && !(s[0] is '（' or '(' && s[^1] is '）' or ')')
            && !s.StartsWith("——", StringComparison.Ordinal) && !s.Contains('：') && !s.Contains(':')
            && TryHeading(s) is null && TryArabic(s) is null && !s.Contains('\t');
    }

    /// <summary>Units given with labels: "牵头单位：市发改委；责任单位：市财政局" (inside a trailing parenthesis or on lines below).</summary>
    public static IReadOnlyList<(string Label, string Value)>? TryLabels(string text)
    {
        var s = text.Trim().TrimEnd('。', '.');
        if (!LabelStart.IsMatch(s))
        {
            return null;
        }
        var result = new List<(string, string)>();
        var matches = LabelAnywhere.Matches(s);
        for (var i = 0; i < matches.Count; i++)
        {
            var start = matches[i].Index + matches[i].Length;
            var end = i + 1 < matches.Count ? matches[i + 1].Index : s.Length;
            result.Add((SimplifiedLabel(matches[i].Groups["l"].Value), s[start..end].Trim().TrimEnd('；', ';', '，', ',', ' ')));
        }
        return result;
    }

    /// <summary>Splits "正文。（牵头单位：…；责任单位：…）" into the text and its labelled units.</summary>
    public static (string Text, IReadOnlyList<(string Label, string Value)> Labels)? TryTrailingLabels(string text)
    {
        var s = text.TrimEnd();
        var trimmed = s.TrimEnd('。', '.', ' ');
        if (trimmed.Length == 0)
        {
            return null;
        }
        if (trimmed[^1] is not ('）' or ')' or ']' or '】' or '〕'))
        {
            // "加快城市更新。市住建局牵头，市城管局配合。": a last sentence that only names who leads.
            var stop = trimmed.LastIndexOfAny(['。', '；', ';']);
            var last = trimmed[(stop + 1)..];
            if (stop > 0 && TrailingLeadSentencePattern().Match(PlainClause(last)) is { Success: true } m && LooksLikeUnit(m.Groups["lead"].Value))
            {
                return (trimmed[..(stop + 1)], [("责任单位", last)]);
            }
            // "…的问题，由发展改革委会同农业部等部门研究提出落实意见。": the units are part of the sentence, which stays whole.
            return ByUnitSentencePattern().Match(SimplifyKeywords(last)) is { Success: true } by && LooksLikeUnit(by.Groups["lead"].Value)
                ? (s, [("责任单位", by.Groups["rest"].Success ? $"{by.Groups["lead"].Value}会同{by.Groups["rest"].Value}" : by.Groups["lead"].Value + "负责")])
                : null;
        }
        var depth = 0;
        for (var i = trimmed.Length - 1; i >= 0; i--)
        {
            if (trimmed[i] is '）' or ')' or ']' or '】' or '〕')
            {
                depth++;
            }
            else if (trimmed[i] is '（' or '(' or '[' or '【' or '〔' && --depth == 0)
            {
                var inner = trimmed[(i + 1)..^1];
                var before = trimmed[..i].TrimEnd();
                if (TryLabels(inner) is { Count: > 0 } labels)
                {
                    return (before, labels);
                }
                // "推进…工作。（市发改委牵头，市财政局配合）", "（市财政局负责）": unlabelled units after a finished sentence.
                var unitsOnly = before.Length > 0 && "。；;".Contains(before[^1]) && !UnitExclusionPattern().IsMatch(inner)
                    && (PlainClause(inner) is var plain && (plain.Contains("牵头") || LooksLikeUnit(plain.Replace("会同", "、"))));
                return unitsOnly ? (before, [("责任单位", inner)]) : null;
            }
        }
        return null;
    }

    /// <summary>True when the text states that the first unit listed leads ("列第一位者为牵头单位", "排在第一位的部门为牵头部门").</summary>
    public static bool StatesFirstListedLeads(string text) => LeadRulePattern().IsMatch(SimplifyKeywords(text));

    /// <summary>
    /// A unit clause reduced to units and role words: the rule sentence ("排在第一位的部门为牵头部门，下同") removed, Traditional
    /// role words written Simplified, "按职责分工负责" and a closing "负责" dropped, "及各…" split like "、各…".
    /// </summary>
    public static string PlainClause(string text)
    {
        var s = LeadRulePattern().Replace(SimplifyKeywords(text), "").Trim().TrimEnd('，', ',', '；', ';', '。', '、', ' ');
        // "省发展改革委、商务厅按职责分工负责。具体任务均涉及相关市（州）人民政府，不再做分工，下同": a remark follows the units.
        if (s.IndexOf('。') is > 0 and var stop)
        {
            s = s[..stop];
        }
        s = DutyWordsPattern().Replace(s, "");
        return s.Replace("及各", "、各").Trim().TrimEnd('，', ',', '；', ';', '。', '、', ' ');
    }

    /// <summary>True when a clause ends in "负责": "（市财政局负责）".</summary>
    public static bool IsDutyClause(string text) => DutyWordsPattern().IsMatch(LeadRulePattern().Replace(SimplifyKeywords(text), "").Trim().TrimEnd('，', ',', '；', ';', '。', '、', ' '));

    private static string SimplifyKeywords(string text) => text
        .Replace("牽頭", "牵头").Replace("負責", "负责").Replace("會同", "会同").Replace("按職責", "按职责").Replace("為", "为");

    public static string NormalizeNumber(string number)
    {
        var s = DeadlineParser.Compact(number).Trim('.', '．', '、', '（', '）', '(', ')');
        return s;
    }

    public static bool LooksLikeUnit(string text) =>
        UnitNames.Split(text) is { Count: > 0 } names && names.All(n => n.Length <= 20 && (UnitSuffixPattern().IsMatch(n) || UnitNames.IsGroupReference(n)));

    /// <summary>"合计" rows sum a table up; they are not items.</summary>
    public static bool IsTotalRow(IEnumerable<string> cells) =>
        cells.Any(c => DeadlineParser.Compact(c) is "合计" or "总计" or "小计" or "共计");

    public static bool IsItemNumber(string text) => ItemNumberPattern().IsMatch(DeadlineParser.Compact(text));


    [GeneratedRegex(@"(?<=[^\x00-\x7F])[ \t]+|[ \t]+(?=[^\x00-\x7F])")]
    private static partial Regex SpaceNextToWide();

    [GeneratedRegex(@"^([-—–－\s]*\d+[-—–－\s]*|第\s*\d+\s*页([,，/\s]*共\s*\d+\s*页)?|共\s*\d+\s*页[,，/\s]*第\s*\d+\s*页|\d+\s*/\s*\d+|\|)$")]
    private static partial Regex ChromePattern();

    [GeneratedRegex(@"^(?<n>[一二三四五六七八九十]{1,3})\s*[、.．]\s*(?<t>.*)$")]
    private static partial Regex LevelOnePattern();

    [GeneratedRegex(@"^第(?<n>[一二三四五六七八九十]{1,3})(部分|类|板块|篇)\s*[、：:.．]?\s*(?<t>.*)$")]
    private static partial Regex PartPattern();

    [GeneratedRegex(@"^[（(]\s*(?<n>[一二三四五六七八九十]{1,3})\s*[)）]\s*[、.．]?\s*(?<t>.*)$")]
    private static partial Regex LevelTwoPattern();

    [GeneratedRegex(@"[（(]\s*共?\s*(?<n>\d+)\s*(项|个|条|件)\s*[)）]\s*$")]
    private static partial Regex DeclaredCountPattern();

    [GeneratedRegex(@"^(?:(?<n>\d{1,3})\s*[.．、]|[（(]\s*(?<n>\d{1,3})\s*[)）]|(?<n>\d{1,3})\s*[)）])\s*(?!\d)(?<t>\S.*)$")]
    private static partial Regex ArabicPattern();

    [GeneratedRegex(@"^[（(]?\s*共\s*(?<n>\d+)\s*(项|个|条|件)\s*[)）]?$")]
    private static partial Regex TotalPattern();

    [GeneratedRegex(@"^(附件|附表|附：|注[:：]|备注[:：]|说明[:：]|抄送|印发|有关要求)")]
    private static partial Regex TerminatorPattern();

    [GeneratedRegex(@"^附件\s*\d*[:：]?")]
    private static partial Regex AttachmentPattern();

    [GeneratedRegex(@"^(\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}|[〇零一二三四五六七八九]{4}年[一二三四五六七八九十]{1,2}月[一二三四五六七八九十]{1,3})\s*日$")]
    private static partial Regex DatePattern();


    [GeneratedRegex(@"(局|委|办|部|厅|院|校|大学|学院|区|县|市|镇|乡|街道|中心|公司|集团|会|处|所|行|署|站|队|室|馆|社|团|科|司|府|分局|支行|海关|单位|部门)$")]
    private static partial Regex UnitSuffixPattern();

    [GeneratedRegex(@"[，,；;]?\s*[（(]?\s*(排在第一位|排第一位|列第一位|列在第一位|排在首位|列首位)[^（）()]*?(牵头|汇总)[^（）()，,；;]*([，,]\s*下同)?\s*[)）]?")]
    private static partial Regex LeadRulePattern();

    [GeneratedRegex(@"^(?<lead>[^，,；;。]+?)(牵头(负责)?|会同)([，,；;、](?<rest>[^，,；;。]*?)(配合|参与|协助|协同|参加))?$")]
    private static partial Regex TrailingLeadSentencePattern();

    [GeneratedRegex(@"[，,]由(?<lead>[^，,。；;“”、由]{2,40}?)(会同(?<rest>[^，,。；;“”]{2,300}?))?(研究提出|负责|牵头)[^。；;，,]*$")]
    private static partial Regex ByUnitSentencePattern();

    [GeneratedRegex(@"(按职责分工|按职责|分工)?(具体)?负责(落实)?$")]
    private static partial Regex DutyWordsPattern();

    [GeneratedRegex(@"^(含|包括|即|如|简称|以下简称|详见|见)")]
    private static partial Regex UnitExclusionPattern();

    [GeneratedRegex(@"^[（(]?\d{1,3}[)）.．、]?$")]
    private static partial Regex ItemNumberPattern();
}
