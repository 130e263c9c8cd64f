using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Zhenxing.Web.Data;
using Zhenxing.Web.Features.Items;
using Zhenxing.Web.Features.Users;

namespace Zhenxing.Web.Features.Rounds;

/// <summary>A unit's report on one item in one round: draft, submit, resubmit after a return.</summary>
[RequestSizeLimit(64L * 1024 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = 64L * 1024 * 1024)]
public sealed class ReportModel(ZhenxingDb db, ReportWorkflow workflow) : PageModel
{
    public sealed record EvidenceLink(int Id, string FileName, long Size);

    public List<EvidenceLink> Files { get; private set; } = [];

    [BindProperty, Display(Name = "佐证材料")]
    public List<IFormFile> Uploads { get; set; } = [];

    public sealed record Contribution(string Unit, ReportState State, ItemStatus Status, string Narrative, string? Problems);

    public ReportingRound Round { get; private set; } = null!;
    public Item Item { get; private set; } = null!;
    public ProgressReport? Report { get; private set; }
    public List<Contribution> Contributions { get; private set; } = [];
    public List<Instruction> OpenInstructions { get; private set; } = [];

    /// <summary>What the other liaison saved first, shown beside this user's own text after a conflict.</summary>
    public ProgressReport? Theirs { get; private set; }

    [BindProperty, Display(Name = "进展状态")]
    public ItemStatus Status { get; set; } = ItemStatus.InProgress;

    [BindProperty]
    public string? Narrative { get; set; }

    [BindProperty]
    public string? Problems { get; set; }

    [BindProperty, Display(Name = "下步打算")]
    public string? NextSteps { get; set; }

    [BindProperty]
    public string? Figures { get; set; }

    [BindProperty, Display(Name = "版本号")]
    public int Version { get; set; }

    [BindProperty, Display(Name = "批示答复")]
    public Dictionary<int, string> Answers { get; set; } = [];

    /// <summary>Milestones (形象进度) due by the round's due date and not yet achieved: the lead report answers them.</summary>
    public List<Milestone> DueMilestones { get; private set; } = [];

    [BindProperty, Display(Name = "已完成的形象进度")]
    public int[] MilestonesMet { get; set; } = [];

    [TempData]
    public string? Message { get; set; }

    public bool Editable => Round.State == RoundState.Open && Report?.State is null or ReportState.Draft or ReportState.Returned && User.IsInRole(nameof(Role.Liaison));

    public async Task<IActionResult> OnGetAsync(int roundId, int itemId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(roundId, itemId, cancellationToken))
        {
            return NotFound();
        }
        if (Report is not null)
        {
            (Status, Narrative, Problems, NextSteps, Figures, Version) = (Report.Status, Report.Narrative, Report.Problems, Report.NextSteps, Report.Figures, Report.Version);
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int roundId, int itemId, string? submit, CancellationToken cancellationToken)
    {
        if (!User.IsInRole(nameof(Role.Liaison)))
        {
            return Forbid();
        }
        if (!await LoadAsync(roundId, itemId, cancellationToken))
        {
            return NotFound();
        }
        var files = new List<(string, byte[])>();
        foreach (var upload in Uploads.Where(u => u.Length > 0).Take(20))
        {
            var name = Infrastructure.UploadedFileNames.Clean(upload.FileName);
            if (upload.Length > EvidenceTypes.MaxBytes)
            {
                ModelState.AddModelError(string.Empty, EvidenceTypes.Problem(name, new byte[EvidenceTypes.MaxBytes + 1])!);
                return Page();
            }
            using var buffer = new MemoryStream();
            await upload.CopyToAsync(buffer, cancellationToken);
            files.Add((name, buffer.ToArray()));
        }
        var outcome = await workflow.SaveAsync(roundId, itemId, User, new ReportInput(Status, Narrative, Problems, Figures, Version, Answers, files, MilestonesMet: MilestonesMet, NextSteps: NextSteps), submit is not null, cancellationToken);
        switch (outcome)
        {
            case ReportOutcome.Saved saved:
                Message = saved.Report.State == ReportState.Submitted
                    ? (saved.Report.Late ? "已提交（已过截止日期，标记为逾期报送），等待振兴办审核。" : "已提交，等待振兴办审核。")
                    : "草稿已保存。";
                return Redirect($"/rounds/{roundId}/items/{itemId}/report");
            case ReportOutcome.Conflict conflict:
                Theirs = conflict.Current;
                Report = conflict.Current;
                Version = conflict.Current.Version;
                ModelState.AddModelError(string.Empty, $"保存失败：{conflict.Current.UpdatedByName} 在您编辑期间已保存了这份报送。下面同时列出对方保存的内容和您的内容，请合并后再保存。");
                Response.StatusCode = StatusCodes.Status409Conflict;
                return Page();
            case ReportOutcome.Refused refused:
                ModelState.AddModelError(string.Empty, refused.Problem);
                return Page();
            default:
                throw new InvalidOperationException("Unknown report outcome.");
        }
    }

    private async Task<bool> LoadAsync(int roundId, int itemId, CancellationToken cancellationToken)
    {
        var round = await db.ReportingRounds.AsNoTracking().SingleOrDefaultAsync(r => r.Id == roundId, cancellationToken);
        var item = await db.Items.VisibleTo(User).AsNoTracking().SingleOrDefaultAsync(i => i.Id == itemId, cancellationToken);
        if (round is null || item is null)
        {
            return false;
        }
        (Round, Item) = (round, item);
        var unitId = ItemScope.UnitOf(User);
        Report = unitId is null ? null : await db.ProgressReports.AsNoTracking()
            .SingleOrDefaultAsync(p => p.RoundId == roundId && p.ItemId == itemId && p.UnitId == unitId, cancellationToken);
        Files = Report is null ? [] : await db.Evidence.AsNoTracking().Where(e => e.ReportId == Report.Id)
            .Select(e => new EvidenceLink(e.Id, e.FileName, e.Size)).ToListAsync(cancellationToken);
        var others = await db.ProgressReports.AsNoTracking()
            .Where(p => p.RoundId == roundId && p.ItemId == itemId && p.UnitId != unitId && p.State != ReportState.Draft)
            .Join(db.Units, p => p.UnitId, u => u.Id, (p, u) => new { u.Name, p.State, p.Status, p.Narrative, p.Problems })
            .ToListAsync(cancellationToken);
        Contributions = others.Select(o => new Contribution(o.Name, o.State, o.Status, o.Narrative, o.Problems)).ToList();
        var isLead = unitId is not null && await db.ItemUnits.AnyAsync(u => u.ItemId == itemId && u.UnitId == unitId && u.Role == ItemUnitRole.Lead, cancellationToken);
        DueMilestones = isLead
            ? await db.Milestones.AsNoTracking().Where(m => m.ItemId == itemId && m.AchievedAt == null && m.DueOn <= round.DueOn).OrderBy(m => m.DueOn).ToListAsync(cancellationToken)
            : [];
        if (Request.Method == "GET")
        {
            MilestonesMet = DueMilestones.Where(m => m.ClaimedByReportId is not null && m.ClaimedByReportId == Report?.Id).Select(m => m.Id).ToArray();
        }
        OpenInstructions = isLead
            ? await db.Instructions.AsNoTracking().Where(i => i.ItemId == itemId && i.Answer == null).ToListAsync(cancellationToken)
            : [];
        return true;
    }
}
