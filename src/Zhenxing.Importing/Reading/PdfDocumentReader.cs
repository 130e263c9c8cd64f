using System.Text;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Exceptions;
using Zhenxing.Importing.Parsing;

namespace Zhenxing.Importing.Reading;

/// <summary>
/// A PDF with a text layer. Lines are rebuilt from the letters' positions (Chinese has no spaces between words, so the
/// letters of a line are joined by position, never by the text order in the file). A line whose cells are recognised
/// as a table header (序号 / 事项名称 / 牵头单位 / …) fixes the table's columns: the rows below it become lines of cells,
/// a cell wrapped over several lines is joined back (a new row starts at a ruling between rows, or, in a table drawn
/// without rulings, where the 序号 or first column has text), the header repeated after a page break is dropped and the
/// row continues. Page numbers and running headers/footers are dropped; the other text becomes one-cell lines.
/// </summary>
internal sealed class PdfDocumentReader(string fileName, ParseDeadline deadline) : IDocumentReader
{
    public const string Scanned = "这是扫描件，没有文字层，无法读取文字。请使用原始的 Word/WPS 文件，或先用文字识别（OCR）软件转换后再导入。";

    public IReadOnlyList<SourceLine> Read(byte[] content, ImportMessages messages)
    {
        List<PageText> pages;
        try
        {
            using var document = PdfDocument.Open(content, new ParsingOptions { UseLenientParsing = true, SkipMissingFonts = true });
            pages = [];
            foreach (var page in document.GetPages())
            {
                deadline.ThrowIfExpired();
                pages.Add(PageText.From(page));
            }
        }
        catch (PdfDocumentEncryptedException)
        {
            messages.Error(new ImportLocation(1), $"“{fileName}”是加密的 PDF（设置了密码），无法读取文字。请先解除密码或另存为未加密的 PDF，或使用原始的 Word/WPS 文件后再导入。");
            return [];
        }
        catch (Exception ex) when (ex is not (ParseTimeoutException or OutOfMemoryException))
        {
            messages.Error(new ImportLocation(1), $"“{fileName}”不是有效的 PDF 文件或已损坏，无法读取（{ex.GetType().Name}）。请重新导出 PDF，或使用原始的 Word/WPS 文件后再导入。");
            return [];
        }
        if (pages.Count == 0)
        {
            messages.Error(new ImportLocation(1), $"“{fileName}”没有页面，PDF 文件可能已损坏。");
            return [];
        }
        // A scan may still carry a stamped page number as text: without it, nothing is left to read.
        DropRunningHeadersAndFooters(pages);
        if (pages.All(p => p.Lines.Count == 0))
        {
            messages.Error(new ImportLocation(1), pages.Sum(p => p.RotatedLetters) > 0
                ? $"“{fileName}”的文字是旋转或竖排的（如横向表格被旋转了页面），无法按行读取。请使用原始的 Word/WPS 文件，或导出为不旋转页面的 PDF 后再导入。"
                : $"“{fileName}”：{Scanned}");
            return [];
        }
        return new TableBuilder(deadline).Build(pages);
    }

    /// <summary>Page numbers at the top or bottom of a page, and a one-cell line repeated at the top or bottom of most pages (a running title).</summary>
    private static void DropRunningHeadersAndFooters(List<PageText> pages)
    {
        static string Key(TextLine line) => new(line.Text.Where(c => !char.IsWhiteSpace(c)).Select(c => char.IsDigit(c) ? '#' : c).ToArray());
        var edges = pages.Where(p => p.Lines.Count > 0).SelectMany(p => new[] { p.Lines[0], p.Lines[^1] }.Distinct()).Where(l => l.Segments.Count == 1)
            .GroupBy(Key).Where(g => pages.Count >= 3 && g.Count() * 2 > pages.Count && TableHeader.TryRecognize([g.Key]) is null).Select(g => g.Key).ToHashSet();
        foreach (var page in pages)
        {
            for (var pass = 0; pass < 2 && page.Lines.Count > 0; pass++)
            {
                foreach (var index in new[] { page.Lines.Count - 1, 0 }.Distinct())
                {
                    var line = page.Lines[index];
                    if (line.Segments.Count <= 2 && (TextPatterns.IsChrome(line.Text) || (line.Segments.Count == 1 && edges.Contains(Key(line)))))
                    {
                        page.Lines.RemoveAt(index);
                        break;
                    }
                }
            }
        }
    }

