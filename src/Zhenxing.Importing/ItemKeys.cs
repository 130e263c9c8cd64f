namespace Zhenxing.Importing;

/// <summary>
/// The keys that tell the items of a list apart across readings of a document and across its versions: category and
/// number, and for a number that a category repeats (a typo in the document) its occurrence, so that neither copy is lost.
/// </summary>
public static class ItemKeys
{
    public static List<string> Of(IEnumerable<(string CategoryPath, string Number)> items)
    {
        var seen = new Dictionary<string, int>();
        var keys = new List<string>();
        foreach (var (path, number) in items)
        {
            var key = $"{path}|{number}";
            var occurrence = seen[key] = seen.GetValueOrDefault(key) + 1;
            keys.Add(occurrence == 1 ? key : $"{key}#{occurrence}");
        }
        return keys;
    }

    public static List<string> Of(ParsedList list) => Of(list.Items.Select(i => (i.CategoryPath, i.Number)));
}
