using Zhenxing.Importing.Reading;

namespace Zhenxing.Importing.Parsing;

/// <summary>
/// Tables copied from web pages arrive with every cell on its own line, sometimes with a "|" line between cells.
/// A run of header names, one a line, starts such a table; each row starts at its 序号 and is put back on one line.
/// </summary>
internal static class VerticalTableJoiner
{
    public static IReadOnlyList<SourceLine> Join(IReadOnlyList<SourceLine> lines)
    {
        var result = new List<SourceLine>(lines.Count);
        var i = 0;
        while (i < lines.Count)
        {
            if (TryHeader(lines, i, out var header, out var headerCells, out var next))
            {
                result.Add(new SourceLine(headerCells, lines[i].Location));
                i = JoinRows(lines, next, header, result);
            }
            else
            {
                result.Add(lines[i]);
                i++;
            }
        }
        return result;
    }

    private static bool TryHeader(IReadOnlyList<SourceLine> lines, int start, out TableHeader header, out string[] cells, out int next)
    {
        header = null!;
        cells = [];
        next = start;
        if (lines[start].Cells.Count != 1 || IsSeparator(lines[start]) || lines[start].IsBlank)
        {
            return false;
        }
        var names = new List<string>();
        var i = start;
        for (; i < lines.Count && names.Count < 12; i++)
        {
            if (lines[i].IsBlank || IsSeparator(lines[i]))
            {
                continue;
            }
            if (lines[i].Cells.Count != 1 || lines[i].Cells[0].Trim().Length > 8 || TableHeader.TryRecognize([lines[i].Cells[0], "事项名称"]) is null)
            {
                break;
            }
            names.Add(lines[i].Cells[0].Trim());
        }
        if (names.Count < 3 || TableHeader.TryRecognize(names) is not { } found)
        {
            return false;
        }
        header = found;
        cells = [.. names];
        next = i;
        return true;
    }

    private static int JoinRows(IReadOnlyList<SourceLine> lines, int start, TableHeader header, List<SourceLine> result)
    {
        var numbered = header.Has(ColumnRole.Number);
        var width = header.ColumnCount;
        List<string>? row = null;
        ImportLocation? rowLocation = null;
        var lastWasSeparator = false;
        var i = start;
        void Emit()
        {
            if (row is not null)
            {
                result.Add(new SourceLine(Align(row, header), rowLocation!));
            }
            row = null;
        }
        for (; i < lines.Count; i++)
        {
            var line = lines[i];
            if (line.IsBlank)
            {
                continue;
            }
            if (IsSeparator(line))
            {
                // Two separators with nothing between them enclose an empty cell.
                if (lastWasSeparator && row is not null)
                {
                    row.Add("");
                }
                lastWasSeparator = true;
                continue;
            }
            lastWasSeparator = false;
            if (line.Cells.Count != 1)
            {
                break;
            }
            var text = line.Cells[0].Trim();
            if (TextPatterns.TryHeading(text) is not null || TextPatterns.SplitDeclaredCount(text).Declared is not null)
            {
                Emit();
                result.Add(line);
                continue;
            }
            var startsRow = numbered ? TextPatterns.IsItemNumber(text) : row is null || row.Count >= width;
            if (!startsRow && TextPatterns.IsChrome(text))
            {
                continue;
            }
            if (startsRow)
            {
                Emit();
                row = [text];
                rowLocation = line.Location;
                continue;
            }
            if (TextPatterns.IsTerminator(text))
            {
                break;
            }
            // Outside a row, or after a full one, a short label is an unnumbered category ("综合类").
            if ((row is null || (numbered && row.Count >= width)) && LooksLikeCategory(text))
            {
                Emit();
                result.Add(line);
                continue;
            }
            if (row is null)
            {
                break;
            }
            row.Add(text);
        }
        Emit();
        return i;
    }

    /// <summary>Puts a row's cells under the header: extra lines are a wrapped text cell; a short row keeps its deadline last.</summary>
    internal static string[] Align(List<string> row, TableHeader header)
    {
        var width = header.ColumnCount;
        var cells = new string[width];
        Array.Fill(cells, "");
        var textAt = Math.Max(0, header.IndexOf(ColumnRole.Text));
        var values = new List<string>(row);
        while (values.Count > width && textAt + 1 < values.Count)
        {
            values[textAt] += values[textAt + 1];
            values.RemoveAt(textAt + 1);
        }
        if (values.Count < width && header.IndexOf(ColumnRole.Deadline) is var deadlineAt and >= 0 && values.Count > textAt + 1
            && DeadlineParser.Parse(values[^1], 2000).Recognized)
        {
            cells[deadlineAt] = values[^1];
            values.RemoveAt(values.Count - 1);
        }
        for (int v = 0, c = 0; v < values.Count && c < width; c++)
        {
            if (cells[c].Length == 0)
            {
                cells[c] = values[v++];
            }
        }
        return cells;
    }

    private static bool LooksLikeCategory(string text) =>
        text.Length <= 30 && !"。；;，,、".Contains(text[^1]) && !DeadlineParser.Parse(text, 2000).Recognized && !TextPatterns.LooksLikeUnit(text);

    private static bool IsSeparator(SourceLine line) => line.Cells.Count == 1 && line.Cells[0].Trim() is "|" or "｜";
}
