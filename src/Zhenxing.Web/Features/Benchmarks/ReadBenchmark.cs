using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Zhenxing.Web.Data;
using Zhenxing.Web.Features.ApiKeys;
using Zhenxing.Web.Features.Items;
using Zhenxing.Web.Features.Units;
using Zhenxing.Web.Features.Users;
using Zhenxing.Web.Infrastructure.Cli;

namespace Zhenxing.Web.Features.Benchmarks;

/// <summary>
/// <c>zhenxing bench generate</c> and <c>zhenxing bench read</c> on a province-scale program (by default 100,000 items in
/// 500 lists, 3,000 units, 24 closed rounds: about 2.4 million reports). <c>read</c> times, over HTTP and signed in as
/// the Office through the sign-in form, the ledger page for the common filters (one unit's items, one county, the
/// overdue items, a text search), the item page and the dashboard's data, each with changing parameters. Last line:
/// <c>read items=100000 p95_ms=…</c>, the worst p95 of the pages measured.
/// </summary>
public static partial class ReadBenchmark
{
    private const double TargetP95Milliseconds = 100;
    private const string OfficeUserName = "bench-office";

    /// <param name="Remembered">The dashboard as served while the ledger does not change (its memory kept between requests).</param>
    private sealed record Case(string Label, Func<int, string> Path, bool Remembered = false);

    public static ProgramSize? Size(CommandArguments options)
    {
        var items = BenchCommand.Integer(options, "items", 100_000, 100, 10_000_000);
        var lists = BenchCommand.Integer(options, "lists", 500, 1, 100_000);
        var units = BenchCommand.Integer(options, "units", 3_000, ProgramSize.MinUnits, 1_000_000);
        var rounds = BenchCommand.Integer(options, "rounds", 24, 1, 120);
        if (items is null || lists is null || units is null || rounds is null)
        {
            return null;
        }
        if (items < lists * ProgramSize.MinItemsPerList)
        {
            options.Errors.Add($"--items 至少应为 --lists 的 {ProgramSize.MinItemsPerList} 倍（每个清单至少 {ProgramSize.MinItemsPerList} 项）。");
            return null;
        }
        return new ProgramSize(items.Value, lists.Value, units.Value, rounds.Value);
    }

    /// <summary><c>bench generate</c>: the program only, generated (or found) and counted.</summary>
    public static async Task<int> GenerateAsync(CommandArguments options)
    {
        var size = Size(options);
        var seed = BenchCommand.Integer(options, "seed", 1, 0, int.MaxValue);
        if (options.Errors.Count > 0 || size is null)
        {
            return ZhenxingCommands.UsageError(string.Join(" ", options.Errors));
        }
        if (BenchCommand.RequirePostgres(options.ConfigurationArgs) is { } refusal)
        {
            Console.Error.WriteLine("错误：" + refusal);
            return ZhenxingCommands.Failed;
        }
        using var host = await ZhenxingCommands.StartCommandHostAsync(options.ConfigurationArgs, services => services.AddScoped<PrepareBenchProgram>());
        await using var scope = host.Services.CreateAsyncScope();
        var (program, refused) = await scope.ServiceProvider.GetRequiredService<PrepareBenchProgram>().RunAsync(size, seed!.Value, Console.Out, CancellationToken.None);
        if (program is null)
        {
            Console.Error.WriteLine("错误：" + refused);
            return ZhenxingCommands.Failed;
        }
        DashboardBenchmark.PrintGeneration(program);
        var db = scope.ServiceProvider.GetRequiredService<ZhenxingDb>();
        var reports = await db.ProgressReports.LongCountAsync();
        Console.WriteLine(Invariant($"generate items={size.Items} lists={size.Lists} units={size.Units} rounds={size.ClosedRounds} reports={reports} seconds={program.Generated?.Elapsed.TotalSeconds ?? 0:F1}"));
        return ZhenxingCommands.Ok;
    }

