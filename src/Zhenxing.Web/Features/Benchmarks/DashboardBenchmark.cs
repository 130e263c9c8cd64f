using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using Zhenxing.Web.Features.ApiKeys;
using Zhenxing.Web.Infrastructure.Cli;

namespace Zhenxing.Web.Features.Benchmarks;

/// <summary>
/// <c>zhenxing bench dashboard</c>: the dashboard's data endpoint on a generated program (by default 20,000 items,
/// 1,500 units, 12 closed rounds), timed over HTTP as a leader's browser would call it. The last line is for scripts:
/// <c>dashboard items=20000 p50_ms=12.3 p95_ms=23.4</c>.
/// </summary>
public static class DashboardBenchmark
{
    private const double TargetP95Milliseconds = 50;
    private const int WarmUpRequests = 20;

    private static readonly Dictionary<string, string> TableNames = new()
    {
        ["Units"] = "单位", ["UnitAliases"] = "单位别名", ["ItemLists"] = "清单", ["Categories"] = "类别", ["Items"] = "事项",
        ["ItemUnits"] = "事项单位", ["ReportingRounds"] = "报送轮次", ["RoundLists"] = "轮次清单", ["ProgressReports"] = "进展报告",
        ["RoundItemStatuses"] = "轮次事项状态",
    };

    public static async Task<int> RunAsync(CommandArguments options)
    {
        var items = BenchCommand.Integer(options, "items", 20_000, 100, 10_000_000);
        var units = BenchCommand.Integer(options, "units", 1_500, ProgramSize.MinUnits, 1_000_000);
        var rounds = BenchCommand.Integer(options, "rounds", 12, 1, 120);
        var requests = BenchCommand.Integer(options, "requests", 200, 1, 1_000_000);
        var seed = BenchCommand.Integer(options, "seed", 1, 0, int.MaxValue);
        if (options.Errors.Count > 0)
        {
            return ZhenxingCommands.UsageError(string.Join(" ", options.Errors));
        }
        if (BenchCommand.RequirePostgres(options.ConfigurationArgs) is { } refusal)
        {
            Console.Error.WriteLine("错误：" + refusal);
            return ZhenxingCommands.Failed;
        }
        var size = ProgramSize.WithListsOfAbout2000(items!.Value, units!.Value, rounds!.Value);
        var cancellationToken = CancellationToken.None;

        BenchProgram program;
        string apiKey;
        using (var host = await ZhenxingCommands.StartCommandHostAsync(options.ConfigurationArgs, services =>
               {
                   services.AddScoped<CreateApiKey>();
                   services.AddScoped<PrepareBenchProgram>();
                   services.AddScoped<BenchLeader>();
               }))
        {
            await using var scope = host.Services.CreateAsyncScope();
            var (prepared, refused) = await scope.ServiceProvider.GetRequiredService<PrepareBenchProgram>()
                .RunAsync(size, seed!.Value, Console.Out, cancellationToken);
            if (prepared is null)
            {
                Console.Error.WriteLine("错误：" + refused);
                return ZhenxingCommands.Failed;
            }
            program = prepared;
            apiKey = await scope.ServiceProvider.GetRequiredService<BenchLeader>().CreateKeyAsync(cancellationToken);
        }
        PrintGeneration(program);

        var path = "/api/v1/dashboard?" + string.Join("&", program.ListIds.Select(id => string.Create(CultureInfo.InvariantCulture, $"list={id}")));
        Console.WriteLine($"启动网站并测量 GET {Shorten(path)}（{program.ListIds.Count} 个清单，领导身份）：预热 {WarmUpRequests} 次，测量 {requests} 次……");
        await using var server = await BenchServer.StartAsync(options.ConfigurationArgs, cancellationToken);
        using var client = new HttpClient { BaseAddress = server.Address, Timeout = TimeSpan.FromMinutes(2) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);

        var timings = new List<double>(requests!.Value);
        for (var i = 0; i < WarmUpRequests + requests.Value; i++)
        {
            var started = Stopwatch.GetTimestamp();
            using var response = await client.GetAsync(path, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (!response.IsSuccessStatusCode)
            {
                Console.Error.WriteLine($"错误：GET {Shorten(path)} 返回 {(int)response.StatusCode} {response.ReasonPhrase}：");
                Console.Error.WriteLine(body.Length > 2000 ? body[..2000] + "……" : body);
                return ZhenxingCommands.Failed;
            }
            if (i >= WarmUpRequests)
            {
                timings.Add(elapsed);
            }
        }

        timings.Sort();
        double P(double percent) => Percentiles.Of(timings, percent);
        Console.WriteLine();
        Console.WriteLine("  请求数     最小      p50      p95      p99     最大   （毫秒）");
        Console.WriteLine(Invariant($"  {timings.Count,6} {timings[0],8:F1} {P(50),8:F1} {P(95),8:F1} {P(99),8:F1} {timings[^1],8:F1}"));
        Console.WriteLine();
        var p95 = P(95);
        Console.WriteLine(p95 < TargetP95Milliseconds
            ? Invariant($"p95 = {p95:F1} 毫秒，达到目标（< {TargetP95Milliseconds:F0} 毫秒）。")
            : Invariant($"p95 = {p95:F1} 毫秒，未达到目标（< {TargetP95Milliseconds:F0} 毫秒）。"));
        Console.WriteLine(Invariant($"dashboard items={size.Items} p50_ms={P(50):F1} p95_ms={p95:F1}"));
        return ZhenxingCommands.Ok;
    }

    private static void PrintGeneration(BenchProgram program)
    {
        if (program.Generated is not { } generated)
        {
            Console.WriteLine("数据库中已有相同规模和随机种子的基准测试数据，直接使用，未重新生成。");
            return;
        }
        Console.WriteLine(Invariant($"已生成基准测试数据，用时 {generated.Elapsed.TotalSeconds:F1} 秒："));
        foreach (var table in generated.Tables)
        {
            var label = TableNames.GetValueOrDefault(table.Table, table.Table);
            Console.WriteLine(Invariant($"  {table.Rows,10:N0} 行  {table.Table}（{label}）"));
        }
    }

    private static string Shorten(string path) => path.Length > 80 ? path[..80] + "…" : path;

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
