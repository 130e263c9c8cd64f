using System.Globalization;
using Zhenxing.Web.Features.Pairings;

namespace Zhenxing.Web.Features.Bulletins.Sections;

/// <summary>
/// 对口支援和北上对接: the period's pairing activity and liaison trips in the office's sentence form (seed 000), the support
/// obtained, and the entries worth naming (a principal leader's visit, a plan issued, large funds); left out of a period
/// without any.
/// </summary>
public sealed class PairingActivitySection(PairingFigures figures) : IBulletinSection
{
    public int Order => 50;

    public async Task<DraftSection?> BuildAsync(BulletinFacts facts, CancellationToken cancellationToken)
    {
        var period = await figures.ForPeriodAsync(facts.From, facts.To, notable: 5, cancellationToken);
        if (new[] { period.MinistryVisits, period.ProvincialVisits, period.ResearchLeaders, period.PlanUnits, period.Symposiums, period.CadresInPost,
                    period.Policies, period.Projects, period.Funds, period.CountySupportItems }.All(f => f.Count == 0))
        {
            return null;
        }
        var paragraphs = new List<string>
        {
            period.Sentence,
            $"其中，主要负责同志带队赴部委对接 {period.TripsWithPrincipalLeader} 批次；召开对口支援座谈会 {period.Symposiums.Count} 次；在岗挂职干部 {period.CadresInPost.Count} 名；"
            + $"争取政策支持 {period.Policies.Count} 项、项目支持 {period.Projects.Count} 项、资金支持 {period.Funds.Count} 笔共 {period.FundsAmount.ToString("0.##", CultureInfo.InvariantCulture)} 万元。",
        };
        paragraphs.AddRange(period.Notable.Select((entry, index) => $"{index + 1}. {BulletinText.Date(entry.On)}，{entry.Text.TrimEnd('。')}。"));
        return new DraftSection("对口支援和北上对接", paragraphs);
    }
}
