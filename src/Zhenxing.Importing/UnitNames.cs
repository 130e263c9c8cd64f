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
        var parts = JoinCollectiveGovernments(SplitTopLevel(UnifyBrackets(cell)).SelectMany(SplitOnSpaces).Select(Normalize).ToList());
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
            if (SplitAnd(name) is var (first, second))
            {
                result.Add(first);
                result.Add(second);
            }
            else if (SplitEtcetera(name) is var (unit, group))
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

    /// <summary>
    /// True when a name reads like an organisation: it ends like one (局, 委, 办, 政府, 管委会, 街道, 成员单位, 等 …), has no
    /// sentence punctuation and none of the words of a rule sentence ("负责", "下同", "排在第一位"). The directory's own names
    /// are organisations whatever they look like; the caller checks those first.
    /// </summary>
    public static bool LooksLikeOrganisation(string? name)
    {
        var n = Normalize(name);
        if (n.Length < 2 || n.Length > 60 || SentencePunctuation().IsMatch(n) || RuleWords().IsMatch(n))
        {
            return false;
        }
        // "各街办（新区）", "省发展改革委（省粮食和储备局）": the part before a closing bracket is what must look like a unit.
        var core = TrailingBracket().Replace(n, "");
        return core.Length >= 2 && (OrganisationEnding().IsMatch(core) || IsGroupReference(core));
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

    /// <summary>
    /// "安监站 安监所": units a cell separates by spaces only. Split only when every piece is an organisation on its own, so a
    /// name wrapped inside its cell ("市 教育局", "赣州市 人民政府") stays one name.
    /// </summary>
    private static IEnumerable<string> SplitOnSpaces(string part)
    {
        var pieces = part.Split([' ', '\u00A0', '\u3000'], StringSplitOptions.RemoveEmptyEntries);
        // "市委 宣传部", "县政府 办公室": a party committee or government followed by one of its departments is one name.
        return pieces.Length >= 2 && !pieces[..^1].Any(p => ParentOrganPattern().IsMatch(Normalize(p))) && pieces.All(p => LooksLikeOrganisation(p) && !IsGroupReference(p) && !GenericTail().IsMatch(Normalize(p)) && !p.Any(IsLatin)) ? pieces : [part];
    }

    [GeneratedRegex(@"^.{0,6}(党委|党工委|[省市州县区镇乡]委|政府|人大常委会|人大|政协|管委会)$")]
    private static partial Regex ParentOrganPattern();

    [GeneratedRegex(@"^(人民政府|政府|办公室|办|委员会|管委会|管理委员会|党委|党工委|领导小组|工作领导小组|指挥部|分局|支行|分行|中心|有限公司|公司|集团|街道|办事处)$")]
    private static partial Regex GenericTail();

    // "各县、市、区政府" is one collective unit (the governments of every county, city and district), not 各县, 市 and 区政府.
    private static List<string> JoinCollectiveGovernments(List<string> parts)
    {
        var result = new List<string>(parts.Count);
        for (var i = 0; i < parts.Count; i++)
        {
            var end = i + 1;
            if (CollectiveStart().IsMatch(parts[i]))
            {
                while (end < parts.Count && parts[end] is "县" or "市" or "区" or "縣" or "區")
                {
                    end++;
                }
                // "各区、县级市", "各县、市、区": every district, county and city, one collective unit.
                if (end < parts.Count && parts[end] is "县级市" or "縣級市" or "旗" or "镇" or "乡镇" or "街道")
                {
                    result.Add(string.Join("、", parts[i..(end + 1)]));
                    i = end;
                    continue;
                }
                if (end > i + 1 && (end == parts.Count || !CollectiveEnd().IsMatch(parts[end])))
                {
                    result.Add(string.Join("、", parts[i..end]));
                    i = end - 1;
                    continue;
                }
            }
            if (end > i + 1 && end < parts.Count && CollectiveEnd().IsMatch(parts[end]))
            {
                result.Add(string.Join("、", parts[i..(end + 1)]));
                i = end;
                continue;
            }
            result.Add(parts[i]);
        }
        return result;
    }

    [GeneratedRegex(@"^各[县市区縣區]$")]
    private static partial Regex CollectiveStart();

    [GeneratedRegex(@"^[县市区縣區](人民)?(政府|党委|黨委)")]
    private static partial Regex CollectiveEnd();

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
        // "区司法局等有关部门", "粮食局等部门": the group is the unit's peers, named by nothing else; the name stays whole.
        if (GenericGroup().IsMatch(rest))
        {
            return null;
        }
        return IsGroupReference(rest) ? (unit, rest) : null;
    }

    [GeneratedRegex(@"^(有关|相关|其他|其它|有關|相關)?(部门|单位|部門|單位)$")]
    private static partial Regex GenericGroup();

    // "州委编办及州直相关单位": 及 between two organisations names both; "市场监管局及其分局" names one.
    private static (string First, string Second)? SplitAnd(string name)
    {
        var at = name.IndexOf('及');
        if (at < 2 || at == name.Length - 1 || name.IndexOf('及', at + 1) >= 0 || name[at + 1] == '其' || name[..at].Contains('（'))
        {
            return null;
        }
        var first = name[..at];
        var second = name[(at + 1)..];
        return LooksLikeOrganisation(first) && !IsGroupReference(first) && (LooksLikeOrganisation(second) || IsGroupReference(second)) ? (first, second) : null;
    }

    [GeneratedRegex(@"[，。；：！？,;:!?]")]
    private static partial Regex SentencePunctuation();

    [GeneratedRegex(@"负责|負責|下同|为牵头|為牽頭|列第一位|排在第一位|按职责分工|按職責分工|牵头|牽頭|配合")]
    private static partial Regex RuleWords();

    [GeneratedRegex(@"（[^（）]*）$")]
    private static partial Regex TrailingBracket();

    [GeneratedRegex(@"(局|委|办|辦|部|部门|部門|厅|廳|署|院|中心|公司|集团|集團|银行|銀行|政府|管委会|管委會|县|縣|区|區|市|镇|鎮|街道|街办|街辦|乡|鄉|村|党委|黨委|党工委|组|組|会|會|所|站|队|隊|行|社|馆|館|校|学|學|大学|院校|办事处|辦事處|指挥部|指揮部|成员单位|成員單位|单位|單位|等|处|處|室|科|司|府|联|聯|盟|团|團|庭|宫|宮|台|臺|海关|海關|专班|專班|小组|小組|各地|企业|企業|园|園|园区|園區|示范区|新区|矿|礦|厂|廠|场|場|网|網|报|報|军|軍|警|支队|支隊|大队|大隊|中队|中隊|分局|支行|分行|中支|分理处|协会|協會|商会|商會|工会|工會|妇联|婦聯|团委|團委|科协|科協|侨联|僑聯|文联|文聯|残联|殘聯|红十字会|紅十字會|人大|政协|政協|法院|检察院|檢察院|机关|機關|机构|機構|基地|平台|平臺|医院|醫院|电视台|電視臺|供电|供電|电力|電力|移动|移動|联通|聯通|电信|電信|烟草|菸草|邮政|郵政|气象|氣象|铁路|鐵路)$")]
    private static partial Regex OrganisationEnding();

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
