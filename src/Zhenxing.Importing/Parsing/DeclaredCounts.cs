using Zhenxing.Importing.Reading;

namespace Zhenxing.Importing.Parsing;

/// <summary>A declared count ("（11项）", "(共 113 项)") that does not match the rows found is an error, never hidden.</summary>
internal static class DeclaredCounts
{
    public static void Check(ParsedList list, ImportMessages messages)
    {
        var byPath = list.Items.ToLookup(i => i.CategoryPath);
        foreach (var category in list.AllCategories())
        {
            if (category.DeclaredCount is { } declared && declared != category.ItemCount)
            {
                messages.Error(category.Location, $"清单“{list.Title}”的类别“{category}”声明 {declared} 项，实际识别 {category.ItemCount} 项");
            }
            CheckNumbering(byPath[category.Path], category.ToString(), messages);
        }
        if (list.Categories.Count == 0)
        {
            CheckNumbering(byPath[""], list.Title, messages);
        }
        if (list.DeclaredTotal is { } total && total != list.Items.Count)
        {
            messages.Error(list.Location, $"清单“{list.Title}”声明共 {total} 项，实际识别 {list.Items.Count} 项");
        }
    }

    private static void CheckNumbering(IEnumerable<ParsedItem> items, string name, ImportMessages messages)
    {
        int? previous = null;
        foreach (var item in items)
        {
            if (!int.TryParse(item.Number, out var number))
            {
                continue;
            }
            if (previous is { } p && number != p + 1)
            {
                messages.Warn(item.Location, $"“{name}”中序号 {p} 之后是 {number}，可能有漏行或重复");
            }
            previous = number;
        }
    }
}
