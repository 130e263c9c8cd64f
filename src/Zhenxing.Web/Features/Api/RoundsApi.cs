using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Zhenxing.Web.Data;
using Zhenxing.Web.Features.Items;
using Zhenxing.Web.Features.Rounds;
using Zhenxing.Web.Features.Users;
using Zhenxing.Web.Infrastructure;
using Zhenxing.Web.Infrastructure.Problems;

namespace Zhenxing.Web.Features.Api;

/// <param name="Counts">The round's six figures (<see cref="RoundCounts"/>), in the round list.</param>
public sealed record ApiRound(int Id, string Name, DateOnly OpensOn, DateOnly DueOn, RoundState State, bool IncludeResponsibleUnits, IReadOnlyList<int> Lists, int Version, bool IncludeTargets, ApiRoundCounts? Counts = null);

/// <summary>应报 / 已报 / 逾期报送 / 未报 / 待审核 / 已采纳, in reports (份); <c>scope</c> says whose.</summary>
public sealed record ApiRoundCounts(int Due, int Reported, int Late, int Missing, int PendingReview, int Accepted, bool AllUnits, string Scope, string Legend)
{
    public static ApiRoundCounts From(RoundCounts c) => new(c.Due, c.Reported, c.Late, c.Missing, c.PendingReview, c.Accepted, c.AllUnits, c.Scope, RoundCounts.Legend);
}

/// <param name="Force">Close even though reports wait for review (they stay 待审核); without it such a close answers 409 with the list.</param>
public sealed record ApiCloseRound(int Version, bool Force = false);

/// <summary>A report submitted and not reviewed, as the refused close lists it.</summary>
public sealed record ApiUnreviewedReport(int ReportId, int UnitId, string Unit, int ItemId, string Item);

public sealed record ApiNewRound(string? Name, DateOnly? OpensOn, DateOnly? DueOn, int[]? Lists, bool IncludeResponsibleUnits, bool IncludeTargets = false);

public sealed record ApiObligation(int ItemId, string ItemNumber, string ItemText, int UnitId, string Unit, ItemUnitRole Role, int? ReportId, ReportState? State, bool Late, string? ReturnReason, int? ReportVersion);

public sealed record ApiReportInput(ItemStatus Status, string? Narrative, string? Problems, string? Figures, int Version, bool Submit, Dictionary<int, string>? Answers, string? NextSteps = null);

public sealed record ApiReport(int Id, int RoundId, int ItemId, int UnitId, ItemUnitRole Role, ItemStatus Status, string Narrative, string? Problems, string? Figures, ReportState State, bool Late, string? ReturnReason, int Version, string? NextSteps);

public sealed record ApiReview(int Version, bool Accept, string? Reason);

public sealed record ApiStatisticsLine(string Label, int Total, Dictionary<ItemStatus, int> ByStatus, string Sentence);

public sealed record ApiStatistics(IReadOnlyList<ApiStatisticsLine> Lists, IReadOnlyList<ApiStatisticsLine> Categories, IReadOnlyList<ApiStatisticsLine> LeadUnits, ApiRoundCounts Counts);

/// <summary>Reporting rounds over the API: the same cycle and the same permissions as the pages.</summary>
public static class RoundsApi
{
    public static RouteGroupBuilder MapRoundsApi(this RouteGroupBuilder api)
    {
        var rounds = api.MapGroup("").WithTags("报送轮次");
        rounds.MapGet("/rounds", ListAsync).WithSummary("报送轮次列表");
        rounds.MapPost("/rounds", OpenAsync).WithSummary("开启报送轮次（振兴办）");
        rounds.MapGet("/rounds/{id:int}/obligations", ObligationsAsync).WithSummary("应报事项：联络员为本单位的，其他角色为全部");
        rounds.MapPut("/rounds/{id:int}/items/{itemId:int}/report", SaveReportAsync).WithSummary("保存或提交本单位的进展报送（联络员）");
        rounds.MapPost("/reports/{id:int}/review", ReviewAsync).WithSummary("采纳或退回报送（振兴办）");
        rounds.MapPost("/rounds/{id:int}/reminders", RemindAsync).WithSummary("向未报送单位催办（振兴办）");
        rounds.MapPost("/rounds/{id:int}/close", CloseAsync).WithSummary("关闭轮次并保存时点状态（振兴办）");
        rounds.MapGet("/rounds/{id:int}/statistics", StatisticsAsync).WithSummary("进展统计：按清单、类别、牵头单位");
        return api;
    }

    private static bool IsOffice(ClaimsPrincipal user) => user.IsInRole(nameof(Role.Office));

    private static ProblemHttpResult Forbidden(string detail) => TypedResults.Problem(ApiProblems.Create(StatusCodes.Status403Forbidden, detail));

    private static ProblemHttpResult Conflict(string detail) => TypedResults.Problem(ApiProblems.Create(StatusCodes.Status409Conflict, detail));

