using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Zhenxing.Web.Data;
using Zhenxing.Web.Features.Items;
using Zhenxing.Web.Features.Rounds;
using Zhenxing.Web.Features.Users;

namespace Zhenxing.Web.Features.Targets;

/// <summary>
/// The targets of a round that includes them: a liaison reports its unit's values here (number, date, note, evidence), the
/// Office sees every unit's, enters a value for a unit when needed, and accepts or returns each.
/// </summary>
[RequestSizeLimit(64L * 1024 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = 64L * 1024 * 1024)]
public sealed class RoundTargetsModel(ZhenxingDb db, TargetReporting reporting) : PageModel
{
    public ReportingRound Round { get; private set; } = null!;
    public List<TargetObligation> Rows { get; private set; } = [];
    public ILookup<int, (int Id, string Name)> Files { get; private set; } = Enumerable.Empty<(int, int, string)>().ToLookup(x => x.Item1, x => (x.Item2, x.Item3));
    public bool IsOffice => User.IsInRole(nameof(Role.Office));

    /// <summary>The target whose report failed, with what was typed, so the row shows it again beside the error.</summary>
    public int? FailedTargetId { get; private set; }

    [BindProperty]
    public string? Value { get; set; }

    [BindProperty, Display(Name = "数据截至")]
    public DateOnly? AsOf { get; set; }

    [BindProperty]
    public string? Note { get; set; }

    [BindProperty, Display(Name = "版本号")]
    public int Version { get; set; }

    [BindProperty, Display(Name = "佐证材料")]
    public List<IFormFile> Uploads { get; set; } = [];

    [TempData]
    public string? Message { get; set; }

    public bool CanReport(TargetObligation row) =>
        Round.State == RoundState.Open && row.State is null or ReportState.Returned && TargetReporting.MayReport(User, row.UnitId);

    public async Task<IActionResult> OnGetAsync(int roundId, CancellationToken cancellationToken) =>
        await LoadAsync(roundId, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostReportAsync(int roundId, [Display(Name = "指标编号")] int targetId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(roundId, cancellationToken))
        {
            return NotFound();
        }
        var target = await db.Targets.AsNoTracking().Where(t => t.Id == targetId).Select(t => new { t.Title, t.MeasureUnit, t.OwnerUnitId }).SingleOrDefaultAsync(cancellationToken);
        if (target is null)
        {
            return NotFound();
        }
        if (!TargetReporting.MayReport(User, target.OwnerUnitId))
        {
            return Forbid();
        }
        var row = (target.Title, target.MeasureUnit);
        var files = new List<(string, byte[])>();
        foreach (var upload in Uploads.Where(u => u.Length > 0).Take(10))
        {
            var name = Infrastructure.UploadedFileNames.Clean(upload.FileName);
            if (upload.Length > EvidenceTypes.MaxBytes)
            {
                return Failed(targetId, EvidenceTypes.Problem(name, new byte[EvidenceTypes.MaxBytes + 1])!);
            }
            using var buffer = new MemoryStream();
            await upload.CopyToAsync(buffer, cancellationToken);
            files.Add((name, buffer.ToArray()));
        }
        switch (await reporting.SubmitAsync(roundId, targetId, User, new TargetReportInput(Value, AsOf, Note, Version, files), cancellationToken))
        {
            case TargetReportOutcome.Saved saved:
                Message = $"已报送“{row.Title}”完成值 {TargetTrajectory.Format(saved.Report.Value)} {row.MeasureUnit}（截至 {saved.Report.AsOf:yyyy-MM-dd}）{(saved.Report.Late ? "，已过截止日期，标记为逾期" : "")}，等待振兴办审核。";
                return Redirect($"/rounds/{roundId}/targets");
            case TargetReportOutcome.Conflict conflict:
                Response.StatusCode = StatusCodes.Status409Conflict;
                await LoadAsync(roundId, cancellationToken);
                return Failed(targetId, $"“{row.Title}”已由{conflict.Current.SubmittedByName}先行报送（{TargetTrajectory.Format(conflict.Current.Value)} {row.MeasureUnit}），请刷新后查看。");
            case TargetReportOutcome.Forbidden:
                return Forbid();
            case TargetReportOutcome.Refused refused:
                return Failed(targetId, $"“{row.Title}”：{refused.Problem}");
            default:
                throw new InvalidOperationException("Unknown target report outcome.");
        }
    }

    public async Task<IActionResult> OnPostReviewAsync(int roundId, [Display(Name = "报送编号")] int reportId, [Display(Name = "版本号")] int version, string? decision, string? reason, CancellationToken cancellationToken)
    {
        if (!IsOffice)
        {
            return Forbid();
        }
        var problem = await reporting.ReviewAsync(reportId, version, decision == "accept", reason, User, cancellationToken);
        Message = problem ?? (decision == "accept" ? "已采纳该完成值。" : "已退回，并已通知责任单位。");
        return Redirect($"/rounds/{roundId}/targets");
    }

    private PageResult Failed(int targetId, string problem)
    {
        FailedTargetId = targetId;
        ModelState.AddModelError(string.Empty, problem);
        return Page();
    }

    private async Task<bool> LoadAsync(int roundId, CancellationToken cancellationToken)
    {
        var round = await db.ReportingRounds.AsNoTracking().SingleOrDefaultAsync(r => r.Id == roundId, cancellationToken);
        if (round is null)
        {
            return false;
        }
        Round = round;
        var unitId = User.IsInRole(nameof(Role.Liaison)) ? ItemScope.UnitOf(User) ?? -1 : (int?)null;
        Rows = await reporting.ObligationsAsync(roundId, unitId, cancellationToken);
        var reportIds = Rows.Where(r => r.ReportId is not null).Select(r => r.ReportId!.Value).ToList();
        Files = (await db.TargetEvidence.AsNoTracking().Where(e => reportIds.Contains(e.TargetReportId)).Select(e => new { e.TargetReportId, e.Id, e.FileName }).ToListAsync(cancellationToken))
            .ToLookup(e => e.TargetReportId, e => (e.Id, e.FileName));
        return true;
    }
}
