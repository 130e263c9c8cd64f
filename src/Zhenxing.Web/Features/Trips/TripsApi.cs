using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Zhenxing.Web.Features.Users;
using Zhenxing.Web.Infrastructure.Problems;

namespace Zhenxing.Web.Features.Trips;

public sealed record ApiTripInput(
    string? Unit, DateOnly? TravelledOn, string? People, bool PrincipalLeaderWent, DestinationLevel? Level, string? Destination, string? Outcome, int[]? Items, int Version)
{
    public TripForm ToForm() => new()
    {
        Unit = Unit, TravelledOn = TravelledOn?.ToString("yyyy-MM-dd"), People = People, PrincipalLeaderWent = PrincipalLeaderWent, Level = Level,
        Destination = Destination, Outcome = Outcome, Items = Items ?? [], Version = Version,
    };
}

public sealed record ApiTripRule(int ProvincialPerMonth, int NationalVisits, int NationalWindowMonths, int Version);

/// <summary>Liaison trips (北上对接) and their monthly compliance over the API: the permissions of the pages.</summary>
public static class TripsApi
{
    public static RouteGroupBuilder MapTripsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("").WithTags("北上对接");
        group.MapGet("/trips", ListAsync).WithSummary("北上对接记录：联络员为本单位的，其他角色为全部")
            .WithDescription("查询参数：unit（单位编号）、level（National 国家部委 / Provincial 省直部门）、principal（true 主要负责同志带队）、from、to（yyyy-MM-dd）。");
        group.MapGet("/trips/{id:int}", GetAsync).WithSummary("一条北上对接记录");
        group.MapPost("/trips", CreateAsync).WithSummary("登记北上对接（联络员为本单位，振兴办可为任何单位，unit 为单位名称）");
        group.MapPut("/trips/{id:int}", UpdateAsync).WithSummary("修改北上对接记录（带版本号）");
        group.MapDelete("/trips/{id:int}", DeleteAsync).WithSummary("删除北上对接记录（?version=版本号）");
        group.MapGet("/trips/compliance", ComplianceAsync).WithSummary("北上对接月度达标情况（month=yyyy-MM；联络员只见本单位）");
        group.MapGet("/trips/rule", RuleAsync).WithSummary("北上对接考核标准");
        group.MapPut("/trips/rule", SaveRuleAsync).WithSummary("修改北上对接考核标准（振兴办）");
        return api;
    }

    private static ProblemHttpResult Problem(int status, string detail) => TypedResults.Problem(ApiProblems.Create(status, detail));

    private static async Task<Ok<List<TripRow>>> ListAsync(HttpRequest request, ClaimsPrincipal user, TripsQuery trips, CancellationToken cancellationToken) =>
        TypedResults.Ok(await trips.ListAsync(TripFilter.Parse(request.Query), user, cancellationToken));

    private static async Task<Results<Ok<TripRow>, ProblemHttpResult>> GetAsync(int id, ClaimsPrincipal user, TripsQuery trips, CancellationToken cancellationToken) =>
        await trips.FindAsync(id, user, cancellationToken) is { } trip ? TypedResults.Ok(trip) : TypedResults.Problem(ApiProblems.NotFound($"北上对接记录 {id} 不存在。"));

    private static async Task<Results<Created<TripRow>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        ApiTripInput body, ClaimsPrincipal user, TripLog log, TripsQuery trips, CancellationToken cancellationToken)
    {
        var outcome = await log.CreateAsync(body.ToForm(), user, cancellationToken);
        if (outcome is TripOutcome.Saved saved)
        {
            return TypedResults.Created($"/api/v1/trips/{saved.Trip.Id}", (await trips.FindAsync(saved.Trip.Id, user, cancellationToken))!);
        }
        return outcome is TripOutcome.Invalid invalid ? Invalid(invalid.Errors) : Refusal(outcome, "北上对接记录不存在。");
    }

    private static async Task<Results<Ok<TripRow>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        int id, ApiTripInput body, ClaimsPrincipal user, TripLog log, TripsQuery trips, CancellationToken cancellationToken)
    {
        var outcome = await log.UpdateAsync(id, body.ToForm(), user, cancellationToken);
        if (outcome is TripOutcome.Saved)
        {
            return TypedResults.Ok((await trips.FindAsync(id, user, cancellationToken))!);
        }
        return outcome is TripOutcome.Invalid invalid ? Invalid(invalid.Errors) : Refusal(outcome, $"北上对接记录 {id} 不存在。");
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(int id, int? version, ClaimsPrincipal user, TripLog log, CancellationToken cancellationToken)
    {
        if (version is null)
        {
            return Problem(StatusCodes.Status428PreconditionRequired, "缺少版本号：请以 ?version= 发送所删除记录的版本号。");
        }
        var outcome = await log.DeleteAsync(id, version.Value, user, cancellationToken);
        return outcome is TripOutcome.Saved ? TypedResults.NoContent() : Refusal(outcome, $"北上对接记录 {id} 不存在。");
    }

    private static async Task<Results<Ok<ComplianceMonth>, ValidationProblem>> ComplianceAsync(
        string? month, ClaimsPrincipal user, TripCompliance compliance, TimeProvider clock, CancellationToken cancellationToken)
    {
        var today = Infrastructure.ChinaTime.Today(clock);
        var parsed = string.IsNullOrWhiteSpace(month) ? (today.Year, today.Month) : TripCompliance.ParseMonth(month);
        if (parsed is not { } m)
        {
            return ApiProblems.Invalid(new() { ["month"] = [$"月份“{month}”无效，请按 2026-10 的格式填写。"] }, "查询参数");
        }
        return TypedResults.Ok(await compliance.ForMonthAsync(m.Item1, m.Item2, TripCompliance.OnlyUnitFor(user), cancellationToken));
    }

    private static async Task<Ok<ApiTripRule>> RuleAsync(TripCompliance compliance, CancellationToken cancellationToken)
    {
        var rule = await compliance.RuleAsync(cancellationToken);
        return TypedResults.Ok(new ApiTripRule(rule.ProvincialPerMonth, rule.NationalVisits, rule.NationalWindowMonths, rule.Version));
    }

    private static async Task<Results<Ok<ApiTripRule>, ValidationProblem, ProblemHttpResult>> SaveRuleAsync(
        ApiTripRule body, ClaimsPrincipal user, TripCompliance compliance, CancellationToken cancellationToken)
    {
        if (!user.IsInRole(nameof(Role.Office)))
        {
            return Problem(StatusCodes.Status403Forbidden, "只有振兴办可以修改北上对接考核标准。");
        }
        var (rule, errors, conflict) = await compliance.SaveRuleAsync(body.ProvincialPerMonth.ToString(CultureInfo.InvariantCulture), body.NationalVisits.ToString(CultureInfo.InvariantCulture),
            body.NationalWindowMonths.ToString(CultureInfo.InvariantCulture), body.Version, cancellationToken);
        if (conflict)
        {
            return Problem(StatusCodes.Status409Conflict, errors[""]);
        }
        if (rule is null)
        {
            return Invalid(errors);
        }
        return TypedResults.Ok(new ApiTripRule(rule.ProvincialPerMonth, rule.NationalVisits, rule.NationalWindowMonths, rule.Version));
    }

    private static ValidationProblem Invalid(Dictionary<string, string> errors) =>
        ApiProblems.Invalid(errors.ToDictionary(e => char.ToLowerInvariant(e.Key[0]) + e.Key[1..], e => new[] { e.Value }), "字段");

    private static ProblemHttpResult Refusal(TripOutcome outcome, string notFound) => outcome switch
    {
        TripOutcome.Forbidden forbidden => Problem(StatusCodes.Status403Forbidden, forbidden.Reason),
        TripOutcome.Conflict conflict => Problem(StatusCodes.Status409Conflict, conflict.Message),
        _ => TypedResults.Problem(ApiProblems.NotFound(notFound)),
    };
}