    private static async Task<Ok<List<ApiRound>>> ListAsync(ClaimsPrincipal user, ZhenxingDb db, CountRounds counts, CancellationToken cancellationToken)
    {
        var rounds = await db.ReportingRounds.AsNoTracking().OrderByDescending(r => r.Id)
            .Select(r => new ApiRound(r.Id, r.Name, r.OpensOn, r.DueOn, r.State, r.IncludeResponsibleUnits, r.Lists.Select(l => l.ItemListId).ToList(), r.Version, r.IncludeTargets, null))
            .ToListAsync(cancellationToken);
        // A liaison's figures are its own unit's reports, as its obligations are.
        if (user.IsInRole(nameof(Role.Liaison)))
        {
            var unitId = ItemScope.UnitOf(user) ?? -1;
            var own = new List<ApiRound>();
            foreach (var round in rounds)
            {
                own.Add(round with { Counts = ApiRoundCounts.From(await counts.ForRoundAsync(round.Id, null, unitId, cancellationToken)) });
            }
            return TypedResults.Ok(own);
        }
        var all = await counts.AllAsync(cancellationToken);
        return TypedResults.Ok(rounds.Select(r => r with { Counts = ApiRoundCounts.From(all[r.Id]) }).ToList());
    }

    private static async Task<Results<Created<ApiRound>, ValidationProblem, ProblemHttpResult>> OpenAsync(
        ApiNewRound body, ClaimsPrincipal user, OpenRound open, CancellationToken cancellationToken)
    {
        if (!IsOffice(user))
        {
            return Forbidden("只有振兴办可以开启报送轮次。");
        }
        var (round, errors) = await open.RunAsync(
            new NewRound(body.Name, body.OpensOn, body.DueOn, body.Lists ?? [], body.IncludeResponsibleUnits, body.IncludeTargets), cancellationToken);
        if (round is null)
        {
            return ApiProblems.Invalid(errors.ToDictionary(e => e.Key, e => new[] { e.Value }), "字段");
        }
        return TypedResults.Created($"/api/v1/rounds/{round.Id}",
            new ApiRound(round.Id, round.Name, round.OpensOn, round.DueOn, round.State, round.IncludeResponsibleUnits, round.Lists.Select(l => l.ItemListId).ToList(), round.Version, round.IncludeTargets));
    }

    private static async Task<Results<Ok<List<ApiObligation>>, ProblemHttpResult>> ObligationsAsync(
        int id, ClaimsPrincipal user, ZhenxingDb db, RoundObligations obligations, CancellationToken cancellationToken)
    {
        if (!await db.ReportingRounds.AnyAsync(r => r.Id == id, cancellationToken))
        {
            return TypedResults.Problem(ApiProblems.NotFound($"报送轮次 {id} 不存在。"));
        }
        var unitId = user.IsInRole(nameof(Role.Liaison)) ? ItemScope.UnitOf(user) ?? -1 : (int?)null;
        var rows = await obligations.QueryAsync(id, unitId, openOnly: false, cancellationToken);
        var versions = await db.ProgressReports.AsNoTracking().Where(p => p.RoundId == id).ToDictionaryAsync(p => p.Id, p => p.Version, cancellationToken);
        return TypedResults.Ok(rows.Select(o => new ApiObligation(o.ItemId, o.ItemNumber, o.ItemText, o.UnitId, o.UnitName, o.Role, o.ReportId, o.State, o.Late, o.ReturnReason,
            o.ReportId is { } reportId ? versions[reportId] : null)).ToList());
    }

    private static async Task<Results<Ok<ApiReport>, ProblemHttpResult>> SaveReportAsync(
        int id, int itemId, ApiReportInput body, ClaimsPrincipal user, ReportWorkflow workflow, CancellationToken cancellationToken)
    {
        if (!user.IsInRole(nameof(Role.Liaison)))
        {
            return Forbidden("只有单位联络员报送本单位的进展。");
        }
        var input = new ReportInput(body.Status, body.Narrative, body.Problems, body.Figures, body.Version, body.Answers, NextSteps: body.NextSteps);
        return await workflow.SaveAsync(id, itemId, user, input, body.Submit, cancellationToken) switch
        {
            ReportOutcome.Saved saved => TypedResults.Ok(ToApi(saved.Report)),
            ReportOutcome.Conflict conflict => Conflict($"{conflict.Current.UpdatedByName} 已先保存了这份报送（当前版本 {conflict.Current.Version}），内容：{conflict.Current.Narrative}"),
            ReportOutcome.Refused { ItemNotFound: true } => TypedResults.Problem(ItemsApi.ItemNotFound(itemId)),
            ReportOutcome.Refused refused => TypedResults.Problem(ApiProblems.Create(StatusCodes.Status400BadRequest, refused.Problem)),
            _ => throw new InvalidOperationException("Unknown report outcome."),
        };
    }

