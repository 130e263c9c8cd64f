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
