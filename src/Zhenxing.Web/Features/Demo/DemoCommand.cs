using Microsoft.Extensions.DependencyInjection.Extensions;
using Zhenxing.Web.Features.Items;
using Zhenxing.Web.Features.Rounds;
using Zhenxing.Web.Features.Targets;
using Zhenxing.Web.Infrastructure.Audit;
using Zhenxing.Web.Infrastructure;
using Zhenxing.Web.Infrastructure.Cli;

namespace Zhenxing.Web.Features.Demo;

/// <summary><c>zhenxing demo</c>: a reporting history for the imported lists, so that a fresh installation has something to show.</summary>
public static class DemoCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var options = CommandArguments.Parse(args, [], []);
        if (options.Errors.Count > 0 || options.Positional.Count > 0)
        {
            return ZhenxingCommands.UsageError(options.Errors.Count > 0 ? string.Join(" ", options.Errors) : $"demo 不接受参数“{options.Positional[0]}”。");
        }

        var clock = new DemoClock(TimeProvider.System.GetUtcNow());
        var actor = new DemoActor();
        using var host = await ZhenxingCommands.StartCommandHostAsync(options.ConfigurationArgs, services =>
        {
            // The history is written at the moments it happened: the services read this clock, the audit log names who acted.
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(clock);
            services.RemoveAll<ICurrentActor>();
            services.AddSingleton<ICurrentActor>(actor);
            services.AddSingleton(clock);
            services.AddSingleton(actor);
            services.AddScoped<OpenRound>();
            services.AddScoped<RoundObligations>();
            services.AddScoped<CountRounds>();
            services.AddScoped<ReportWorkflow>();
            services.AddScoped<CloseRound>();
            services.AddSingleton<WriteDemoHistory>();
            Pairings.PairingComposition.AddPairingServices(services);
            services.AddSingleton<WriteDemoPairings>();
            services.AddTargetsAndMeetings();
            services.AddSingleton<WriteDemoTargets>();
        });

        // The county-support list goes in before the history, so that its items are reported in the rounds like any other.
        var pairingDemo = host.Services.GetRequiredService<WriteDemoPairings>();
        var countySupport = await WriteDemoPairings.IsFirstRunAsync(host.Services) ? await pairingDemo.AddCountySupportListAsync(CancellationToken.None) : null;
        var history = await host.Services.GetRequiredService<WriteDemoHistory>().RunAsync(CancellationToken.None);
        var pairings = history is DemoOutcome.NoLists ? null : await pairingDemo.RunAsync(CancellationToken.None);
        if (countySupport is { } added)
        {
            Console.WriteLine($"援县促市：新建“援县促市”事项清单，{added} 项事项由挂职干部所在的市直部门牵头，随报送轮次报送进展。");
        }
        if (pairings is not null)
        {
            Console.WriteLine($"对口支援与北上对接：各受援县填报工作动态 {pairings.Activities} 条（其中挂职干部 {pairings.Cadres} 名），各县（市、区）和市直部门登记北上对接 {pairings.Trips} 批次。");
        }
        switch (history)
        {
            case DemoOutcome.AlreadyThere there:
                Console.WriteLine($"演示报送历史已存在（库中已有 {there.Rounds} 个报送轮次），未作改动。");
                // A history from before targets existed: the targets and meetings are loaded, without values.
                var loaded = await host.Services.GetRequiredService<WriteDemoTargets>().EnsureAsync(
                    ChinaTime.Today(clock), Infrastructure.Auth.AuthRegistration.PrincipalFor(new Users.User { UserName = "命令行", DisplayName = "命令行", Role = Users.Role.Office }), CancellationToken.None);
                if (loaded.TargetsCreated + loaded.MeetingsCreated > 0)
                {
                    Console.WriteLine($"演示指标与会议：新增指标 {loaded.TargetsCreated} 项、会议 {loaded.MeetingsCreated} 次（没有报送的完成值）。");
                }
                await WriteTargetsSummaryAsync(host.Services, clock, Console.Out);
                return ZhenxingCommands.Ok;
            case DemoOutcome.NoLists:
                Console.Error.WriteLine("错误：台账中还没有事项清单。请先导入清单（zhenxing import 清单文件…），再生成演示报送历史。");
                return ZhenxingCommands.Failed;
            case DemoOutcome.Written { Summary: var s }:
                WriteSummary(s, Console.Out);
                await WriteTargetsSummaryAsync(host.Services, clock, Console.Out);
                return ZhenxingCommands.Ok;
            default:
                throw new InvalidOperationException("Unknown demo outcome.");
        }
    }

    private static async Task WriteTargetsSummaryAsync(IServiceProvider services, TimeProvider clock, TextWriter output)
    {
        await using var scope = services.CreateAsyncScope();
        var today = ChinaTime.Today(clock);
        var progress = await scope.ServiceProvider.GetRequiredService<TargetProgress>().AsOfAsync(today, CancellationToken.None);
        var meetings = await scope.ServiceProvider.GetRequiredService<Meetings.MeetingSummaries>().ForPeriodAsync(null, null, null, CancellationToken.None);
        output.WriteLine($"演示指标：{progress.Sentence}。");
        output.WriteLine($"演示会议：{meetings.Sentence}。");
    }

    private static void WriteSummary(DemoSummary s, TextWriter output)
    {
        var closed = s.Rounds.Where(r => r.State == RoundState.Closed).ToList();
        var open = s.Rounds.Where(r => r.State == RoundState.Open).ToList();
        output.WriteLine($"演示报送历史已生成（清单 {s.Lists} 个，由振兴办账号 {s.OfficeUserName} 开启、审核和关闭轮次）。");
        output.WriteLine($"报送轮次：新建 {s.Rounds.Count} 个，已关闭 {closed.Count} 个（{string.Join("、", closed.Select(r => $"{r.Name}，截止 {r.DueOn:yyyy-MM-dd}"))}），"
                         + $"进行中 {open.Count} 个（{string.Join("、", open.Select(r => $"{r.Name}，截止 {r.DueOn:yyyy-MM-dd}"))}）。");
        output.WriteLine($"报送情况：提交 {s.Submitted} 份（其中逾期 {s.Late} 份），采纳 {s.Accepted} 份，退回 {s.Returned} 份（重新报送 {s.Resubmitted} 份）；"
                         + $"已关闭轮次中未报送 {s.Missing} 份。");
        var total = s.Statuses.Values.Sum();
        var order = new[] { ItemStatus.Done, ItemStatus.PositiveProgress, ItemStatus.InProgress, ItemStatus.Blocked, ItemStatus.NotStarted };
        output.WriteLine($"事项状态（共 {total} 项）：{string.Join("、", order.Select(st => $"{st.ToChinese()} {s.Statuses.GetValueOrDefault(st)} 项"))}。");
        if (s.OfficePassword is not null)
        {
            output.WriteLine($"演示账号：已创建振兴办用户 {s.OfficeUserName}，初始密码：{s.OfficePassword}");
        }
    }
}

/// <summary>A clock the demo history moves forward by hand, so that every step carries the time it happened.</summary>
public sealed class DemoClock(DateTimeOffset start) : TimeProvider
{
    public DateTimeOffset UtcNow { get; set; } = start;

    public override DateTimeOffset GetUtcNow() => UtcNow;
}

/// <summary>Who the audit log names for the current demo step: the Office user or a unit's liaison.</summary>
public sealed class DemoActor : ICurrentActor
{
    public int? UserId { get; set; }
    public string Name { get; set; } = "命令行";
}
