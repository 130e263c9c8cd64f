using System.Text.RegularExpressions;
using Npgsql;
using Zhenxing.IntegrationTests.Infrastructure;
using Zhenxing.Testing;

namespace Zhenxing.IntegrationTests.Resilience;

/// <summary>PostgreSQL restarted while liaisons submit: requests fail cleanly, the node reconnects by itself, nothing acknowledged is lost.</summary>
public sealed partial class DatabaseRestartTests
{
    [GeneratedRegex(@"^rush clients=6 per_s=\d+\.\d p99_ms=\d+\.\d lost=0 duplicated=0$")]
    private static partial Regex Summary();

    private const string RushReports = """SELECT count(*) FROM "ProgressReports" WHERE "State" = 'Submitted' AND "Narrative" LIKE '冲刺测试%'""";

    [Fact]
    public async Task ARestartedDatabaseGivesRetryable503sThenTheNodeCarriesOnAndNothingAcknowledgedIsLost()
    {
        await using var postgres = await PrivatePostgres.StartAsync("zhenxing");
        string[] database = ["--Database:Provider=Postgres", $"--ConnectionStrings:Zhenxing={postgres.ConnectionString("zhenxing")}"];
        await using var node = new AppNode([.. database, "--Bootstrap:CreateAdmin=false", "--Reminders:Enabled=false"]);
        await node.StartAsync();
        var rush = ZhenxingExecutable.RunAsync(
        [
            "bench", "rush", "--url", node.BaseAddress.ToString(), "--items", "600", "--lists", "1", "--units", "60", "--rounds", "1",
            "--clients", "6", "--seconds", "25", "--warmup", "0", .. database,
        ]);
        await WaitUntilAsync(async () => await CountAsync(postgres, RushReports) >= 30);

        await postgres.StopAsync();
        using var http = new HttpClient { BaseAddress = node.BaseAddress };
        var whileDown = await http.GetAsync("/api/v1/lists");
        var pageWhileDown = await http.GetAsync("/account/login");
        await Task.Delay(1000);
        await postgres.StartAsync();
        var afterRestart = await CountAsync(postgres, RushReports);
        var run = await rush;

        ((int)whileDown.StatusCode).ShouldBeOneOf(401, 503);
        ((int)pageWhileDown.StatusCode).ShouldBeOneOf(200, 503);
        run.ExitCode.ShouldBe(0, run.Output + run.Error);
        run.Output.ShouldContain("错误 ×", customMessage: "requests failed while the database was down");
        run.Output.ShouldContain("503");
        run.Output.ShouldContain("数据库暂时无法访问，本次操作未保存");
        run.Output.ShouldNotContain("错误 ×1：500");
        LastLine(run.Output).ShouldMatch(Summary().ToString());
        // The node went on by itself: submissions kept arriving after the database came back.
        (await CountAsync(postgres, RushReports)).ShouldBeGreaterThan(afterRestart, run.Output + node.Output);
        node.Output.ShouldNotContain("Unhandled exception");
    }

    private static string LastLine(string output) => output.TrimEnd().Split('\n')[^1].Trim();

    private static async Task<long> CountAsync(PrivatePostgres postgres, string sql)
    {
        // Unpooled: a pooled connection from before the restart would be dead.
        await using var connection = new NpgsqlConnection(postgres.ConnectionString("zhenxing") + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The rush did not start within 90 s.");
            }
            await Task.Delay(100);
        }
    }
}
