using System.IO.Compression;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using Zhenxing.Importing;
using S = DocumentFormat.OpenXml.Spreadsheet;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace Zhenxing.UnitTests.Importing;

/// <summary>Builds .docx and .xlsx fixtures from parsed seed tables, so each format can be checked against the text.</summary>
internal static class OfficeFixtures
{
    /// <summary>Title, count, header, then one row per category (a single cell) and per item.</summary>
    public static List<string[]> Rows(ParsedList list)
    {
        var hasDeadline = list.Items.Any(i => i.DeadlineText is not null);
        var header = hasDeadline ? new[] { "序号", "事项名称", "牵头单位", "责任单位", "完成时限" } : ["序号", "事项名称", "牵头单位", "责任单位"];
        var rows = new List<string[]> { header };
        var categories = list.Categories.SelectMany(Flatten).ToDictionary(c => c.Path);
        var written = new HashSet<string>();
        foreach (var item in list.Items)
        {
            foreach (var path in Ancestors(item.CategoryPath))
            {
                if (written.Add(path))
                {
                    var c = categories[path];
                    var number = c.Number.StartsWith('（') ? c.Number : c.Number + "、";
                    rows.Add([$"{number}{c.Title}（{c.DeclaredCount}项）"]);
                }
            }
            var responsible = string.Join("、", item.ResponsibleUnits.Concat(item.GroupReferences));
            var row = new List<string> { item.Number, item.Text, string.Join("、", item.LeadUnits), responsible };
            if (hasDeadline)
            {
                row.Add(item.DeadlineText ?? "");
            }
            rows.Add([.. row]);
        }
        return rows;
    }

    public static byte[] Docx(string title, int? total, IEnumerable<string[]> tableRows, IEnumerable<W.Paragraph>? before = null)
    {
        return Docx(body =>
        {
            foreach (var paragraph in before ?? [])
            {
                body.Append(paragraph);
            }
            body.Append(Paragraph(title));
            if (total is not null)
            {
                body.Append(Paragraph($"(共 {total} 项)"));
            }
            body.Append(Table(tableRows));
        });
    }

