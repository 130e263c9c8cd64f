namespace Zhenxing.Importing;

public sealed class ParsedList
{
    private readonly List<ParsedCategory> categories = [];
    private readonly List<ParsedItem> items = [];
    private readonly Dictionary<string, int> pathUses = [];

    internal ParsedList(string title, string? documentNumber, int? year, ItemListKind kind, int? declaredTotal, ImportLocation location)
    {
        Title = title;
        DocumentNumber = documentNumber;
        Year = year;
        Kind = kind;
        DeclaredTotal = declaredTotal;
        Location = location;
    }

    public string Title { get; internal set; }
    public string? DocumentNumber { get; internal set; }
    public int? Year { get; }
    public ItemListKind Kind { get; internal set; }
    public int? DeclaredTotal { get; }
    public ImportLocation Location { get; }
    /// <summary>The line (an index of the parser's lines) of the title the list was opened under; -1 when not known.</summary>
    internal int TitleIndex { get; init; } = -1;
    /// <summary>Top-level categories; nested ones are in <see cref="ParsedCategory.Children"/>.</summary>
    public IReadOnlyList<ParsedCategory> Categories => categories;
    /// <summary>All items, flattened, in document order.</summary>
    public IReadOnlyList<ParsedItem> Items => items;

    internal void AddCategory(ParsedCategory category, ParsedCategory? parent = null)
    {
        // Two categories with the same number (a repeated "一、") must still be told apart by items.
        var taken = pathUses.GetValueOrDefault(category.Path);
        pathUses[category.Path] = taken + 1;
        if (taken > 0)
        {
            category.Path += $"#{taken + 1}";
            pathUses[category.Path] = 1;
        }
        if (parent is null)
        {
            categories.Add(category);
        }
        else
        {
            parent.AddChild(category);
        }
    }

    internal void AddItem(ParsedItem item, ParsedCategory? category)
    {
        items.Add(item);
        if (category is not null)
        {
            category.DirectItemCount++;
        }
    }

    internal void ReplaceItem(int index, ParsedItem item) => items[index] = item;

    internal void RemoveLastCategory() => categories.RemoveAt(categories.Count - 1);

    /// <summary>Where each category's heading was read, nested ones included.</summary>
    public IEnumerable<ImportLocation> AllCategoryLocations() => AllCategories().Select(c => c.Location);

    internal IEnumerable<ParsedCategory> AllCategories() => categories.SelectMany(c => c.SelfAndDescendants());
}
