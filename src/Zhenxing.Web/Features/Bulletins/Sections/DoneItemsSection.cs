using Microsoft.EntityFrameworkCore;
using Zhenxing.Web.Data;
using Zhenxing.Web.Features.Items;
using Zhenxing.Web.Features.Rounds;

namespace Zhenxing.Web.Features.Bulletins.Sections;

/// <summary>三、已落实到位事项: the items that reached 落实到位 in the period, each with the text of the lead report that said so.</summary>
public sealed class DoneItemsSection(ZhenxingDb db) : IBulletinSection
{
    public int Order => 30;

    public async Task<DraftSection?> BuildAsync(BulletinFacts facts, CancellationToken cancellationToken)
    {
        var done = facts.Items.Where(i => i.ReachedDone).ToList();
        if (done.Count == 0)
        {
            return new DraftSection("已落实到位事项", ["本期没有新落实到位的事项。"]);
        }
        var ids = done.Select(i => i.Id).ToList();
        var end = LoadBulletinFacts.StartOfDay(facts.To.AddDays(1));
        // The latest accepted lead report saying 落实到位 up to the end of the period: the report that made the item done.
        var reports = (await db.ProgressReports.AsNoTracking()
                .Where(p => ids.Contains(p.ItemId) && p.Role == ItemUnitRole.Lead && p.State == ReportState.Accepted && p.Status == ItemStatus.Done && p.ReviewedAt < end)
                .Select(p => new { p.ItemId, p.Narrative, p.ReviewedAt, p.Id })
                .ToListAsync(cancellationToken))
            .GroupBy(p => p.ItemId)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(p => p.ReviewedAt).ThenByDescending(p => p.Id).First().Narrative);
        var paragraphs = new List<string> { $"本期新落实到位事项 {done.Count} 项：" };
        paragraphs.AddRange(done.Select((item, index) =>
            $"{index + 1}. {item.Name}：" + (reports.TryGetValue(item.Id, out var narrative) && narrative.Trim().Length > 0
                ? OneLine(narrative)
                : "（由振兴办更新为落实到位，无进展报送。）")));
        return new DraftSection("已落实到位事项", paragraphs);
    }

    /// <summary>A report's text as one paragraph of the bulletin.</summary>
    public static string OneLine(string text) => string.Join("", text.ReplaceLineEndings("\n").Split('\n').Select(l => l.Trim()));
}
