using Zhenxing.Web.Features.Dashboard;
using Zhenxing.Web.Features.Items;

namespace Zhenxing.Web.Features.Bulletins.Sections;

/// <summary>一、总体情况: the office's headline sentence for the ledger at the end of the period, what moved, the rounds due.</summary>
public sealed class OverviewSection : IBulletinSection
{
    public int Order => 10;

    public Task<DraftSection?> BuildAsync(BulletinFacts facts, CancellationToken cancellationToken)
    {
        var paragraphs = new List<string>();
        var items = facts.Items;
        paragraphs.Add($"截至{BulletinText.Date(facts.To)}，台账在册事项{Sentence(items)}。");
        var lists = items.GroupBy(i => (i.ListId, i.ListTitle)).ToList();
        if (lists.Count > 1)
        {
            paragraphs.Add("其中，" + string.Join("；", lists.Select(l => $"《{l.Key.ListTitle}》{Sentence(l.ToList())}")) + "。");
        }

        var moved = items.Where(i => i.Moved).ToList();
        var forward = moved.Count(i => Rank(i.StatusAtEnd) < Rank(i.StatusAtStart ?? i.Changes[0].Before));
        var done = items.Count(i => i.ReachedDone);
        var overdue = items.Count(facts.IsOverdue);
        paragraphs.Add($"本期（{facts.PeriodText}），新增落实到位事项 {done} 项；事项状态发生变化 {moved.Count} 项，其中推进 {forward} 项、回退 {moved.Count - forward} 项；"
                       + $"采纳进展报送 {facts.Accepted.Count} 份，退回 {facts.Returned.Count} 份；领导批示 {facts.Instructions.Count} 条。"
                       + $"截至期末，逾期未完成事项 {overdue} 项。");
        foreach (var round in facts.Rounds)
        {
            paragraphs.Add($"报送轮次“{round.Name}”（{BulletinText.Date(round.DueOn)}截止）{round.Counts.Sentence}（{round.Counts.Scope}）。");
        }
        return Task.FromResult<DraftSection?>(new DraftSection("总体情况", paragraphs));
    }

    private static string Sentence(IReadOnlyCollection<BulletinItem> items) =>
        OfficeSentence.Of(items.Count, items.GroupBy(i => i.StatusAtEnd).Select(g => (g.Key, g.Count())));

    /// <summary>The office's order from done down (blocked last); a lower rank is further on.</summary>
    public static int Rank(ItemStatus status) => Array.IndexOf(Rounds.RoundStatistics.ReportingOrder, status);
}
