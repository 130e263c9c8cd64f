using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Zhenxing.Web.Data;
using Zhenxing.Web.Features.ApiKeys;
using Zhenxing.Web.Features.Api;
using Zhenxing.Web.Features.Items;
using Zhenxing.Web.Features.Rounds;
using Zhenxing.Web.Features.Users;
using Zhenxing.Web.Infrastructure;
using Zhenxing.Web.Infrastructure.Cli;

namespace Zhenxing.Web.Features.Benchmarks;

/// <summary>
/// <c>zhenxing bench rush</c>: the deadline rush. N liaisons of N units (default 500), each through the JSON API with an
/// API key of its own, save a draft and then submit it, item after item, as fast as they can for a fixed time, in a
/// round opened for the run. Afterwards the database is checked: every submission the server acknowledged is stored,
/// submitted, with the text the client sent, exactly once. Last line:
/// <c>rush clients=500 per_s=312.4 p99_ms=880.1 lost=0 duplicated=0</c>.
/// </summary>
public static class RushBenchmark
{
    private const double TargetPerSecond = 300;
    private const string LiaisonPrefix = "bench-liaison-";
    private const string KeyName = "基准测试冲刺";

    private static readonly System.Text.Json.JsonSerializerOptions Json = new(System.Text.Json.JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    private sealed record Client(int UnitId, string Secret, List<int> ItemIds);

    /// <param name="Measured">Acknowledged after the warm-up: counted in the throughput (every one is verified).</param>
    private sealed record Acknowledged(int ItemId, int UnitId, string Narrative, bool Measured);

    public static async Task<int> RunAsync(CommandArguments options)
    {
        // The program of bench generate and bench read (same defaults): one generated database serves all three.
        var size = ReadBenchmark.Size(options);
        var clients = BenchCommand.Integer(options, "clients", 500, 1, 10_000);
        var seconds = BenchCommand.Integer(options, "seconds", 30, 1, 3600);
        var warmup = BenchCommand.Integer(options, "warmup", 10, 0, 600);
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

        Uri? external = null;
        if (options["url"] is { } url && (!Uri.TryCreate(url, UriKind.Absolute, out external) || external.Scheme is not ("http" or "https")))
        {
            return ZhenxingCommands.UsageError($"--url 的值“{url}”无效，应为网站地址，例如 http://127.0.0.1:5080 。");
        }

        using var host = await ZhenxingCommands.StartCommandHostAsync(options.ConfigurationArgs, services =>
        {
            services.AddScoped<CreateApiKey>();
            services.AddScoped<PrepareBenchProgram>();
            services.AddScoped<OpenRound>();
        });
        int roundId;
        List<Client> team;
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var (program, refused) = await scope.ServiceProvider.GetRequiredService<PrepareBenchProgram>()
                .RunAsync(size, seed!.Value, Console.Out, cancellationToken);
            if (program is null)
            {
                Console.Error.WriteLine("错误：" + refused);
                return ZhenxingCommands.Failed;
            }
            (roundId, team) = await PrepareAsync(scope.ServiceProvider, program, clients!.Value, cancellationToken);
        }
        Console.WriteLine($"已开启报送轮次 {roundId}（覆盖全部 {size.Lists} 个清单）；{team.Count} 个联络员（各属一个单位，共 {team.Sum(c => c.ItemIds.Count)} 项应报事项），每人用自己的 API 密钥。");
        Console.WriteLine(external is null
            ? $"启动网站；每个联络员依次保存草稿、提交，先预热 {warmup} 秒（不计入），再计时 {seconds} 秒……"
            : $"对 {external} 上运行的网站（须使用同一数据库）：每个联络员依次保存草稿、提交，先预热 {warmup} 秒（不计入），再计时 {seconds} 秒……");

        // In this process unless --url names a running node (which may then be stopped and restarted during the run).
        await using var server = external is null ? await BenchServer.StartAsync(options.ConfigurationArgs, cancellationToken) : null;
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = team.Count + 8, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
        {
            BaseAddress = server?.Address ?? external,
            Timeout = TimeSpan.FromSeconds(60),
        };
        var acknowledged = new ConcurrentBag<Acknowledged>();
        var timings = new ConcurrentBag<double>();
        var errors = new ConcurrentDictionary<string, int>();
        // The warm-up lets the server compile its hot paths and fill its pools; its requests are verified but not timed.
        var measureFrom = Stopwatch.GetTimestamp() + (long)(warmup!.Value * (double)Stopwatch.Frequency);
        var stopAt = measureFrom + (long)(seconds!.Value * (double)Stopwatch.Frequency);
        await Task.WhenAll(team.Select((client, n) => Task.Run(() => RushAsync(http, roundId, n, client, measureFrom, stopAt, acknowledged, timings, errors), cancellationToken)));
        var elapsed = Math.Max(0.001, Stopwatch.GetElapsedTime(measureFrom).TotalSeconds);
        var measured = acknowledged.Count(a => a.Measured);

        var (lost, duplicated, stored) = await VerifyAsync(host.Services, roundId, acknowledged.ToList(), cancellationToken);
        var sorted = timings.Order().ToList();
        var perSecond = measured / elapsed;
        Console.WriteLine();
        Console.WriteLine("  联络员   计时(秒)   计时内提交   每秒提交   请求数    p50      p99     最大（毫秒）   错误   丢失   重复");
        Console.WriteLine(Invariant($"  {team.Count,6} {elapsed,9:F1} {measured,12} {perSecond,10:F1} {sorted.Count,8} {Percentiles.Of(sorted, 50),7:F1} {Percentiles.Of(sorted, 99),8:F1} {(sorted.Count > 0 ? sorted[^1] : 0),9:F1} {errors.Values.Sum(),9} {lost,6} {duplicated,6}"));
        foreach (var (error, count) in errors.OrderByDescending(e => e.Value).Take(5))
        {
            Console.WriteLine($"  错误 ×{count}：{error}");
        }
        Console.WriteLine($"数据库核对（含预热）：本轮次已提交的报送 {stored} 份，服务器确认的提交 {acknowledged.Count} 份，丢失 {lost}，重复 {duplicated}。");
        Console.WriteLine(perSecond >= TargetPerSecond
            ? Invariant($"每秒 {perSecond:F1} 份提交，达到目标（≥ {TargetPerSecond:F0}）。")
            : Invariant($"每秒 {perSecond:F1} 份提交，未达到目标（≥ {TargetPerSecond:F0}）。"));
        Console.WriteLine(Invariant($"rush clients={team.Count} per_s={perSecond:F1} p99_ms={Percentiles.Of(sorted, 99):F1} lost={lost} duplicated={duplicated}"));
        return lost == 0 && duplicated == 0 ? ZhenxingCommands.Ok : ZhenxingCommands.Failed;
    }

