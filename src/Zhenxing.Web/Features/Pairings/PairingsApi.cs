using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Zhenxing.Web.Data;
using Zhenxing.Web.Infrastructure.Problems;

namespace Zhenxing.Web.Features.Pairings;

public sealed record ApiPairingActivity(
    int Id, int PairingId, PairingActivityKind Kind, string KindText, DateOnly OccurredOn, string? Title, string? People, string? Counterpart,
    LeaderRank? LeaderRank, PlanKind? PlanKind, string? Post, string? Batch, DateOnly? TermEndsOn, SupportKind? SupportKind, decimal? Amount,
    string? Notes, string Summary, string CreatedByName, DateTimeOffset CreatedAt, int Version)
{
    public static ApiPairingActivity From(PairingActivity a) => new(a.Id, a.PairingId, a.Kind, a.Kind.ToChinese(), a.OccurredOn, a.Title, a.People, a.Counterpart,
        a.LeaderRank, a.PlanKind, a.Post, a.Batch, a.TermEndsOn, a.SupportKind, a.Amount, a.Notes, a.Describe(), a.CreatedByName, a.CreatedAt, a.Version);
}

public sealed record ApiPairingDetail(PairingRow Pairing, IReadOnlyList<PairingRow> History, IReadOnlyList<ApiPairingActivity> Activities);

public sealed record ApiActivityInput(
    PairingActivityKind? Kind, DateOnly? OccurredOn, string? Title, string? People, string? Counterpart, LeaderRank? LeaderRank, PlanKind? PlanKind,
    string? Post, string? Batch, DateOnly? TermEndsOn, SupportKind? SupportKind, decimal? Amount, string? Notes, int Version)
{
    public PairingActivityForm ToForm() => new()
    {
        Kind = Kind, OccurredOn = OccurredOn?.ToString("yyyy-MM-dd"), Title = Title, People = People, Counterpart = Counterpart, LeaderRank = LeaderRank,
        PlanKind = PlanKind, Post = Post, Batch = Batch, TermEndsOn = TermEndsOn?.ToString("yyyy-MM-dd"), SupportKind = SupportKind,
        Amount = Amount?.ToString(CultureInfo.InvariantCulture), Notes = Notes, Version = Version,
    };
}

public sealed record ApiNewScheme(string? Title, string? DocumentNumber, int? StartYear, int? EndYear);

public sealed record ApiNewPairing(int? SchemeId, string? SupportingUnit, string? County, string? City, string? CountyNote, DateOnly? StartsOn);

public sealed record ApiChangePartner(int Version, string? NewUnit, DateOnly? ChangesOn, string? Reason);

public sealed record ApiEndPairing(int Version, DateOnly? EndsOn, string? Reason);

