using Zhenxing.Importing.Reading;

namespace Zhenxing.Importing.Targets;

/// <summary>The plain text of a document the importer reads (text in any of its encodings, .docx, .xlsx), one line per paragraph or row, cells separated by tabs.</summary>
public static class DocumentText
{
    /// <returns>The text, or null when the content is none of those formats (a PDF, an old .doc, a damaged file).</returns>
    public static string? Read(byte[] content)
    {
        if (content.Length == 0)
        {
            return "";
        }
        var messages = new ImportMessages();
        var deadline = new ParseDeadline(ParseDeadline.DefaultLimit);
        try
        {
            IDocumentReader? reader = ZipGuard.Inspect(content, ImportOptions.DefaultMaxBytes, messages) switch
            {
                ZipKind.Docx => new DocxDocumentReader(ImportOptions.DefaultMaxBytes, deadline),
                ZipKind.Xlsx => new XlsxDocumentReader(ImportOptions.DefaultMaxBytes, deadline),
                ZipKind.OtherZip or ZipKind.Refused => null,
                _ when content.AsSpan().StartsWith("%PDF"u8) || content.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xD0, 0xCF, 0x11, 0xE0]) => null,
                _ => new TextDocumentReader(),
            };
            if (reader is null)
            {
                return null;
            }
            var lines = reader.Read(content, messages);
            if (lines.Count == 0 && messages.Errors.Count > 0)
            {
                return null;
            }
            return string.Join("\n", lines.Select(l => string.Join("\t", l.Cells.Where(c => !string.IsNullOrWhiteSpace(c)).Select(c => c.Trim()))));
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return null;
        }
    }
}