    /// <param name="IsSpace">A space in the text layer: kept inside a cell ("8 月底前"), never a cell edge.</param>
    internal sealed record Glyph(string Value, double Left, double Right, double Baseline, double Size, bool IsSpace = false)
    {
        public double Center => (Left + Right) / 2;
    }

    /// <summary>Letters on one baseline, left to right; segments are runs separated by a gap wider than a letter.</summary>
    internal sealed class TextLine(List<Glyph> glyphs)
    {
        public List<Glyph> Glyphs { get; } = glyphs;
        public double Baseline { get; } = glyphs.Where(g => !g.IsSpace).Average(g => g.Baseline);
        public double Size { get; } = glyphs.Where(g => !g.IsSpace).Max(g => g.Size);
        public double Top => Baseline + Size * 0.85;
        public double Bottom => Baseline - Size * 0.25;
        public List<List<Glyph>> Segments { get; } = Split(glyphs);
        public string Text => string.Join("  ", Segments.Select(Join));

        private static List<List<Glyph>> Split(List<Glyph> glyphs)
        {
            var letters = glyphs.Where(g => !g.IsSpace).ToList();
            var segments = new List<List<Glyph>> { new() { letters[0] } };
            for (var i = 1; i < letters.Count; i++)
            {
                var gap = letters[i].Left - letters[i - 1].Right;
                if (gap > Math.Max(letters[i].Size, letters[i - 1].Size) * 0.9)
                {
                    segments.Add([]);
                }
                else if (glyphs.Any(g => g.IsSpace && g.Left >= letters[i - 1].Left && g.Left < letters[i].Left))
                {
                    segments[^1].Add(new Glyph(" ", letters[i - 1].Right, letters[i].Left, letters[i].Baseline, letters[i].Size, IsSpace: true));
                }
                segments[^1].Add(letters[i]);
            }
            return segments;
        }

        /// <summary>Letters joined by position: a space only where a gap separates two Latin letters or digits.</summary>
        public static string Join(IReadOnlyList<Glyph> glyphs)
        {
            var builder = new StringBuilder();
            for (var i = 0; i < glyphs.Count; i++)
            {
                if (glyphs[i].IsSpace)
                {
                    if (builder.Length > 0 && builder[^1] != ' ')
                    {
                        builder.Append(' ');
                    }
                    continue;
                }
                if (i > 0 && !glyphs[i - 1].IsSpace && glyphs[i].Left - glyphs[i - 1].Right > glyphs[i].Size * 0.2 && glyphs[i - 1].Value[^1] < 0x2E80 && glyphs[i].Value[0] < 0x2E80)
                {
                    builder.Append(' ');
                }
                builder.Append(glyphs[i].Value);
            }
            return builder.ToString().TrimEnd();
        }
    }

    internal sealed class PageText
    {
        public List<TextLine> Lines { get; } = [];

        /// <summary>Heights of the horizontal rulings drawn on the page (table borders), with their horizontal extent.</summary>
        public List<(double Y, double Left, double Right)> Rulings { get; } = [];

        /// <summary>Letters set vertically or on a rotated page, which are not read as lines.</summary>
        public int RotatedLetters { get; private set; }

