using Zhenxing.Web.Features.Items;
using Zhenxing.Web.Features.Rounds;

namespace Zhenxing.Web.Features.Dashboard;

/// <summary>The office's own sentence for a count of items by status, as the dashboard's headline and the bulletin write it.</summary>
public static class OfficeSentence
{
    /// <summary>"共 84 项，已落实到位 23 项、取得积极进展 56 项、推进中 5 项": the statuses in the office's order, those with none left out.</summary>
    public static string Of(int total, IEnumerable<(ItemStatus Status, int Count)> counts)
    {
        var byStatus = counts.GroupBy(c => c.Status).ToDictionary(g => g.Key, g => g.Sum(c => c.Count));
        return new StatisticsLine("", total, RoundStatistics.ReportingOrder
            .Select(s => (s, byStatus.GetValueOrDefault(s))).Where(c => c.Item2 > 0).ToList(), "").Sentence;
    }
}
