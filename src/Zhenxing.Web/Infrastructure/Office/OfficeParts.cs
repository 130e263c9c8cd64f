using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Zhenxing.Web.Infrastructure.Office;

/// <summary>What every .xlsx and .docx the app writes shares: safe text, and the table sheets' fonts, fills and borders.</summary>
public static class OfficeParts
{
    /// <summary>The text without control characters (pasted into a report, they would make the document's XML invalid).</summary>
    public static string XmlSafe(string text) =>
        text.Any(c => c < ' ' && c is not ('\t' or '\n' or '\r')) ? new string(text.Where(c => c >= ' ' || c is '\t' or '\n' or '\r').ToArray()) : text;

    /// <summary>The most characters Excel holds in one cell; it reports a file with a longer one as damaged.</summary>
    public const int MaxCellCharacters = 32_767;

    public const string CutMarker = "…（超出Excel单元格长度，已截断）";

    /// <summary>
    /// The text of an .xlsx cell: XML-safe, and cut with a visible marker where it would pass Excel's cell limit (text
    /// that long can reach the ledger by other paths than the item form). Every .xlsx the app writes goes through it.
    /// </summary>
    public static InlineString CellText(string text)
    {
        var safe = XmlSafe(text);
        if (safe.Length > MaxCellCharacters)
        {
            var keep = MaxCellCharacters - CutMarker.Length;
            // Half of a surrogate pair would be an invalid character.
            if (char.IsHighSurrogate(safe[keep - 1]))
            {
                keep--;
            }
            safe = string.Concat(safe.AsSpan(0, keep), CutMarker);
        }
        return new InlineString(new Text(safe) { Space = SpaceProcessingModeValues.Preserve });
    }

    /// <summary>Fonts of a table sheet: 0 body (宋体 11), 1 title (宋体 bold 16), 2 header (宋体 bold 11).</summary>
    public static Fonts TableFonts() => new(
        new Font(new FontSize { Val = 11 }, new FontName { Val = "宋体" }),
        new Font(new Bold(), new FontSize { Val = 16 }, new FontName { Val = "宋体" }),
        new Font(new Bold(), new FontSize { Val = 11 }, new FontName { Val = "宋体" }))
    { Count = 3 };

    /// <summary>The two fills every stylesheet must start with.</summary>
    public static Fills Fills() =>
        new(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 };

    /// <summary>Borders of a table sheet: 0 none, 1 thin all round.</summary>
    public static Borders TableBorders() => new(
        new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder()),
        new Border(
            new LeftBorder(new Color { Auto = true }) { Style = BorderStyleValues.Thin },
            new RightBorder(new Color { Auto = true }) { Style = BorderStyleValues.Thin },
            new TopBorder(new Color { Auto = true }) { Style = BorderStyleValues.Thin },
            new BottomBorder(new Color { Auto = true }) { Style = BorderStyleValues.Thin },
            new DiagonalBorder()))
    { Count = 2 };
}
