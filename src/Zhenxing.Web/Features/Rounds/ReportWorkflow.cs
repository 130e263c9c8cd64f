using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Zhenxing.Web.Data;
using Zhenxing.Web.Features.Items;
using Zhenxing.Web.Features.Notifications;
using Zhenxing.Web.Features.Users;
using Zhenxing.Web.Infrastructure;

namespace Zhenxing.Web.Features.Rounds;

/// <param name="Answers">The lead unit's answers to open leader instructions on the item, by instruction id.</param>
/// <param name="Files">Evidence to attach: file name and content.</param>
/// <param name="ForUnitId">The unit the report is saved for, when the Office enters it on a unit's behalf (an uploaded sheet); ignored for other roles.</param>
/// <param name="NextSteps">下步打算: what the unit will do next.</param>
/// <param name="MilestonesMet">The milestones (形象进度) due in the round that the lead unit reports as achieved.</param>
public sealed record ReportInput(ItemStatus Status, string? Narrative, string? Problems, string? Figures, int Version,
    IReadOnlyDictionary<int, string>? Answers = null, IReadOnlyList<(string Name, byte[] Content)>? Files = null, int? ForUnitId = null,
    IReadOnlyCollection<int>? MilestonesMet = null, string? NextSteps = null);

public abstract record ReportOutcome
{
    public sealed record Saved(ProgressReport Report) : ReportOutcome;

    /// <summary>Someone else saved first: their text, so that nothing typed is lost.</summary>
    public sealed record Conflict(ProgressReport Current) : ReportOutcome;

    /// <param name="ItemNotFound">The item does not exist or the unit has no part in it: not found, to an API client.</param>
    public sealed record Refused(string Problem, bool ItemNotFound = false) : ReportOutcome;
}

