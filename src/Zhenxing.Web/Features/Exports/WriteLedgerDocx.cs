using Zhenxing.Web.Infrastructure.Office;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Zhenxing.Web.Features.Exports;

/// <summary>
/// The ledger as a Word document (many offices forward Word): per list its title, declared total and one table in the
/// official layout, categories as rows spanning the table, the header row repeated on every page; A4 landscape.
/// </summary>
public static class WriteLedgerDocx
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    /// <summary>Column widths in twentieths of a point, 24 cm of A4 landscape between the margins.</summary>
    public static readonly int[] Widths = [700, 4200, 1500, 2000, 1200, 2800, 900, 1200];

    public static byte[] Write(LedgerExportData data)
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            var body = new Body();
            var first = true;
            foreach (var list in data.Lists)
            {
                body.Append(Paragraph(list.Title, bold: true, size: 32, pageBreakBefore: !first));
                first = false;
                if (list.DocumentNumber is { Length: > 0 } number)
                {
                    body.Append(Paragraph(number, bold: false, size: 24));
                }
                if (list.TotalLine is { } total)
                {
                    body.Append(Paragraph(total, bold: false, size: 24));
                }
                body.Append(Table(list));
            }
            if (data.Lists.Count == 0)
            {
                body.Append(Paragraph("没有符合条件的事项。", bold: false, size: 24));
            }
            body.Append(new SectionProperties(
                new PageSize { Width = 16838, Height = 11906, Orient = PageOrientationValues.Landscape },
                new PageMargin { Top = 1134, Bottom = 1134, Left = 1134, Right = 1134, Header = 567, Footer = 567, Gutter = 0 }));
            main.Document = new Document(body);
            ExportStamp.Write(document, data);
        }
        return stream.ToArray();
    }

    private static Table Table(ExportList list)
    {
        var table = new Table(
            new TableProperties(
                new TableWidth { Type = TableWidthUnitValues.Dxa, Width = Widths.Sum().ToString() },
                new TableBorders(
                    new TopBorder { Val = BorderValues.Single, Size = 4 }, new LeftBorder { Val = BorderValues.Single, Size = 4 },
                    new BottomBorder { Val = BorderValues.Single, Size = 4 }, new RightBorder { Val = BorderValues.Single, Size = 4 },
                    new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4 }, new InsideVerticalBorder { Val = BorderValues.Single, Size = 4 }),
                new TableLayout { Type = TableLayoutValues.Fixed }),
            new TableGrid(Widths.Select(w => new GridColumn { Width = w.ToString() })));
        var header = new TableRow(new TableRowProperties(new TableHeader(), new CantSplit()));
        header.Append(LedgerExportData.Columns.Select((name, c) => Cell(name, Widths[c], bold: true, center: true)));
        table.Append(header);
        foreach (var line in list.Lines())
        {
            switch (line)
            {
                case ExportLine.Heading heading:
                    var cell = Cell(heading.Category.Heading, Widths.Sum(), bold: true, center: false, span: Widths.Length);
                    table.Append(new TableRow(new TableRowProperties(new CantSplit()), cell));
                    break;
                case ExportLine.Row row:
                    table.Append(new TableRow(LedgerExportData.Cells(row.Item).Select((text, c) => Cell(text, Widths[c], bold: false, center: c is 0 or 4 or 6 or 7)).ToArray()));
                    break;
            }
        }
        return table;
    }

    private static TableCell Cell(string text, int width, bool bold, bool center, int span = 1)
    {
        var properties = new TableCellProperties(new TableCellWidth { Type = TableWidthUnitValues.Dxa, Width = width.ToString() });
        if (span > 1)
        {
            properties.Append(new GridSpan { Val = span });
        }
        properties.Append(new TableCellVerticalAlignment { Val = TableVerticalAlignmentValues.Center });
        var cell = new TableCell(properties);
        // A narrative of several paragraphs keeps them as paragraphs of the cell.
        cell.Append(text.Split('\n').Select(part => Paragraph(part.TrimEnd('\r'), bold, size: 21, center: center)));
        return cell;
    }

    private static Paragraph Paragraph(string text, bool bold, int size, bool pageBreakBefore = false, bool center = true)
    {
        var runProperties = new RunProperties(new RunFonts { Ascii = "宋体", EastAsia = "宋体", HighAnsi = "宋体" });
        if (bold)
        {
            runProperties.Append(new Bold());
        }
        runProperties.Append(new FontSize { Val = size.ToString() });
        var properties = new ParagraphProperties();
        if (pageBreakBefore)
        {
            properties.Append(new PageBreakBefore());
        }
        properties.Append(new SpacingBetweenLines { Before = "0", After = "0" });
        properties.Append(new Justification { Val = center ? JustificationValues.Center : JustificationValues.Left });
        return new Paragraph(properties, new Run(runProperties, new Text(OfficeParts.XmlSafe(text)) { Space = SpaceProcessingModeValues.Preserve }));
    }

}
