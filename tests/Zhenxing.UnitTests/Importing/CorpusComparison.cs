using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Zhenxing.Importing;

namespace Zhenxing.UnitTests.Importing;

/// <summary>How a corpus document came out: every expectation met, wrong but the importer said what it doubts, or wrong and silent.</summary>
public enum CorpusOutcome
{
    SilentlyWrong = 0,
    Flagged = 1,
    Exact = 2,
}

/// <summary>One difference from the hand-written expectation; <see cref="Item"/> is null for a document-level one (rows, categories).</summary>
public sealed record CorpusMismatch(string What, ParsedItem? Item, bool Flagged)
{
    public override string ToString() => $"{What}{(Flagged ? "（已提示）" : "（未提示）")}";
}

public sealed record CorpusResult(string Name, IReadOnlyList<CorpusMismatch> Mismatches)
{
    public CorpusOutcome Outcome =>
        Mismatches.Count == 0 ? CorpusOutcome.Exact : Mismatches.All(m => m.Flagged) ? CorpusOutcome.Flagged : CorpusOutcome.SilentlyWrong;
}

public sealed record CorpusExpectation(int? Year, string? Ambiguous, IReadOnlyList<CorpusExpectedList> Lists);

public sealed record CorpusExpectedList(int Rows, IReadOnlyList<CorpusExpectedCategory> Categories, IReadOnlyList<CorpusExpectedItem> Items);

public sealed record CorpusExpectedCategory(string Name, int Count, IReadOnlyList<CorpusExpectedCategory>? Children);

public sealed record CorpusExpectedItem(
    string? Number,
    string TextStartsWith,
    IReadOnlyList<string> LeadUnits,
    IReadOnlyList<string> ResponsibleUnits,
    string? Deadline,
    string? DeadlineText,
    string? Leader,
    string? Ambiguous);

