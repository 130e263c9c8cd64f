using Zhenxing.Web.Features.Dashboard;
using Zhenxing.Web.Features.Items;

namespace Zhenxing.Web.Features.Bulletins.Sections;

/// <summary>
/// 二、各类别进展: per top category (（一）（二）…) in which something moved — the items whose status changed in the period
/// (from the audit log) and the progress reports accepted — the category's statuses at the end of the period.
/// </summary>
public sealed class CategoryProgressSection : IBulletinSection
{
    public int Order => 20;

    public Task<DraftSection?> BuildAsync(BulletinFacts facts, CancellationToken cancellationToken)
    {
        var accepted = facts.Accepted.ToLookup(r => r.ItemId);
        var severalLists = facts.Items.Select(i => i.ListId).Distinct().Count() > 1;
        var paragraphs = new List<string>();
        var place = 0;
        foreach (var category in facts.Items.GroupBy(i => (i.ListId, i.CategoryId)))
        {
            var items = category.ToList();
            var moved = items.Where(i => i.Moved).ToList();
            var reports = items.Sum(i => accepted[i.Id].Count());
            if (moved.Count == 0 && reports == 0)
            {
                continue;
            }
            var first = items[0];
            var title = first.CategoryTitle.Length > 0 ? first.CategoryTitle : "未分类事项";
            paragraphs.Add(BulletinText.SubNumber(++place) + title + (severalLists ? $"（{first.ListTitle}）" : ""));
            var text = $"本类{OfficeSentence.Of(items.Count, items.GroupBy(i => i.StatusAtEnd).Select(g => (g.Key, g.Count())))}。";
            text += moved.Count == 0
                ? "本期事项状态无变化"
                : $"本期状态变化 {moved.Count} 项：" + string.Join("；", moved.Select(i => $"{i.Name}由{(i.StatusAtStart ?? i.Changes[0].Before).ToChinese()}变为{i.StatusAtEnd.ToChinese()}"));
            text += $"。本期采纳进展报送 {reports} 份。";
            paragraphs.Add(text);
        }
        if (place == 0)
        {
            paragraphs.Add("本期各类别事项状态均无变化，也没有采纳的进展报送。");
        }
        return Task.FromResult<DraftSection?>(new DraftSection("各类别进展", paragraphs));
    }
}
