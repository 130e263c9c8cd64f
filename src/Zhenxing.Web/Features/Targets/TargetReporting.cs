using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Zhenxing.Web.Data;
using Zhenxing.Web.Features.Items;
using Zhenxing.Web.Features.Notifications;
using Zhenxing.Web.Features.Rounds;
using Zhenxing.Web.Features.Users;
using Zhenxing.Web.Infrastructure;

namespace Zhenxing.Web.Features.Targets;

/// <param name="AsOf">The date the value stands at (数据截至); none means the round's due date.</param>
public sealed record TargetReportInput(string? Value, DateOnly? AsOf, string? Note, int Version, IReadOnlyList<(string Name, byte[] Content)>? Files = null);

public abstract record TargetReportOutcome
{
    public sealed record Saved(TargetReport Report) : TargetReportOutcome;

    /// <summary>Someone reported first: their value, so that nothing is lost.</summary>
    public sealed record Conflict(TargetReport Current) : TargetReportOutcome;

    /// <summary>Not this user's to report: only the owner unit's liaisons and the Office.</summary>
    public sealed record Forbidden(string Problem) : TargetReportOutcome;

    /// <summary>The problem, keyed by the field it concerns (Value, AsOf, Note, Files, or "" for the whole report).</summary>
    public sealed record Refused(string Field, string Problem) : TargetReportOutcome;
}

/// <summary>A target's row in a round: the target, its owner unit, and the report filed for it so far.</summary>
public sealed record TargetObligation(int TargetId, string Title, string MeasureUnit, int UnitId, string Unit, int? ReportId, ReportState? State,
    decimal? Value, DateOnly? AsOf, string? Note, bool Late, string? ReturnReason, int? ReportVersion);

/// <summary>
/// Reporting targets' actual values in rounds that include targets: the owner unit's liaison (or the Office on its behalf)
/// submits a value with its date, a note and evidence; the Office accepts or returns it like an item report.
/// </summary>
public sealed class TargetReporting(ZhenxingDb db, TimeProvider clock)
{
    public static bool MayReport(ClaimsPrincipal user, int ownerUnitId) =>
        user.IsInRole(nameof(Role.Office)) || (user.IsInRole(nameof(Role.Liaison)) && ItemScope.UnitOf(user) == ownerUnitId);

    /// <summary>The targets owed in a round (all of them when it includes targets; none otherwise), for one unit or every unit.</summary>
    public async Task<List<TargetObligation>> ObligationsAsync(int roundId, int? unitId, CancellationToken cancellationToken)
    {
        var round = await db.ReportingRounds.AsNoTracking().SingleOrDefaultAsync(r => r.Id == roundId, cancellationToken);
        if (round is not { IncludeTargets: true })
        {
            return [];
        }
        var targets = await db.Targets.AsNoTracking().Where(t => unitId == null || t.OwnerUnitId == unitId)
            .OrderBy(t => t.OwnerUnit!.Name).ThenBy(t => t.Id)
            .Select(t => new { t.Id, t.Title, t.MeasureUnit, t.OwnerUnitId, Unit = t.OwnerUnit!.Name })
            .ToListAsync(cancellationToken);
        var reports = await db.TargetReports.AsNoTracking().Where(r => r.RoundId == roundId).ToDictionaryAsync(r => r.TargetId, cancellationToken);
        return targets.Select(t => reports.GetValueOrDefault(t.Id) is { } r
                ? new TargetObligation(t.Id, t.Title, t.MeasureUnit, t.OwnerUnitId, t.Unit, r.Id, r.State, r.Value, r.AsOf, r.Note, r.Late, r.ReturnReason, r.Version)
                : new TargetObligation(t.Id, t.Title, t.MeasureUnit, t.OwnerUnitId, t.Unit, null, null, null, null, null, false, null, null))
            .ToList();
    }

