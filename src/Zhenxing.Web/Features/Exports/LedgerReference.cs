using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.CustomProperties;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.VariantTypes;

namespace Zhenxing.Web.Features.Exports;

/// <summary>
/// "ZX-3-17": the 台账编号 column of the .xlsx and .docx exports — list 3, item 17. Visible and plain text, so it survives
/// what offices do to a file (editing, re-sorting, deleting rows, pasting rows into a new workbook, renaming the
/// header); a re-import recognises each row's item, and by them the list, whatever the title or document number says.
/// </summary>
public static partial class LedgerReference
{
    public const string ColumnName = "台账编号";

    public static string Format(int listId, int itemId) => $"ZX-{listId}-{itemId}";

    /// <summary>A cell holding a reference, as typed or re-typed (full-width dashes, spaces, lower case).</summary>
    public static (int ListId, int ItemId)? TryParse(string? cell) =>
        cell is not null && Pattern().Match(cell) is { Success: true } m
        && int.TryParse(m.Groups["list"].Value, out var list) && int.TryParse(m.Groups["item"].Value, out var item)
            ? (list, item) : null;

    /// <summary>
    /// A short hash of the cells an office may edit (序号, 事项名称, 牵头单位, 责任单位, 完成时限) as the export wrote them:
    /// kept with the export, it tells on re-import whether the ledger changed the item since, and whether the file did.
    /// </summary>
    public static string Fingerprint(string number, string text, string leadCell, string responsibleCell, string deadlineCell) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\u001f', number, text, leadCell, responsibleCell, deadlineCell))))[..8];

    [GeneratedRegex(@"^\s*ZX\s*[-－—–_]\s*(?<list>\d{1,9})\s*[-－—–_]\s*(?<item>\d{1,9})\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex Pattern();
}

/// <summary>
/// What an export held: per list, each exported item with the fingerprint of its cells. Kept in the file's custom
/// document properties (Excel, WPS and Word keep them on saving), so that a re-import knows which items a filtered
/// export left out (they are not withdrawn) and which rows were deleted (they are), and which items the ledger changed
/// since the export. Rows pasted into a new workbook lose it: then nothing is withdrawn, and the preview says so.
/// </summary>
public sealed class ExportStamp
{
    private const string Marker = "振兴台账导出";
    private const string ListPrefix = "振兴台账清单";
    private const string PropertySet = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}";
    // Excel and WPS keep a text property of at most 255 characters.
    private const int MaxValue = 255;
    private const long MaxPartBytes = 16L * 1024 * 1024;

    public ExportStamp(IReadOnlyDictionary<int, IReadOnlyDictionary<int, string>> lists) => Lists = lists;

    /// <summary>List id → item id → fingerprint of the exported cells.</summary>
    public IReadOnlyDictionary<int, IReadOnlyDictionary<int, string>> Lists { get; }

    public static void Write(OpenXmlPackage package, LedgerExportData data)
    {
        var part = package switch
        {
            SpreadsheetDocument sheet => sheet.AddCustomFilePropertiesPart(),
            WordprocessingDocument word => word.AddCustomFilePropertiesPart(),
            _ => throw new ArgumentException("An export is a workbook or a Word document.", nameof(package)),
        };
        var properties = new Properties();
        var pid = 2;
        void Add(string name, string value) =>
            properties.Append(new CustomDocumentProperty(new VTLPWSTR(value)) { FormatId = PropertySet, PropertyId = pid++, Name = name });
        Add(Marker, "1");
        foreach (var list in data.Lists.Where(l => l.Id > 0))
        {
            var chunk = new StringBuilder();
            var n = 0;
            foreach (var row in list.Items.Where(r => r.Id > 0))
            {
                var entry = $"{row.Id}:{LedgerExportData.Fingerprint(row)};";
                if (chunk.Length + entry.Length > MaxValue)
                {
                    Add($"{ListPrefix}{list.Id}-{++n}", chunk.ToString());
                    chunk.Clear();
                }
                chunk.Append(entry);
            }
            Add($"{ListPrefix}{list.Id}-{++n}", chunk.ToString());
        }
        part.Properties = properties;
    }

    /// <summary>The stamp of an .xlsx or .docx made by the export; null for any other file, or one the stamp was lost from.</summary>
    public static ExportStamp? Read(byte[] content)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(content), ZipArchiveMode.Read);
            var entry = zip.GetEntry("docProps/custom.xml");
            if (entry is null || entry.Length > MaxPartBytes)
            {
                return null;
            }
            // The declared size can lie: read no more than the limit.
            using var stream = entry.Open();
            using var buffer = new MemoryStream();
            var chunk = new byte[81920];
            int read;
            while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
            {
                buffer.Write(chunk, 0, read);
                if (buffer.Length > MaxPartBytes)
                {
                    return null;
                }
            }
            buffer.Position = 0;
            var xml = XDocument.Load(buffer);
            var values = (xml.Root?.Elements() ?? []).Select(p => (Name: (string?)p.Attribute("name") ?? "", Value: p.Value)).ToList();
            if (!values.Any(v => v.Name == Marker))
            {
                return null;
            }
            var lists = new Dictionary<int, IReadOnlyDictionary<int, string>>();
            foreach (var (name, value) in values.Where(v => v.Name.StartsWith(ListPrefix, StringComparison.Ordinal)))
            {
                var listText = name[ListPrefix.Length..].Split('-')[0];
                if (!int.TryParse(listText, out var listId))
                {
                    continue;
                }
                var items = (Dictionary<int, string>)(lists.TryGetValue(listId, out var existing) ? existing : lists[listId] = new Dictionary<int, string>());
                foreach (var pair in value.Split(';', StringSplitOptions.RemoveEmptyEntries))
                {
                    var parts = pair.Split(':');
                    if (parts.Length == 2 && int.TryParse(parts[0], out var itemId))
                    {
                        items[itemId] = parts[1];
                    }
                }
            }
            return new ExportStamp(lists);
        }
        catch (Exception ex) when (ex is InvalidDataException or System.Xml.XmlException or IOException)
        {
            return null;
        }
    }
}
