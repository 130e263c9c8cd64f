using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace Zhenxing.Importing.Reading;

/// <summary>
/// A saved web page (.html/.htm). Each table row becomes a line of cells (a cell spanning several rows is repeated in
/// each of them, one spanning columns keeps later cells under their own headers); paragraphs, headings, list items and
/// lines separated by &lt;br&gt; become one-cell lines. Scripts, styles and the site's navigation, breadcrumbs, share
/// bars, headers and footers are left out.
/// </summary>
internal sealed partial class HtmlDocumentReader(ParseDeadline deadline) : IDocumentReader
{
    private static readonly HashSet<string> Skipped =
        ["SCRIPT", "STYLE", "NOSCRIPT", "TEMPLATE", "NAV", "HEADER", "FOOTER", "ASIDE", "IFRAME", "SVG", "BUTTON", "SELECT", "TEXTAREA", "OBJECT", "HEAD"];

    private static readonly HashSet<string> Blocks =
        ["P", "DIV", "H1", "H2", "H3", "H4", "H5", "H6", "LI", "UL", "OL", "DL", "DT", "DD", "SECTION", "ARTICLE", "MAIN", "BLOCKQUOTE", "PRE", "CENTER", "ADDRESS", "FIGURE", "FIGCAPTION", "HR", "FORM", "FIELDSET", "CAPTION", "BODY", "TR", "TD", "TH"];

    static HtmlDocumentReader() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private readonly List<SourceLine> lines = [];
    private readonly StringBuilder pending = new();
    private int tableIndex;

    public IReadOnlyList<SourceLine> Read(byte[] content, ImportMessages messages)
    {
        var document = new HtmlParser().ParseDocument(Decode(content));
        if (document.Body is { } body)
        {
            Visit(body);
        }
        FlushText();
        return lines;
    }

    /// <summary>Whether the content is a web page: its start, past a BOM and blanks, names an HTML document or a table.</summary>
    public static bool LooksLikeHtml(byte[] content, string fileName)
    {
        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        var head = Encoding.ASCII.GetString(content, 0, Math.Min(content.Length, 1024)).TrimStart('\uFEFF', '?', ' ', '\t', '\r', '\n', '\u00EF', '\u00BB', '\u00BF');
        var markup = HtmlStartPattern().IsMatch(head);
        return markup || (extension is ".html" or ".htm" or ".xhtml" or ".shtml" && head.StartsWith('<'));
    }

    /// <summary>UTF-8 or the charset named in the page's meta tag (GB2312, GBK and GB18030 are common), else as text files are decoded.</summary>
    internal static string Decode(byte[] content)
    {
        var head = Encoding.ASCII.GetString(content, 0, Math.Min(content.Length, 4096));
        if (!content.AsSpan().StartsWith("\xEF\xBB\xBF"u8) && CharsetPattern().Match(head) is { Success: true } match)
        {
            var name = match.Groups[1].Value.ToLowerInvariant();
            if (name is "gb2312" or "gbk" or "gb18030" or "x-gbk" or "cp936")
            {
                name = "GB18030";
            }
            try
            {
                if (name is not ("utf-8" or "utf8"))
                {
                    return Encoding.GetEncoding(name).GetString(content);
                }
            }
            catch (ArgumentException)
            {
                // An unknown charset name: decode as text files are.
            }
        }
        return TextDecoder.Decode(content);
    }

    private void Visit(IElement element)
    {
        deadline.ThrowIfExpired();
        if (Skipped.Contains(element.TagName) || IsSiteChrome(element))
        {
            return;
        }
        if (element is IHtmlTableElement table)
        {
            FlushText();
            ReadTable(table);
            return;
        }
        var block = Blocks.Contains(element.TagName);
        if (block)
        {
            FlushText();
        }
        foreach (var node in element.ChildNodes)
        {
            switch (node)
            {
                case IElement { TagName: "BR" }:
                    FlushText();
                    break;
                case IElement child:
                    Visit(child);
                    break;
                case IText text:
                    pending.Append(text.Data);
                    break;
            }
        }
        if (block)
        {
            FlushText();
        }
    }

    private void FlushText()
    {
        var text = Collapse(pending.ToString());
        pending.Clear();
        if (text.Length > 0)
        {
            lines.Add(new SourceLine([text], new ImportLocation(lines.Count + 1)));
        }
    }