    public async Task<TargetReportOutcome> SubmitAsync(int roundId, int targetId, ClaimsPrincipal user, TargetReportInput input, CancellationToken cancellationToken)
    {
        var target = await db.Targets.AsNoTracking().SingleOrDefaultAsync(t => t.Id == targetId, cancellationToken);
        var round = await db.ReportingRounds.AsNoTracking().SingleOrDefaultAsync(r => r.Id == roundId, cancellationToken);
        if (target is null || round is null)
        {
            return new TargetReportOutcome.Refused("", "指标或报送轮次不存在。");
        }
        if (!MayReport(user, target.OwnerUnitId))
        {
            return new TargetReportOutcome.Forbidden("只有该指标责任单位的联络员和振兴办可以报送完成值。");
        }
        if (!round.IncludeTargets)
        {
            return new TargetReportOutcome.Refused("", $"“{round.Name}”不报送指标完成值。");
        }
        if (round.State == RoundState.Closed)
        {
            return new TargetReportOutcome.Refused("", "该轮次已关闭，报送内容不能再修改。");
        }
        if (SaveTarget.ParseNumber(input.Value) is not { } value)
        {
            return new TargetReportOutcome.Refused("Value", string.IsNullOrWhiteSpace(input.Value)
                ? $"请填写“{target.Title}”的完成值（单位：{target.MeasureUnit}）。"
                : $"完成值应为数字（单位：{target.MeasureUnit}），如 4523 或 20.6；“{input.Value!.Trim()}”不是数字。");
        }
        var asOf = input.AsOf ?? round.DueOn;
        if (asOf > round.DueOn)
        {
            return new TargetReportOutcome.Refused("AsOf", $"数据截至日期（{asOf:yyyy-MM-dd}）不能晚于本轮截止日期（{round.DueOn:yyyy-MM-dd}）。");
        }
        if (asOf.Year < target.BaselineYear)
        {
            return new TargetReportOutcome.Refused("AsOf", $"数据截至日期（{asOf:yyyy-MM-dd}）早于该指标的基期年份（{target.BaselineYear}）。");
        }
        var note = input.Note?.Trim();
        if (note?.Length > 2000)
        {
            return new TargetReportOutcome.Refused("Note", "说明不超过 2000 字。");
        }
        var fileProblems = (input.Files ?? []).Select(f => EvidenceTypes.Problem(f.Name, f.Content)).OfType<string>().ToList();
        if (fileProblems.Count > 0)
        {
            return new TargetReportOutcome.Refused("Files", string.Join(" ", fileProblems));
        }

        var report = await db.TargetReports.SingleOrDefaultAsync(r => r.RoundId == roundId && r.TargetId == targetId, cancellationToken);
        if (report is null)
        {
            report = new TargetReport { RoundId = roundId, TargetId = targetId, UnitId = target.OwnerUnitId };
            db.TargetReports.Add(report);
        }
        else
        {
            if (report.State is ReportState.Submitted or ReportState.Accepted)
            {
                return new TargetReportOutcome.Refused("", report.State == ReportState.Accepted
                    ? "该完成值已被采纳，不能再修改。"
                    : "该完成值已报送，等待振兴办审核；如需修改请联系振兴办退回。");
            }
            db.Entry(report).Property(r => r.Version).OriginalValue = input.Version;
        }
        var now = clock.GetUtcNow();
        var who = user.FindFirstValue(ClaimTypes.GivenName) ?? user.Identity!.Name!;
        report.Value = value;
        report.AsOf = asOf;
        report.Note = string.IsNullOrEmpty(note) ? null : note;
        report.State = ReportState.Submitted;
        report.ReturnReason = null;
        report.SubmittedAt = now;
        report.SubmittedByName = who;
        report.Late = ChinaTime.Today(clock) > round.DueOn;
        foreach (var (name, content) in input.Files ?? [])
        {
            report.Evidence.Add(new TargetEvidence
            {
                FileName = UploadedFileNames.Clean(name),
                ContentType = EvidenceTypes.Detect(content)!,
                Size = content.LongLength,
                Content = content,
                UploadedAt = now,
                UploadedByName = who,
            });
        }
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return new TargetReportOutcome.Saved(report);
        }
        catch (DbUpdateException ex) when (ex is DbUpdateConcurrencyException || report.Id == 0)
        {
            // A newer version, or two first reports at once (the unique index lets one through).
            db.ChangeTracker.Clear();
            var current = await db.TargetReports.AsNoTracking().SingleAsync(r => r.RoundId == roundId && r.TargetId == targetId, cancellationToken);
            return new TargetReportOutcome.Conflict(current);
        }
    }

    /// <returns>The problem in Chinese, or null when done.</returns>
    public async Task<string?> ReviewAsync(int reportId, int version, bool accept, string? reason, ClaimsPrincipal office, CancellationToken cancellationToken)
    {
        var report = await db.TargetReports.Include(r => r.Round).Include(r => r.Target).SingleOrDefaultAsync(r => r.Id == reportId, cancellationToken);
        if (report is null)
        {
            return "报送不存在。";
        }
        if (ReviewSteps.Refusal(report, accept, reason, "完成值") is { } refusal)
        {
            return refusal;
        }
        db.Entry(report).Property(r => r.Version).OriginalValue = version;
        var now = clock.GetUtcNow();
        ReviewSteps.Mark(report, accept, reason, office, now);
        if (!accept)
        {
            db.Notifications.Add(new Notification
            {
                UnitId = report.UnitId,
                Text = $"您单位在“{report.Round!.Name}”中报送的指标“{report.Target!.Title}”完成值被退回：{report.ReturnReason}",
                Link = $"/rounds/{report.RoundId}/targets",
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
            return "该完成值在您审核期间已被修改，请刷新后重新审核。";
        }
    }
}
