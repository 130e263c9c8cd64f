using System.Globalization;
using Zhenxing.Web.Data;
using Zhenxing.Web.Infrastructure.Cli;

namespace Zhenxing.Web.Features.Benchmarks;

/// <summary><c>zhenxing bench dashboard</c>: performance measurements on a generated program, PostgreSQL only.</summary>
public static class BenchCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length == 0)
        {
            return ZhenxingCommands.UsageError("缺少子命令：bench generate、read、rush、import、pdf 或 dashboard。");
        }
        var options = CommandArguments.Parse(args[1..], ["items", "units", "rounds", "requests", "seed", "clients", "seconds", "url", "lists", "rows", "warmup", "runs"], []);
        if (options.Positional.Count > 0)
        {
            options.Errors.Add($"多余的参数“{options.Positional[0]}”。");
        }
        if (options.Errors.Count > 0)
        {
            return ZhenxingCommands.UsageError(string.Join(" ", options.Errors));
        }
        return args[0] switch
        {
            "dashboard" => await DashboardBenchmark.RunAsync(options),
            "rush" => await RushBenchmark.RunAsync(options),
            "generate" => await ReadBenchmark.GenerateAsync(options),
            "read" => await ReadBenchmark.RunAsync(options),
            "import" => await ImportBenchmark.RunAsync(options),
            "pdf" => await PdfBenchmark.RunAsync(options),
            _ => ZhenxingCommands.UsageError($"未知子命令“bench {args[0]}”。"),
        };
    }

    /// <summary>The value of an integer option, its default when absent; null (and an error) when out of range.</summary>
    internal static int? Integer(CommandArguments options, string name, int fallback, int min, int max)
    {
        if (options[name] is not { } text)
        {
            return fallback;
        }
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }
        options.Errors.Add($"--{name} 的值“{text}”无效，应为 {min} 到 {max} 之间的整数。");
        return null;
    }

    /// <summary>Benchmarks generate and measure PostgreSQL, the production database; the refusal when configured otherwise.</summary>
    internal static string? RequirePostgres(IEnumerable<string> configurationArgs)
    {
        // The same configuration sources as the command host (appsettings, environment, switches), without starting it.
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = configurationArgs.ToArray(),
            ContentRootPath = AppContext.BaseDirectory,
        });
        return DatabaseSettings.From(builder.Configuration).Provider == DatabaseProvider.Postgres
            ? null
            : "基准测试需要 PostgreSQL 数据库，请加上 --Database:Provider=Postgres --ConnectionStrings:Zhenxing=\"Host=...;Database=...;Username=...\"（请使用单独的空数据库）。";
    }
}
