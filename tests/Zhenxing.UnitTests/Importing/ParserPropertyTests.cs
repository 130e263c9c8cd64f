using System.Text;
using System.Text.Json;
using FsCheck;
using FsCheck.Xunit;
using Zhenxing.Importing;

namespace Zhenxing.UnitTests.Importing;

/// <summary>Random and mutated documents: the parser never throws and never loses a row it reported.</summary>
public class ParserPropertyTests
{
    private static readonly string[][] SeedLines = new[] { "000", "001", "002", "003", "004" }.Select(s => Seeds.Text(s).Split('\n')).ToArray();

    private static readonly string[] Fragments =
        ["\t", "\t\t\t", "|", "（十三）", "一、", "1. ", "（共 5 项）", "(8 项)", "８月底前", "——", "牵头单位：", "**", "序号\t事项名称\t牵头单位", "\uFFFD", "附件", "\0"];

    [Property(MaxTest = 300)]
    public bool Parse_RandomText_NeverThrowsAndKeepsReportedRows(string? text) =>
        Holds(Encoding.UTF8.GetBytes(text ?? ""));

    [Property(MaxTest = 200)]
    public bool Parse_RandomBytes_NeverThrows(byte[]? bytes) => Holds(bytes ?? []);

    [Property(MaxTest = 300)]
    public bool Parse_MutatedSeed_NeverThrowsAndKeepsReportedRows(NonNegativeInt seed, int[]? operations)
    {
        var lines = SeedLines[seed.Get % SeedLines.Length].ToList();
        foreach (var op in operations ?? [])
        {
            Mutate(lines, op);
        }
        return Holds(Encoding.UTF8.GetBytes(string.Join('\n', lines)));
    }

    [Property(MaxTest = 100)]
    public bool Parse_RandomDocxTable_NeverThrowsAndKeepsReportedRows(string[][]? grid)
    {
        var rows = (grid ?? []).Where(r => r is not null).Select(r => r.Select(c => Sanitize(c ?? "")).DefaultIfEmpty("").ToArray()).ToList();
        rows.Insert(0, ["序号", "事项名称", "牵头单位", "责任单位", "完成时限"]);
        return Holds(OfficeFixtures.Docx("2021年清单", null, rows));
    }

    [Property(MaxTest = 60)]
    public bool Parse_GeneratedTable_ReportsEveryRowInEveryFormat(PositiveInt[]? categorySizes, string[]? words)
    {
        var sizes = (categorySizes ?? []).Take(8).Select(n => 1 + n.Get % 15).DefaultIfEmpty(1).ToArray();
        var vocabulary = (words ?? []).Select(w => new string((w ?? "").Where(char.IsLetterOrDigit).Take(20).ToArray())).DefaultIfEmpty("").ToArray();
        var rows = new List<string[]> { new[] { "序号", "事项名称", "牵头单位", "责任单位", "完成时限" } };
        var expected = new List<string>();
        for (var c = 0; c < sizes.Length; c++)
        {
            rows.Add([$"{"一二三四五六七八"[c]}、类别{c}（{sizes[c]}项）", "", "", "", ""]);
            for (var i = 1; i <= sizes[c]; i++)
            {
                var itemText = $"推进{vocabulary[(c * 31 + i) % vocabulary.Length]}第{i}项工作。";
                expected.Add(itemText);
                rows.Add([i.ToString(System.Globalization.CultureInfo.InvariantCulture), itemText, $"市第{c}局", i % 3 == 0 ? "" : "市财政局、各县（市、区）", "12月底前"]);
            }
        }
        var title = new[] { "2021年重大事项清单" };
        var text = string.Join('\n', rows.Prepend(title).Select(r => string.Join('\t', r)));
        var formats = new[]
        {
            Encoding.UTF8.GetBytes(text),
            OfficeFixtures.Docx(title[0], null, rows),
            OfficeFixtures.Xlsx(("Sheet1", rows.Prepend(title))),
        };
        return formats.All(content =>
        {
            var document = new DocumentImporter().Parse(content, "generated");
            var list = document.Lists.SingleOrDefault();
            return document.Errors.Count == 0 && list is not null
                && list.Items.Select(i => i.Text).SequenceEqual(expected)
                && list.Categories.Select(c => c.ItemCount).SequenceEqual(sizes)
                && list.Items.All(i => i.Deadline == new DateOnly(2021, 12, 31) && i.LeadUnits.Count == 1);
        });
    }

