using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Zhenxing.Web.Data;
using Zhenxing.Web.Features.Items;
using Zhenxing.Web.Features.Rounds;
using Zhenxing.Web.Features.Users;
using Zhenxing.Web.Infrastructure;
using Zhenxing.Web.Infrastructure.Auth;

namespace Zhenxing.Web.Features.Demo;

public abstract record DemoOutcome
{
    public sealed record AlreadyThere(int Rounds) : DemoOutcome;

    public sealed record NoLists : DemoOutcome;

    public sealed record Written(DemoSummary Summary) : DemoOutcome;
}

public sealed record DemoSummary(
    int Lists,
    IReadOnlyList<ReportingRound> Rounds,
    int Submitted,
    int Late,
    int Accepted,
    int Returned,
    int Resubmitted,
    int Missing,
    Dictionary<ItemStatus, int> Statuses,
    string OfficeUserName,
    string? OfficePassword);

/// <summary>
/// Plays a reporting history over every list in the ledger through the real operations: three monthly rounds
/// closed (due about 3, 2 and 1 months ago) and one open, due in 10 days. The clock moves step by step, liaisons
/// save and submit (most on time, a few late, some not at all), the Office accepts or returns, rounds close.
/// Random choices are seeded, so the same ledger gets the same history.
/// </summary>
public sealed class WriteDemoHistory(IServiceScopeFactory scopes, DemoClock clock, DemoActor actor, WriteDemoTargets targets)
{
    public const string OfficeUserName = "demo-office";
    private const int Seed = 2021;
    private static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);

    private sealed record Acting(int? UserId, string Name, ClaimsPrincipal Principal);

    private sealed record Step(DateTimeOffset At, Func<Task> Run);

    private sealed class Tally
    {
        public int Submitted, Late, Accepted, Returned, Resubmitted, Missing;
    }

    private readonly Dictionary<int, Acting> _liaisons = [];

    public async Task<DemoOutcome> RunAsync(CancellationToken cancellationToken)
    {
        var now = clock.UtcNow;
        var today = ChinaTime.Today(clock);
        var (rounds, lists) = await InScopeAsync(async services =>
        {
            var db = services.GetRequiredService<ZhenxingDb>();
            return (await db.ReportingRounds.CountAsync(cancellationToken), await db.ItemLists.OrderBy(l => l.Id).Select(l => l.Id).ToListAsync(cancellationToken));
        });
        if (rounds > 0)
        {
            return new DemoOutcome.AlreadyThere(rounds);
        }
        if (lists.Count == 0)
        {
            return new DemoOutcome.NoLists();
        }

        DateOnly[] dues = [today.AddMonths(-3), today.AddMonths(-2), today.AddMonths(-1), today.AddDays(10)];
        clock.UtcNow = At(dues[0].AddDays(-21), 9, 0);
        var (office, password) = await EnsureOfficeUserAsync(cancellationToken);
        // The targets and meetings exist before the first round, which asks for the targets' values.
        actor.UserId = office.UserId;
        actor.Name = office.Name;
        await targets.EnsureAsync(dues[0], office.Principal, cancellationToken);
        var tally = new Tally();
        var written = new List<ReportingRound>();
        for (var index = 0; index < dues.Length; index++)
        {
            written.Add(await PlayRoundAsync(index, dues[index], closed: index < dues.Length - 1, lists, office, tally, now, cancellationToken));
        }
        clock.UtcNow = now;

        var statuses = await InScopeAsync(services => services.GetRequiredService<ZhenxingDb>().Items.AsNoTracking()
            .Where(i => i.WithdrawnAt == null).GroupBy(i => i.Status).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken));
        return new DemoOutcome.Written(new DemoSummary(lists.Count, written, tally.Submitted, tally.Late, tally.Accepted, tally.Returned,
            tally.Resubmitted, tally.Missing, statuses, OfficeUserName, password));
    }

    private async Task<ReportingRound> PlayRoundAsync(int index, DateOnly due, bool closed, List<int> lists, Acting office, Tally tally,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        var random = new Random(Seed + index);
        var opens = due.AddDays(-20);
        var named = due.AddDays(-10);
        clock.UtcNow = At(opens, 9, 0);
        var (round, errors) = await AsAsync(office, services => services.GetRequiredService<OpenRound>()
            .RunAsync(new NewRound($"{named.Year}年{named.Month}月工作调度", opens, due, lists, IncludeResponsibleUnits: false, IncludeTargets: true), cancellationToken));
        if (round is null)
        {
            throw new InvalidOperationException("未能开启报送轮次：" + string.Join(" ", errors.Values));
        }
        var obligations = await InScopeAsync(services => services.GetRequiredService<RoundObligations>().QueryAsync(round.Id, null, openOnly: false, cancellationToken));

        var closeAt = At(due.AddDays(6), 17, 0);
        var steps = closed
            ? PlanClosedRound(round, index, obligations, closeAt, random, office, tally, cancellationToken)
            : PlanOpenRound(round, index, obligations, random, office, tally, cancellationToken);
        // OrderBy is stable: steps planned for the same moment keep their order (a draft before its submission).
        foreach (var step in steps.OrderBy(s => s.At).Where(s => s.At < now))
        {
            clock.UtcNow = step.At;
            await step.Run();
        }

        await targets.PlayRoundAsync(round, index, office.UserId, office.Name, office.Principal, now, cancellationToken);

        if (closed)
        {
            clock.UtcNow = closeAt;
            var problem = await AsAsync(office, async services =>
            {
                var version = await services.GetRequiredService<ZhenxingDb>().ReportingRounds.Where(r => r.Id == round.Id).Select(r => r.Version).SingleAsync(cancellationToken);
                // A demo history keeps what offices do: some rounds close with reports still waiting for review.
                return (await services.GetRequiredService<CloseRound>().RunAsync(round.Id, version, closeWithUnreviewed: true, cancellationToken)).Problem;
            });
            Check(problem);
        }
        return await InScopeAsync(services => services.GetRequiredService<ZhenxingDb>().ReportingRounds.AsNoTracking().SingleAsync(r => r.Id == round.Id, cancellationToken));
    }

    /// <summary>
    /// Each unit submits its items together a few days before the due date; a few reports come late, some not at all
    /// (units differ in diligence). The Office accepts most within a day or two and returns a few; most of those come back.
    /// </summary>
    private List<Step> PlanClosedRound(ReportingRound round, int index, List<Obligation> obligations, DateTimeOffset closeAt, Random random,
        Acting office, Tally tally, CancellationToken cancellationToken)
    {
        var steps = new List<Step>();
        var unitDays = new Dictionary<int, DateTimeOffset>();
        foreach (var o in obligations)
        {
            var report = DemoNarratives.Report(o.ItemText, Trajectory(o.ItemId)[index], random);
            var diligence = Diligence(o.UnitId);
            var draw = random.NextDouble();
            if (draw < (1 - diligence) / 2)
            {
                tally.Missing++;
                if (random.NextDouble() < 0.3)
                {
                    steps.Add(new Step(At(round.DueOn.AddDays(-random.Next(2, 9)), random.Next(9, 18), random.Next(60)),
                        () => SaveAsync(round.Id, o, report, submit: false, tally, cancellationToken)));
                }
                continue;
            }

            DateTimeOffset submitAt;
            if (draw < 1 - diligence)
            {
                submitAt = At(round.DueOn.AddDays(random.Next(1, 4)), random.Next(9, 18), random.Next(60));
            }
            else
            {
                if (!unitDays.TryGetValue(o.UnitId, out var unitDay))
                {
                    unitDay = unitDays[o.UnitId] = At(round.DueOn.AddDays(-random.Next(0, 7)), random.Next(9, 17), random.Next(60));
                }
                submitAt = unitDays[o.UnitId] = unitDay.AddMinutes(random.Next(2, 9));
            }
            if (random.NextDouble() < 0.3)
            {
                steps.Add(new Step(submitAt.AddDays(-random.Next(1, 4)), () => SaveAsync(round.Id, o, report, submit: false, tally, cancellationToken)));
            }
            steps.Add(new Step(submitAt, () => SaveAsync(round.Id, o, report, submit: true, tally, cancellationToken)));

            var reviewAt = Later(submitAt, 2, random);
            if (random.NextDouble() >= 0.07)
            {
                steps.Add(new Step(reviewAt, () => ReviewAsync(round.Id, o, office, accept: true, null, tally, cancellationToken)));
                continue;
            }
            var reason = DemoNarratives.ReturnReason(random);
            steps.Add(new Step(reviewAt, () => ReviewAsync(round.Id, o, office, accept: false, reason, tally, cancellationToken)));
            var resubmitAt = Later(reviewAt, 2, random);
            var reReviewAt = Later(resubmitAt, 1, random);
            if (random.NextDouble() < 0.7 && reReviewAt < closeAt.AddHours(-1))
            {
                var better = report with { Narrative = report.Narrative + DemoNarratives.Supplement(random) };
                steps.Add(new Step(resubmitAt, async () =>
                {
                    await SaveAsync(round.Id, o, better, submit: true, tally, cancellationToken);
                    tally.Resubmitted++;
                }));
                steps.Add(new Step(reReviewAt, () => ReviewAsync(round.Id, o, office, accept: true, null, tally, cancellationToken)));
            }
        }
        return steps;
    }

    /// <summary>About half of the lead units have submitted so far; the Office has reviewed most of what came in before today.</summary>
    private List<Step> PlanOpenRound(ReportingRound round, int index, List<Obligation> obligations, Random random, Acting office, Tally tally,
        CancellationToken cancellationToken)
    {
        var units = obligations.Select(o => o.UnitId).Distinct().Order().ToArray();
        random.Shuffle(units);
        var early = units.Take((units.Length + 1) / 2).ToHashSet();
        var unitDays = new Dictionary<int, DateTimeOffset>();
        var steps = new List<Step>();
        foreach (var o in obligations)
        {
            var report = DemoNarratives.Report(o.ItemText, Trajectory(o.ItemId)[index], random);
            if (!early.Contains(o.UnitId))
            {
                if (random.NextDouble() < 0.2)
                {
                    steps.Add(new Step(At(round.OpensOn.AddDays(random.Next(1, 10)), random.Next(9, 18), random.Next(60)),
                        () => SaveAsync(round.Id, o, report, submit: false, tally, cancellationToken)));
                }
                continue;
            }
            if (!unitDays.TryGetValue(o.UnitId, out var unitDay))
            {
                unitDay = At(round.OpensOn.AddDays(random.Next(1, 10)), random.Next(9, 17), random.Next(60));
            }
            var submitAt = unitDays[o.UnitId] = unitDay.AddMinutes(random.Next(2, 9));
            steps.Add(new Step(submitAt, () => SaveAsync(round.Id, o, report, submit: true, tally, cancellationToken)));
            if (random.NextDouble() < 0.8)
            {
                var accept = random.NextDouble() >= 0.05;
                var reason = accept ? null : DemoNarratives.ReturnReason(random);
                steps.Add(new Step(Later(submitAt, 2, random), () => ReviewAsync(round.Id, o, office, accept, reason, tally, cancellationToken)));
            }
        }
        return steps;
    }

    private async Task SaveAsync(int roundId, Obligation o, DemoReport report, bool submit, Tally tally, CancellationToken cancellationToken)
    {
        var outcome = await AsAsync(Liaison(o), async services =>
        {
            var db = services.GetRequiredService<ZhenxingDb>();
            var version = await db.ProgressReports.Where(p => p.RoundId == roundId && p.ItemId == o.ItemId && p.UnitId == o.UnitId)
                .Select(p => (int?)p.Version).SingleOrDefaultAsync(cancellationToken);
            // A leader's open instruction must be answered before the lead unit's report can be submitted.
            var answers = await db.Instructions.Where(i => i.ItemId == o.ItemId && i.Answer == null).Select(i => i.Id).ToListAsync(cancellationToken);
            var input = new ReportInput(report.Status, report.Narrative, report.Problems, report.Figures, version ?? 0,
                answers.ToDictionary(id => id, _ => "已按批示要求抓好落实。" + report.Narrative));
            return await services.GetRequiredService<ReportWorkflow>().SaveAsync(roundId, o.ItemId, Liaison(o).Principal, input, submit, cancellationToken);
        });
        switch (outcome)
        {
            case ReportOutcome.Saved saved when submit:
                tally.Submitted++;
                tally.Late += saved.Report.Late ? 1 : 0;
                break;
            case ReportOutcome.Saved:
                break;
            case ReportOutcome.Refused refused:
                throw new InvalidOperationException($"{o.UnitName}报送事项 {o.ItemNumber} 被拒绝：{refused.Problem}");
            default:
                throw new InvalidOperationException($"{o.UnitName}报送事项 {o.ItemNumber} 时发生冲突。");
        }
    }

    private async Task ReviewAsync(int roundId, Obligation o, Acting office, bool accept, string? reason, Tally tally, CancellationToken cancellationToken)
    {
        var problem = await AsAsync(office, async services =>
        {
            var report = await services.GetRequiredService<ZhenxingDb>().ProgressReports
                .Where(p => p.RoundId == roundId && p.ItemId == o.ItemId && p.UnitId == o.UnitId)
                .Select(p => new { p.Id, p.Version }).SingleAsync(cancellationToken);
            return await services.GetRequiredService<ReportWorkflow>().ReviewAsync(report.Id, report.Version, accept, reason, office.Principal, cancellationToken);
        });
        Check(problem);
        if (accept)
        {
            tally.Accepted++;
        }
        else
        {
            tally.Returned++;
        }
    }

    private async Task<(Acting Office, string? Password)> EnsureOfficeUserAsync(CancellationToken cancellationToken)
    {
        actor.UserId = null;
        actor.Name = "命令行";
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ZhenxingDb>();
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.UserName == OfficeUserName, cancellationToken);
        string? password = null;
        if (user is null)
        {
            password = Passwords.Generate(OfficeUserName);
            (user, var errors) = await scope.ServiceProvider.GetRequiredService<AddUser>()
                .RunAsync(new NewUser(OfficeUserName, "市振兴办（演示）", Role.Office, null, password), cancellationToken);
            if (user is null)
            {
                throw new InvalidOperationException(string.Join(" ", errors.Values));
            }
        }
        else if (user.Role != Role.Office || !user.IsActive)
        {
            throw new InvalidOperationException($"用户 {OfficeUserName} 已存在，但不是启用中的振兴办账号，演示数据需要以它的身份审核报送。");
        }
        return (new Acting(user.Id, user.UserName, AuthRegistration.PrincipalFor(user)), password);
    }

    /// <summary>A liaison of the obligation's unit, signed in the way the sign-in page does it (no account is stored).</summary>
    private Acting Liaison(Obligation o)
    {
        if (!_liaisons.TryGetValue(o.UnitId, out var liaison))
        {
            var name = $"{o.UnitName}联络员";
            var user = new User { UserName = name, DisplayName = name, Role = Role.Liaison, UnitId = o.UnitId };
            liaison = _liaisons[o.UnitId] = new Acting(null, name, AuthRegistration.PrincipalFor(user));
        }
        return liaison;
    }

    /// <summary>Where an item stands in each of the four rounds: it starts somewhere, moves up now and then, is sometimes blocked.</summary>
    private static ItemStatus[] Trajectory(int itemId)
    {
        var random = new Random(Seed * 7919 + itemId);
        var start = random.NextDouble();
        var level = start < 0.2 ? 0 : start < 0.7 ? 1 : start < 0.95 ? 2 : 3;
        var blocked = false;
        var statuses = new ItemStatus[4];
        for (var round = 0; round < statuses.Length; round++)
        {
            if (round > 0 && !blocked && level < 3 && random.NextDouble() < 0.4)
            {
                level++;
            }
            blocked = level is 1 or 2 && random.NextDouble() < (blocked ? 0.5 : 0.06);
            statuses[round] = blocked ? ItemStatus.Blocked
                : level switch { 0 => ItemStatus.NotStarted, 1 => ItemStatus.InProgress, 2 => ItemStatus.PositiveProgress, _ => ItemStatus.Done };
        }
        return statuses;
    }

    /// <summary>How reliably a unit reports on time: most units nearly always, a few noticeably less.</summary>
    private static double Diligence(int unitId)
    {
        var random = new Random(Seed * 104729 + unitId);
        return random.NextDouble() < 0.15 ? 0.6 + 0.15 * random.NextDouble() : 0.85 + 0.15 * random.NextDouble();
    }

    private static DateTimeOffset At(DateOnly chinaDate, int hour, int minute) =>
        new DateTimeOffset(chinaDate.ToDateTime(new TimeOnly(hour, minute)), ChinaOffset).ToUniversalTime();

    /// <summary>Some office hour within <paramref name="maxDays"/> days after <paramref name="after"/>, and after it.</summary>
    private static DateTimeOffset Later(DateTimeOffset after, int maxDays, Random random)
    {
        var day = DateOnly.FromDateTime(after.ToOffset(ChinaOffset).DateTime).AddDays(random.Next(0, maxDays + 1));
        var at = At(day, random.Next(9, 18), random.Next(60));
        return at > after ? at : after.AddMinutes(random.Next(20, 120));
    }

    private static void Check(string? problem)
    {
        if (problem is not null)
        {
            throw new InvalidOperationException(problem);
        }
    }

    private async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await action(scope.ServiceProvider);
    }

    /// <summary>One step as one request would run it: a fresh scope, with the audit log naming who acts.</summary>
    private Task<T> AsAsync<T>(Acting who, Func<IServiceProvider, Task<T>> action)
    {
        actor.UserId = who.UserId;
        actor.Name = who.Name;
        return InScopeAsync(action);
    }
}