/// <summary>
/// The steps of a report: a liaison saves a draft and submits it (late after the due date), the Office accepts
/// it or returns it with a reason, the liaison resubmits. Accepting the lead unit's report sets the item's status.
/// </summary>
public sealed class ReportWorkflow(ZhenxingDb db, TimeProvider clock)
{
    public async Task<ReportOutcome> SaveAsync(int roundId, int itemId, ClaimsPrincipal user, ReportInput input, bool submit, CancellationToken cancellationToken)
    {
        var unitId = input.ForUnitId is { } forUnit && user.IsInRole(nameof(Role.Office)) ? forUnit : ItemScope.UnitOf(user);
        // One round trip for everything the checks need, and the report itself (a left join on the round: at most one row,
        // by the report's unique key): this runs for every save of the deadline rush.
        var facts = await (
                from r in db.ReportingRounds.AsNoTracking().Where(r => r.Id == roundId)
                join saved in db.ProgressReports.AsNoTracking().Where(p => p.ItemId == itemId && p.UnitId == unitId) on r.Id equals saved.RoundId into matching
                from existing in matching.DefaultIfEmpty()
                select new
                {
                    Round = r,
                    Report = existing,
                    ItemExists = db.Items.Any(i => i.Id == itemId),
                    InRound = db.Items.Any(i => i.Id == itemId && i.WithdrawnAt == null && db.RoundLists.Any(l => l.RoundId == roundId && l.ItemListId == i.ItemListId)),
                    Lead = db.ItemUnits.Any(u => u.ItemId == itemId && u.UnitId == unitId && u.Role == ItemUnitRole.Lead),
                    Responsible = db.ItemUnits.Any(u => u.ItemId == itemId && u.UnitId == unitId && u.Role == ItemUnitRole.Responsible),
                    OpenInstructions = db.Instructions.Any(n => n.ItemId == itemId && n.Answer == null),
                })
            .SingleOrDefaultAsync(cancellationToken);
        if (facts is null || unitId is null)
        {
            return new ReportOutcome.Refused("报送轮次不存在。");
        }
        var round = facts.Round;
        if (!facts.ItemExists || (!facts.Lead && !facts.Responsible && !user.IsInRole(nameof(Role.Office))))
        {
            return new ReportOutcome.Refused($"事项 {itemId} 不存在，或不属于本单位。", ItemNotFound: true);
        }
        if (round.State == RoundState.Closed)
        {
            return new ReportOutcome.Refused("该轮次已关闭，报送内容不能再修改。");
        }
        ItemUnitRole? role = facts.Lead ? ItemUnitRole.Lead : facts.Responsible ? ItemUnitRole.Responsible : null;
        if (!facts.InRound || role is null || (role == ItemUnitRole.Responsible && !round.IncludeResponsibleUnits))
        {
            return new ReportOutcome.Refused("本单位在该轮次中无需报送此事项。");
        }
        var narrative = input.Narrative?.Trim() ?? "";
        if (submit && narrative.Length == 0)
        {
            return new ReportOutcome.Refused("请填写进展情况后再提交。");
        }
        if (narrative.Length > 8000 || (input.Problems?.Length ?? 0) > 4000 || (input.NextSteps?.Length ?? 0) > 4000 || (input.Figures?.Length ?? 0) > 2000)
        {
            return new ReportOutcome.Refused("内容过长：进展情况不超过 8000 字，问题和下步打算各不超过 4000 字，数据不超过 2000 字。");
        }

        var fileProblems = (input.Files ?? []).Select(f => EvidenceTypes.Problem(f.Name, f.Content)).OfType<string>().ToList();
        if (fileProblems.Count > 0)
        {
            return new ReportOutcome.Refused(string.Join(" ", fileProblems));
        }

        // A leader's instruction is answered in the lead unit's next report: it cannot be submitted without the answers.
        var openInstructions = role == ItemUnitRole.Lead && facts.OpenInstructions
            ? await db.Instructions.Where(i => i.ItemId == itemId && i.Answer == null).ToListAsync(cancellationToken)
            : [];
        var answers = openInstructions.ToDictionary(i => i, i => input.Answers?.GetValueOrDefault(i.Id)?.Trim() ?? "");
        if (submit && answers.Any(a => a.Value.Length == 0))
        {
            return new ReportOutcome.Refused("该事项有待答复的领导批示，请在本次报送中逐条答复后再提交。");
        }

        // The report came with the checks (one round trip fewer); it is tracked from here on as loaded.
        var report = facts.Report;
        if (report is null)
        {
            report = new ProgressReport { RoundId = roundId, ItemId = itemId, UnitId = unitId.Value, Role = role.Value };
            db.ProgressReports.Add(report);
        }
        else
        {
            db.ProgressReports.Attach(report);
            if (report.State is ReportState.Submitted or ReportState.Accepted)
            {
                return new ReportOutcome.Refused(report.State == ReportState.Accepted ? "该报送已被采纳，不能再修改。" : "该报送已提交，等待振兴办审核；如需修改请联系振兴办退回。");
            }
            db.Entry(report).Property(p => p.Version).OriginalValue = input.Version;
        }

        var now = clock.GetUtcNow();
        var who = user.FindFirstValue(ClaimTypes.GivenName) ?? user.Identity!.Name!;
        var pendingClaims = new List<Milestone>();
        report.Status = input.Status;
        report.Narrative = narrative;
        report.Problems = Blank(input.Problems);
        report.NextSteps = Blank(input.NextSteps);
        report.Figures = Blank(input.Figures);
        report.UpdatedAt = now;
        report.UpdatedByName = who;
        foreach (var (name, content) in input.Files ?? [])
        {
            report.Evidence.Add(new Evidence
            {
                FileName = UploadedFileNames.Clean(name),
                ContentType = EvidenceTypes.Detect(content)!,
                Size = content.LongLength,
                Content = content,
                UploadedAt = now,
                UploadedByName = who,
            });
        }
        if (submit)
        {
            report.State = ReportState.Submitted;
            report.SubmittedAt = now;
            report.SubmittedByName = who;
            report.Late = ChinaTime.Today(clock) > round.DueOn;
            report.ReturnReason = null;
            // 督办 ends with the report it was waiting for.
            foreach (var supervision in await db.Supervisions.Where(s => s.RoundId == roundId && s.ItemId == itemId && s.UnitId == unitId.Value && s.ClosedAt == null).ToListAsync(cancellationToken))
            {
                supervision.ClosedAt = now;
            }
            // A report from a sheet says nothing about milestones: it leaves their claims as they are.
            if (role == ItemUnitRole.Lead && input.MilestonesMet is not null)
            {
                var due = await db.Milestones.Where(m => m.ItemId == itemId && m.AchievedAt == null && m.DueOn <= round.DueOn).ToListAsync(cancellationToken);
                foreach (var milestone in due)
                {
                    var met = input.MilestonesMet?.Contains(milestone.Id) == true;
                    milestone.ClaimedByReportId = met ? report.Id == 0 ? null : report.Id : null;
                    if (met && report.Id == 0)
                    {
                        pendingClaims.Add(milestone);
                    }
                }
            }
            foreach (var (instruction, answer) in answers)
            {
                instruction.Answer = answer;
                instruction.AnsweredAt = now;
                instruction.AnsweredByName = who;
                db.Notifications.Add(new Notification
                {
                    UserId = instruction.LeaderUserId,
                    Text = $"{who}在“{round.Name}”的报送中答复了您的批示。",
                    Link = $"/items/{itemId}",
                    CreatedAt = now,
                });
            }
        }
        else if (report.State != ReportState.Returned)
        {
            report.State = ReportState.Draft;
        }
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            if (pendingClaims.Count > 0)
            {
                // A report submitted at its first save has its id only now.
                pendingClaims.ForEach(m => m.ClaimedByReportId = report.Id);
                await db.SaveChangesAsync(cancellationToken);
            }
            return new ReportOutcome.Saved(report);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            var current = await db.ProgressReports.AsNoTracking().SingleAsync(p => p.RoundId == roundId && p.ItemId == itemId && p.UnitId == unitId, cancellationToken);
            return new ReportOutcome.Conflict(current);
        }
        catch (DbUpdateException) when (report.Id == 0)
        {
            // Two first saves of the same report at once: the unique index lets one through.
            db.ChangeTracker.Clear();
            var current = await db.ProgressReports.AsNoTracking().SingleAsync(p => p.RoundId == roundId && p.ItemId == itemId && p.UnitId == unitId, cancellationToken);
            return new ReportOutcome.Conflict(current);
        }
    }

    /// <param name="rating">The quality rating (1–5 stars) given with an acceptance; none leaves the report unrated.</param>
    public async Task<string?> ReviewAsync(int reportId, int version, bool accept, string? reason, ClaimsPrincipal office, CancellationToken cancellationToken, int? rating = null)
    {
        if (accept && rating is not (null or (>= 1 and <= 5)))
        {
            return "质量评分应为 1 到 5 星。";
        }
        var report = await db.ProgressReports.Include(p => p.Round).Include(p => p.Item).SingleOrDefaultAsync(p => p.Id == reportId, cancellationToken);
        if (report is null)
        {
            return "报送不存在。";
        }
        if (ReviewSteps.Refusal(report, accept, reason, "报送") is { } refusal)
        {
            return refusal;
        }
        db.Entry(report).Property(p => p.Version).OriginalValue = version;
        var now = clock.GetUtcNow();
        ReviewSteps.Mark(report, accept, reason, office, now);
        report.QualityRating = accept ? rating : null;
        if (accept && report.Role == ItemUnitRole.Lead)
        {
            // An item's status is that of its latest accepted lead report, and the milestones it claims stand.
            report.Item!.Status = report.Status;
            foreach (var milestone in await db.Milestones.Where(m => m.ClaimedByReportId == report.Id && m.AchievedAt == null).ToListAsync(cancellationToken))
            {
                milestone.AchievedAt = now;
            }
        }
        if (!accept)
        {
            db.Notifications.Add(new Notification
            {
                UnitId = report.UnitId,
                Text = $"您单位在“{report.Round!.Name}”中报送的事项第 {report.Item!.Number} 项被退回：{report.ReturnReason}",
                Link = $"/rounds/{report.RoundId}/items/{report.ItemId}/report",
                CreatedAt = now,
            });
        }
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return null;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return "该报送在您审核期间已被修改，请刷新后重新审核。";
        }
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
