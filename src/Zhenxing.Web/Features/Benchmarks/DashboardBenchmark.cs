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

        // Two ways a leader meets the endpoint: after the ledger changed (every figure computed from the database but
        // those of closed rounds, which never change), and again before the next change (from the dashboard's memory,
        // after one lookup of the ledger's version).
        var cache = server.Services.GetRequiredService<Dashboard.DashboardCache>();
        var computed = await MeasureAsync(client, path, requests!.Value, cache.ForgetViews, cancellationToken);
        var remembered = computed is null ? null : await MeasureAsync(client, path, requests.Value, () => { }, cancellationToken);
        if (computed is null || remembered is null)
        {
            return ZhenxingCommands.Failed;
        }

        Console.WriteLine();
        Console.WriteLine("  情形                               请求数     最小      p50      p95      p99     最大   （毫秒）");
        Print("台账有变更：重新计算全部数字", computed);
        Print("台账无变更：取自看板缓存", remembered);
        Console.WriteLine();
        var (p50, p95) = (Percentiles.Of(computed, 50), Percentiles.Of(computed, 95));
        Console.WriteLine(p95 < TargetP95Milliseconds
            ? Invariant($"重新计算的 p95 = {p95:F1} 毫秒，达到目标（< {TargetP95Milliseconds:F0} 毫秒）。")
            : Invariant($"重新计算的 p95 = {p95:F1} 毫秒，未达到目标（< {TargetP95Milliseconds:F0} 毫秒）；取自缓存的 p95 = {Percentiles.Of(remembered, 95):F1} 毫秒。"));
        // The summary reports the recomputed figures: the cost of the endpoint when the ledger has just changed.
        Console.WriteLine(Invariant($"dashboard items={size.Items} p50_ms={p50:F1} p95_ms={p95:F1}"));
        return ZhenxingCommands.Ok;
    }

    /// <summary>Warm-up, then the timed requests, sorted; null (after saying why) when a request fails.</summary>
    private static async Task<List<double>?> MeasureAsync(HttpClient client, string path, int requests, Action beforeEach, CancellationToken cancellationToken)
    {
        var timings = new List<double>(requests);
        for (var i = 0; i < WarmUpRequests + requests; i++)
        {
            beforeEach();
            var started = Stopwatch.GetTimestamp();
            using var response = await client.GetAsync(path, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (!response.IsSuccessStatusCode)
            {
                Console.Error.WriteLine($"错误：GET {Shorten(path)} 返回 {(int)response.StatusCode} {response.ReasonPhrase}：");
                Console.Error.WriteLine(body.Length > 2000 ? body[..2000] + "……" : body);
                return null;
            }
            if (i >= WarmUpRequests)
            {
                timings.Add(elapsed);
            }
        }
        timings.Sort();
        return timings;
    }

    private static void Print(string label, List<double> timings) =>
        Console.WriteLine(Invariant($"  {label,-28} {timings.Count,6} {timings[0],8:F1} {Percentiles.Of(timings, 50),8:F1} {Percentiles.Of(timings, 95),8:F1} {Percentiles.Of(timings, 99),8:F1} {timings[^1],8:F1}"));

    internal static void PrintGeneration(BenchProgram program)
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