    public static async Task<int> RunAsync(CommandArguments options)
    {
        var size = Size(options);
        var requests = BenchCommand.Integer(options, "requests", 50, 1, 1_000_000);
        var seed = BenchCommand.Integer(options, "seed", 1, 0, int.MaxValue);
        if (options.Errors.Count > 0 || size is null)
        {
            return ZhenxingCommands.UsageError(string.Join(" ", options.Errors));
        }
        if (BenchCommand.RequirePostgres(options.ConfigurationArgs) is { } refusal)
        {
            Console.Error.WriteLine("错误：" + refusal);
            return ZhenxingCommands.Failed;
        }
        var cancellationToken = CancellationToken.None;
        var password = Passwords.Generate(OfficeUserName);
        BenchProgram program;
        int[] leadUnits, counties, items;
        string[] words;
        using (var host = await ZhenxingCommands.StartCommandHostAsync(options.ConfigurationArgs, services =>
               {
                   services.AddScoped<PrepareBenchProgram>();
               }))
        {
            await using var scope = host.Services.CreateAsyncScope();
            var (prepared, refused) = await scope.ServiceProvider.GetRequiredService<PrepareBenchProgram>().RunAsync(size, seed!.Value, Console.Out, cancellationToken);
            if (prepared is null)
            {
                Console.Error.WriteLine("错误：" + refused);
                return ZhenxingCommands.Failed;
            }
            program = prepared;
            var db = scope.ServiceProvider.GetRequiredService<ZhenxingDb>();
            await SetOfficePasswordAsync(scope.ServiceProvider, password, cancellationToken);
            var random = new Random(seed.Value);
            leadUnits = (await db.ItemUnits.AsNoTracking().Where(u => u.Role == ItemUnitRole.Lead).Select(u => u.UnitId).Distinct().ToListAsync(cancellationToken)).Order().ToArray();
            counties = await db.Units.AsNoTracking().Where(u => u.Kind == UnitKind.County).OrderBy(u => u.Id).Select(u => u.Id).ToArrayAsync(cancellationToken);
            var maxItem = await db.Items.MaxAsync(i => i.Id, cancellationToken);
            items = Enumerable.Range(0, 200).Select(_ => 1 + random.Next(maxItem)).ToArray();
            // Search words as people type them: four characters out of real item texts.
            var texts = await db.Items.AsNoTracking().Where(i => items.Take(20).Contains(i.Id)).Select(i => i.Text).ToListAsync(cancellationToken);
            words = texts.Where(t => t.Length >= 8).Select(t => t.Substring(2 + random.Next(t.Length - 6), 4)).ToArray();
        }
        PrintGeneration(program);
        var unitNames = await NamesAsync(options, leadUnits, cancellationToken);
        var countyNames = await NamesAsync(options, counties, cancellationToken);
        var lists = string.Join("&", program.ListIds.Take(50).Select(id => string.Create(CultureInfo.InvariantCulture, $"list={id}")));
        Case[] cases =
        [
            new("台账：一个牵头单位的事项", n => "/ledger?leadUnit=" + Uri.EscapeDataString(unitNames[n % unitNames.Length])),
            new("台账：一个县（市、区）", n => "/ledger?county=" + Uri.EscapeDataString(countyNames[n % countyNames.Length])),
            new("台账：已逾期", n => $"/ledger?overdue=true&page={1 + n % 5}"),
            new("台账：全文检索", n => "/ledger?q=" + Uri.EscapeDataString(words.Length > 0 ? words[n % words.Length] : "推进")),
            new("事项页", n => $"/items/{items[n % items.Length]}"),
            new("看板数据（重新计算，前 50 个清单）", _ => "/api/v1/dashboard?" + lists),
            new("看板数据（台账未变，前 50 个清单）", _ => "/api/v1/dashboard?" + lists, Remembered: true),
        ];

        Console.WriteLine($"启动网站，以振兴办身份登录，先依次请求每种页面各 {WarmupRequests} 次预热（不计时），再逐种测量 {requests} 次……");
        await using var server = await BenchServer.StartAsync(options.ConfigurationArgs, cancellationToken);
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true })
        {
            BaseAddress = server.Address,
            Timeout = TimeSpan.FromMinutes(2),
        };
        await SignInAsync(client, password, cancellationToken);
        var cache = server.Services.GetRequiredService<Dashboard.DashboardCache>();
        // A server in service has served every kind of page before: the warm-up lets it compile its hot paths (the runtime
        // recompiles a method optimised after some 30 calls) and fill its pools, with other parameters than the measured ones.
        for (var n = 0; n < WarmupRequests; n++)
        {
            foreach (var @case in cases)
            {
                if (await TimeAsync(client, @case.Remembered ? null : cache, @case.Path(requests!.Value + n), cancellationToken) is null)
                {
                    return ZhenxingCommands.Failed;
                }
            }
        }
        var results = new List<(string Label, List<double> Timings)>();
        foreach (var @case in cases)
        {
            var timings = new List<double>();
            for (var n = 0; n < requests!.Value; n++)
            {
                if (await TimeAsync(client, @case.Remembered ? null : cache, @case.Path(n), cancellationToken) is not { } elapsed)
                {
                    return ZhenxingCommands.Failed;
                }
                timings.Add(elapsed);
            }
            timings.Sort();
            results.Add((@case.Label, timings));
        }

        Console.WriteLine();
        Console.WriteLine($"  {TerminalColumns.PadRight("页面", 36)} 请求数     p50      p95      p99     最大  （毫秒）");
        foreach (var (label, timings) in results)
        {
            Console.WriteLine(Invariant($"  {TerminalColumns.PadRight(label, 36)} {timings.Count,6} {Percentiles.Of(timings, 50),8:F1} {Percentiles.Of(timings, 95),8:F1} {Percentiles.Of(timings, 99),8:F1} {timings[^1],8:F1}"));
        }
        var worst = results.MaxBy(r => Percentiles.Of(r.Timings, 95));
        var worstP95 = Percentiles.Of(worst.Timings, 95);
        Console.WriteLine();
        Console.WriteLine(worstP95 < TargetP95Milliseconds
            ? Invariant($"最慢的 p95 = {worstP95:F1} 毫秒（{worst.Label}），达到目标（< {TargetP95Milliseconds:F0} 毫秒）。")
            : Invariant($"最慢的 p95 = {worstP95:F1} 毫秒（{worst.Label}），未达到目标（< {TargetP95Milliseconds:F0} 毫秒）。"));
        Console.WriteLine(Invariant($"read items={size.Items} p95_ms={worstP95:F1}"));
        return ZhenxingCommands.Ok;
    }

    private const int WarmupRequests = 10;

    /// <summary>
    /// One request, timed to the last byte of the answer, the dashboard's memory emptied before it when given (as after a
    /// change to the ledger); null (and the error printed) unless it succeeds.
    /// </summary>
    private static async Task<double?> TimeAsync(HttpClient client, Dashboard.DashboardCache? forget, string path, CancellationToken cancellationToken)
    {
        forget?.ForgetViews();
        var started = Stopwatch.GetTimestamp();
        using var response = await client.GetAsync(path, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        if (!response.IsSuccessStatusCode)
        {
            Console.Error.WriteLine($"错误：GET {path} 返回 {(int)response.StatusCode}：{(body.Length > 500 ? body[..500] : body)}");
            return null;
        }
        return elapsed;
    }

    /// <summary>The benchmark's Office user, created once, with a password only this run knows.</summary>
    private static async Task SetOfficePasswordAsync(IServiceProvider services, string password, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<ZhenxingDb>();
        var user = await db.Users.SingleOrDefaultAsync(u => u.UserName == OfficeUserName, cancellationToken);
        if (user is null)
        {
            var (created, errors) = await services.GetRequiredService<AddUser>().RunAsync(new NewUser(OfficeUserName, "基准测试振兴办", Role.Office, null, password), cancellationToken);
            _ = created ?? throw new InvalidOperationException("无法创建基准测试用户：" + string.Join("；", errors.Values));
            return;
        }
        if (await services.GetRequiredService<SetPassword>().RunAsync(user, password, chosenByOther: false, cancellationToken) is { } problem)
        {
            throw new InvalidOperationException("A generated password was refused: " + problem);
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    private static async Task SignInAsync(HttpClient client, string password, CancellationToken cancellationToken)
    {
        var form = await client.GetStringAsync("/account/login", cancellationToken);
        var token = AntiforgeryToken().Match(form).Groups[1].Value;
        using var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = OfficeUserName, ["Password"] = password, ["__RequestVerificationToken"] = token,
        }), cancellationToken);
        if ((int)response.StatusCode != 302)
        {
            throw new InvalidOperationException($"基准测试用户登录失败（{(int)response.StatusCode}）。");
        }
    }

    private static async Task<string[]> NamesAsync(CommandArguments options, int[] ids, CancellationToken cancellationToken)
    {
        using var host = await ZhenxingCommands.StartCommandHostAsync(options.ConfigurationArgs);
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ZhenxingDb>();
        var sample = ids.Length <= 200 ? ids : Enumerable.Range(0, 200).Select(i => ids[i * ids.Length / 200]).ToArray();
        return (await db.Units.AsNoTracking().Where(u => sample.Contains(u.Id)).Select(u => u.Name).ToListAsync(cancellationToken)).ToArray();
    }

    private static void PrintGeneration(BenchProgram program) => DashboardBenchmark.PrintGeneration(program);

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