    public static byte[] Docx(Action<W.Body> build, Action<MainDocumentPart>? parts = null)
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            var body = new W.Body();
            build(body);
            main.Document = new W.Document(body);
            parts?.Invoke(main);
        }
        return stream.ToArray();
    }

    public static W.Paragraph Paragraph(string text, bool bold = false)
    {
        var run = new W.Run(new W.Text(text) { Space = SpaceProcessingModeValues.Preserve });
        if (bold)
        {
            run.RunProperties = new W.RunProperties(new W.Bold());
        }
        return new W.Paragraph(run);
    }

    public static W.Paragraph Paragraph(params (string Text, bool Bold)[] runs) =>
        new(runs.Select(r =>
        {
            var run = new W.Run(new W.Text(r.Text) { Space = SpaceProcessingModeValues.Preserve });
            if (r.Bold)
            {
                run.RunProperties = new W.RunProperties(new W.Bold());
            }
            return run;
        }));

    /// <param name="borders">Rulings around every cell, as issued tables have; LibreOffice draws them in PDF.</param>
    public static W.Table Table(IEnumerable<string[]> rows, bool borders = true)
    {
        var table = new W.Table();
        var rowList = rows.ToList();
        // A grid as Word writes it: LibreOffice needs it to keep the table when it converts the document.
        var columns = rowList.Count == 0 ? 0 : rowList.Max(r => r.Length);
        var widths = Enumerable.Range(0, columns).Select(c => columns <= 2 ? 9000 / Math.Max(1, columns) : c == 0 ? 700 : c == 1 ? 4000 : (9000 - 4700) / (columns - 2)).ToList();
        var properties = new W.TableProperties(new W.TableWidth { Width = "9000", Type = W.TableWidthUnitValues.Dxa }, new W.TableLayout { Type = W.TableLayoutValues.Fixed });
        if (borders)
        {
            properties.Append(new W.TableBorders(
                new W.TopBorder { Val = W.BorderValues.Single, Size = 4 }, new W.LeftBorder { Val = W.BorderValues.Single, Size = 4 },
                new W.BottomBorder { Val = W.BorderValues.Single, Size = 4 }, new W.RightBorder { Val = W.BorderValues.Single, Size = 4 },
                new W.InsideHorizontalBorder { Val = W.BorderValues.Single, Size = 4 }, new W.InsideVerticalBorder { Val = W.BorderValues.Single, Size = 4 }));
        }
        table.Append(properties);
        table.Append(new W.TableGrid(widths.Select(w => new W.GridColumn { Width = w.ToString(System.Globalization.CultureInfo.InvariantCulture) })));
        var width = 0;
        foreach (var cells in rowList)
        {
            width = Math.Max(width, cells.Length);
            var row = new W.TableRow();
            foreach (var text in cells)
            {
                var cell = new W.TableCell();
                if (cells.Length == 1 && width > 1)
                {
                    cell.Append(new W.TableCellProperties(new W.GridSpan { Val = width }));
                }
                // A cell's units may sit on separate lines in Word.
                foreach (var line in text.Split('\n'))
                {
                    cell.Append(Paragraph(line));
                }
                row.Append(cell);
            }
            table.Append(row);
        }
        return table;
    }

    public static byte[] Xlsx(params (string Name, IEnumerable<string[]> Rows)[] sheets)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new S.Workbook(new S.Sheets());
            uint id = 1;
            foreach (var (name, rows) in sheets)
            {
                var part = workbook.AddNewPart<WorksheetPart>();
                var data = new S.SheetData();
                uint r = 1;
                foreach (var cells in rows)
                {
                    var row = new S.Row { RowIndex = r };
                    for (var c = 0; c < cells.Length; c++)
                    {
                        if (cells[c].Length == 0)
                        {
                            continue;
                        }
                        row.Append(new S.Cell
                        {
                            CellReference = $"{(char)('A' + c)}{r}",
                            DataType = S.CellValues.InlineString,
                            InlineString = new S.InlineString(new S.Text(cells[c])),
                        });
                    }
                    data.Append(row);
                    r++;
                }
                part.Worksheet = new S.Worksheet(data);
                workbook.Workbook.Sheets!.Append(new S.Sheet { Name = name, SheetId = id++, Id = workbook.GetIdOfPart(part) });
            }
        }
        return stream.ToArray();
    }

    /// <summary>Merges cell ranges ("A3:A5") of the first sheet of <paramref name="xlsx"/>, as Excel's 合并单元格 does.</summary>
    public static byte[] WithMergedCells(byte[] xlsx, params string[] ranges)
    {
        using var stream = new MemoryStream();
        stream.Write(xlsx);
        using (var document = SpreadsheetDocument.Open(stream, true))
        {
            var worksheet = document.WorkbookPart!.WorksheetParts.First().Worksheet!;
            worksheet.InsertAfter(new S.MergeCells(ranges.Select(r => new S.MergeCell { Reference = r })), worksheet.GetFirstChild<S.SheetData>());
            worksheet.Save();
        }
        return stream.ToArray();
    }

    /// <summary>
    /// A hostile .docx: one paragraph inside <paramref name="depth"/> nested content controls (w:sdt/w:sdtContent), every
    /// part stored uncompressed, so that no compression ratio gives it away (20,000 levels: 880 KB).
    /// </summary>
    public static byte[] NestedDocx(int depth)
    {
        var open = string.Concat(Enumerable.Repeat("<w:sdt><w:sdtContent>", depth));
        var close = string.Concat(Enumerable.Repeat("</w:sdtContent></w:sdt>", depth));
        var xml = $"<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>{open}<w:p><w:r><w:t>1. 推进某项工作。</w:t></w:r></w:p>{close}</w:body></w:document>";
        return Stored(Docx(body => body.Append(Paragraph("清单"))), name => name == "word/document.xml", xml);
    }

    /// <summary>A hostile .xlsx: the first row's cells as given, then <paramref name="depth"/> rows nested in each other inside sheetData, stored uncompressed.</summary>
    public static byte[] NestedXlsx(string[] firstRow, int depth)
    {
        var cells = string.Concat(firstRow.Select((text, c) => $"<c r=\"{(char)('A' + c)}1\" t=\"inlineStr\"><is><t>{text}</t></is></c>"));
        var open = string.Concat(Enumerable.Repeat("<row>", depth));
        var close = string.Concat(Enumerable.Repeat("</row>", depth));
        var xml = $"<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData><row r=\"1\">{cells}</row>{open}{close}</sheetData></worksheet>";
        return Stored(Xlsx(("Sheet1", [firstRow])), name => name.StartsWith("xl/worksheets/", StringComparison.Ordinal), xml);
    }

    /// <summary>The package with the parts <paramref name="replace"/> picks holding <paramref name="xml"/>, every part stored uncompressed.</summary>
    private static byte[] Stored(byte[] package, Func<string, bool> replace, string xml)
    {
        using var output = new MemoryStream();
        using (var source = new ZipArchive(new MemoryStream(package), ZipArchiveMode.Read))
        using (var target = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var entry in source.Entries)
            {
                using var to = target.CreateEntry(entry.FullName, CompressionLevel.NoCompression).Open();
                if (replace(entry.FullName))
                {
                    to.Write(Encoding.UTF8.GetBytes(xml));
                }
                else
                {
                    using var from = entry.Open();
                    from.CopyTo(to);
                }
            }
        }
        return output.ToArray();
    }

    /// <summary>The ledger as comparable lines: categories with counts, items with every parsed field.</summary>
    public static IReadOnlyList<string> Ledger(ParsedList list) =>
        list.Categories.SelectMany(Flatten).Select(c => $"C {c.Path} {c.Title} {c.DeclaredCount} {c.ItemCount}")
            .Concat(list.Items.Select(i =>
                $"I {i.CategoryPath} {i.Number} {i.ShortTitle} {i.Text} | {string.Join(",", i.LeadUnits)} | {string.Join(",", i.ResponsibleUnits.Order())} | {string.Join(",", i.GroupReferences.Order())} | {i.Deadline} {i.DeadlineText} {i.Ongoing}"))
            .ToList();

    private static IEnumerable<string> Ancestors(string path)
    {
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 1; i <= parts.Length; i++)
        {
            yield return string.Join("/", parts.Take(i));
        }
    }

    private static IEnumerable<ParsedCategory> Flatten(ParsedCategory category) => category.Children.SelectMany(Flatten).Prepend(category);
}
