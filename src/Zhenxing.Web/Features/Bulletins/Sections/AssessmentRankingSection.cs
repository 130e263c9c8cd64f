using Microsoft.EntityFrameworkCore;
using Zhenxing.Web.Data;
using Zhenxing.Web.Features.Assessments;
using Zhenxing.Web.Features.Dashboard;

namespace Zhenxing.Web.Features.Bulletins.Sections;

/// <summary>六、考评排名: the ranking of the latest assessment method (考评办法) of the period's year, as the assessment page computes it.</summary>
public sealed class AssessmentRankingSection(ZhenxingDb db, ComputeAssessment compute) : IBulletinSection
{
    public int Order => 70;

    public async Task<DraftSection?> BuildAsync(BulletinFacts facts, CancellationToken cancellationToken)
    {
        var year = facts.To.Year;
        var methodId = await db.AssessmentMethods.AsNoTracking().Where(m => m.Year == year).OrderByDescending(m => m.Id).Select(m => (int?)m.Id).FirstOrDefaultAsync(cancellationToken);
        if (methodId is null || await compute.RunAsync(methodId.Value, cancellationToken) is not { } result)
        {
            return new DraftSection("考评排名", [$"{year}年度尚未制定考评办法，暂无考评排名。"]);
        }
        var method = result.Method;
        var units = result.Units;
        var paragraphs = new List<string>
        {
            $"依据《{method.Title}》（事项完成率占 {method.CompletionWeight}%、按时报送率占 {method.PunctualityWeight}%、报送质量占 {method.QualityWeight}%），"
            + $"截至{BulletinText.Date(result.Today)}，{units.Count} 个牵头单位得分排名如下"
            + (units.Count > 2 * DashboardQuery.RankingEnds ? $"（列出前 {DashboardQuery.RankingEnds} 名和后 {DashboardQuery.RankingEnds} 名，完整排名见平台“考评”页面）：" : "："),
        };
        if (units.Count == 0)
        {
            paragraphs[0] = $"依据《{method.Title}》，计入考评的清单中没有牵头事项，暂无排名。";
        }
        var shown = units.Count > 2 * DashboardQuery.RankingEnds
            ? units.Take(DashboardQuery.RankingEnds).Concat(units.TakeLast(DashboardQuery.RankingEnds))
            : units;
        paragraphs.AddRange(shown.Select(u =>
            $"第{u.Rank}名：{u.UnitName}，得分 {u.Score:0.0}（事项完成率 {u.Completion:0.0}%，按时报送率 {u.PunctualityRate:0.0}%，报送质量 {(u.QualityLeftOut ? "无评分，不计入" : u.Quality.ToString("0.0"))}"
            + (u.AdjustmentPoints != 0 ? $"，加减分 {u.AdjustmentPoints:+0.0;-0.0}" : "") + "）。"));
        return new DraftSection("考评排名", paragraphs);
    }
}
