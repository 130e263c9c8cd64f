using System.Text.RegularExpressions;
using Zhenxing.Importing.Reading;

namespace Zhenxing.Importing.Parsing;

/// <summary>
/// PDF text extracted with its layout kept separates columns by runs of spaces. A line that splits into a
/// recognised header that way starts such a table; the rows below it are split the same way.
/// </summary>
internal static partial class SpacedTableSplitter
{
    public static IReadOnlyList<SourceLine> Split(IReadOnlyList<SourceLine> lines)
    {
        var result = new List<SourceLine>(lines.Count);
        TableHeader? header = null;
        var singleSpaced = false;
        foreach (var line in lines)
        {
            if (line.FromTable || line.Cells.Count != 1 || line.IsBlank)
            {
                header = line.Cells.Count > 1 ? null : header;
                result.Add(line);
                continue;
            }
            var segments = Gap().Split(line.Cells[0].Trim()).Where(s => s.Length > 0).ToList();
            if (segments.Count >= 3 && TableHeader.TryRecognize(segments) is { } found)
            {
                header = found;
                singleSpaced = false;
                result.Add(line with { Cells = segments });
                continue;
            }
            if (segments.Count < 3 && SingleSpacedHeader(line.Cells[0]) is { } names && TableHeader.TryRecognize(names) is { } spaced)
            {
                header = spaced;
                singleSpaced = true;
                result.Add(line with { Cells = names });
                continue;
            }
            if (singleSpaced && header is not null)
            {
                var tokens = SingleSpacedCells(line.Cells[0]);
                result.Add(tokens.Count >= 2 && TextPatterns.IsItemNumber(tokens[0]) ? line with { Cells = VerticalTableJoiner.Align(tokens, header) } : line);
                continue;
            }
            if (header is null || segments.Count < 2 || TextPatterns.IsTerminator(line.Cells[0]))
            {
                header = header is not null && TextPatterns.IsTerminator(line.Cells[0]) ? null : header;
                result.Add(line);
                continue;
            }
            if (header.Has(ColumnRole.Number) && !TextPatterns.IsItemNumber(segments[0]))
            {
                segments.Insert(0, "");
            }
            result.Add(line with { Cells = VerticalTableJoiner.Align(segments, header) });
        }
        return result;
    }

    /// <summary>
    /// "序号 类别 主要任务 细化措施 牵头单位 参与单位 责任单位": column names divided by single spaces, every name short and all but
    /// one known. Rows below are divided the same way; their cells may hold spaces too, which the alignment by content sorts out.
    /// </summary>
    private static List<string>? SingleSpacedHeader(string text)
    {
        var names = text.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        if (names.Count < 4 || names.Any(n => n.Length > 8))
        {
            return null;
        }
        var known = names.Count(n => TableHeader.TryRecognize([n, "事项名称"]) is { } h && h.Roles[0] != ColumnRole.Unknown);
        return known >= names.Count - 1 ? names : null;
    }

    /// <summary>Single spaces divide cells, a double space encloses an empty one, and a lone character is the end of a word wrapped in its cell ("加强水资源保 护").</summary>
    private static List<string> SingleSpacedCells(string text)
    {
        var tokens = new List<string>();
        foreach (var token in text.Trim().Split(' '))
        {
            if (token.Length == 1 && token[0] > 0x2E80 && tokens.Count > 0 && tokens[^1].Length > 0)
            {
                tokens[^1] += token;
            }
            else
            {
                tokens.Add(token);
            }
        }
        return tokens;
    }

    [GeneratedRegex(@"\s{2,}")]
    private static partial Regex Gap();
}
