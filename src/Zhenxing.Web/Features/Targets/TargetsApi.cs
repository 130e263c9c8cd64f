using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Zhenxing.Importing.Targets;
using Zhenxing.Web.Data;
using Zhenxing.Web.Features.Items;
using Zhenxing.Web.Features.Meetings;
using Zhenxing.Web.Features.Rounds;
using Zhenxing.Web.Features.Units;
using Zhenxing.Web.Features.Users;
using Zhenxing.Web.Infrastructure;
using Zhenxing.Web.Infrastructure.Problems;

namespace Zhenxing.Web.Features.Targets;

public sealed record ApiTargetMilestone(int Year, decimal Value);

public sealed record ApiTarget(int Id, string Title, int OwnerUnitId, string OwnerUnit, string MeasureUnit, TargetDirection Direction, decimal BaselineValue, int BaselineYear,
    decimal TargetValue, int TargetYear, IReadOnlyList<ApiTargetMilestone> Milestones, string? SourceName, string? SourceSentence,
    decimal? Actual, DateOnly? ActualAsOf, decimal? Expected, TrackState State, double? Progress, bool Achieved, int Version);

public sealed record ApiTargetsProgress(DateOnly AsOf, int OnTrack, int Behind, int NoData, string Sentence, IReadOnlyList<ApiTarget> Targets);

public sealed record ApiTargetInput(string? Title, string? OwnerUnit, string? MeasureUnit, decimal? BaselineValue, int? BaselineYear, decimal? TargetValue, int? TargetYear,
    TargetDirection Direction, ApiTargetMilestone[]? Milestones, string? Note, string? SourceName, string? SourceSentence, int Version);

public sealed record ApiTargetReport(int Id, int TargetId, int RoundId, int UnitId, decimal Value, DateOnly AsOf, string? Note, ReportState State, bool Late, string? ReturnReason, int Version);

public sealed record ApiTargetReportInput(decimal? Value, DateOnly? AsOf, string? Note, int Version);

public sealed record ApiCandidateRequest(string? Text, int? DocumentYear);

public sealed record ApiMeeting(int Id, string Title, DateOnly HeldOn, MeetingLevel Level, bool Held, int Matters, int Landed, string Sentence, IReadOnlyList<ApiMatter>? MatterList, int Version);

public sealed record ApiMatter(int Id, int Position, string Text, int? LeadUnitId, string? LeadUnit, IReadOnlyList<int> Items, string? Decision, LandingStatus Status, DateOnly? LandedOn, int Version);

public sealed record ApiMeetingInput(string? Title, DateOnly? HeldOn, MeetingLevel Level, int Version);

public sealed record ApiMatterInput(string? Text, string? LeadUnit, int[]? Items, string? Decision, int Version);

public sealed record ApiLandingInput(LandingStatus Status, string? Note, int Version);

public sealed record ApiMeetingsSummary(DateOnly? From, DateOnly? To, int Held, int Matters, int Landed, int Planned, string Sentence, IReadOnlyList<ApiMeeting> Meetings);