    private void ReadTable(IHtmlTableElement table)
    {
        tableIndex++;
        var grid = new List<List<string?>>();
        var mergedFromAbove = new Dictionary<int, HashSet<int>>();
        var rowIndex = 0;
        foreach (var row in table.Rows)
        {
            deadline.ThrowIfExpired();
            while (grid.Count <= rowIndex)
            {
                grid.Add([]);
            }
            var column = 0;
            foreach (var cell in row.Cells)
            {
                while (column < grid[rowIndex].Count && grid[rowIndex][column] is not null)
                {
                    column++;
                }
                var text = CellText(cell);
                var colSpan = Math.Clamp(cell.ColumnSpan, 1, 100);
                var rowSpan = Math.Clamp(cell.RowSpan == 0 ? 1 : cell.RowSpan, 1, 1000);
                for (var r = rowIndex; r < rowIndex + rowSpan; r++)
                {
                    while (grid.Count <= r)
                    {
                        grid.Add([]);
                    }
                    for (var c = column; c < column + colSpan; c++)
                    {
                        while (grid[r].Count <= c)
                        {
                            grid[r].Add(null);
                        }
                        // A cell spanning rows applies to each of them; one spanning columns fills the first only.
                        grid[r][c] = c == column ? text : "";
                        if (r > rowIndex && c == column)
                        {
                            (mergedFromAbove.TryGetValue(r, out var set) ? set : mergedFromAbove[r] = []).Add(c);
                        }
                    }
                }
                column += colSpan;
            }
            rowIndex++;
        }
        for (var r = 0; r < grid.Count; r++)
        {
            var cells = grid[r].Select(c => c ?? "").ToArray();
            lines.Add(new SourceLine(cells.Length == 0 ? [""] : cells, new ImportLocation(lines.Count + 1, tableIndex, r + 1), FromTable: true, mergedFromAbove.GetValueOrDefault(r)));
        }
        lines.Add(new SourceLine([""], new ImportLocation(lines.Count + 1)));
    }

    /// <summary>A cell's text, its paragraphs and &lt;br&gt; lines joined by line breaks, tables nested in it flattened.</summary>
    private static string CellText(IHtmlTableCellElement cell)
    {
        var builder = new StringBuilder();
        void Walk(INode node)
        {
            foreach (var child in node.ChildNodes)
            {
                switch (child)
                {
                    case IElement e when Skipped.Contains(e.TagName):
                        break;
                    case IElement { TagName: "BR" }:
                        builder.Append('\n');
                        break;
                    case IElement e:
                        var block = Blocks.Contains(e.TagName);
                        if (block)
                        {
                            builder.Append('\n');
                        }
                        Walk(e);
                        if (block)
                        {
                            builder.Append('\n');
                        }
                        break;
                    case IText text:
                        builder.Append(text.Data);
                        break;
                }
            }
        }
        Walk(cell);
        return string.Join("\n", builder.ToString().Split('\n').Select(Collapse).Where(l => l.Length > 0));
    }

    private static string Collapse(string text) => SpacePattern().Replace(text.Replace('\u00A0', ' ').Replace('\u3000', ' '), " ").Trim();

    /// <summary>Navigation, breadcrumbs, share bars and footers, by their class or id; never a table's own parts.</summary>
    private static bool IsSiteChrome(IElement element) =>
        element.TagName is not ("TABLE" or "TBODY" or "THEAD" or "TR" or "TD" or "TH" or "BODY" or "HTML")
        && ChromeNamePattern().IsMatch((element.ClassName ?? "") + " " + (element.Id ?? ""));

    [GeneratedRegex(@"(?ix)(^|[\s_-])(nav|navbar|navigation|menu|breadcrumbs?|crumbs?|share|bdshare|social|footer|foot|site-?header|top-?bar|toolbar|sidebar|copyright|location|position|pager)([\s_-]|$)")]
    private static partial Regex ChromeNamePattern();

    [GeneratedRegex(@"^\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*)*(<!doctype\s+html|<html|<head|<body|<meta|<table)", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex HtmlStartPattern();

    [GeneratedRegex(@"<meta[^>]+charset\s*=\s*[""']?\s*([A-Za-z0-9_.:-]+)", RegexOptions.IgnoreCase)]
    private static partial Regex CharsetPattern();

    [GeneratedRegex(@"\s+")]
    private static partial Regex SpacePattern();
}
