namespace Zhenxing.Importing;

public sealed class ParsedCategory
{
    private readonly List<ParsedCategory> children = [];

    internal ParsedCategory(string number, string title, int? declaredCount, ParsedCategory? parent, ImportLocation location)
    {
        Number = number;
        Title = title;
        DeclaredCount = declaredCount;
        Location = location;
        Level = parent is null ? 1 : parent.Level + 1;
        // "/" separates the levels of a path, so a title that contains one cannot keep it.
        var key = (number.Length > 0 ? number : title.Length > 0 ? title : "（未命名类别）").Replace('/', '／');
        Path = parent is null ? key : $"{parent.Path}/{key}";
    }

    /// <summary>"一", "（一）", or empty for an unnumbered category.</summary>
    public string Number { get; }
    public string Title { get; }
    public int? DeclaredCount { get; }
    /// <summary>Key an item uses to name its category, e.g. "三/（一）".</summary>
    public string Path { get; internal set; }
    public int Level { get; }
    public ImportLocation Location { get; }
    public IReadOnlyList<ParsedCategory> Children => children;
    public int ItemCount => DirectItemCount + children.Sum(c => c.ItemCount);

    internal int DirectItemCount { get; set; }

    internal void AddChild(ParsedCategory child) => children.Add(child);

    internal IEnumerable<ParsedCategory> SelfAndDescendants() => children.SelectMany(c => c.SelfAndDescendants()).Prepend(this);

    public override string ToString() => Number.Length == 0 ? Title : Number.StartsWith('（') ? $"{Number}{Title}" : $"{Number}、{Title}";
}