/// <summary>Targets (指标), their reports and candidates, and meetings with their matters over the API, with the pages' permissions.</summary>
public static class TargetsApi
{
    public static RouteGroupBuilder MapTargetsApi(this RouteGroupBuilder api)
    {
        var targets = api.MapGroup("").WithTags("指标");
        targets.MapGet("/targets", ListAsync).WithSummary("指标及其进度（owner=责任单位，state=OnTrack|Behind|NoData，asOf=日期）");
        targets.MapGet("/targets/{id:int}", GetAsync).WithSummary("一项指标：进度、轨迹与历次完成值");
        targets.MapPost("/targets", CreateAsync).WithSummary("新增指标（振兴办）");
        targets.MapPut("/targets/{id:int}", UpdateAsync).WithSummary("修改指标（振兴办；version 为当前版本）");
        targets.MapPost("/targets/candidates", CandidatesAsync).WithSummary("从文字中提取候选指标（振兴办；不保存）");
        targets.MapGet("/rounds/{id:int}/targets", RoundTargetsAsync).WithSummary("轮次中应报的指标：联络员为本单位的，其他角色为全部");
        targets.MapPut("/rounds/{id:int}/targets/{targetId:int}/report", ReportAsync).WithSummary("报送指标完成值（责任单位联络员或振兴办）");
        targets.MapPost("/target-reports/{id:int}/review", ReviewAsync).WithSummary("采纳或退回指标完成值（振兴办）");

        var meetings = api.MapGroup("").WithTags("会议");
        meetings.MapGet("/meetings", MeetingsAsync).WithSummary("会议及其落实情况汇总（from、to、level）");
        meetings.MapGet("/meetings/{id:int}", MeetingAsync).WithSummary("一次会议及其提请研究事项");
        meetings.MapPost("/meetings", CreateMeetingAsync).WithSummary("登记会议（振兴办）");
        meetings.MapPut("/meetings/{id:int}", UpdateMeetingAsync).WithSummary("修改会议（振兴办）");
        meetings.MapPost("/meetings/{id:int}/matters", AddMatterAsync).WithSummary("添加提请研究事项（振兴办）");
        meetings.MapPut("/matters/{id:int}", EditMatterAsync).WithSummary("修改事项、填写议定事项（振兴办）");
        meetings.MapPost("/matters/{id:int}/landing", LandingAsync).WithSummary("报送事项落实情况（牵头单位联络员或振兴办）");
        return api;
    }

    private static bool IsOffice(ClaimsPrincipal user) => user.IsInRole(nameof(Role.Office));

    private static ProblemHttpResult Problem(int status, string detail) => TypedResults.Problem(ApiProblems.Create(status, detail));

    private static ApiTarget ToApi(Target t, TargetStanding s) =>
        new(t.Id, t.Title, t.OwnerUnitId, s.OwnerUnit, t.MeasureUnit, t.Direction, t.BaselineValue, t.BaselineYear, t.TargetValue, t.TargetYear,
            t.Milestones.OrderBy(m => m.Year).Select(m => new ApiTargetMilestone(m.Year, m.Value)).ToList(), t.SourceName, t.SourceSentence,
            s.Actual, s.ActualAsOf, s.Expected is { } e ? Math.Round(e, 4) : null, s.State, s.Progress, s.Achieved, t.Version);

    private static async Task<Results<Ok<ApiTargetsProgress>, ValidationProblem>> ListAsync(string? owner, string? state, DateOnly? asOf, ZhenxingDb db, TargetProgress progress,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        TrackState? wanted = null;
        if (!string.IsNullOrWhiteSpace(state))
        {
            if (!Enum.TryParse<TrackState>(state, true, out var parsed) || !Enum.IsDefined(parsed))
            {
                return ApiProblems.Invalid(new() { ["state"] = ["状态应为 OnTrack（按进度）、Behind（滞后）或 NoData（暂无数据）。"] }, "查询参数");
            }
            wanted = parsed;
        }
        var all = await progress.AsOfAsync(asOf ?? ChinaTime.Today(clock), cancellationToken);
        int? ownerId = string.IsNullOrWhiteSpace(owner) ? null : (await db.Units.FindByNameAsync(owner, cancellationToken))?.Id ?? -1;
        var shown = all.Targets.Where(t => (wanted is null || t.State == wanted) && (ownerId is null || t.OwnerUnitId == ownerId)).ToList();
        var ids = shown.Select(s => s.Id).ToList();
        var entities = await db.Targets.AsNoTracking().Include(t => t.Milestones).Where(t => ids.Contains(t.Id)).ToDictionaryAsync(t => t.Id, cancellationToken);
        return TypedResults.Ok(new ApiTargetsProgress(all.AsOf, all.OnTrack, all.Behind, all.NoData, all.Sentence, shown.Select(s => ToApi(entities[s.Id], s)).ToList()));
    }

