using System.Text.RegularExpressions;
using Zhenxing.Testing;

namespace Zhenxing.IntegrationTests.Benchmarks;

/// <summary><c>zhenxing bench rush</c> run as a process at a small size, so that it keeps working.</summary>
public sealed partial class BenchRushTests : BenchDatabase
{
    [GeneratedRegex(@"^rush clients=6 per_s=(\d+\.\d) p99_ms=\d+\.\d lost=0 duplicated=0$")]
    private static partial Regex Summary();

    [GeneratedRegex(@"服务器确认的提交 (\d+) 份")]
    private static partial Regex Acknowledged();

    [Fact]
    public async Task BenchRushSubmitsThroughTheApiAndFindsEveryAcknowledgedSubmissionStoredOnce()
    {
        var run = await ZhenxingExecutable.RunAsync(
        [
            "bench", "rush", "--items", "300", "--lists", "1", "--units", "60", "--rounds", "2", "--clients", "6", "--seconds", "3", "--warmup", "1",
            "--Database:Provider=Postgres", $"--ConnectionStrings:Zhenxing={ConnectionString}",
        ]);

        run.ExitCode.ShouldBe(0, run.Error);
        LastLine(run.Output).ShouldMatch(Summary().ToString());
        var acknowledged = long.Parse(Acknowledged().Match(run.Output).Groups[1].Value);
        acknowledged.ShouldBeGreaterThan(0);
        // The run's round holds exactly the acknowledged submissions, each by one of the six liaisons, audited.
        const string rushRound = """(SELECT max("Id") FROM "ReportingRounds" WHERE "Name" LIKE '基准测试冲刺%')""";
        (await CountAsync($"""SELECT count(*) FROM "ProgressReports" WHERE "RoundId" = {rushRound} AND "State" = 'Submitted'""")).ShouldBe(acknowledged);
        (await CountAsync($"""SELECT count(DISTINCT "UnitId") FROM "ProgressReports" WHERE "RoundId" = {rushRound}""")).ShouldBe(6);
        (await CountAsync($"""SELECT count(*) FROM "AuditEntries" WHERE "EntityType" = 'ProgressReport' AND "Action" = 'Modified' AND "Actor" LIKE 'bench-liaison-%'""")).ShouldBeGreaterThanOrEqualTo(acknowledged);
    }

    [Fact]
    public async Task BenchRushRefusesSqlite()
    {
        var run = await ZhenxingExecutable.RunAsync(["bench", "rush", "--clients", "2", "--Database:Provider=Sqlite"]);

        run.ExitCode.ShouldBe(1);
        run.Error.ShouldContain("基准测试需要 PostgreSQL 数据库");
    }
}
