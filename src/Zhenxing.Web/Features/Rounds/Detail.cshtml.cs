using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Zhenxing.Web.Data;
using Zhenxing.Web.Features.Users;

namespace Zhenxing.Web.Features.Rounds;

/// <summary>The Office's view of a round: who owes what, who submitted, who is late or returned; accept and return.</summary>
[Authorize(Roles = $"{nameof(Role.Office)},{nameof(Role.Leader)},{nameof(Role.Admin)}")]
public sealed class RoundDetailModel(ZhenxingDb db, RoundObligations obligations, ReportWorkflow workflow, CloseRound close, CountRounds counts, TimeProvider clock) : PageModel
{
    public ReportingRound Round { get; private set; } = null!;
    public List<Obligation> Rows { get; private set; } = [];
    public Dictionary<int, int> Versions { get; private set; } = [];

    /// <summary>The open 督办 of this round, by (item, unit).</summary>
    public Dictionary<(int ItemId, int UnitId), SupervisedReport> Supervised { get; private set; } = [];

    public sealed record SupervisedReport(int ItemId, string ItemNumber, string UnitName, DateTimeOffset Since, string Reason);
    public bool CanReview => User.IsInRole(nameof(Role.Office));
    public DateOnly Today => Infrastructure.ChinaTime.Today(clock);

    /// <summary>The round's six figures (all its units, whatever <see cref="OnlyUnit"/> shows).</summary>
    public RoundCounts Counts { get; private set; } = null!;

    /// <summary>Closing was asked for while these reports wait for review: the page asks 先去审核 or 仍然关闭.</summary>
    public IReadOnlyList<UnreviewedReport> CloseBlockedBy { get; private set; } = [];

    [TempData]
    public string? Message { get; set; }

    /// <summary>When set, only this unit's obligations are listed (the dashboard's on-time ranking opens a unit's row this way).</summary>
    public Units.Unit? OnlyUnit { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, [Display(Name = "单位")] int? unit, CancellationToken cancellationToken) =>
        await LoadAsync(id, unit, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostReviewAsync(int id, [Display(Name = "报送编号")] int reportId, [Display(Name = "版本号")] int version, [Display(Name = "审核结果")] string decision, string? reason, [Display(Name = "质量评分")] int? rating, CancellationToken cancellationToken)
    {
        if (!CanReview)
        {
            return Forbid();
        }
        var problem = await workflow.ReviewAsync(reportId, version, decision == "accept", reason, User, cancellationToken, rating);
        Message = problem ?? (decision == "accept" ? "已采纳。" : "已退回，并已通知报送单位。");
        return Redirect($"/rounds/{id}");
    }

    public async Task<IActionResult> OnPostAcceptAllAsync(int id, CancellationToken cancellationToken)
    {
        if (!CanReview)
        {
            return Forbid();
        }
        var submitted = await db.ProgressReports.AsNoTracking().Where(p => p.RoundId == id && p.State == ReportState.Submitted)
            .Select(p => new { p.Id, p.Version }).ToListAsync(cancellationToken);
        var accepted = 0;
        foreach (var report in submitted)
        {
            if (await workflow.ReviewAsync(report.Id, report.Version, true, null, User, cancellationToken) is null)
            {
                accepted++;
            }
        }
        Message = $"已批量采纳 {accepted} 份报送。";
        return Redirect($"/rounds/{id}");
    }

    /// <param name="force">仍然关闭: close with reports still waiting for review (they stay 待审核).</param>
    public async Task<IActionResult> OnPostCloseAsync(int id, [Display(Name = "版本号")] int version, [Display(Name = "仍然关闭")] bool force, CancellationToken cancellationToken)
    {
        if (!CanReview)
        {
            return Forbid();
        }
        var outcome = await close.RunAsync(id, version, force, cancellationToken);
        if (outcome.NeedsConfirmation)
        {
            if (!await LoadAsync(id, null, cancellationToken))
            {
                return NotFound();
            }
            CloseBlockedBy = outcome.Unreviewed;
            return Page();
        }
        Message = outcome.Problem ?? "轮次已关闭：报送内容已冻结，各事项状态按此刻保存，可随时查看本轮的时点台账。"
            + (outcome.Unreviewed.Count > 0 ? $"关闭时仍有 {outcome.Unreviewed.Count} 份报送未经审核，保持“待审核”，不计入已采纳（已记入操作日志）。" : "");
        return Redirect(outcome.Closed ? $"/rounds/{id}/status" : $"/rounds/{id}");
    }

    private async Task<bool> LoadAsync(int id, int? unitId, CancellationToken cancellationToken)
    {
        var round = await db.ReportingRounds.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (round is null)
        {
            return false;
        }
        Round = round;
        OnlyUnit = unitId is { } only ? await db.Units.AsNoTracking().SingleOrDefaultAsync(u => u.Id == only, cancellationToken) : null;
        if (unitId is not null && OnlyUnit is null)
        {
            return false;
        }
        Rows = await obligations.QueryAsync(id, unitId, openOnly: false, cancellationToken);
        Versions = await db.ProgressReports.AsNoTracking().Where(p => p.RoundId == id).ToDictionaryAsync(p => p.Id, p => p.Version, cancellationToken);
        Counts = unitId is null
            ? RoundCounts.Of(Rows.Select(r => r.ToState()), round.IncludeResponsibleUnits)
            : await counts.ForRoundAsync(id, null, null, cancellationToken);
        Supervised = (await db.Supervisions.AsNoTracking().Where(s => s.RoundId == id && s.ClosedAt == null && (unitId == null || s.UnitId == unitId))
                .Join(db.Items, s => s.ItemId, i => i.Id, (s, i) => new { s.ItemId, s.UnitId, i.Number, Unit = s.Unit!.Name, s.Since, s.Reason })
                .ToListAsync(cancellationToken))
            .ToDictionary(s => (s.ItemId, s.UnitId), s => new SupervisedReport(s.ItemId, s.Number, s.Unit, s.Since, s.Reason));
        return true;
    }
}
