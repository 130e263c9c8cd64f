namespace Zhenxing.Importing.Reading;

/// <summary>Plain text extracted from PDF or Word: tab-separated or pipe-separated cells, one row a line.</summary>
internal sealed class TextDocumentReader : IDocumentReader
{
    public IReadOnlyList<SourceLine> Read(byte[] content, ImportMessages messages)
    {
        var text = TextDecoder.Decode(content);
        if (TextDecoder.JunkRatio(text) > 0.02)
        {
            messages.Error(new ImportLocation(1), "文件内容无法识别：既不是文本（UTF-8/GB18030），也不是 Word（.docx）或 Excel（.xlsx）文档");
            return [];
        }
        return ToLines(text);
    }

    public static IReadOnlyList<SourceLine> ToLines(string text)
    {
        var rawLines = text.Replace("\r\n", "\n").Replace('\r', '\n').Split('\n');
        var lines = new List<SourceLine>(rawLines.Length);
        for (var i = 0; i < rawLines.Length; i++)
        {
            var raw = rawLines[i].Replace('\u00A0', ' ').Replace('\u3000', ' ').Replace('\uFEFF', ' ');
            lines.Add(new SourceLine(SplitCells(raw), new ImportLocation(i + 1)));
        }
        return lines;
    }

    internal static IReadOnlyList<string> SplitCells(string raw)
    {
        if (raw.Contains('\t'))
        {
            return raw.Split('\t').Select(c => c.Trim()).ToArray();
        }
        var trimmed = raw.Trim();
        if (IsPipeRow(trimmed))
        {
            var cells = trimmed.Split('|', '｜').Select(c => c.Trim()).ToList();
            if (trimmed[0] is '|' or '｜')
            {
                cells.RemoveAt(0);
            }
            if (cells.Count > 0 && trimmed[^1] is '|' or '｜')
            {
                cells.RemoveAt(cells.Count - 1);
            }
            // Markdown separator rows (|---|---|) carry no data.
            return cells.All(c => c.Trim('-', ':', ' ').Length == 0) ? [""] : cells.ToArray();
        }
        return [trimmed];
    }

    private static bool IsPipeRow(string line)
    {
        var pipes = line.Count(c => c is '|' or '｜');
        return pipes >= 2 || (pipes == 1 && line.Length > 1 && (line[^1] is '|' or '｜'));
    }
}
