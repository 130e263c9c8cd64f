using Zhenxing.Importing.Parsing;
using Zhenxing.Importing.Reading;

namespace Zhenxing.Importing;

/// <summary>Turns an issued document (text extracted from PDF/Word, .docx or .xlsx) into a parsed ledger. Never throws on bad input.</summary>
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
            var lines = FieldLengths.CheckCells(ReaderFor(content, options.MaxBytes, deadline, messages)?.Read(content, messages) ?? [], messages);
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

    private static IDocumentReader? ReaderFor(byte[] content, long maxBytes, ParseDeadline deadline, ImportMessages messages)
    {
        switch (ZipGuard.Inspect(content, maxBytes, messages))
        {
            case ZipKind.Docx:
                return new DocxDocumentReader(maxBytes, deadline);
            case ZipKind.Xlsx:
                return new XlsxDocumentReader(maxBytes, deadline);
            case ZipKind.OtherZip:
                messages.Error(new ImportLocation(1), "压缩文件既不是 Word（.docx）也不是 Excel（.xlsx）文档");
                return null;
            case ZipKind.Refused:
                return null;
        }
        if (content.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xD0, 0xCF, 0x11, 0xE0]))
        {
            messages.Error(new ImportLocation(1), "不支持旧版 Word/Excel（.doc/.xls）格式，请另存为 .docx 或 .xlsx 后再导入");
            return null;
        }
        if (content.AsSpan().StartsWith("%PDF"u8))
        {
            messages.Error(new ImportLocation(1), "PDF 文件请先提取文字（复制为文本）或另存为 Word 后再导入");
            return null;
        }
        return new TextDocumentReader();
    }

    private static ParsedDocument Empty(string fileName, ImportMessages messages) =>
        new(fileName, [], [], [], null, messages.Warnings, messages.Errors);

    private static string Megabytes(long bytes) => $"{bytes / 1024.0 / 1024.0:0.#} MB";
}
