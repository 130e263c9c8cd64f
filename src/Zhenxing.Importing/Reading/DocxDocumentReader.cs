using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Zhenxing.Importing.Reading;

/// <summary>Word paragraphs become single-cell lines (with their automatic numbering and **bold** runs), table rows become cell lines.</summary>
internal sealed class DocxDocumentReader(long maxBytes, ParseDeadline deadline) : IDocumentReader
{
    public IReadOnlyList<SourceLine> Read(byte[] content, ImportMessages messages)
    {
        using var opened = OfficePackage.OpenWord(content, ZipGuard.MaxEntryBytes(maxBytes), deadline);
        var lines = new List<SourceLine>();
        if (opened.Problem is { } problem)
        {
            messages.Error(new ImportLocation(1), problem);
            return lines;
        }
        var document = opened.Package!;
        var body = document.MainDocumentPart?.Document?.Body;
        if (body is null)
        {
            messages.Error(new ImportLocation(1), "Word 文档没有正文（文件可能已损坏）");
            return lines;
        }
        var numbering = new WordNumbering(document.MainDocumentPart!.NumberingDefinitionsPart?.Numbering);
        var tableIndex = 0;
        foreach (var element in Blocks(body))
        {
            deadline.ThrowIfExpired();
            switch (element)
            {
                case Paragraph paragraph:
                    lines.Add(new SourceLine([numbering.Label(paragraph) + ParagraphText(paragraph, markBold: true)], new ImportLocation(lines.Count + 1, IsParagraph: true)));
                    break;
                case Table table:
                    tableIndex++;
                    var rowIndex = 0;
                    var mergeStarts = new Dictionary<int, string>();
                    foreach (var row in table.Elements<TableRow>())
                    {
                        rowIndex++;
                        var cells = new List<string>();
                        var merged = new HashSet<int>();
                        foreach (var cell in row.Elements<TableCell>())
                        {
                            var column = cells.Count;
                            var text = CellText(cell, numbering);
                            // A vertical merge (vMerge) applies the first cell's text to each row it spans.
                            if (cell.TableCellProperties?.VerticalMerge is { } merge)
                            {
                                if (merge.Val?.Value == MergedCellValues.Restart)
                                {
                                    mergeStarts[column] = text;
                                }
                                else if (mergeStarts.TryGetValue(column, out var above))
                                {
                                    text = above;
                                    merged.Add(column);
                                }
                            }
                            else
                            {
                                mergeStarts.Remove(column);
                            }
                            cells.Add(text);
                            // A cell spanning columns (gridSpan) keeps later cells under their own headers.
                            cells.AddRange(Enumerable.Repeat("", Math.Max(0, (cell.TableCellProperties?.GridSpan?.Val?.Value ?? 1) - 1)));
                        }
                        lines.Add(new SourceLine([.. cells], new ImportLocation(lines.Count + 1, tableIndex, rowIndex), FromTable: true, merged.Count > 0 ? merged : null));
                    }
                    lines.Add(new SourceLine([""], new ImportLocation(lines.Count + 1)));
                    break;
            }
        }
        return lines;
    }

    /// <summary>Paragraphs and tables in reading order, also when wrapped in content controls or custom XML.</summary>
    private static IEnumerable<OpenXmlElement> Blocks(OpenXmlElement parent)
    {
        foreach (var child in parent.ChildElements)
        {
            if (child is Paragraph or Table)
            {
                yield return child;
            }
            else if (child is SdtBlock or CustomXmlBlock or SdtContentBlock)
            {
                foreach (var inner in Blocks(child))
                {
                    yield return inner;
                }
            }
        }
    }

    // An automatically numbered 序号 cell holds no text: the number comes from the numbering definition.
    private static string CellText(TableCell cell, WordNumbering numbering) =>
        string.Join("\n", cell.Descendants<Paragraph>().Select(p => numbering.Label(p).Trim() + ParagraphText(p, markBold: false))).Trim();