        public static PageText From(Page page)
        {
            var result = new PageText();
            var glyphs = new List<Glyph>();
            foreach (var letter in page.Letters)
            {
                if (letter.Value.Length == 0)
                {
                    continue;
                }
                if (letter.TextOrientation != TextOrientation.Horizontal)
                {
                    result.RotatedLetters += string.IsNullOrWhiteSpace(letter.Value) ? 0 : 1;
                    continue;
                }
                var space = string.IsNullOrWhiteSpace(letter.Value);
                var size = letter.PointSize > 0.5 ? letter.PointSize : Math.Max(letter.BoundingBox.Height, 1);
                var left = letter.StartBaseLine.X;
                var right = Math.Max(letter.EndBaseLine.X, left + size * 0.3);
                glyphs.Add(new Glyph(space ? " " : letter.Value, left, right, letter.StartBaseLine.Y, size, space));
            }
            // Top of the page first; letters whose baselines differ by less than a third of their size share a line.
            var spaces = glyphs.Where(g => g.IsSpace).ToList();
            glyphs.RemoveAll(g => g.IsSpace);
            glyphs.Sort((a, b) => b.Baseline.CompareTo(a.Baseline));
            var current = new List<Glyph>();
            foreach (var glyph in glyphs)
            {
                if (current.Count > 0 && current[0].Baseline - glyph.Baseline > Math.Max(current[0].Size, glyph.Size) * 0.35)
                {
                    result.Lines.Add(Line(current, spaces));
                    current.Clear();
                }
                current.Add(glyph);
            }
            if (current.Count > 0)
            {
                result.Lines.Add(Line(current, spaces));
            }
            foreach (var path in page.Paths)
            {
                foreach (var subpath in path)
                {
                    if (subpath.GetBoundingRectangle() is { } box && box.Height < 2 && box.Width > 10)
                    {
                        result.Rulings.Add(((box.Top + box.Bottom) / 2, box.Left, box.Right));
                    }
                }
            }
            return result;
        }

        /// <summary>The line's letters with the spaces of the text layer that sit on its baseline between them.</summary>
        private static TextLine Line(List<Glyph> letters, List<Glyph> spaces)
        {
            var baseline = letters.Average(g => g.Baseline);
            var size = letters.Max(g => g.Size);
            var left = letters.Min(g => g.Left);
            var right = letters.Max(g => g.Right);
            var between = spaces.Where(s => Math.Abs(s.Baseline - baseline) < size * 0.35 && s.Left > left && s.Left < right);
            return new TextLine([.. letters.Concat(between).OrderBy(g => g.Left).ThenBy(g => g.IsSpace)]);
        }
    }

    /// <summary>Walks the pages' lines, turning table regions into rows of cells and the rest into one-cell lines.</summary>
    private sealed class TableBuilder(ParseDeadline deadline)
    {
        private readonly List<SourceLine> lines = [];
        private TableHeader? header;
        private List<string> headerCells = [];
        private double[] boundaries = [];
        private int numberColumn;
        private bool ruled;
        private int tableIndex;
        private int rowIndex;
        private StringBuilder[]? row;
        private double[] lastRights = [];
        private double[] widestRights = [];
        private TextLine? previous;
        private string[]? previousCells;

        public List<SourceLine> Build(List<PageText> pages)
        {
            foreach (var page in pages)
            {
                deadline.ThrowIfExpired();
                previous = null;
                previousCells = null;
                for (var i = 0; i < page.Lines.Count; i++)
                {
                    i = ReadLine(page, i);
                }
            }
            EndTable();
            return lines;
        }

