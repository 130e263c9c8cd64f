using System.Globalization;
using System.Text;

namespace Zhenxing.Web.Infrastructure;

/// <summary>
/// The name an uploaded file is stored, shown and downloaded under (evidence, target evidence, import originals,
/// reporting sheets): no folders, no control or format characters — a right-to-left override shows
/// "b\u202Egnp.exe" as "bexe.png" — and at most as long as the column, extension kept.
/// </summary>
public static class UploadedFileNames
{
    public const int MaxLength = 260;

    public const string Unnamed = "未命名文件";

    public static string Clean(string? name)
    {
        // Some browsers on Windows send the whole path.
        var last = (name ?? "").Split('/', '\\')[^1];
        var kept = new StringBuilder(last.Length);
        // Lone surrogates come out as U+FFFD.
        foreach (var rune in last.EnumerateRunes())
        {
            // Cf holds the bidi controls (U+202A–U+202E, U+2066–U+2069, U+200E/U+200F, U+061C) and the zero-width ones.
            if (Rune.GetUnicodeCategory(rune) is not (UnicodeCategory.Control or UnicodeCategory.Format
                or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator))
            {
                kept.Append(rune.ToString());
            }
        }
        var clean = kept.ToString().Trim();
        if (clean.Trim('.').Length == 0)
        {
            return Unnamed;
        }
        if (clean.Length <= MaxLength)
        {
            return clean;
        }
        var extension = Path.GetExtension(clean);
        extension = extension.Length <= 16 ? extension : "";
        var stem = clean[..(MaxLength - extension.Length)];
        return (char.IsHighSurrogate(stem[^1]) ? stem[..^1] : stem) + extension;
    }
}
