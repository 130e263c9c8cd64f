using Zhenxing.Importing;

namespace Zhenxing.Web.Features.Rounds;

/// <summary>
/// A file a unit attaches to its report (佐证材料). Kept in the database, so that backups and every app node
/// have it too.
/// </summary>
public sealed class Evidence
{
    public int Id { get; set; }
    public int ReportId { get; set; }
    public required string FileName { get; set; }
    public required string ContentType { get; set; }
    public long Size { get; set; }
    public required byte[] Content { get; set; }
    public DateTimeOffset UploadedAt { get; set; }
    public string UploadedByName { get; set; } = "";
}

/// <summary>Which evidence files are accepted, decided by their content, never by their name.</summary>
public static class EvidenceTypes
{
    public const long MaxBytes = 10L * 1024 * 1024;

    /// <returns>The content type, or null when the content is none of pdf, docx, xlsx, jpg, png.</returns>
    public static string? Detect(byte[] content)
    {
        var span = content.AsSpan();
        if (span.StartsWith("%PDF-"u8))
        {
            return "application/pdf";
        }
        if (span.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
        {
            return "image/jpeg";
        }
        if (span.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return "image/png";
        }
        return OfficeZip.Inspect(content, 4 * MaxBytes, 8 * MaxBytes).Kind switch
        {
            OfficeZipKind.Docx => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            OfficeZipKind.Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            _ => null,
        };
    }

    /// <summary>A Chinese message for a file that cannot be attached, or null when it can.</summary>
    public static string? Problem(string fileName, byte[] content) =>
        content.Length == 0 ? $"文件“{fileName}”是空的。"
        : content.LongLength > MaxBytes ? $"文件“{fileName}”超过 {MaxBytes / 1024 / 1024} MB，未上传。"
        : Detect(content) is null ? $"文件“{fileName}”不是 PDF、Word（.docx）、Excel（.xlsx）、JPG 或 PNG 文件（按文件内容判断），未上传。"
        : null;
}
