using Zhenxing.Web.Infrastructure.Cli;

namespace Zhenxing.Web.Features.Digests;

/// <summary><c>zhenxing digest send [--now]</c>: the day's digests, as the job sends them, from the command line.</summary>
public static class DigestCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var options = CommandArguments.Parse(args, [], ["now"]);
        if (options.Errors.Count > 0)
        {
            return ZhenxingCommands.UsageError(string.Join(" ", options.Errors));
        }
        if (options.Positional is not ["send"])
        {
            return ZhenxingCommands.UsageError("用法：zhenxing digest send [--now]");
        }
        using var host = await ZhenxingCommands.StartCommandHostAsync(options.ConfigurationArgs, services =>
        {
            services.AddOptions<Infrastructure.Mail.SmtpOptions>().BindConfiguration("Smtp");
            services.AddSingleton<Infrastructure.Mail.Mailer>();
            services.AddScoped<Rounds.RoundObligations>();
            services.AddDigests();
        });
        await using var scope = host.Services.CreateAsyncScope();
        var send = scope.ServiceProvider.GetRequiredService<SendDigests>();
        if (!options.Flags.Contains("now") && !send.IsTimeToSend())
        {
            Console.WriteLine("还没到设定的发送时间（Digests:SendAt），未发送。要立即发送，请加 --now。");
            return ZhenxingCommands.Ok;
        }
        var result = await send.RunAsync(CancellationToken.None);
        Console.WriteLine($"已发送每日摘要：邮件 {result.Emails} 封，群机器人 {result.Robots} 个。");
        return ZhenxingCommands.Ok;
    }
}
