using Zhenxing.Web.Infrastructure.Cli;

namespace Zhenxing.Web.Features.Rounds;

/// <summary>
/// <c>zhenxing reminders run</c>: one tick of the reminder job now — the escalation ladder (提醒, 催办通知, 督办) and the
/// chasing of unacknowledged assignments — for an operator who does not want to wait for the next tick.
/// Every step still goes out once only.
/// </summary>
public static class RemindersCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length == 0 || args[0] != "run")
        {
            return ZhenxingCommands.UsageError(args.Length == 0
                ? "缺少子命令：zhenxing reminders run"
                : $"未知的 reminders 子命令“{args[0]}”；可用的子命令为 run。");
        }
        var options = CommandArguments.Parse(args[1..], [], []);
        if (options.Errors.Count > 0 || options.Positional.Count > 0)
        {
            return ZhenxingCommands.UsageError(options.Errors.Count > 0 ? string.Join(" ", options.Errors) : $"reminders run 不接受参数“{options.Positional[0]}”。");
        }
        using var host = await ZhenxingCommands.StartCommandHostAsync(options.ConfigurationArgs, services =>
        {
            services.AddScoped<RoundObligations>();
            services.AddScoped<EscalationLadder>();
            services.AddScoped<ChaseAcknowledgements>();
            services.AddScoped<ScheduledReminders>();
        });
        await using var scope = host.Services.CreateAsyncScope();
        var taken = await scope.ServiceProvider.GetRequiredService<ScheduledReminders>().RunAsync(CancellationToken.None);
        Console.WriteLine($"已发出提醒、催办和督办 {taken} 项。");
        return 0;
    }
}