    private static async Task<Results<Ok<ApiTarget>, ProblemHttpResult>> GetAsync(int id, ZhenxingDb db, TargetProgress progress, TimeProvider clock, CancellationToken cancellationToken)
    {
        var target = await db.Targets.AsNoTracking().Include(t => t.Milestones).SingleOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (target is null)
        {
            return TypedResults.Problem(ApiProblems.NotFound($"指标 {id} 不存在。"));
        }
        var standing = (await progress.AsOfAsync(ChinaTime.Today(clock), cancellationToken, [id])).Targets.Single();
        return TypedResults.Ok(ToApi(target, standing));
    }

    private static TargetInput Input(ApiTargetInput body) => new(body.Title, body.OwnerUnit, body.MeasureUnit,
        body.BaselineValue?.ToString(System.Globalization.CultureInfo.InvariantCulture), body.BaselineYear?.ToString(),
        body.TargetValue?.ToString(System.Globalization.CultureInfo.InvariantCulture), body.TargetYear?.ToString(), body.Direction,
        string.Join("\n", (body.Milestones ?? []).Select(m => $"{m.Year} {m.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)}")),
        body.Note, null, body.SourceName, body.SourceSentence, body.Version);

    private static async Task<Results<Created<ApiTarget>, ValidationProblem, ProblemHttpResult>> CreateAsync(ApiTargetInput body, ClaimsPrincipal user, SaveTarget save,
        ZhenxingDb db, TargetProgress progress, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!IsOffice(user))
        {
            return Problem(StatusCodes.Status403Forbidden, "只有振兴办可以设定指标。");
        }
        var (target, errors) = await save.RunAsync(null, Input(body), user, cancellationToken);
        if (target is null)
        {
            return ApiProblems.Invalid(errors.ToDictionary(e => char.ToLowerInvariant(e.Key[0]) + e.Key[1..], e => new[] { e.Value }), "字段");
        }
        var created = (Ok<ApiTarget>)(await GetAsync(target.Id, db, progress, clock, cancellationToken)).Result;
        return TypedResults.Created($"/api/v1/targets/{target.Id}", created.Value);
    }

    private static async Task<Results<Ok<ApiTarget>, ValidationProblem, ProblemHttpResult>> UpdateAsync(int id, ApiTargetInput body, ClaimsPrincipal user, SaveTarget save,
        ZhenxingDb db, TargetProgress progress, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!IsOffice(user))
        {
            return Problem(StatusCodes.Status403Forbidden, "只有振兴办可以修改指标。");
        }
        if (!await db.Targets.AnyAsync(t => t.Id == id, cancellationToken))
        {
            return TypedResults.Problem(ApiProblems.NotFound($"指标 {id} 不存在。"));
        }
        var (target, errors) = await save.RunAsync(id, Input(body), user, cancellationToken);
        if (target is null)
        {
            return errors.TryGetValue(SaveTarget.ConflictKey, out var conflict)
                ? Problem(StatusCodes.Status409Conflict, conflict)
                : ApiProblems.Invalid(errors.ToDictionary(e => char.ToLowerInvariant(e.Key[0]) + e.Key[1..], e => new[] { e.Value }), "字段");
        }
        return (Ok<ApiTarget>)(await GetAsync(id, db, progress, clock, cancellationToken)).Result;
    }

    private static Results<Ok<List<TargetCandidate>>, ValidationProblem, ProblemHttpResult> CandidatesAsync(ApiCandidateRequest body, ClaimsPrincipal user)
    {
        if (!IsOffice(user))
        {
            return Problem(StatusCodes.Status403Forbidden, "只有振兴办可以提取候选指标。");
        }
        if (string.IsNullOrWhiteSpace(body.Text) || body.Text.Length > 200_000)
        {
            return ApiProblems.Invalid(new() { ["text"] = ["请在 text 中提供文件文字（不超过 200000 字）。"] }, "字段");
        }
        return TypedResults.Ok(TargetCandidateExtractor.Extract(body.Text, body.DocumentYear).ToList());
    }

    private static async Task<Results<Ok<List<TargetObligation>>, ProblemHttpResult>> RoundTargetsAsync(int id, ClaimsPrincipal user, ZhenxingDb db, TargetReporting reporting,
        CancellationToken cancellationToken)
    {
        if (!await db.ReportingRounds.AnyAsync(r => r.Id == id, cancellationToken))
        {
            return TypedResults.Problem(ApiProblems.NotFound($"报送轮次 {id} 不存在。"));
        }
        var unitId = user.IsInRole(nameof(Role.Liaison)) ? ItemScope.UnitOf(user) ?? -1 : (int?)null;
        return TypedResults.Ok(await reporting.ObligationsAsync(id, unitId, cancellationToken));
    }

    private static ApiTargetReport ToApi(TargetReport r) => new(r.Id, r.TargetId, r.RoundId, r.UnitId, r.Value, r.AsOf, r.Note, r.State, r.Late, r.ReturnReason, r.Version);

    private static async Task<Results<Ok<ApiTargetReport>, ValidationProblem, ProblemHttpResult>> ReportAsync(int id, int targetId, ApiTargetReportInput body, ClaimsPrincipal user,
        TargetReporting reporting, CancellationToken cancellationToken)
    {
        var input = new TargetReportInput(body.Value?.ToString(System.Globalization.CultureInfo.InvariantCulture), body.AsOf, body.Note, body.Version);
        return await reporting.SubmitAsync(id, targetId, user, input, cancellationToken) switch
        {
            TargetReportOutcome.Saved saved => TypedResults.Ok(ToApi(saved.Report)),
            TargetReportOutcome.Conflict conflict => Problem(StatusCodes.Status409Conflict, $"{conflict.Current.SubmittedByName} 已先报送了该指标的完成值（{TargetTrajectory.Format(conflict.Current.Value)}，当前版本 {conflict.Current.Version}）。"),
            TargetReportOutcome.Forbidden forbidden => Problem(StatusCodes.Status403Forbidden, forbidden.Problem),
            TargetReportOutcome.Refused { Field: "" } refused => refused.Problem.Contains("不存在")
                ? TypedResults.Problem(ApiProblems.NotFound(refused.Problem))
                : Problem(StatusCodes.Status400BadRequest, refused.Problem),
            TargetReportOutcome.Refused refused => ApiProblems.Invalid(new() { [char.ToLowerInvariant(refused.Field[0]) + refused.Field[1..]] = [refused.Problem] }, "字段"),
            _ => throw new InvalidOperationException("Unknown target report outcome."),
        };
    }

    private static async Task<Results<Ok<ApiTargetReport>, ProblemHttpResult>> ReviewAsync(int id, Api.ApiReview body, ClaimsPrincipal user, ZhenxingDb db, TargetReporting reporting,
        CancellationToken cancellationToken)
    {
        if (!IsOffice(user))
        {
            return Problem(StatusCodes.Status403Forbidden, "只有振兴办可以审核指标完成值。");
        }
        if (await reporting.ReviewAsync(id, body.Version, body.Accept, body.Reason, user, cancellationToken) is { } problem)
        {
            return problem.Contains("不存在") ? TypedResults.Problem(ApiProblems.NotFound(problem))
                : problem.Contains("已被修改") ? Problem(StatusCodes.Status409Conflict, problem)
                : Problem(StatusCodes.Status400BadRequest, problem);
        }
        return TypedResults.Ok(ToApi(await db.TargetReports.AsNoTracking().SingleAsync(r => r.Id == id, cancellationToken)));
    }

    private static ApiMeeting ToApi(MeetingFigures m, IReadOnlyList<ApiMatter>? matters, int version) =>
        new(m.Id, m.Title, m.HeldOn, m.Level, m.Held, m.Matters, m.Landed, m.Sentence, matters, version);

    private static async Task<Results<Ok<ApiMeetingsSummary>, ValidationProblem>> MeetingsAsync(DateOnly? from, DateOnly? to, MeetingLevel? level, ZhenxingDb db,
        MeetingSummaries summaries, CancellationToken cancellationToken)
    {
        var summary = await summaries.ForPeriodAsync(from, to, level, cancellationToken);
        var ids = summary.Meetings.Select(m => m.Id).ToList();
        var versions = await db.Meetings.AsNoTracking().Where(m => ids.Contains(m.Id)).ToDictionaryAsync(m => m.Id, m => m.Version, cancellationToken);
        return TypedResults.Ok(new ApiMeetingsSummary(summary.From, summary.To, summary.Held, summary.Matters, summary.Landed, summary.Planned, summary.Sentence,
            summary.Meetings.Select(m => ToApi(m, null, versions[m.Id])).ToList()));
    }

    private static async Task<Results<Ok<ApiMeeting>, ProblemHttpResult>> MeetingAsync(int id, ClaimsPrincipal user, ZhenxingDb db, MeetingSummaries summaries, CancellationToken cancellationToken)
    {
        var meeting = await db.Meetings.AsNoTracking().SingleOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (meeting is null)
        {
            return TypedResults.Problem(ApiProblems.NotFound($"会议 {id} 不存在。"));
        }
        var figures = (await summaries.ForPeriodAsync(meeting.HeldOn, meeting.HeldOn, meeting.Level, cancellationToken)).Meetings.Single(m => m.Id == id);
        var matters = await db.MeetingMatters.AsNoTracking().Include(m => m.LeadUnit).Where(m => m.MeetingId == id).OrderBy(m => m.Position).ToListAsync(cancellationToken);
        var linked = await summaries.LinkedItemsAsync(matters.Select(m => m.Id).ToList(), user, cancellationToken);
        return TypedResults.Ok(ToApi(figures, matters.Select(m => new ApiMatter(m.Id, m.Position, m.Text, m.LeadUnitId, m.LeadUnit?.Name,
            linked[m.Id].Select(i => i.Id).ToList(), m.Decision, m.Status, m.LandedOn, m.Version)).ToList(), meeting.Version));
    }

    private static Dictionary<string, string[]> Fields(Dictionary<string, string> errors) =>
        errors.ToDictionary(e => e.Key.Length == 0 ? "body" : char.ToLowerInvariant(e.Key[0]) + e.Key[1..], e => new[] { e.Value });

    private static async Task<Results<Created<ApiMeeting>, ValidationProblem, ProblemHttpResult>> CreateMeetingAsync(ApiMeetingInput body, ClaimsPrincipal user, RecordMeeting record,
        ZhenxingDb db, MeetingSummaries summaries, CancellationToken cancellationToken)
    {
        if (!IsOffice(user))
        {
            return Problem(StatusCodes.Status403Forbidden, "只有振兴办可以登记会议。");
        }
        var (meeting, errors) = await record.SaveAsync(null, body.Title, body.HeldOn, body.Level, 0, user, cancellationToken);
        if (meeting is null)
        {
            return ApiProblems.Invalid(Fields(errors), "字段");
        }
        var created = (Ok<ApiMeeting>)(await MeetingAsync(meeting.Id, user, db, summaries, cancellationToken)).Result;
        return TypedResults.Created($"/api/v1/meetings/{meeting.Id}", created.Value);
    }

    private static async Task<Results<Ok<ApiMeeting>, ValidationProblem, ProblemHttpResult>> UpdateMeetingAsync(int id, ApiMeetingInput body, ClaimsPrincipal user, RecordMeeting record,
        ZhenxingDb db, MeetingSummaries summaries, CancellationToken cancellationToken)
    {
        if (!IsOffice(user))
        {
            return Problem(StatusCodes.Status403Forbidden, "只有振兴办可以修改会议。");
        }
        if (!await db.Meetings.AnyAsync(m => m.Id == id, cancellationToken))
        {
            return TypedResults.Problem(ApiProblems.NotFound($"会议 {id} 不存在。"));
        }
        var (meeting, errors) = await record.SaveAsync(id, body.Title, body.HeldOn, body.Level, body.Version, user, cancellationToken);
        if (meeting is null)
        {
            return errors.TryGetValue("Version", out var conflict) ? Problem(StatusCodes.Status409Conflict, conflict) : ApiProblems.Invalid(Fields(errors), "字段");
        }
        return (Ok<ApiMeeting>)(await MeetingAsync(id, user, db, summaries, cancellationToken)).Result;
    }

    private static async Task<Results<Ok<ApiMeeting>, ValidationProblem, ProblemHttpResult>> AddMatterAsync(int id, ApiMatterInput body, ClaimsPrincipal user, RecordMeeting record,
        ZhenxingDb db, MeetingSummaries summaries, CancellationToken cancellationToken)
    {
        if (!IsOffice(user))
        {
            return Problem(StatusCodes.Status403Forbidden, "只有振兴办可以添加提请研究事项。");
        }
        if (!await db.Meetings.AnyAsync(m => m.Id == id, cancellationToken))
        {
            return TypedResults.Problem(ApiProblems.NotFound($"会议 {id} 不存在。"));
        }
        var (matter, errors) = await record.AddMatterAsync(id, new MatterInput(body.Text, body.LeadUnit, body.Items ?? [], body.Decision), cancellationToken);
        if (matter is null)
        {
            return ApiProblems.Invalid(Fields(errors), "字段");
        }
        return (Ok<ApiMeeting>)(await MeetingAsync(id, user, db, summaries, cancellationToken)).Result;
    }

    private static async Task<Results<Ok<ApiMeeting>, ValidationProblem, ProblemHttpResult>> EditMatterAsync(int id, ApiMatterInput body, ClaimsPrincipal user, RecordMeeting record,
        ZhenxingDb db, MeetingSummaries summaries, CancellationToken cancellationToken)
    {
        if (!IsOffice(user))
        {
            return Problem(StatusCodes.Status403Forbidden, "只有振兴办可以修改提请研究事项。");
        }
        var meetingId = await db.MeetingMatters.Where(m => m.Id == id).Select(m => (int?)m.MeetingId).SingleOrDefaultAsync(cancellationToken);
        if (meetingId is null)
        {
            return TypedResults.Problem(ApiProblems.NotFound($"事项 {id} 不存在。"));
        }
        var errors = await record.EditMatterAsync(id, new MatterInput(body.Text, body.LeadUnit, body.Items ?? [], body.Decision), body.Version, cancellationToken);
        if (errors.Count > 0)
        {
            return errors.TryGetValue("Version", out var conflict) ? Problem(StatusCodes.Status409Conflict, conflict) : ApiProblems.Invalid(Fields(errors), "字段");
        }
        return (Ok<ApiMeeting>)(await MeetingAsync(meetingId.Value, user, db, summaries, cancellationToken)).Result;
    }

    private static async Task<Results<Ok<ApiMeeting>, ValidationProblem, ProblemHttpResult>> LandingAsync(int id, ApiLandingInput body, ClaimsPrincipal user, ReportLanding landing,
        ZhenxingDb db, MeetingSummaries summaries, CancellationToken cancellationToken)
    {
        var meetingId = await db.MeetingMatters.Where(m => m.Id == id).Select(m => (int?)m.MeetingId).SingleOrDefaultAsync(cancellationToken);
        if (meetingId is null)
        {
            return TypedResults.Problem(ApiProblems.NotFound($"事项 {id} 不存在。"));
        }
        if (await landing.RunAsync(id, body.Status, body.Note, body.Version, user, cancellationToken) is { } problem)
        {
            return problem.Field switch
            {
                "" => Problem(StatusCodes.Status403Forbidden, problem.Problem),
                "Version" => Problem(StatusCodes.Status409Conflict, problem.Problem),
                _ => ApiProblems.Invalid(new() { [char.ToLowerInvariant(problem.Field[0]) + problem.Field[1..]] = [problem.Problem] }, "字段"),
            };
        }
        return (Ok<ApiMeeting>)(await MeetingAsync(meetingId.Value, user, db, summaries, cancellationToken)).Result;
    }
}
