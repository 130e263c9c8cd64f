namespace Zhenxing.Importing.Reading;

internal enum ZipKind { NotZip, Docx, Xlsx, OtherZip, Refused }

/// <summary>The importer's reading of <see cref="OfficeZip"/>: refusals become Chinese messages on line 1.</summary>
internal static class ZipGuard
{
    public static bool LooksLikeZip(byte[] content) => OfficeZip.LooksLikeZip(content);

    /// <summary>The most one part of a .docx/.xlsx may hold once inflated: four times the upload limit, at least 16 MB.</summary>
    public static long MaxEntryBytes(long maxBytes) => Math.Max(16L * 1024 * 1024, 4 * maxBytes);

    /// <summary>The "mimetype" entry an OpenDocument file (.odt, .ods) starts with, or null.</summary>
    public static string? OpenDocumentMimeType(byte[] content)
    {
        try
        {
            using var archive = new System.IO.Compression.ZipArchive(new MemoryStream(content, writable: false), System.IO.Compression.ZipArchiveMode.Read);
            if (archive.GetEntry("mimetype") is not { Length: > 0 and < 256 } entry)
            {
                return null;
            }
            using var reader = new StreamReader(entry.Open());
            return reader.ReadToEnd().Trim();
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }

    public static ZipKind Inspect(byte[] content, long maxBytes, ImportMessages messages)
    {
        var inspection = OfficeZip.Inspect(content, MaxEntryBytes(maxBytes), 2 * MaxEntryBytes(maxBytes));
        switch (inspection.Kind)
        {
            case OfficeZipKind.TooManyEntries:
                messages.Error(new ImportLocation(1), $"压缩包内文件过多（{inspection.Entries} 个），已拒绝读取");
                return ZipKind.Refused;
            case OfficeZipKind.TooLarge:
                messages.Error(new ImportLocation(1), $"文档内部文件“{inspection.Entry}”解压后达 {inspection.EntryBytes / 1024 / 1024} MB（压缩比 {inspection.Ratio:0}），疑似压缩炸弹，已拒绝读取");
                return ZipKind.Refused;
            case OfficeZipKind.Corrupt:
                messages.Error(new ImportLocation(1), "文件是损坏的压缩包，无法作为 Word（.docx）或 Excel（.xlsx）读取");
                return ZipKind.Refused;
            case OfficeZipKind.Docx:
                return ZipKind.Docx;
            case OfficeZipKind.Xlsx:
                return ZipKind.Xlsx;
            case OfficeZipKind.OtherZip:
                return ZipKind.OtherZip;
            default:
                return ZipKind.NotZip;
        }
    }
}