    [Property(MaxTest = 60)]
    public bool Parse_MutatedSeedTableAsDocxAndXlsx_NeverThrowsAndKeepsReportedRows(int[]? operations)
    {
        var rows = OfficeFixtures.Rows(Seeds.Parse("001").Lists[0]).Select(r => r.ToArray()).ToList();
        foreach (var op in operations ?? [])
        {
            var n = Math.Abs((long)op);
            var at = (int)(n / 5 % rows.Count);
            var row = rows[at];
            if (row.Length == 0)
            {
                rows[at] = row = [""];
            }
            switch (n % 5)
            {
                case 0 when rows.Count > 1:
                    rows.RemoveAt(at);
                    break;
                case 1:
                    rows.Insert(at, row);
                    break;
                case 2:
                    row[(int)(n / 5 % row.Length)] = "";
                    break;
                case 3:
                    rows[at] = row.Skip(1).ToArray();
                    break;
                default:
                    row[(int)(n / 5 % row.Length)] = Fragments[(int)(n % Fragments.Length)].Replace("\0", "");
                    break;
            }
        }
        return Holds(OfficeFixtures.Docx("2021年清单", 18, rows)) && Holds(OfficeFixtures.Xlsx(("Sheet1", rows)));
    }

    private static void Mutate(List<string> lines, int op)
    {
        if (lines.Count == 0)
        {
            lines.Add("");
        }
        var n = Math.Abs((long)op);
        var at = (int)(n / 7 % lines.Count);
        var fragment = Fragments[(int)(n / 7 % Fragments.Length)];
        switch (n % 7)
        {
            case 0:
                lines.RemoveAt(at);
                break;
            case 1:
                lines.Insert(at, lines[at]);
                break;
            case 2 when at + 1 < lines.Count:
                (lines[at], lines[at + 1]) = (lines[at + 1], lines[at]);
                break;
            case 3:
                lines[at] = lines[at].Insert(lines[at].Length / 2, "\t");
                break;
            case 4:
                lines[at] = lines[at][..(lines[at].Length / 2)];
                break;
            case 5:
                lines[at] = lines[at].Insert(lines[at].Length / 3, fragment);
                break;
            default:
                lines[at] = new string(lines[at].Select(c => c is >= '0' and <= '9' ? (char)(c - '0' + '０') : c).ToArray());
                break;
        }
    }

    private static bool Holds(byte[] content)
    {
        ParsedDocument document;
        try
        {
            document = new DocumentImporter().Parse(content, "property.txt");
        }
        catch (Exception)
        {
            return false;
        }
        using var json = JsonDocument.Parse(document.ToJson());
        var jsonLists = json.RootElement.GetProperty("lists");
        if (jsonLists.GetArrayLength() != document.Lists.Count || document.Errors.Count == 0 && document.Lists.Count == 0 && document.Pairings.Count == 0)
        {
            return false;
        }
        for (var l = 0; l < document.Lists.Count; l++)
        {
            var list = document.Lists[l];
            if (jsonLists[l].GetProperty("items").GetArrayLength() != list.Items.Count)
            {
                return false;
            }
            var uncategorised = list.Items.Count(i => i.CategoryPath.Length == 0);
            if (list.Categories.Sum(c => c.ItemCount) + uncategorised != list.Items.Count)
            {
                return false;
            }
            foreach (var category in list.Categories.SelectMany(Flatten))
            {
                var inside = list.Items.Count(i => i.CategoryPath == category.Path || i.CategoryPath.StartsWith(category.Path + "/", StringComparison.Ordinal));
                if (inside != category.ItemCount)
                {
                    return false;
                }
            }
            if (list.Items.Any(i => i.Location.Line < 1 || i.Text.Contains('\n')))
            {
                return false;
            }
        }
        return true;
    }

    private static string Sanitize(string s) => new(s.Where(c => !char.IsControl(c) && !char.IsSurrogate(c)).ToArray());

    private static IEnumerable<ParsedCategory> Flatten(ParsedCategory category) => category.Children.SelectMany(Flatten).Prepend(category);
}
