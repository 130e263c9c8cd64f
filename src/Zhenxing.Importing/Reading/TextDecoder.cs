using System.Text;

namespace Zhenxing.Importing.Reading;

internal static class TextDecoder
{
    static TextDecoder() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>UTF-8 (with or without BOM), UTF-16 with BOM, otherwise GB18030 (a superset of GBK and GB2312).</summary>
    public static string Decode(byte[] content)
    {
        if (content.AsSpan().StartsWith("\xEF\xBB\xBF"u8))
        {
            return Encoding.UTF8.GetString(content, 3, content.Length - 3);
        }
        if (content.Length >= 2 && content[0] == 0xFF && content[1] == 0xFE)
        {
            return Encoding.Unicode.GetString(content, 2, content.Length - 2);
        }
        if (content.Length >= 2 && content[0] == 0xFE && content[1] == 0xFF)
        {
            return Encoding.BigEndianUnicode.GetString(content, 2, content.Length - 2);
        }
        if (Utf16WithoutBom(content) is { } utf16)
        {
            return utf16.GetString(content);
        }
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(content);
        }
        catch (DecoderFallbackException)
        {
            return Encoding.GetEncoding("GB18030").GetString(content);
        }
    }

    // Windows tools save "Unicode" text without a BOM. UTF-8 and GB18030 text never holds a zero byte; UTF-16 text of
    // any script does (ASCII, line breaks), and decodes without junk in the right byte order only.
    private static Encoding? Utf16WithoutBom(byte[] content)
    {
        if (content.Length < 4 || (content.Length & 1) == 1 || Array.IndexOf(content, (byte)0) < 0)
        {
            return null;
        }
        var sample = content.AsSpan(0, Math.Min(content.Length, 8192) & ~1).ToArray();
        var little = Encoding.Unicode.GetString(sample);
        var big = Encoding.BigEndianUnicode.GetString(sample);
        var best = Plausible(little) >= Plausible(big) ? (Text: little, Encoding: Encoding.Unicode) : (Text: big, Encoding: Encoding.BigEndianUnicode);
        return JunkRatio(best.Text) <= 0.02 ? best.Encoding : null;
    }

    // Both byte orders may decode without junk; the right one reads as ASCII and Chinese.
    private static int Plausible(string text) =>
        text.Count(c => c is '\n' or '\r' or '\t' or (>= ' ' and <= '~') or (>= '\u4E00' and <= '\u9FFF') or (>= '\u3000' and <= '\u303F') or (>= '\uFF00' and <= '\uFFEF'));

    /// <summary>Share of characters that no real document contains: controls, replacement and private-use characters.</summary>
    public static double JunkRatio(string text)
    {
        if (text.Length == 0)
        {
            return 0;
        }
        var junk = 0;
        foreach (var c in text)
        {
            if ((char.IsControl(c) && c is not ('\t' or '\r' or '\n' or '\f' or '\v')) || c == '\uFFFD' || c is >= '\uE000' and <= '\uF8FF')
            {
                junk++;
            }
        }
        return (double)junk / text.Length;
    }
}