/// <summary>
/// Compares a parsed document with a corpus expectation (tests/…/Importing/Corpus/NN_slug.expected.json). A mismatch counts as
/// flagged when the importer said what it doubts: a doubt on the item, an error or warning at the item's line, or — for a
/// document-level difference — any error, warning or doubt in the document.
/// </summary>
public static class CorpusComparison
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
    };

    public static string Directory => Path.Combine(RepositoryRoot(), "tests", "Zhenxing.UnitTests", "Importing", "Corpus");

    public static IReadOnlyList<string> Names =>
        System.IO.Directory.GetFiles(Directory, "*.txt").Select(Path.GetFileNameWithoutExtension).OfType<string>().Order(StringComparer.Ordinal).ToList();

    public static CorpusExpectation Expectation(string name) =>
        JsonSerializer.Deserialize<CorpusExpectation>(File.ReadAllText(Path.Combine(Directory, name + ".expected.json")), JsonOptions)
        ?? throw new InvalidOperationException($"{name}.expected.json is empty");

    public static ParsedDocument Import(string name, CorpusExpectation expectation) =>
        new DocumentImporter().Parse(File.ReadAllBytes(Path.Combine(Directory, name + ".txt")), name + ".txt", new ImportOptions { Year = expectation.Year });

    public static CorpusResult Run(string name)
    {
        var expectation = Expectation(name);
        return new CorpusResult(name, Compare(Import(name, expectation), expectation));
    }

    public static IReadOnlyList<CorpusMismatch> Compare(ParsedDocument document, CorpusExpectation expectation)
    {
        var mismatches = new List<CorpusMismatch>();
        var documentSaysSomething = document.Errors.Count > 0 || document.Warnings.Count > 0 || document.Lists.Any(l => l.Items.Any(i => i.Doubts.Count > 0));
        void Document(string what) => mismatches.Add(new CorpusMismatch(what, null, documentSaysSomething));

        var items = document.Lists.SelectMany(l => l.Items).ToList();
        var expectedRows = expectation.Lists.Sum(l => l.Rows);
        if (items.Count != expectedRows)
        {
            Document($"条目数 {items.Count}，应为 {expectedRows}");
        }
        var categories = Describe(document.Lists.SelectMany(l => l.Categories));
        var expectedCategories = Describe(expectation.Lists.SelectMany(l => l.Categories));
        if (categories != expectedCategories)
        {
            Document($"类别 [{categories}]，应为 [{expectedCategories}]");
        }
        var used = new HashSet<ParsedItem>();
        foreach (var expected in expectation.Lists.SelectMany(l => l.Items))
        {
            var item = Find(items, expected, used);
            if (item is null)
            {
                Document($"未找到条目 {expected.Number ?? "（无序号）"}“{expected.TextStartsWith}”");
                continue;
            }
            used.Add(item);
            var flagged = item.Doubts.Count > 0 || document.Errors.Concat(document.Warnings).Any(m => m.Location.Line == item.Location.Line);
            void Item(string what) => mismatches.Add(new CorpusMismatch($"条目 {item.Number}：{what}", item, flagged));

            if (expected.Number is not null && NumberKey(expected.Number) != NumberKey(item.Number))
            {
                Item($"序号“{item.Number}”，应为“{expected.Number}”");
            }
            if (!Key(item.Text).StartsWith(Key(expected.TextStartsWith), StringComparison.Ordinal))
            {
                Item($"正文以“{Preview(item.Text)}”开头，应为“{expected.TextStartsWith}”");
            }
            CompareUnits("牵头单位", item.LeadUnits, expected.LeadUnits, Item);
            // Collective units (各街道, 区直各部门) are responsible units in the expectations; the importer keeps them apart.
            CompareUnits("责任单位", item.ResponsibleUnits.Concat(item.GroupReferences).ToList(), expected.ResponsibleUnits, Item);
            var deadline = item.Deadline?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            if (deadline != expected.Deadline)
            {
                Item($"完成时限 {deadline ?? "无"}，应为 {expected.Deadline ?? "无"}");
            }
            if (expected.Leader is not null && !item.Leaders.Select(Key).Contains(Key(expected.Leader)))
            {
                Item($"责任领导 [{string.Join("、", item.Leaders)}]，应为 {expected.Leader}");
            }
        }
        return mismatches;
    }

    private static void CompareUnits(string role, IReadOnlyList<string> actual, IReadOnlyList<string> expected, Action<string> report)
    {
        if (!actual.Select(Key).Order(StringComparer.Ordinal).SequenceEqual(expected.Select(Key).Order(StringComparer.Ordinal)))
        {
            report($"{role} [{string.Join("、", actual)}]，应为 [{string.Join("、", expected)}]");
        }
    }

    private static ParsedItem? Find(IReadOnlyList<ParsedItem> items, CorpusExpectedItem expected, HashSet<ParsedItem> used)
    {
        var candidates = items.Where(i => !used.Contains(i)).ToList();
        var start = Key(expected.TextStartsWith);
        return candidates.FirstOrDefault(i => Key(i.Text).StartsWith(start, StringComparison.Ordinal))
            ?? (expected.Number is null ? null : candidates.FirstOrDefault(i => NumberKey(i.Number) == NumberKey(expected.Number)));
    }

    private static string Describe(IEnumerable<ParsedCategory> categories) =>
        string.Join("；", categories.Select(c => $"{Key(c.Title)}:{c.ItemCount}" + (c.Children.Count > 0 ? $"[{Describe(c.Children)}]" : "")));

    private static string Describe(IEnumerable<CorpusExpectedCategory> categories) =>
        string.Join("；", categories.Select(c => $"{Key(c.Name)}:{c.Count}" + (c.Children is { Count: > 0 } children ? $"[{Describe(children)}]" : "")));

    /// <summary>Whitespace removed and full-width punctuation folded, as the corpus keeps the stored page's half-width marks.</summary>
    public static string Key(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c) || c == '\u3000')
            {
                continue;
            }
            sb.Append(c switch
            {
                '（' => '(',
                '）' => ')',
                '，' => ',',
                '：' => ':',
                '；' => ';',
                '．' => '.',
                _ => c,
            });
        }
        return sb.ToString().TrimEnd('。');
    }

    private static string NumberKey(string number) => Key(number).Trim('.', '、', '(', ')');

    private static string Preview(string text) => text.Length <= 12 ? text : text[..12];

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Zhenxing.slnx")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("Zhenxing.slnx not found above the test output folder");
    }
}
