using Microsoft.EntityFrameworkCore;
using Zhenxing.Web.Data;

namespace Zhenxing.Web.Features.Items;

/// <summary>An item as a sentence names it: its list, its category path where numbers restart ("三/（一）") and its number.</summary>
public sealed record ItemReference(int ItemId, int ListId, string ListName, string CategoryPath, int Position, string Number)
{
    /// <summary>"赣苏振领发〔2020〕1号第2项", "《蓉江新区2021年重点工作清单》三（一）第4项".</summary>
    public string Text => ItemReferences.Join([this]);
}

/// <summary>
/// Item references in sentences name their list — by its document number, else its title in 《》 — grouped per list
/// ("赣苏振领发〔2020〕1号第2、4项；《蓉江新区…》第1项"), each item once. Where numbers restart in each category and two
/// named items share a number, the category path comes first ("三（一）第4项、三（二）第4项").
/// </summary>
public static class ItemReferences
{
    public static string ListName(string title, string? documentNumber) =>
        documentNumber is { Length: > 0 } number ? number : $"《{title}》";

    public static string Join(IEnumerable<ItemReference> items)
    {
        var distinct = items.DistinctBy(i => i.ItemId).ToList();
        var lists = distinct.GroupBy(i => (i.ListId, i.ListName)).OrderBy(g => g.Key.ListId);
        return string.Join("；", lists.Select(list =>
        {
            var ordered = list.OrderBy(i => i.Position).ThenBy(i => i.ItemId).ToList();
            var numbersRepeat = ordered.GroupBy(i => i.Number).Any(g => g.Count() > 1);
            if (!numbersRepeat)
            {
                return $"{list.Key.ListName}第{string.Join("、", ordered.Select(i => i.Number))}项";
            }
            var byCategory = ordered.GroupBy(i => i.CategoryPath)
                .Select(c => $"{c.Key.Replace("/", "")}第{string.Join("、", c.Select(i => i.Number))}项");
            return list.Key.ListName + string.Join("、", byCategory);
        }));
    }

    /// <summary>The references of the given items, by item id.</summary>
    public static async Task<Dictionary<int, ItemReference>> LoadAsync(ZhenxingDb db, IReadOnlyCollection<int> itemIds, CancellationToken cancellationToken)
    {
        var ids = itemIds.Distinct().ToList();
        return await db.Items.AsNoTracking().Where(i => ids.Contains(i.Id))
            .Select(i => new
            {
                i.Id, i.ItemListId, i.ItemList!.Title, i.ItemList.DocumentNumber, Path = i.Category == null ? "" : i.Category.Path, i.Position, i.Number,
            })
            .ToDictionaryAsync(i => i.Id, i => new ItemReference(i.Id, i.ItemListId, ListName(i.Title, i.DocumentNumber), i.Path, i.Position, i.Number), cancellationToken);
    }
}
