using Zhenxing.Importing.Reading;

namespace Zhenxing.Importing.Parsing;

/// <summary>
/// Tables copied from web pages arrive with every cell on its own line, sometimes with a "|" line between cells.
/// A run of header names, one a line, starts such a table; each row starts at its 序号 and is put back on one line.
/// </summary>
internal static partial class VerticalTableJoiner
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
        var ends = new List<int>();
        var i = start;
        for (; i < lines.Count && names.Count < 12; i++)
        {
            if (lines[i].IsBlank || IsSeparator(lines[i]))
            {
                continue;
            }
            if (lines[i].Cells.Count != 1)
            {
                break;
            }
            var name = TextPatterns.Clean(lines[i].Cells[0]);
            if (NextCellLine(lines, i) is var j and > 0 && TextPatterns.Clean(lines[j].Cells[0]) is var tail && AreOneName(name, tail))
            {
                names.Add(name + tail);
                ends.Add(j + 1);
                i = j;
                continue;
            }
            if (!IsHeaderName(name))
            {
                break;
            }
            names.Add(name);
            ends.Add(i + 1);
        }
        // A column name the synonyms do not know ("民生实事", "1-10月推进情况") is taken only inside a numbered header that a
        // numbered row follows; otherwise the run stops at the last name known.
        var rowFollows = i < lines.Count && lines[i].Cells.Count == 1 && TextPatterns.IsItemNumber(lines[i].Cells[0]);
        var numbered = names.Count > 0 && TableHeader.TryRecognize([names[0], "事项名称"]) is { } first && first.Roles[0] == ColumnRole.Number;
        var knownPrefix = names.FindIndex(n => !IsKnownName(n)) is var u and >= 0 ? u : names.Count;
        // "综合类" between the header and the first row is a category, not a column: the rows are no wider than the known names.
        if (!(numbered && rowFollows && NarrowestRow(lines, i) > knownPrefix))
        {
            var known = names.FindIndex(n => !IsKnownName(n));
            if (known >= 0)
            {
                names.RemoveRange(known, names.Count - known);
                ends.RemoveRange(known, ends.Count - known);
            }
        }
        if (names.Count(IsKnownName) < 3 || TableHeader.TryRecognize(names) is not { } found)
        {
            return false;
        }
        header = found;
        cells = [.. names];
        next = ends[^1];
        return true;
    }

    private static int NextCellLine(IReadOnlyList<SourceLine> lines, int i)
    {
        for (var j = i + 1; j < lines.Count; j++)
        {
            if (!lines[j].IsBlank && !IsSeparator(lines[j]))
            {
                return lines[j].Cells.Count == 1 ? j : -1;
            }
        }
        return -1;
    }

    /// <summary>
    /// A header cell wrapped over two lines ("责任" / "领导", "攻坚目标" / "任务", "第二季度" / "完成情况"): the two halves are one
    /// name when only together they name a known column, when the second is a bare word (任务, 内容) that completes an unknown
    /// first, or when the first is no column name at all (a period, "第二季度") and the two read as one.
    /// </summary>
    private static bool AreOneName(string first, string second)
    {
        var both = first + second;
        if (TextPatterns.IsItemNumber(second) || !IsHeaderName(both))
        {
            return false;
        }
        return (IsKnownName(both) && !IsKnownName(first) && (!IsKnownName(second) || second.Length <= 2))
            || (!IsHeaderName(first) && first.Length <= 6 && second.Length <= 6 && !IsKnownName(second));
    }

    /// <summary>The fewest cells any of the first three numbered rows from <paramref name="start"/> has (a category line may follow a row).</summary>
    private static int NarrowestRow(IReadOnlyList<SourceLine> lines, int start)
    {
        var counts = new List<int>();
        for (var i = start; i < lines.Count && counts.Count <= 3; i++)
        {
            if (lines[i].IsBlank || IsSeparator(lines[i]))
            {
                continue;
            }
            if (lines[i].Cells.Count != 1 || TextPatterns.TryHeading(lines[i].Cells[0]) is not null)
            {
                break;
            }
            if (TextPatterns.IsItemNumber(lines[i].Cells[0]))
            {
                counts.Add(0);
            }
            if (counts.Count > 0)
            {
                counts[^1]++;
            }
        }
        return counts.Count == 0 ? 0 : counts.Min();
    }

    private static bool IsKnownName(string name) => TableHeader.TryRecognize([name, "事项名称"]) is { } h && h.Roles[0] != ColumnRole.Unknown;

    /// <summary>A short line with no sentence punctuation, not a number, heading or deadline: it may name a column.</summary>
    private static bool IsHeaderName(string cell)
    {
        var name = TextPatterns.Clean(cell);
        return name.Length is > 0 and <= 12 && !TextPatterns.IsItemNumber(name) && TextPatterns.TryHeading(name) is null && !TitlePattern().IsMatch(name)
            && !name.Any(c => "。，,；;：:、！？!?".Contains(c)) && (IsKnownName(name) || !(name.Length <= 6 && DeadlineParser.Parse(name, 2000).Recognized));
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
                foreach (var cells in AlignRows(row, header, numbered))
                {
                    result.Add(new SourceLine(cells, rowLocation!));
                }
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
            // Without 序号 a row ends once it has as many lines as columns and its last column a cell (or the line cannot be one).
            var startsRow = numbered ? TextPatterns.IsItemNumber(text) : row is null || (row.Count >= width && !AwaitsLastCell(row, header, text)) || StartsNextRow(row, header, text);
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
            // Outside a row, or after a full one, a short label is an unnumbered category ("综合类"). A row is full when its
            // last column has a cell; a row that wrapped a cell over lines may have as many lines as columns and still not be.
            if ((row is null || (numbered && row.Count >= width && !AwaitsLastCell(row, header, text))) && LooksLikeCategory(text))
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

    /// <summary>
    /// A numbered row whose last column is the deadline and that goes on with text after its deadline has a sub-row under a
    /// merged 序号 ("5 | 开工建设县老年养护楼。| 县民政局 | 5月底前动工 | 开工建设老年大学。| 12月底前"): the sub-row is a line of its own.
    /// </summary>
    private static IEnumerable<string[]> AlignRows(List<string> row, TableHeader header, bool numbered)
    {
        var deadlineLast = header.ColumnCount > 0 && header.Roles[^1] == ColumnRole.Deadline;
        var start = 0;
        for (var i = 1; numbered && deadlineLast && i + 1 < row.Count; i++)
        {
            if (KindOf(row[i]) == CellKind.Deadline && KindOf(row[i + 1]) == CellKind.Text)
            {
                yield return Align(row.GetRange(start, i + 1 - start), header);
                start = i + 1;
                row.Insert(start, "");
            }
        }
        yield return Align(row.GetRange(start, row.Count - start), header);
    }

    private enum CellKind { Empty, Number, Units, Deadline, Person, Text }

    private static CellKind KindOf(string value)
    {
        var v = TextPatterns.Clean(value);
        if (v.Length == 0)
        {
            return CellKind.Empty;
        }
        if (TextPatterns.IsItemNumber(v))
        {
            return CellKind.Number;
        }
        if (v.Length <= 16 && DeadlineParser.Parse(v, 2000).Recognized)
        {
            return CellKind.Deadline;
        }
        // A cell that ends a sentence is text even when it ends like a unit ("开工建设老年大学。").
        if (!v.EndsWith('。') && (TextPatterns.LooksLikeUnit(TextPatterns.PlainClause(v)) || UnitNames.Split(v) is { Count: > 0 } names && names.All(UnitNames.LooksLikeOrganisation)))
        {
            return CellKind.Units;
        }
        return PersonPattern().IsMatch(v) ? CellKind.Person : CellKind.Text;
    }

    private static double Fit(ColumnRole role, CellKind kind) => (role, kind) switch
    {
        (_, CellKind.Empty) => 0,
        (ColumnRole.Number, CellKind.Number) => 4,
        (ColumnRole.Number, _) => -4,
        (_, CellKind.Number) => -2,
        (ColumnRole.Lead or ColumnRole.Responsible or ColumnRole.Supporting or ColumnRole.County, CellKind.Units) => 3,
        (ColumnRole.Lead or ColumnRole.Responsible or ColumnRole.Supporting or ColumnRole.County, CellKind.Person) => -1,
        (ColumnRole.Lead or ColumnRole.Responsible or ColumnRole.Supporting or ColumnRole.County, _) => -3,
        (ColumnRole.Deadline, CellKind.Deadline) => 3,
        (ColumnRole.Deadline, CellKind.Units) => -3,
        (ColumnRole.Deadline, _) => -1,
        (ColumnRole.Leader, CellKind.Person) => 3,
        (ColumnRole.Leader, CellKind.Units) => 0,
        (ColumnRole.Leader, _) => -2,
        (_, CellKind.Text) => 1,
        (_, CellKind.Person) => 0.5,
        (_, CellKind.Units) => -0.5,
        _ => -1,
    };

    private static double EmptyColumn(ColumnRole role) => role switch
    {
        ColumnRole.Text => -1.5,
        ColumnRole.Detail => -0.6,
        _ => -0.5,
    };

    /// <summary>
    /// Puts a row's cells under the header by what they hold, not only by position: a cell wrapped over lines is one cell,
    /// several unit lines fill one unit column, and a row missing a column (a 10-column header over 9-cell rows) leaves the
    /// column empty whose neighbours' contents fit best. Ties go to the earlier column.
    /// </summary>
    internal static string[] Align(List<string> row, TableHeader header)
    {
        var width = header.ColumnCount;
        var n = row.Count;
        var kinds = row.Select(KindOf).ToArray();
        // Prefix sums make a cell's score constant-time, so a long run of lines stays quadratic, not cubic.
        var filled = new int[n + 1];
        for (var i = 0; i < n; i++)
        {
            filled[i + 1] = filled[i] + (kinds[i] == CellKind.Empty ? 0 : 1);
        }
        var best = new double[width + 1, n + 1];
        var from = new int[width + 1, n + 1];
        for (var c = 0; c <= width; c++)
        {
            for (var v = 0; v <= n; v++)
            {
                best[c, v] = double.NegativeInfinity;
            }
        }
        best[0, 0] = 0;
        var fit = new double[n + 1];
        for (var c = 1; c <= width; c++)
        {
            var role = header.Roles[c - 1];
            for (var i = 0; i < n; i++)
            {
                fit[i + 1] = fit[i] + (kinds[i] == CellKind.Empty ? 0 : Fit(role, kinds[i]));
            }
            for (var v = 0; v <= n; v++)
            {
                for (var taken = 0; taken <= v; taken++)
                {
                    var before = best[c - 1, v - taken];
                    if (double.IsNegativeInfinity(before))
                    {
                        continue;
                    }
                    var start = v - taken;
                    var score = before + (taken == 0 ? EmptyColumn(role) : CellScore(role, taken, filled[v] - filled[start], fit[v] - fit[start]));
                    if (score > best[c, v] + 1e-9)
                    {
                        best[c, v] = score;
                        from[c, v] = start;
                    }
                }
            }
        }
        var cells = new string[width];
        var end = n;
        for (var c = width; c >= 1; c--)
        {
            var begin = from[c, end];
            var role = header.Roles[c - 1];
            var parts = row.GetRange(begin, end - begin).Where(p => p.Trim().Length > 0);
            cells[c - 1] = string.Join(role is ColumnRole.Lead or ColumnRole.Responsible or ColumnRole.Supporting ? "、" : "", parts);
            end = begin;
        }
        return cells;
    }

    /// <param name="values">How many lines the cell takes.</param>
    /// <param name="filled">How many of them are not empty.</param>
    /// <param name="fit">The sum of their fits to the column.</param>
    private static double CellScore(ColumnRole role, int values, int filled, double fit)
    {
        if (filled == 0)
        {
            return values == 1 ? 0 : -2;
        }
        // An empty cell between separators stands alone: nothing else shares its column.
        var emptyShared = filled < values ? 2 : 0;
        // Several units share the 责任单位 cell more often than the 牵头单位 one.
        var perExtra = role switch { ColumnRole.Number or ColumnRole.Deadline or ColumnRole.Leader => 3, ColumnRole.Lead => 0.3, _ => 0.2 };
        return fit / filled - emptyShared - (filled - 1) * perExtra;
    }

    /// <summary>
    /// In a table without 序号 whose first column is the task and last a unit or deadline column, a line of task text after the
    /// row's units or deadline begins the next row, also when the row above left its last cell empty.
    /// </summary>
    private static bool StartsNextRow(List<string> row, TableHeader header, string text) =>
        header.Roles[0] is ColumnRole.Text && header.Roles[^1] is ColumnRole.Deadline or ColumnRole.Lead or ColumnRole.Responsible
        && KindOf(text) == CellKind.Text && row.Skip(1).Any(v => KindOf(v) is CellKind.Units or CellKind.Deadline);

    private static bool AwaitsLastCell(List<string> row, TableHeader header, string text) =>
        Align(row, header)[^1].Length == 0 && Fit(header.Roles[^1], KindOf(text)) > 0;

    private static bool LooksLikeCategory(string text) =>
        text.Length <= 30 && !"。；;，,、".Contains(text[^1]) && !DeadlineParser.Parse(text, 2000).Recognized && !TextPatterns.LooksLikeUnit(text);

    [System.Text.RegularExpressions.GeneratedRegex(@"\d{4}\s*年|(清单|表|方案|计划|通知|要点)$")]
    private static partial System.Text.RegularExpressions.Regex TitlePattern();

    [System.Text.RegularExpressions.GeneratedRegex(@"^[\u4e00-\u9fa5]{2,4}$")]
    private static partial System.Text.RegularExpressions.Regex PersonPattern();

    private static bool IsSeparator(SourceLine line) => line.Cells.Count == 1 && line.Cells[0].Trim() is "|" or "｜";
}