    private static string ParagraphText(Paragraph paragraph, bool markBold)
    {
        var runs = paragraph.Descendants<Run>().Select(r => (Text: RunText(r), Bold: IsBold(r))).Where(r => r.Text.Length > 0).ToList();
        var anyPlain = runs.Any(r => !r.Bold && r.Text.Trim().Length > 0);
        var builder = new StringBuilder();
        var inBold = false;
        foreach (var (text, bold) in runs)
        {
            // Bold runs inside an otherwise plain paragraph are short titles ("1. **争取…。**正文").
            var mark = markBold && anyPlain && bold;
            if (mark != inBold)
            {
                builder.Append("**");
                inBold = mark;
            }
            builder.Append(text);
        }
        if (inBold)
        {
            builder.Append("**");
        }
        return builder.ToString();
    }

    private static string RunText(Run run)
    {
        var builder = new StringBuilder();
        foreach (var child in run.ChildElements)
        {
            switch (child)
            {
                case Text t:
                    builder.Append(t.Text);
                    break;
                case TabChar:
                    builder.Append(' ');
                    break;
                case Break or CarriageReturn:
                    builder.Append('\n');
                    break;
            }
        }
        return builder.ToString();
    }

    private static bool IsBold(Run run)
    {
        var bold = run.RunProperties?.Bold;
        return bold is not null && (bold.Val is null || bold.Val.Value);
    }

    /// <summary>Computes the labels Word draws for automatically numbered paragraphs ("1.", "一、", "（一）").</summary>
    private sealed class WordNumbering(Numbering? numbering)
    {
        private readonly Dictionary<(int Num, int Level), int> counters = [];

        public string Label(Paragraph paragraph)
        {
            var properties = paragraph.ParagraphProperties?.NumberingProperties;
            if (numbering is null || properties?.NumberingId?.Val is not { } numId || numId.Value == 0)
            {
                return "";
            }
            var level = properties.NumberingLevelReference?.Val?.Value ?? 0;
            var instance = numbering.Elements<NumberingInstance>().FirstOrDefault(n => n.NumberID?.Value == numId.Value);
            var abstractId = instance?.AbstractNumId?.Val?.Value;
            var definition = numbering.Elements<AbstractNum>().FirstOrDefault(a => a.AbstractNumberId?.Value == abstractId);
            var levels = definition?.Elements<Level>().ToDictionary(l => l.LevelIndex?.Value ?? 0) ?? [];
            var key = (numId.Value, level);
            counters[key] = counters.TryGetValue(key, out var n) ? n + 1 : (levels.GetValueOrDefault(level)?.StartNumberingValue?.Val?.Value ?? 1);
            foreach (var deeper in counters.Keys.Where(k => k.Num == numId.Value && k.Level > level).ToList())
            {
                counters.Remove(deeper);
            }
            if (!levels.TryGetValue(level, out var lvl))
            {
                return $"{counters[key]}. ";
            }
            var pattern = lvl.LevelText?.Val?.Value ?? "%1.";
            for (var l = 0; l <= level; l++)
            {
                var value = counters.GetValueOrDefault((numId.Value, l), 1);
                var format = levels.GetValueOrDefault(l)?.NumberingFormat?.Val?.Value;
                pattern = pattern.Replace($"%{l + 1}", Format(value, format));
            }
            return pattern + (pattern.EndsWith('、') || pattern.EndsWith('）') ? "" : " ");
        }

        private static string Format(int value, NumberFormatValues? format)
        {
            if (format == NumberFormatValues.ChineseCounting || format == NumberFormatValues.ChineseCountingThousand
                || format == NumberFormatValues.ChineseLegalSimplified || format == NumberFormatValues.IdeographTraditional)
            {
                return ChineseNumerals.Format(value);
            }
            if (format == NumberFormatValues.LowerLetter || format == NumberFormatValues.UpperLetter)
            {
                var letter = ImportLocation.ColumnLetters(value);
                return format == NumberFormatValues.LowerLetter ? letter.ToLowerInvariant() : letter;
            }
            return value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
    }
}