        /// <returns>The index of the last line consumed.</returns>
        private int ReadLine(PageText page, int index)
        {
            var line = page.Lines[index];
            var (cells, consumed) = HeaderAt(page, index);
            if (cells is not null && TableHeader.TryRecognize(cells) is { } found)
            {
                if (header is not null && found.SameAs(header))
                {
                    // The header repeated after a page break: the row it interrupted may continue below it.
                    previous = null;
                    previousCells = null;
                    return consumed;
                }
                EndTable();
                StartTable(page, index, consumed, found, cells);
                return consumed;
            }
            if (header is null)
            {
                AddProse(line);
                return index;
            }
            var crossing = CrossesBoundary(line);
            if (crossing)
            {
                var text = TextLine.Join(line.Glyphs);
                var heading = TextPatterns.TryHeading(text) is not null || TextPatterns.SplitDeclaredCount(text).Declared is not null;
                if (heading || (ruled && RulingBetween(page, previous, line) && text.Length <= 40))
                {
                    FlushRow();
                    rowIndex++;
                    lines.Add(new SourceLine([text], new ImportLocation(lines.Count + 1, tableIndex, rowIndex), FromTable: true));
                    previous = line;
                    previousCells = null;
                    return index;
                }
                EndTable();
                AddProse(line);
                return index;
            }
            var split = Cells(line);
            if (BelowTable(page, line, split))
            {
                EndTable();
                AddProse(line);
                return index;
            }
            // Cells may be centred vertically, so in a ruled table a row is the band between two rulings. At the top of a
            // page a row may continue from the page before: its band then has nothing in the 序号 or first column.
            var startsRow = row is null
                || (ruled
                    ? previous is null ? BandHasNumber(page, index) : RulingBetween(page, previous, line)
                    : HasNumber(split) || (previous is not null && previous.Bottom - line.Top > line.Size * 1.2));
            var rights = Rights(line);
            if (startsRow)
            {
                FlushRow();
                row = split.Select(c => new StringBuilder(c)).ToArray();
            }
            else
            {
                for (var c = 0; c < split.Length; c++)
                {
                    if (split[c].Length > 0)
                    {
                        var latin = row![c].Length > 0 && split[c][0] < 0x2E80 && row[c][^1] < 0x2E80;
                        // "县水务局" / "县住建局": in a unit column, a line that stopped well short of the column's edge ended a
                        // name (a new paragraph in the cell); the space lets the unit rules tell names apart from a wrapped one.
                        var ended = row[c].Length > 0 && IsUnitColumn(c) && lastRights[c] + line.Size * 2 < Edge(c);
                        row[c].Append(latin || ended ? " " : "").Append(split[c]);
                    }
                }
            }
            for (var c = 0; c < rights.Length; c++)
            {
                if (rights[c] > 0)
                {
                    lastRights[c] = rights[c];
                    widestRights[c] = Math.Max(widestRights[c], rights[c]);
                }
            }
            previous = line;
            previousCells = split;
            return index;
        }

        private void StartTable(PageText page, int first, int last, TableHeader found, List<string> cells)
        {
            header = found;
            headerCells = cells;
            tableIndex++;
            rowIndex = 1;
            numberColumn = Math.Max(0, found.IndexOf(ColumnRole.Number));
            var headerLines = page.Lines.Skip(first).Take(last - first + 1).ToList();
            boundaries = Boundaries(HeaderSpans(headerLines), page.Lines.Skip(last + 1).ToList());
            lastRights = new double[boundaries.Length + 1];
            widestRights = new double[boundaries.Length + 1];
            var below = page.Lines.Skip(last + 1).FirstOrDefault();
            ruled = below is not null && RulingBetween(page, headerLines[^1], below);
            lines.Add(new SourceLine(cells, new ImportLocation(lines.Count + 1, tableIndex, rowIndex), FromTable: true));
            previous = headerLines[^1];
            previousCells = null;
        }

        private void EndTable()
        {
            FlushRow();
            if (header is not null)
            {
                lines.Add(new SourceLine([""], new ImportLocation(lines.Count + 1)));
            }
            header = null;
            previous = null;
            previousCells = null;
        }

        private void FlushRow()
        {
            if (row is null)
            {
                return;
            }
            rowIndex++;
            lines.Add(new SourceLine(row.Select(c => c.ToString()).ToArray(), new ImportLocation(lines.Count + 1, tableIndex, rowIndex), FromTable: true));
            row = null;
        }

        private void AddProse(TextLine line) =>
            lines.Add(new SourceLine([line.Text], new ImportLocation(lines.Count + 1)));