    /// <summary>
    /// Opens the run's round over every generated list and picks the units that lead the most items; each gets a
    /// liaison (created once) with a fresh API key.
    /// </summary>
    private static async Task<(int RoundId, List<Client> Team)> PrepareAsync(IServiceProvider services, BenchProgram program, int clients, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<ZhenxingDb>();
        var clock = services.GetRequiredService<TimeProvider>();
        var today = ChinaTime.Today(clock);
        var (round, problems) = await services.GetRequiredService<OpenRound>().RunAsync(
            new NewRound($"基准测试冲刺 {clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)):yyyy-MM-dd HH:mm:ss}", today, today.AddDays(1), [.. program.ListIds], false), cancellationToken);
        if (round is null)
        {
            throw new InvalidOperationException("无法开启冲刺轮次：" + string.Join("；", problems.Values));
        }
        var leads = await db.ItemUnits.AsNoTracking()
            .Where(u => u.Role == ItemUnitRole.Lead)
            .Join(db.Items.Where(i => i.WithdrawnAt == null), u => u.ItemId, i => i.Id, (u, i) => new { u.UnitId, u.ItemId })
            .ToListAsync(cancellationToken);
        var chosen = leads.GroupBy(l => l.UnitId).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).Take(clients).ToList();
        var names = chosen.Select(g => LiaisonPrefix + g.Key).ToList();
        var existing = await db.Users.Where(u => names.Contains(u.UserName)).ToDictionaryAsync(u => u.UserName, u => u.Id, cancellationToken);
        var hasher = services.GetRequiredService<Microsoft.AspNetCore.Identity.IPasswordHasher<User>>();
        foreach (var group in chosen.Where(g => !existing.ContainsKey(LiaisonPrefix + g.Key)))
        {
            // Nobody signs in as these users: one hash of a generated password serves them all.
            var user = new User { UserName = LiaisonPrefix + group.Key, DisplayName = $"冲刺联络员{group.Key}", Role = Role.Liaison, UnitId = group.Key, PasswordHash = "", CreatedAt = clock.GetUtcNow() };
            user.PasswordHash = hasher.HashPassword(user, Passwords.Generate(user.UserName));
            db.Users.Add(user);
        }
        await db.SaveChangesAsync(cancellationToken);
        var userIds = await db.Users.AsNoTracking().Where(u => names.Contains(u.UserName)).ToDictionaryAsync(u => u.UserName, u => u.Id, cancellationToken);
        await db.ApiKeys.Where(k => userIds.Values.Contains(k.UserId) && k.Name == KeyName).ExecuteDeleteAsync(cancellationToken);
        var createKey = services.GetRequiredService<CreateApiKey>();
        var team = new List<Client>();
        foreach (var group in chosen)
        {
            var (created, error) = await createKey.RunAsync(userIds[LiaisonPrefix + group.Key], KeyName, cancellationToken);
            team.Add(new Client(group.Key, created?.Secret ?? throw new InvalidOperationException("无法创建 API 密钥：" + error), [.. group.Select(l => l.ItemId).Order()]));
        }
        return (round.Id, team);
    }

    /// <summary>One liaison: for each of its items, a draft, then the submission with the version the draft returned.</summary>
    private static async Task RushAsync(HttpClient http, int roundId, int n, Client client, long measureFrom, long stopAt,
        ConcurrentBag<Acknowledged> acknowledged, ConcurrentBag<double> timings, ConcurrentDictionary<string, int> errors)
    {
        var sequence = 0;
        foreach (var itemId in client.ItemIds)
        {
            if (Stopwatch.GetTimestamp() >= stopAt)
            {
                return;
            }
            var narrative = $"冲刺测试：联络员 {n} 第 {++sequence} 份，按计划推进，已完成阶段性工作。";
            var draft = await PutAsync(http, client.Secret, roundId, itemId, new ApiReportInput(ItemStatus.InProgress, narrative, null, null, 0, false, null), measureFrom, timings, errors);
            if (draft is null)
            {
                continue;
            }
            var submitted = await PutAsync(http, client.Secret, roundId, itemId, new ApiReportInput(ItemStatus.PositiveProgress, narrative, null, null, draft.Version, true, null), measureFrom, timings, errors);
            if (submitted is { State: ReportState.Submitted })
            {
                acknowledged.Add(new Acknowledged(itemId, client.UnitId, narrative, Stopwatch.GetTimestamp() >= measureFrom));
            }
        }
    }

    /// <summary>
    /// One save, as a well-behaved client makes it: a 503 (the database restarting) is counted as an error and tried
    /// again after the <c>Retry-After</c> the server asks for, up to three times; anything else ends the attempt.
    /// </summary>
    private static async Task<ApiReport?> PutAsync(HttpClient http, string secret, int roundId, int itemId, ApiReportInput body, long measureFrom,
        ConcurrentBag<double> timings, ConcurrentDictionary<string, int> errors)
    {
        for (var attempt = 1; ; attempt++)
        {
            // Serialised first, so that the request declares its length as a browser's does (not sent in chunks).
            using var content = new ByteArrayContent(System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(body, Json));
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/rounds/{roundId}/items/{itemId}/report") { Content = content };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", secret);
            var started = Stopwatch.GetTimestamp();
            TimeSpan? retryAfter = null;
            try
            {
                using var response = await http.SendAsync(request);
                if (response.IsSuccessStatusCode)
                {
                    var report = await response.Content.ReadFromJsonAsync<ApiReport>(Json);
                    if (started >= measureFrom)
                    {
                        timings.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    }
                    return report;
                }
                var text = await response.Content.ReadAsStringAsync();
                errors.AddOrUpdate($"{(int)response.StatusCode} {(text.Length > 200 ? text[..200] : text)}", 1, (_, c) => c + 1);
                if (response.StatusCode == System.Net.HttpStatusCode.ServiceUnavailable)
                {
                    retryAfter = response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1);
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                errors.AddOrUpdate($"{e.GetType().Name}: {e.Message}", 1, (_, c) => c + 1);
            }
            if (retryAfter is not { } wait || attempt == 3)
            {
                return null;
            }
            await Task.Delay(wait < TimeSpan.FromSeconds(5) ? wait : TimeSpan.FromSeconds(5));
        }
    }

    /// <summary>Lost: acknowledged but not stored as submitted with the client's text. Duplicated: more than one report of a unit on an item.</summary>
    private static async Task<(int Lost, int Duplicated, int Stored)> VerifyAsync(IServiceProvider services, int roundId, List<Acknowledged> acknowledged, CancellationToken cancellationToken)
    {
        // The database may have restarted during the run: connections pooled before it are gone, and it may still be
        // starting up (a minute at most is waited for it).
        var deadline = DateTime.UtcNow.AddMinutes(1);
        List<(int ItemId, int UnitId, ReportState State, string Narrative)> reports;
        while (true)
        {
            Npgsql.NpgsqlConnection.ClearAllPools();
            try
            {
                await using var scope = services.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<ZhenxingDb>();
                reports = (await db.ProgressReports.AsNoTracking().Where(p => p.RoundId == roundId)
                        .Select(p => new { p.ItemId, p.UnitId, p.State, p.Narrative }).ToListAsync(cancellationToken))
                    .Select(p => (p.ItemId, p.UnitId, p.State, p.Narrative)).ToList();
                break;
            }
            catch (Exception e) when (Infrastructure.Problems.DatabaseUnavailableHandler.IsUnavailable(e) && DateTime.UtcNow < deadline)
            {
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            }
        }
        var duplicated = reports.GroupBy(r => (r.ItemId, r.UnitId)).Sum(g => g.Count() - 1);
        var stored = reports.Where(r => r.State == ReportState.Submitted).ToLookup(r => (r.ItemId, r.UnitId));
        var lost = acknowledged.Count(a => !stored[(a.ItemId, a.UnitId)].Any(r => r.Narrative == a.Narrative));
        return (lost, duplicated, reports.Count(r => r.State == ReportState.Submitted));
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
