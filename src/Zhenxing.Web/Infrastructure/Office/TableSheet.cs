using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Spreadsheet;
using Zhenxing.Web.Features.Rounds.Sheets;

namespace Zhenxing.Web.Infrastructure.Office;

/// <summary>
/// A table sheet of the app's .xlsx reports (the assessment ranking, the pairing evaluation): a merged title row, a
/// header row, then the rows, in the styles below.
/// </summary>
public static class TableSheet
{
    public const uint TitleStyle = 1;
    public const uint HeaderStyle = 2;
    public const uint TextStyle = 3;
    /// <summary>Numbers with the sheet's decimal format.</summary>
    public const uint DecimalStyle = 4;
    /// <summary>Whole numbers, centred.</summary>
    public const uint WholeStyle = 5;

    /// <param name="decimalFormat">The format of <see cref="DecimalStyle"/>, e.g. "0.0".</param>
    /// <param name="wrapText">Whether long text wraps in its cell.</param>
    public static Stylesheet Styles(string decimalFormat, bool wrapText)
    {
        CellFormat Format(uint numberFormat, uint font, uint border, HorizontalAlignmentValues horizontal) =>
            new(new Alignment { Horizontal = horizontal, Vertical = VerticalAlignmentValues.Center, WrapText = wrapText ? true : null })
            { NumberFormatId = numberFormat, FontId = font, FillId = 0, BorderId = border, FormatId = 0, ApplyNumberFormat = true, ApplyFont = true, ApplyBorder = true, ApplyAlignment = true };
        return new Stylesheet(
            new NumberingFormats(new NumberingFormat { NumberFormatId = 164, FormatCode = decimalFormat }) { Count = 1 },
            OfficeParts.TableFonts(),
            OfficeParts.Fills(),
            OfficeParts.TableBorders(),
            new CellStyleFormats(new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0 }) { Count = 1 },
            new CellFormats(
                new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0 },
                Format(0, 1, 0, HorizontalAlignmentValues.Center),
                Format(0, 2, 1, HorizontalAlignmentValues.Center),
                Format(0, 0, 1, HorizontalAlignmentValues.Left),
                Format(164, 0, 1, HorizontalAlignmentValues.Right),
                Format(1, 0, 1, HorizontalAlignmentValues.Center))
            { Count = 6 });
    }

    /// <summary>Row 1, the title (merged over the columns by <see cref="Worksheet"/>), and row 2, the header.</summary>
    public static SheetData TitleAndHeader(string title, IReadOnlyList<string> header) => new(
        new Row(header.Select((_, c) => Text(c + 1, 1, c == 0 ? title : "", TitleStyle))) { RowIndex = 1 },
        new Row(header.Select((name, c) => Text(c + 1, 2, name, HeaderStyle))) { RowIndex = 2 });

    /// <summary>The sheet: column widths, the data, the title merged over the columns, A4 margins and orientation.</summary>
    public static Worksheet Worksheet(IReadOnlyList<double> widths, SheetData data, OrientationValues orientation, bool freezeHeader)
    {
        var sheet = new Worksheet();
        if (freezeHeader)
        {
            sheet.Append(new SheetViews(new SheetView(new Pane { VerticalSplit = 2, TopLeftCell = "A3", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen }) { WorkbookViewId = 0 }));
        }
        sheet.Append(
            new Columns(widths.Select((width, i) => new Column { Min = (uint)i + 1, Max = (uint)i + 1, Width = width, CustomWidth = true })),
            data,
            new MergeCells(new MergeCell { Reference = $"A1:{SheetColumns.Letter(widths.Count)}1" }),
            new PageMargins { Left = 0.5, Right = 0.5, Top = 0.6, Bottom = 0.7, Header = 0.3, Footer = 0.3 },
            new PageSetup { PaperSize = 9, Orientation = orientation });
        return sheet;
    }

    public static Cell Text(int column, uint row, string text, uint style) => text.Length == 0
        ? new Cell { CellReference = $"{SheetColumns.Letter(column)}{row}", StyleIndex = style }
        : new Cell
        {
            CellReference = $"{SheetColumns.Letter(column)}{row}", StyleIndex = style, DataType = CellValues.InlineString,
            InlineString = OfficeParts.CellText(text),
        };

    public static Cell Number(int column, uint row, decimal value, uint style) =>
        new() { CellReference = $"{SheetColumns.Letter(column)}{row}", StyleIndex = style, DataType = CellValues.Number, CellValue = new CellValue(value) };
}
