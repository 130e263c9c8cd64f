using Microsoft.EntityFrameworkCore;
using Zhenxing.Web.Data;
using Zhenxing.Web.Features.Items;

namespace Zhenxing.Web.Features.Rounds;

/// <summary>
/// The six figures of a round — 应报 / 已报 / 逾期报送 / 未报 / 待审核 / 已采纳 — defined once here and shown by the round list,
/// the round page, the statistics page, the dashboard, the bulletin and the API. Every figure counts reports (份): one per
/// unit per item it owes in the round (<see cref="RoundObligations"/>): the lead units', and the responsible units' when
/// the round includes them (<see cref="AllUnits"/>).
/// </summary>
public sealed record RoundCounts(int Due, int Reported, int Late, int PendingReview, int Accepted, bool AllUnits)
{
    /// <summary>What is counted, as the pages label the figures.</summary>
    public const string Legend =
        "应报：本轮应报送的份数（每个单位每个事项一份）；已报：已报送（待审核或已采纳），退回的在重新报送前不算；"
        + "逾期报送：已报中在截止日期后报送的；未报：应报 − 已报（未填、草稿和退回的）；待审核：已报送、尚未审核的；已采纳：已审核采纳的。";

    /// <summary>应报 − 已报: nothing, a draft or a returned report not yet resubmitted.</summary>
    public int Missing => Due - Reported;

    /// <summary>"牵头单位" or "牵头单位和责任单位": whose reports are counted.</summary>
    public string Units => AllUnits ? "牵头单位和责任单位" : "牵头单位";

    /// <summary>"按报送份数计，含牵头单位和责任单位".</summary>
    public string Scope => $"按报送份数计，含{Units}";

    /// <summary>"应报 12 份，已报 8 份（其中逾期报送 2 份），未报 4 份；待审核 3 份，已采纳 5 份".</summary>
    public string Sentence => $"应报 {Due} 份，已报 {Reported} 份（其中逾期报送 {Late} 份），未报 {Missing} 份；待审核 {PendingReview} 份，已采纳 {Accepted} 份";

    public static bool IsReported(ReportState? state) => state is ReportState.Submitted or ReportState.Accepted;

    public static RoundCounts Of(IEnumerable<ObligationState> obligations, bool allUnits)
    {
        int due = 0, reported = 0, late = 0, pending = 0, accepted = 0;
        foreach (var o in obligations)
        {
            due++;
            if (IsReported(o.State))
            {
                reported++;
                late += o.Late ? 1 : 0;
            }
            pending += o.State == ReportState.Submitted ? 1 : 0;
            accepted += o.State == ReportState.Accepted ? 1 : 0;
        }
        return new RoundCounts(due, reported, late, pending, accepted, allUnits);
    }
}

/// <summary>Counts rounds' reports by <see cref="RoundCounts"/>: one round (optionally some of its lists, or one unit's share), or all rounds at once.</summary>
public sealed class CountRounds(ZhenxingDb db, RoundObligations obligations)
{
    public async Task<RoundCounts> ForRoundAsync(int roundId, IReadOnlyCollection<int>? lists, int? unitId, CancellationToken cancellationToken)
    {
        var allUnits = await db.ReportingRounds.Where(r => r.Id == roundId).Select(r => r.IncludeResponsibleUnits).SingleAsync(cancellationToken);
        var states = await obligations.StatesAsync(roundId, unitId, cancellationToken);
        return RoundCounts.Of(states.Where(s => lists is not { Count: > 0 } || lists.Contains(s.ItemListId)), allUnits);
    }

    public async Task<Dictionary<int, RoundCounts>> AllAsync(CancellationToken cancellationToken)
    {
        var rounds = await db.ReportingRounds.AsNoTracking().ToDictionaryAsync(r => r.Id, r => r.IncludeResponsibleUnits, cancellationToken);
        var states = (await obligations.StatesAsync(null, null, cancellationToken)).ToLookup(s => s.RoundId);
        return rounds.ToDictionary(r => r.Key, r => RoundCounts.Of(states[r.Key], r.Value));
    }
}
