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
                result.Add(line with { Cells = segments });
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

    [GeneratedRegex(@"\s{2,}")]
    private static partial Regex Gap();
}