    private static async Task<Results<Ok<ApiReport>, ProblemHttpResult>> ReviewAsync(
        int id, ApiReview body, ClaimsPrincipal user, ZhenxingDb db, ReportWorkflow workflow, CancellationToken cancellationToken)
    {
        if (!IsOffice(user))
        {
            return Forbidden("只有振兴办可以审核报送。");
        }
        var problem = await workflow.ReviewAsync(id, body.Version, body.Accept, body.Reason, user, cancellationToken);
        if (problem is not null)
        {
            return problem.Contains("已被修改") ? Conflict(problem) : TypedResults.Problem(ApiProblems.Create(StatusCodes.Status400BadRequest, problem));
        }
        return TypedResults.Ok(ToApi(await db.ProgressReports.AsNoTracking().SingleAsync(p => p.Id == id, cancellationToken)));
    }

    private static async Task<Results<Ok<ApiRemindersSent>, ProblemHttpResult>> RemindAsync(
        int id, ClaimsPrincipal user, SendReminders reminders, CancellationToken cancellationToken)
    {
        if (!IsOffice(user))
        {
            return Forbidden("只有振兴办可以催办。");
        }
        var (sent, _) = await reminders.ChaseAsync(id, null, null, null, cancellationToken);
        return TypedResults.Ok(new ApiRemindersSent(sent.Count));
    }

    private static async Task<Results<Ok<ApiRound>, ProblemHttpResult>> CloseAsync(
        int id, ApiCloseRound body, ClaimsPrincipal user, ZhenxingDb db, CloseRound close, CancellationToken cancellationToken)
    {
        if (!IsOffice(user))
        {
            return Forbidden("只有振兴办可以关闭轮次。");
        }
        var outcome = await close.RunAsync(id, body.Version, body.Force, cancellationToken);
        if (outcome.Problem is { } problem)
        {
            return problem.Contains("不存在") ? TypedResults.Problem(ApiProblems.NotFound(problem)) : Conflict(problem);
        }
        if (outcome.NeedsConfirmation)
        {
            var refused = ApiProblems.Create(StatusCodes.Status409Conflict,
                $"尚有 {outcome.Unreviewed.Count} 份报送待审核：请先审核，或以 force=true 仍然关闭（这些报送将保持待审核）。");
            refused.Extensions["unreviewed"] = outcome.Unreviewed
                .Select(u => new ApiUnreviewedReport(u.ReportId, u.UnitId, u.UnitName, u.Item.ItemId, u.Item.Text)).ToList();
            return TypedResults.Problem(refused);
        }
        var round = await db.ReportingRounds.AsNoTracking().Include(r => r.Lists).SingleAsync(r => r.Id == id, cancellationToken);
        return TypedResults.Ok(new ApiRound(round.Id, round.Name, round.OpensOn, round.DueOn, round.State, round.IncludeResponsibleUnits, round.Lists.Select(l => l.ItemListId).ToList(), round.Version, round.IncludeTargets));
    }

    private static async Task<Results<Ok<ApiStatistics>, ProblemHttpResult>> StatisticsAsync(
        int id, ClaimsPrincipal user, ZhenxingDb db, RoundStatistics statistics, CountRounds counts, CancellationToken cancellationToken)
    {
        var round = await db.ReportingRounds.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (round is null)
        {
            return TypedResults.Problem(ApiProblems.NotFound($"报送轮次 {id} 不存在。"));
        }
        var items = await statistics.ItemsAsync(round, cancellationToken);
        if (user.IsInRole(nameof(Role.Liaison)))
        {
            var visible = await db.Items.VisibleTo(user).Select(i => i.Id).ToListAsync(cancellationToken);
            items = items.Where(i => visible.Contains(i.ItemId)).ToList();
        }
        static List<ApiStatisticsLine> Lines(IEnumerable<StatisticsLine> lines) =>
            lines.Select(l => new ApiStatisticsLine(l.Label, l.Total, l.ByStatus.ToDictionary(s => s.Status, s => s.Count), l.Sentence)).ToList();
        var ownUnit = user.IsInRole(nameof(Role.Liaison)) ? ItemScope.UnitOf(user) ?? -1 : (int?)null;
        var figures = await counts.ForRoundAsync(id, null, ownUnit, cancellationToken);
        return TypedResults.Ok(new ApiStatistics(Lines(RoundStatistics.ByList(items)), Lines(RoundStatistics.ByCategory(items)), Lines(RoundStatistics.ByLeadUnit(items)),
            ApiRoundCounts.From(figures)));
    }

    private static ApiReport ToApi(ProgressReport p) =>
        new(p.Id, p.RoundId, p.ItemId, p.UnitId, p.Role, p.Status, p.Narrative, p.Problems, p.Figures, p.State, p.Late, p.ReturnReason, p.Version, p.NextSteps);
}

public sealed record ApiRemindersSent(int Sent);
