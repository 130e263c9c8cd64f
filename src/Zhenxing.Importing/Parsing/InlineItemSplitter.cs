using System.Text.RegularExpressions;
using Zhenxing.Importing.Reading;

namespace Zhenxing.Importing.Parsing;

/// <summary>
/// A page printed as one paragraph (a newspaper notice) carries several numbered items on one line, each followed by its
/// labels: "… 1.轨道交通…试运营。 牵头领导:林静国 责任单位:市轨道交通工程建设指挥部 … 2.新增安装…". Such a line is put back
/// into one line per item and one per label, as the document would be laid out.
/// </summary>
internal static partial class InlineItemSplitter
{
    public static IReadOnlyList<SourceLine> Split(IReadOnlyList<SourceLine> lines)
    {
        List<SourceLine>? result = null;
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            var pieces = line.FromTable || line.Cells.Count != 1 ? null : Pieces(line.Cells[0]);
            if (pieces is null)
            {
                result?.Add(line);
                continue;
            }
            result ??= [.. lines.Take(i)];
            result.AddRange(pieces.Select(p => line with { Cells = [p] }));
        }
        return result ?? lines;
    }

    private static List<string>? Pieces(string text)
    {
        // Items: "1." "2." "3." in order, each after a space and each followed by a label further on.
        var starts = new List<int>();
        var expected = -1;
        foreach (Match m in ItemStart().Matches(text))
        {
            var n = int.Parse(m.Groups["n"].Value, System.Globalization.CultureInfo.InvariantCulture);
            if (starts.Count == 0 || n == expected)
            {
                if (starts.Count == 0 && n > 1 && m.Index > 0 && !char.IsWhiteSpace(text[m.Index - 1]))
                {
                    continue;
                }
                starts.Add(m.Index);
                expected = n + 1;
            }
        }
        if (starts.Count < 2 || LabelStart().Matches(text).Count(l => TextPatterns.TryLabels(l.Value.Trim() + "X") is not null) < starts.Count)
        {
            return null;
        }
        var pieces = new List<string>();
        if (starts[0] > 0 && text[..starts[0]].Trim() is { Length: > 0 } preamble)
        {
            pieces.Add(preamble);
        }
        for (var k = 0; k < starts.Count; k++)
        {
            var end = k + 1 < starts.Count ? starts[k + 1] : text.Length;
            pieces.AddRange(Labelled(text[starts[k]..end].Trim()));
        }
        return pieces;
    }

    /// <summary>"1.正文。 牵头领导:X 责任单位:Y 项目责任人:Z": the item, then one line per label.</summary>
    private static IEnumerable<string> Labelled(string item)
    {
        var labels = LabelStart().Matches(item).Select(m => m.Index).ToList();
        var end = labels.Count > 0 ? labels[0] : item.Length;
        yield return item[..end].Trim();
        for (var k = 0; k < labels.Count; k++)
        {
            var segment = item[labels[k]..(k + 1 < labels.Count ? labels[k + 1] : item.Length)].Trim();
            if (TextPatterns.TryLabels(segment) is [var (label, _)] && !label.Contains("领导") && !label.Contains("时"))
            {
                // A unit label's value ends where the words stop being units ("各区政府 鄞州 海曙…": a figures table follows).
                var colon = segment.IndexOfAny([':', '：']);
                var tokens = segment[(colon + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
                var units = tokens.TakeWhile(t => TextPatterns.LooksLikeUnit(t)).Count();
                if (units > 0 && units < tokens.Length)
                {
                    yield return segment[..(colon + 1)] + string.Join(" ", tokens.Take(units));
                    yield return string.Join(" ", tokens.Skip(units));
                    continue;
                }
            }
            yield return segment;
        }
    }

    [GeneratedRegex(@"(?<=^|\s)(?<n>\d{1,3})[.．、](?=[^\d\s])")]
    private static partial Regex ItemStart();

    [GeneratedRegex(@"(?<=\s)[\u4e00-\u9fa5]{2,8}[:：](?=\S)")]
    private static partial Regex LabelStart();
}
