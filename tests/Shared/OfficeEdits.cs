using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using S = DocumentFormat.OpenXml.Spreadsheet;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace Zhenxing.Testing;

/// <summary>
/// Edits an exported .xlsx or .docx the way an office does in Excel, WPS or Word: cells changed, rows deleted, added
/// and re-sorted, columns added, rows pasted into a new workbook. Each sheet (or Word table) is handed to the edit as
/// rows of cell texts; what the edit leaves is written back, as those programs save it (shared strings, no merges).
/// </summary>
public static class OfficeEdits
{
    public static byte[] EditXlsx(byte[] content, Action<List<List<string[]>>> edit)
    {
        using var stream = new MemoryStream();
        stream.Write(content);
        using (var document = SpreadsheetDocument.Open(stream, true))
        {
            var workbook = document.WorkbookPart!;
            var parts = workbook.Workbook!.Sheets!.Elements<S.Sheet>().Select(s => (WorksheetPart)workbook.GetPartById(s.Id!)).ToList();
            var strings = workbook.SharedStringTablePart?.SharedStringTable?.Elements<S.SharedStringItem>().Select(i => i.InnerText).ToList() ?? [];
            var sheets = parts.Select(p => ReadRows(p, strings)).ToList();
            edit(sheets);
            var table = new S.SharedStringTable();
            var index = new Dictionary<string, int>();
            for (var s = 0; s < parts.Count; s++)
            {
                WriteRows(parts[s], sheets[s], table, index);
            }
            var stringsPart = workbook.SharedStringTablePart ?? workbook.AddNewPart<SharedStringTablePart>();
            stringsPart.SharedStringTable = table;
        }
        return stream.ToArray();
    }

    /// <summary>The rows an edit picks, pasted as values into a new workbook (one sheet, no title rows unless picked, no document properties).</summary>
    public static byte[] PasteIntoNewWorkbook(byte[] content, Func<List<List<string[]>>, List<string[]>> pick)
    {
        List<string[]> rows = [];
        EditXlsx(content, sheets => rows = pick(sheets));
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new S.Workbook();
            var part = workbook.AddNewPart<WorksheetPart>();
            part.Worksheet = new S.Worksheet(new S.SheetData());
            var table = new S.SharedStringTable();
            WriteRows(part, rows, table, []);
            workbook.AddNewPart<SharedStringTablePart>().SharedStringTable = table;
            workbook.Workbook.Append(new S.Sheets(new S.Sheet { Id = workbook.GetIdOfPart(part), SheetId = 1, Name = "Sheet1" }));
        }
        return stream.ToArray();
    }

    private static List<string[]> ReadRows(WorksheetPart part, List<string> strings) =>
        part.Worksheet!.Descendants<S.Row>().Select(row =>
        {
            var cells = new List<string>();
            foreach (var cell in row.Elements<S.Cell>())
            {
                var column = Column(cell.CellReference!.Value!);
                while (cells.Count < column - 1)
                {
                    cells.Add("");
                }
                cells.Add(cell.DataType?.Value == S.CellValues.SharedString ? strings[int.Parse(cell.CellValue!.Text)]
                    : cell.InlineString?.InnerText ?? cell.CellValue?.Text ?? "");
            }
            return cells.ToArray();
        }).ToList();

    private static void WriteRows(WorksheetPart part, List<string[]> rows, S.SharedStringTable table, Dictionary<string, int> index)
    {
        var data = new S.SheetData();
        for (var r = 0; r < rows.Count; r++)
        {
            var row = new S.Row { RowIndex = (uint)r + 1 };
            for (var c = 0; c < rows[r].Length; c++)
            {
                if (rows[r][c].Length == 0)
                {
                    continue;
                }
                if (!index.TryGetValue(rows[r][c], out var i))
                {
                    i = index[rows[r][c]] = index.Count;
                    table.Append(new S.SharedStringItem(new S.Text(rows[r][c])));
                }
                row.Append(new S.Cell { CellReference = $"{Letter(c + 1)}{r + 1}", DataType = S.CellValues.SharedString, CellValue = new S.CellValue(i) });
            }
            data.Append(row);
        }
        var worksheet = part.Worksheet!;
        worksheet.RemoveAllChildren<S.MergeCells>();
        worksheet.ReplaceChild(data, worksheet.GetFirstChild<S.SheetData>()!);
    }

    /// <summary>Each Word table as rows of cell texts; a row the edit adds is a copy of the table's last row with its texts.</summary>
    public static byte[] EditDocx(byte[] content, Action<List<List<string[]>>> edit)
    {
        using var stream = new MemoryStream();
        stream.Write(content);
        using (var document = WordprocessingDocument.Open(stream, true))
        {
            var tables = document.MainDocumentPart!.Document!.Body!.Elements<W.Table>().ToList();
            var rows = tables.Select(t => t.Elements<W.TableRow>().ToList()).ToList();
            var texts = rows.Select(t => t.Select(r => r.Elements<W.TableCell>().Select(c => c.InnerText).ToArray()).ToList()).ToList();
            var original = texts.SelectMany((t, ti) => t.Select((cells, ri) => (cells, row: rows[ti][ri]))).ToDictionary(p => (object)p.cells, p => p.row, ReferenceEqualityComparer.Instance);
            edit(texts);
            for (var t = 0; t < tables.Count; t++)
            {
                var template = rows[t][^1];
                foreach (var row in rows[t])
                {
                    row.Remove();
                }
                foreach (var cells in texts[t])
                {
                    var row = original.TryGetValue(cells, out var kept) ? kept : (W.TableRow)template.CloneNode(true);
                    var wordCells = row.Elements<W.TableCell>().ToList();
                    for (var c = 0; c < wordCells.Count && c < cells.Length; c++)
                    {
                        if (wordCells[c].InnerText != cells[c])
                        {
                            wordCells[c].RemoveAllChildren<W.Paragraph>();
                            wordCells[c].Append(new W.Paragraph(new W.Run(new W.Text(cells[c]) { Space = SpaceProcessingModeValues.Preserve })));
                        }
                    }
                    tables[t].Append(row);
                }
            }
        }
        return stream.ToArray();
    }

    private static int Column(string reference) => reference.TakeWhile(char.IsLetter).Aggregate(0, (n, c) => n * 26 + c - 'A' + 1);

    private static string Letter(int column) => column <= 26 ? ((char)('A' + column - 1)).ToString() : Letter((column - 1) / 26) + (char)('A' + (column - 1) % 26);
}
