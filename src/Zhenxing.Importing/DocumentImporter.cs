using Zhenxing.Importing.Converting;
using Zhenxing.Importing.Parsing;
using Zhenxing.Importing.Reading;

namespace Zhenxing.Importing;

/// <summary>
/// Turns an issued document into a parsed ledger: text extracted from PDF/Word, .docx, .xlsx, PDF with a text layer, saved web
/// pages, and (converted by LibreOffice) .doc, .wps, .et, .xls, .rtf, .odt and .ods. Never throws on bad input.
/// </summary>
public sealed class DocumentImporter
{
    public ParsedDocument Parse(byte[] content, string fileName, ImportOptions? options = null)
    {
        options ??= new ImportOptions();
        fileName ??= "";
        var messages = new ImportMessages();
        var deadline = new ParseDeadline(options.TimeLimit);
        try
        {
            if (content.Length == 0)
            {
                messages.Error(new ImportLocation(1), "文件为空，没有可导入的内容");
                return Empty(fileName, messages);
            }
            if (content.LongLength > options.MaxBytes)
            {
                messages.Error(new ImportLocation(1), $"文件大小 {Megabytes(content.LongLength)} 超过上限 {Megabytes(options.MaxBytes)}，未读取");
                return Empty(fileName, messages);
            }
            var lines = FieldLengths.CheckCells(ReaderFor(content, fileName, options, deadline, messages)?.Read(content, messages) ?? [], messages);
            if (messages.Errors.Count > 0 && lines.Count == 0)
            {
                return Empty(fileName, messages);
            }
            return new LedgerParser(lines, messages, options, fileName, deadline).Parse();
        }
        catch (Exception ex) when (ParseDeadline.Stopped(ex))
        {
            messages = new ImportMessages();
            messages.Error(new ImportLocation(1), deadline.Message);
            return new ParsedDocument(fileName, [], [], [], null, messages.Warnings, messages.Errors) { TimedOut = true };
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            messages.Error(new ImportLocation(1), $"文档无法解析，文件可能已损坏或内容超出限制（{ex.GetType().Name}）");
            return Empty(fileName, messages);
        }
    }

    public ParsedDocument Parse(Stream content, string fileName, ImportOptions? options = null)
    {
        options ??= new ImportOptions();
        try
        {
            // Reads one byte past the limit, so an oversized upload is refused without being held in memory whole.
            using var buffer = new MemoryStream();
            var chunk = new byte[81920];
            int read;
            while ((read = content.Read(chunk, 0, chunk.Length)) > 0)
            {
                buffer.Write(chunk, 0, read);
                if (buffer.Length > options.MaxBytes)
                {
                    var messages = new ImportMessages();
                    messages.Error(new ImportLocation(1), $"文件超过上限 {Megabytes(options.MaxBytes)}，未读取");
                    return Empty(fileName, messages);
                }
            }
            return Parse(buffer.ToArray(), fileName, options);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            var messages = new ImportMessages();
            messages.Error(new ImportLocation(1), $"读取上传的文件失败（{ex.GetType().Name}）");
            return Empty(fileName, messages);
        }
    }

    private static IDocumentReader? ReaderFor(byte[] content, string fileName, ImportOptions options, ParseDeadline deadline, ImportMessages messages)
    {
        var zip = ZipGuard.Inspect(content, options.MaxBytes, messages);
        switch (zip)
        {
            case ZipKind.Docx:
                return new DocxDocumentReader(options.MaxBytes, deadline);
            case ZipKind.Xlsx:
                return new XlsxDocumentReader(options.MaxBytes, deadline);
            case ZipKind.Refused:
                return null;
        }
        if (ConvertedDocumentReader.Detect(content, fileName, () => zip == ZipKind.OtherZip ? ZipGuard.OpenDocumentMimeType(content) : null) is { } legacy)
        {
            return new ConvertedDocumentReader(legacy.Format, legacy.Extension, fileName, options, deadline);
        }
        if (zip == ZipKind.OtherZip)
        {
            messages.Error(new ImportLocation(1), $"“{fileName}”是压缩文件，但既不是 Word（.docx/.odt）也不是 Excel（.xlsx/.ods）文档");
            return null;
        }
        if (content.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xD0, 0xCF, 0x11, 0xE0]))
        {
            messages.Error(new ImportLocation(1), $"“{fileName}”是旧版 Office 文件，但看不出是 Word（.doc/.wps）还是 Excel（.xls/.et）文档。请把文件扩展名改正，或另存为 .docx 或 .xlsx 后再导入。");
            return null;
        }
        if (content.AsSpan(0, Math.Min(content.Length, 1024)).IndexOf("%PDF-"u8) >= 0)
        {
            return new PdfDocumentReader(fileName, deadline);
        }
        if (HtmlDocumentReader.LooksLikeHtml(content, fileName))
        {
            return new HtmlDocumentReader(deadline);
        }
        return new TextDocumentReader();
    }

    private static ParsedDocument Empty(string fileName, ImportMessages messages) =>
        new(fileName, [], [], [], null, messages.Warnings, messages.Errors);

    private static string Megabytes(long bytes) => $"{bytes / 1024.0 / 1024.0:0.#} MB";
}