        /// <summary>
        /// A header at this line: its segments, joined with the next lines' when a header cell wraps ("完成" over "时限").
        /// </summary>
        private (List<string>? Cells, int Last) HeaderAt(PageText page, int index)
        {
            var line = page.Lines[index];
            if (line.Segments.Count < 2 || line.Segments.Any(s => s.Count > 14))
            {
                return (null, index);
            }
            var spans = line.Segments.Select(s => (Left: s[0].Left, Right: s[^1].Right, Text: TextLine.Join(s))).ToList();
            var recognized = TableHeader.TryRecognize(spans.Select(s => s.Text).ToList()) is not null;
            var wrapped = !recognized;
            var last = index;
            var bottom = line.Bottom;
            // Narrow columns wrap most header names ("牵头单" over "位"): then the header is known only once its next lines,
            // of a few letters each, are joined to it.
            while (last + 1 < page.Lines.Count && page.Lines[last + 1] is { } next && bottom - next.Top < next.Size * 0.8
                   && next.Segments.All(s => s.Count <= (recognized ? 8 : 4) && spans.Any(h => s[0].Left < h.Right + next.Size && s[^1].Right > h.Left - next.Size))
                   && (wrapped ? !recognized && last - index < 2 : recognized))
            {
                var joined = spans.ToList();
                foreach (var segment in next.Segments)
                {
                    var at = joined.FindIndex(h => segment[0].Left < h.Right + next.Size && segment[^1].Right > h.Left - next.Size);
                    joined[at] = (Math.Min(joined[at].Left, segment[0].Left), Math.Max(joined[at].Right, segment[^1].Right), joined[at].Text + TextLine.Join(segment));
                }
                var known = TableHeader.TryRecognize(joined.Select(s => s.Text).ToList()) is not null;
                if (recognized && !known)
                {
                    break; // the first row, close under a header without rulings ("1" under 序号)
                }
                spans = joined;
                recognized = known;
                bottom = next.Bottom;
                last++;
            }
            return recognized ? (spans.Select(s => s.Text).ToList(), last) : (null, index);
        }

        private static List<(double Left, double Right)> HeaderSpans(List<TextLine> headerLines)
        {
            var spans = headerLines[0].Segments.Select(s => (Left: s[0].Left, Right: s[^1].Right)).ToList();
            foreach (var segment in headerLines.Skip(1).SelectMany(l => l.Segments))
            {
                var at = spans.FindIndex(h => segment[0].Left < h.Right + segment[0].Size && segment[^1].Right > h.Left - segment[0].Size);
                if (at >= 0)
                {
                    spans[at] = (Math.Min(spans[at].Left, segment[0].Left), Math.Max(spans[at].Right, segment[^1].Right));
                }
            }
            return spans;
        }

        /// <summary>
        /// The edge between two header cells: the place between them that the fewest letters of the rows below cross
        /// (the middle of the widest such gap). Header words are often centred over columns whose text starts at the left edge.
        /// </summary>
        private static double[] Boundaries(List<(double Left, double Right)> spans, List<TextLine> below)
        {
            var glyphs = below.SelectMany(l => l.Glyphs).ToList();
            var result = new double[spans.Count - 1];
            for (var k = 1; k < spans.Count; k++)
            {
                var from = spans[k - 1].Right;
                var to = spans[k].Left;
                if (to - from < 1)
                {
                    result[k - 1] = (from + to) / 2;
                    continue;
                }
                var steps = (int)Math.Ceiling((to - from) / 0.5);
                var counts = new int[steps + 1];
                foreach (var g in glyphs)
                {
                    if (g.Right < from || g.Left > to)
                    {
                        continue;
                    }
                    for (var s = Math.Max(0, (int)Math.Ceiling((g.Left - from) / 0.5)); s <= steps && from + s * 0.5 <= g.Right; s++)
                    {
                        counts[s]++;
                    }
                }
                var min = counts.Min();
                int bestStart = 0, bestLength = 0;
                for (var s = 0; s <= steps; s++)
                {
                    if (counts[s] != min)
                    {
                        continue;
                    }
                    var e = s;
                    while (e + 1 <= steps && counts[e + 1] == min)
                    {
                        e++;
                    }
                    if (e - s + 1 > bestLength)
                    {
                        (bestStart, bestLength) = (s, e - s + 1);
                    }
                    s = e;
                }
                result[k - 1] = from + (bestStart + (bestLength - 1) / 2.0) * 0.5;
            }
            return result;
        }

