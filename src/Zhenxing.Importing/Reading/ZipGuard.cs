using System.IO.Compression;

namespace Zhenxing.Importing.Reading;

internal enum ZipKind { NotZip, Docx, Xlsx, OtherZip, Refused }

/// <summary>Looks inside a zip before anything decompresses it, so a decompression bomb is refused from the central directory alone.</summary>
internal static class ZipGuard
{
    private const int MaxEntries = 10_000;
    private const double MaxRatio = 200;

    public static bool LooksLikeZip(byte[] content) => content.Length >= 4 && content[0] == 'P' && content[1] == 'K' && content[2] == 3 && content[3] == 4;

    /// <summary>The most one part of a .docx/.xlsx may hold once inflated: four times the upload limit, at least 16 MB.</summary>
    public static long MaxEntryBytes(long maxBytes) => Math.Max(16L * 1024 * 1024, 4 * maxBytes);

    public static ZipKind Inspect(byte[] content, long maxBytes, ImportMessages messages)
    {
        if (!LooksLikeZip(content))
        {
            return ZipKind.NotZip;
        }
        try
        {
            using var archive = new ZipArchive(new MemoryStream(content, writable: false), ZipArchiveMode.Read);
            if (archive.Entries.Count > MaxEntries)
            {
                messages.Error(new ImportLocation(1), $"压缩包内文件过多（{archive.Entries.Count} 个），已拒绝读取");
                return ZipKind.Refused;
            }
            long total = 0;
            foreach (var entry in archive.Entries)
            {
                total += entry.Length;
                var ratio = entry.CompressedLength == 0 ? entry.Length : (double)entry.Length / entry.CompressedLength;
                if (entry.Length > MaxEntryBytes(maxBytes) || total > 2 * MaxEntryBytes(maxBytes) || (entry.Length > 1024 * 1024 && ratio > MaxRatio))
                {
                    messages.Error(new ImportLocation(1), $"文档内部文件“{entry.FullName}”解压后达 {entry.Length / 1024 / 1024} MB（压缩比 {ratio:0}），疑似压缩炸弹，已拒绝读取");
                    return ZipKind.Refused;
                }
            }
            if (archive.GetEntry("word/document.xml") is not null)
            {
                return ZipKind.Docx;
            }
            return archive.GetEntry("xl/workbook.xml") is not null ? ZipKind.Xlsx : ZipKind.OtherZip;
        }
        catch (InvalidDataException)
        {
            messages.Error(new ImportLocation(1), "文件是损坏的压缩包，无法作为 Word（.docx）或 Excel（.xlsx）读取");
            return ZipKind.Refused;
        }
    }
}
