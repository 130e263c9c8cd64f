using System.Text.RegularExpressions;
using Zhenxing.IntegrationTests.Benchmarks;
using Zhenxing.IntegrationTests.Infrastructure;
using Zhenxing.Testing;

namespace Zhenxing.IntegrationTests.Resilience;

/// <summary>An app node killed with SIGKILL in the middle of a deadline rush loses nothing it acknowledged.</summary>
public sealed partial class CrashTests : BenchDatabase
{
    [GeneratedRegex(@"^rush clients=6 per_s=\d+\.\d p99_ms=\d+\.\d lost=0 duplicated=0$")]
    private static partial Regex Summary();

    [GeneratedRegex(@"服务器确认的提交 (\d+) 份")]
    private static partial Regex Acknowledged();

    [Fact]
    public async Task KillingANodeInTheMiddleOfARushLosesNoAcknowledgedSubmissionAndLeavesNoHalfWrittenReport()
    {
        string[] database = ["--Database:Provider=Postgres", $"--ConnectionStrings:Zhenxing={ConnectionString}"];
        await using var node = new AppNode([.. database, "--Bootstrap:CreateAdmin=false", "--Reminders:Enabled=false"]);
        await node.StartAsync();

        var rush = ZhenxingExecutable.RunAsync(
        [
            "bench", "rush", "--url", node.BaseAddress.ToString(), "--items", "600", "--lists", "1", "--units", "60", "--rounds", "1",
            "--clients", "6", "--seconds", "20", "--warmup", "0", .. database,
        ]);
        // Let the rush get going (generating the program takes a few seconds), then cut the node off mid-write.
        await WaitUntilAsync(async () => await CountAsync("""SELECT count(*) FROM "ProgressReports" WHERE "State" = 'Submitted' AND "Narrative" LIKE '冲刺测试%'""") >= 30);
        await node.KillAsync();
        await Task.Delay(1500);
        await node.StartAsync();
        var run = await rush;

        run.ExitCode.ShouldBe(0, run.Output + run.Error);
        LastLine(run.Output).ShouldMatch(Summary().ToString());
        run.Output.ShouldContain("错误 ×", customMessage: "requests failed while the node was down");
        var acknowledged = long.Parse(Acknowledged().Match(run.Output).Groups[1].Value);
        var submitted = await CountAsync("""SELECT count(*) FROM "ProgressReports" WHERE "State" = 'Submitted' AND "Narrative" LIKE '冲刺测试%'""");
        // A submission cut off before its answer may be stored without having been acknowledged, never the reverse.
        submitted.ShouldBeGreaterThanOrEqualTo(acknowledged);
        // No half-written report: every report of the run is complete and has the audit entry written with it.
        (await CountAsync("""
            SELECT count(*) FROM "ProgressReports" p
            WHERE p."Narrative" LIKE '冲刺测试%' AND (p."UpdatedAt" IS NULL OR (p."State" = 'Submitted' AND (p."SubmittedAt" IS NULL OR p."SubmittedByName" IS NULL)))
            """)).ShouldBe(0);
        (await CountAsync("""
            SELECT count(*) FROM "ProgressReports" p
            WHERE p."Narrative" LIKE '冲刺测试%'
              AND NOT EXISTS (SELECT 1 FROM "AuditEntries" a WHERE a."EntityType" = 'ProgressReport' AND a."EntityId" = p."Id"::text AND a."Action" = 'Added')
            """)).ShouldBe(0);
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
