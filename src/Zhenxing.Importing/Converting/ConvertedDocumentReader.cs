using Zhenxing.Importing.Reading;

namespace Zhenxing.Importing.Converting;

/// <summary>The formats LibreOffice turns into .docx or .xlsx for the importer.</summary>
internal enum LegacyFormat { Word, Spreadsheet }

/// <summary>
/// A .doc/.wps/.rtf/.odt (to .docx) or .xls/.et/.ods (to .xlsx), converted by LibreOffice and then read by the .docx or
/// .xlsx reader, so the converted package passes the same zip and nesting checks as an uploaded one.
/// </summary>
internal sealed class ConvertedDocumentReader(LegacyFormat format, string extension, string fileName, ImportOptions options, ParseDeadline deadline) : IDocumentReader
{
    public static string Missing(string fileName, string extension) =>
        $"“{fileName}”是 .{extension} 文件，需要用 LibreOffice 转换后才能读取，但本机未安装 LibreOffice。"
        + "请安装：apt-get install libreoffice-writer-nogui libreoffice-calc-nogui；或在 WPS/Word/Excel 中另存为 .docx 或 .xlsx 后再导入。";

    public IReadOnlyList<SourceLine> Read(byte[] content, ImportMessages messages)
    {
        if (LibreOffice.Find(options.Soffice) is not { } program)
        {
            messages.Error(new ImportLocation(1), Missing(fileName, extension));
            return [];
        }
        if (format == LegacyFormat.Spreadsheet && !LibreOffice.HasCalc(program))
        {
            messages.Error(new ImportLocation(1), $"“{fileName}”是 .{extension} 表格，需要 LibreOffice Calc 转换后才能读取，但本机只装了 LibreOffice 的其他组件。"
                + "请安装：apt-get install libreoffice-calc-nogui；或在 WPS/Excel 中另存为 .xlsx 后再导入。");
            return [];
        }
        var target = format == LegacyFormat.Word ? "docx" : "xlsx";
        var timeout = options.ConversionTimeout < deadline.Remaining ? options.ConversionTimeout : deadline.Remaining;
        if (timeout <= TimeSpan.Zero)
        {
            deadline.ThrowIfExpired();
        }
        // The importer is synchronous; waiting on the process blocks only this upload's thread.
        var result = LibreOffice.ConvertAsync(program, content, extension, target, timeout, CancellationToken.None).GetAwaiter().GetResult();
        if (result.TimedOut)
        {
            deadline.ThrowIfExpired();
            messages.Error(new ImportLocation(1), $"LibreOffice 在 {timeout.TotalSeconds:0} 秒内未能转换“{fileName}”，已终止。请在 WPS/Word/Excel 中另存为 .docx 或 .xlsx 后再导入。");
            return [];
        }
        if (result.Output is not { } converted)
        {
            var problem = result.FirstError;
            messages.Error(new ImportLocation(1), $"LibreOffice 无法转换“{fileName}”（退出码 {result.ExitCode}{(problem is null ? "" : "：" + problem)}），文件可能已损坏或已加密。请在 WPS/Word/Excel 中另存为 .docx 或 .xlsx 后再导入。");
            return [];
        }
        if (converted.LongLength > options.MaxBytes)
        {
            messages.Error(new ImportLocation(1), $"“{fileName}”转换为 .{target} 后超过上限 {options.MaxBytes / 1024 / 1024} MB，未读取");
            return [];
        }
        var kind = ZipGuard.Inspect(converted, options.MaxBytes, messages);
        switch (kind)
        {
            case ZipKind.Docx when format == LegacyFormat.Word:
                return new DocxDocumentReader(options.MaxBytes, deadline).Read(converted, messages);
            case ZipKind.Xlsx when format == LegacyFormat.Spreadsheet:
                return new XlsxDocumentReader(options.MaxBytes, deadline).Read(converted, messages);
            case ZipKind.Refused:
                return [];
            default:
                messages.Error(new ImportLocation(1), $"LibreOffice 转换“{fileName}”的结果不是可读取的 .{target} 文档");
                return [];
        }
    }

    /// <summary>
    /// The legacy format of the content, or null. Old Word/WPS/Excel/ET files share the OLE compound file header; the
    /// file name tells them apart, else the names of the streams in the file (WordDocument, Workbook/Book).
    /// </summary>
    public static (LegacyFormat Format, string Extension)? Detect(byte[] content, string fileName, Func<string?> odfMimeType)
    {
        var extension = Path.GetExtension(fileName).TrimStart('.').ToLowerInvariant();
        if (content.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]))
        {
            switch (extension)
            {
                case "doc" or "wps" or "dot" or "wpt":
                    return (LegacyFormat.Word, extension);
                case "xls" or "et" or "xlt" or "ett":
                    return (LegacyFormat.Spreadsheet, extension);
            }
            if (HasStream(content, "WordDocument"))
            {
                return (LegacyFormat.Word, "doc");
            }
            if (HasStream(content, "Workbook") || HasStream(content, "Book"))
            {
                return (LegacyFormat.Spreadsheet, "xls");
            }
            return null;
        }
        if (content.AsSpan().StartsWith("{\\rtf"u8))
        {
            return (LegacyFormat.Word, "rtf");
        }
        return odfMimeType() switch
        {
            "application/vnd.oasis.opendocument.text" => (LegacyFormat.Word, "odt"),
            "application/vnd.oasis.opendocument.spreadsheet" => (LegacyFormat.Spreadsheet, "ods"),
            _ => null,
        };
    }

    // Directory entries of a compound file hold their names in UTF-16.
    private static bool HasStream(byte[] content, string name) =>
        content.AsSpan().IndexOf(System.Text.Encoding.Unicode.GetBytes(name + "\0")) >= 0;
}
