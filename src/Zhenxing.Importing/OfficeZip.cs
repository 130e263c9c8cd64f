using System.IO.Compression;

namespace Zhenxing.Importing;

public enum OfficeZipKind
{
    NotZip,
    Docx,
    Xlsx,
    OtherZip,
    TooManyEntries,
    TooLarge,
    Corrupt,
}

/// <param name="Entry">For <see cref="OfficeZipKind.TooLarge"/>: the part that would inflate too far, its size and compression ratio.</param>
public sealed record OfficeZipInspection(OfficeZipKind Kind, int Entries = 0, string? Entry = null, long EntryBytes = 0, double Ratio = 0);

/// <summary>
/// Looks inside a zip (a .docx or .xlsx) from its central directory alone, before anything is inflated, so that a
/// decompression bomb is refused without exhausting memory. Shared by the importer, the reporting sheets and evidence.
/// </summary>
public static class OfficeZip
{
    public const int MaxEntries = 10_000;
    private const double MaxRatio = 200;

    public static bool LooksLikeZip(byte[] content) =>
        content.Length >= 4 && content[0] == 'P' && content[1] == 'K' && content[2] == 3 && content[3] == 4;

    public static OfficeZipInspection Inspect(byte[] content, long maxPartBytes, long maxTotalBytes)
    {
        if (!LooksLikeZip(content))
        {
            return new OfficeZipInspection(OfficeZipKind.NotZip);
        }
        try
        {
            using var archive = new ZipArchive(new MemoryStream(content, writable: false), ZipArchiveMode.Read);
            if (archive.Entries.Count > MaxEntries)
            {
                return new OfficeZipInspection(OfficeZipKind.TooManyEntries, archive.Entries.Count);
            }
            long total = 0;
            foreach (var entry in archive.Entries)
            {
                total += entry.Length;
                var ratio = entry.CompressedLength == 0 ? entry.Length : (double)entry.Length / entry.CompressedLength;
                if (entry.Length > maxPartBytes || total > maxTotalBytes || (entry.Length > 1024 * 1024 && ratio > MaxRatio))
                {
                    return new OfficeZipInspection(OfficeZipKind.TooLarge, archive.Entries.Count, entry.FullName, entry.Length, ratio);
                }
            }
            var kind = archive.GetEntry("word/document.xml") is not null ? OfficeZipKind.Docx
                : archive.GetEntry("xl/workbook.xml") is not null ? OfficeZipKind.Xlsx
                : OfficeZipKind.OtherZip;
            return new OfficeZipInspection(kind, archive.Entries.Count);
        }
        catch (InvalidDataException)
        {
            return new OfficeZipInspection(OfficeZipKind.Corrupt);
        }
    }
}