        private int ColumnOf(Glyph glyph)
        {
            var column = 0;
            while (column < boundaries.Length && glyph.Center > boundaries[column])
            {
                column++;
            }
            return column;
        }

        /// <summary>The right edge of the line's letters in each column (0 where it has none).</summary>
        private double[] Rights(TextLine line)
        {
            var rights = new double[boundaries.Length + 1];
            foreach (var glyph in line.Glyphs.Where(g => !g.IsSpace))
            {
                var c = ColumnOf(glyph);
                rights[c] = Math.Max(rights[c], glyph.Right);
            }
            return rights;
        }

        /// <summary>Where a column's text can reach: the edge towards the next column, or for the last one the farthest seen.</summary>
        private double Edge(int column) => column < boundaries.Length ? boundaries[column] : widestRights[column];

        private bool IsUnitColumn(int column) =>
            header is not null && column < header.Roles.Count && header.Roles[column] is ColumnRole.Lead or ColumnRole.Responsible;

        private string[] Cells(TextLine line) =>
            Enumerable.Range(0, boundaries.Length + 1)
                .Select(c => TextLine.Join(line.Glyphs.Where(g => ColumnOf(g) == c).ToList()))
                .ToArray();

        /// <summary>A segment whose letters fall in more than one column: a merged row (a category) or text outside the table.</summary>
        private bool CrossesBoundary(TextLine line) =>
            line.Segments.Any(s => s.Count >= 2 && ColumnOf(s[0]) != ColumnOf(s[^1]));

        /// <summary>
        /// Text after the table's last row that happens to fit in one column (a signature, a date): in a ruled table it
        /// has no ruling below it; in a table without rulings it is one cell well below the last row.
        /// </summary>
        private bool BelowTable(PageText page, TextLine line, string[] cells)
        {
            if (ruled)
            {
                return !page.Rulings.Any(r => r.Y < line.Baseline && Spans(r, line));
            }
            // A wrapped cell goes on right under its own text; a lone cell under a column that had nothing on the line above is not part of the row.
            var filled = Enumerable.Range(0, cells.Length).Where(c => cells[c].Length > 0).ToList();
            return previous is not null && previousCells is not null && !HasNumber(cells) && filled.Count == 1
                && (previous.Bottom - line.Top > line.Size * 2 || previousCells[filled[0]].Length == 0);
        }

        private bool HasNumber(string[] cells) => cells[0].Length > 0 || cells[numberColumn].Length > 0;

        /// <summary>Whether a line of the band (up to the next ruling below) that starts at this line has text in the 序号 or first column.</summary>
        private bool BandHasNumber(PageText page, int index)
        {
            var line = page.Lines[index];
            var floor = page.Rulings.Where(r => r.Y < line.Baseline - 0.5 && Spans(r, line)).Select(r => r.Y).DefaultIfEmpty(double.MinValue).Max();
            for (var j = index; j < page.Lines.Count && page.Lines[j].Baseline > floor; j++)
            {
                if (HasNumber(Cells(page.Lines[j])))
                {
                    return true;
                }
            }
            return false;
        }

        /// <summary>A ruling between two lines' baselines; for the first line on a page, a ruling just above it.</summary>
        private static bool RulingBetween(PageText page, TextLine? above, TextLine below)
        {
            var upper = above?.Baseline - 0.5 ?? below.Top + below.Size * 1.5;
            return page.Rulings.Any(r => r.Y < upper && r.Y > below.Baseline + 0.5 && Spans(r, below));
        }

        private static bool Spans((double Y, double Left, double Right) ruling, TextLine line) =>
            ruling.Left < line.Glyphs[^1].Right && ruling.Right > line.Glyphs[0].Left;
    }
}