/// <summary>The pairing registry, its activity log, the period figures and the evaluation over the API: the permissions of the pages.</summary>
public static class PairingsApi
{
    public static RouteGroupBuilder MapPairingsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("").WithTags("对口支援");
        group.MapGet("/pairings", ListAsync).WithSummary("对口支援结对名单")
            .WithDescription("查询参数：view（Unit 按支援单位 / County 按受援县 / City 按市，决定排序）、city、county、unit（名称或其一部分）、state（active 期内，默认 / ended 已结束 / all）。");
        group.MapGet("/pairings/{id:int}", GetAsync).WithSummary("一个结对：期限、该县在本方案中的结对历史、工作动态");
        group.MapPost("/pairing-schemes", CreateSchemeAsync).WithSummary("新建对口支援方案（振兴办）");
        group.MapPost("/pairings", AddAsync).WithSummary("新增结对（振兴办）");
        group.MapPost("/pairings/{id:int}/change-partner", ChangePartnerAsync).WithSummary("调整支援单位：原结对于调整日前一天结束，新结对自调整日开始，两者都保留（振兴办）");
        group.MapPost("/pairings/{id:int}/end", EndAsync).WithSummary("结束结对期限（振兴办）");
        group.MapGet("/pairings/{id:int}/activities", ActivitiesAsync).WithSummary("结对的工作动态");
        group.MapPost("/pairings/{id:int}/activities", FileAsync).WithSummary("填报工作动态（该县联络员或振兴办）")
            .WithDescription("kind：Visit 赴部委对接、ResearchVisit 领导来调研（leaderRank：Principal 主要负责同志 / Deputy 其他负责同志）、Plan 出台方案或计划（planKind：ImplementationPlan / AnnualPlan）、"
                             + "Cadre 挂职干部（people 姓名、post 职务、batch 批次、occurredOn 开始、termEndsOn 结束）、Symposium 座谈会、Support 争取支持（supportKind：Policy / Project / Funds，amount 万元）。");
        group.MapPut("/pairing-activities/{id:int}", UpdateAsync).WithSummary("修改工作动态（带版本号）");
        group.MapDelete("/pairing-activities/{id:int}", DeleteAsync).WithSummary("删除工作动态（?version=版本号）");
        group.MapGet("/pairings/figures", FiguresAsync).WithSummary("对口支援与北上对接的期间数据（from、to：yyyy-MM-dd）");
        group.MapGet("/pairings/evaluation", EvaluationAsync).WithSummary("对口支援工作成效评估：按结对、按受援县（from、to）");
        return api;
    }

    private static ProblemHttpResult Problem(int status, string detail) => TypedResults.Problem(ApiProblems.Create(status, detail));

    private static ProblemHttpResult OfficeOnly() => Problem(StatusCodes.Status403Forbidden, "只有振兴办可以修改对口支援结对名单。");

    private static async Task<Ok<List<PairingRow>>> ListAsync(HttpRequest request, PairingRegistry registry, CancellationToken cancellationToken)
    {
        var filter = PairingFilter.From(request.Query);
        var rows = filter.Apply(await registry.AllAsync(cancellationToken));
        rows = filter.View switch
        {
            PairingView.County => rows.OrderBy(r => r.County, StringComparer.Ordinal).ThenBy(r => r.StartsOn),
            PairingView.City => rows.OrderBy(r => r.Id),
            _ => rows.OrderBy(r => r.SupportingUnit, StringComparer.Ordinal).ThenBy(r => r.StartsOn),
        };
        return TypedResults.Ok(rows.ToList());
    }

    private static async Task<Results<Ok<ApiPairingDetail>, ProblemHttpResult>> GetAsync(int id, PairingRegistry registry, ZhenxingDb db, CancellationToken cancellationToken)
    {
        var all = await registry.AllAsync(cancellationToken);
        var pairing = all.SingleOrDefault(p => p.Id == id);
        if (pairing is null)
        {
            return TypedResults.Problem(ApiProblems.NotFound($"结对 {id} 不存在。"));
        }
        var activities = await db.PairingActivities.AsNoTracking().Where(a => a.PairingId == id).OrderByDescending(a => a.OccurredOn).ThenByDescending(a => a.Id).ToListAsync(cancellationToken);
        return TypedResults.Ok(new ApiPairingDetail(pairing, History(all, pairing), activities.Select(ApiPairingActivity.From).ToList()));
    }

    /// <summary>The county's pairings in the same scheme, oldest first: a change of partner shows as one ending and the next beginning.</summary>
    public static List<PairingRow> History(IEnumerable<PairingRow> all, PairingRow pairing) =>
        all.Where(p => p.SchemeId == pairing.SchemeId && p.CountyUnitId == pairing.CountyUnitId).OrderBy(p => p.StartsOn).ThenBy(p => p.Id).ToList();

    private static async Task<Results<Created<PairingScheme>, ValidationProblem, ProblemHttpResult>> CreateSchemeAsync(
        ApiNewScheme body, ClaimsPrincipal user, EditPairings edit, ZhenxingDb db, CancellationToken cancellationToken)
    {
        if (!PairingRegistry.CanEditRegistry(user))
        {
            return OfficeOnly();
        }
        var outcome = await edit.CreateSchemeAsync(body.Title, body.DocumentNumber, body.StartYear?.ToString(CultureInfo.InvariantCulture), body.EndYear?.ToString(CultureInfo.InvariantCulture), cancellationToken);
        if (!outcome.Ok)
        {
            return Invalid(outcome.Errors);
        }
        var scheme = await db.PairingSchemes.AsNoTracking().SingleAsync(s => s.Id == outcome.Id, cancellationToken);
        return TypedResults.Created($"/api/v1/pairings?scheme={scheme.Id}", scheme);
    }

    private static async Task<Results<Created<PairingRow>, ValidationProblem, ProblemHttpResult>> AddAsync(
        ApiNewPairing body, ClaimsPrincipal user, EditPairings edit, PairingRegistry registry, CancellationToken cancellationToken)
    {
        if (!PairingRegistry.CanEditRegistry(user))
        {
            return OfficeOnly();
        }
        var outcome = await edit.AddPairingAsync(body.SchemeId, body.SupportingUnit, body.County, body.City, body.CountyNote, body.StartsOn?.ToString("yyyy-MM-dd"), cancellationToken);
        if (!outcome.Ok)
        {
            return Invalid(outcome.Errors);
        }
        return TypedResults.Created($"/api/v1/pairings/{outcome.Id}", (await registry.FindAsync(outcome.Id!.Value, cancellationToken))!);
    }

    private static async Task<Results<Ok<PairingRow>, ValidationProblem, ProblemHttpResult>> ChangePartnerAsync(
        int id, ApiChangePartner body, ClaimsPrincipal user, EditPairings edit, PairingRegistry registry, CancellationToken cancellationToken)
    {
        if (!PairingRegistry.CanEditRegistry(user))
        {
            return OfficeOnly();
        }
        var outcome = await edit.ChangePartnerAsync(id, body.Version, body.NewUnit, body.ChangesOn?.ToString("yyyy-MM-dd"), body.Reason, cancellationToken);
        return await Answer(outcome, registry, cancellationToken);
    }

    private static async Task<Results<Ok<PairingRow>, ValidationProblem, ProblemHttpResult>> EndAsync(
        int id, ApiEndPairing body, ClaimsPrincipal user, EditPairings edit, PairingRegistry registry, CancellationToken cancellationToken)
    {
        if (!PairingRegistry.CanEditRegistry(user))
        {
            return OfficeOnly();
        }
        var outcome = await edit.EndAsync(id, body.Version, body.EndsOn?.ToString("yyyy-MM-dd"), body.Reason, cancellationToken);
        return await Answer(outcome, registry, cancellationToken);
    }

    private static async Task<Results<Ok<PairingRow>, ValidationProblem, ProblemHttpResult>> Answer(EditPairings.Outcome outcome, PairingRegistry registry, CancellationToken cancellationToken)
    {
        if (outcome.Ok)
        {
            return TypedResults.Ok((await registry.FindAsync(outcome.Id!.Value, cancellationToken))!);
        }
        if (outcome.Conflict)
        {
            return Problem(StatusCodes.Status409Conflict, outcome.Errors[""]);
        }
        if (outcome.Errors.TryGetValue("", out var missing))
        {
            return TypedResults.Problem(ApiProblems.NotFound(missing));
        }
        return Invalid(outcome.Errors);
    }

    private static async Task<Results<Ok<List<ApiPairingActivity>>, ProblemHttpResult>> ActivitiesAsync(int id, PairingRegistry registry, ZhenxingDb db, CancellationToken cancellationToken)
    {
        if (await registry.FindAsync(id, cancellationToken) is null)
        {
            return TypedResults.Problem(ApiProblems.NotFound($"结对 {id} 不存在。"));
        }
        var activities = await db.PairingActivities.AsNoTracking().Where(a => a.PairingId == id).OrderByDescending(a => a.OccurredOn).ThenByDescending(a => a.Id).ToListAsync(cancellationToken);
        return TypedResults.Ok(activities.Select(ApiPairingActivity.From).ToList());
    }

    private static async Task<Results<Created<ApiPairingActivity>, ValidationProblem, ProblemHttpResult>> FileAsync(
        int id, ApiActivityInput body, ClaimsPrincipal user, FilePairingActivity file, CancellationToken cancellationToken)
    {
        var outcome = await file.CreateAsync(id, body.ToForm(), user, cancellationToken);
        return outcome switch
        {
            ActivityOutcome.Saved saved => TypedResults.Created($"/api/v1/pairings/{id}/activities", ApiPairingActivity.From(saved.Activity)),
            ActivityOutcome.Invalid invalid => Invalid(invalid.Errors),
            _ => Refusal(outcome, $"结对 {id} 不存在。"),
        };
    }

    private static async Task<Results<Ok<ApiPairingActivity>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        int id, ApiActivityInput body, ClaimsPrincipal user, FilePairingActivity file, CancellationToken cancellationToken)
    {
        var outcome = await file.UpdateAsync(id, body.ToForm(), user, cancellationToken);
        return outcome switch
        {
            ActivityOutcome.Saved saved => TypedResults.Ok(ApiPairingActivity.From(saved.Activity)),
            ActivityOutcome.Invalid invalid => Invalid(invalid.Errors),
            _ => Refusal(outcome, $"工作动态 {id} 不存在。"),
        };
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        int id, int? version, ClaimsPrincipal user, FilePairingActivity file, CancellationToken cancellationToken)
    {
        if (version is null)
        {
            return Problem(StatusCodes.Status428PreconditionRequired, "缺少版本号：请以 ?version= 发送所删除动态的版本号。");
        }
        var outcome = await file.DeleteAsync(id, version.Value, user, cancellationToken);
        return outcome is ActivityOutcome.Saved ? TypedResults.NoContent() : Refusal(outcome, $"工作动态 {id} 不存在。");
    }

    private static async Task<Results<Ok<PairingPeriodFigures>, ValidationProblem>> FiguresAsync(
        string? from, string? to, PairingFigures figures, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (start, end, errors) = ReportPeriod.Parse(from, to, Infrastructure.ChinaTime.Today(clock));
        if (errors.Count > 0)
        {
            return ApiProblems.Invalid(errors.ToDictionary(e => e.Key, e => new[] { e.Value }), "查询参数");
        }
        return TypedResults.Ok(await figures.ForPeriodAsync(start, end, cancellationToken: cancellationToken));
    }

    private static async Task<Results<Ok<PairingEvaluationResult>, ValidationProblem>> EvaluationAsync(
        string? from, string? to, PairingEvaluation evaluation, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (start, end, errors) = ReportPeriod.Parse(from, to, Infrastructure.ChinaTime.Today(clock));
        if (errors.Count > 0)
        {
            return ApiProblems.Invalid(errors.ToDictionary(e => e.Key, e => new[] { e.Value }), "查询参数");
        }
        return TypedResults.Ok(await evaluation.RunAsync(start, end, cancellationToken));
    }

    private static ValidationProblem Invalid(Dictionary<string, string> errors) =>
        ApiProblems.Invalid(errors.ToDictionary(e => char.ToLowerInvariant(e.Key[0]) + e.Key[1..], e => new[] { e.Value }), "字段");

    private static ProblemHttpResult Refusal(ActivityOutcome outcome, string notFound) => outcome switch
    {
        ActivityOutcome.Forbidden forbidden => Problem(StatusCodes.Status403Forbidden, forbidden.Reason),
        ActivityOutcome.Conflict conflict => Problem(StatusCodes.Status409Conflict, conflict.Message),
        _ => TypedResults.Problem(ApiProblems.NotFound(notFound)),
    };
}
