using System.Text.RegularExpressions;
using Zhenxing.Testing;

namespace Zhenxing.IntegrationTests.Benchmarks;

/// <summary><c>zhenxing bench generate</c> and <c>bench read</c> run as processes at a small size, so that they keep working.</summary>
public sealed partial class BenchReadTests : BenchDatabase
{
    private string[] Size => ["--items", "300", "--lists", "3", "--units", "60", "--rounds", "2", "--Database:Provider=Postgres", $"--ConnectionStrings:Zhenxing={ConnectionString}"];

    [GeneratedRegex(@"^generate items=300 lists=3 units=60 rounds=2 reports=(\d+) seconds=\d+\.\d$")]
    private static partial Regex GenerateSummary();

    [GeneratedRegex(@"^read items=300 p95_ms=\d+\.\d$")]
    private static partial Regex ReadSummary();

    [Fact]
    public async Task BenchGenerateWritesTheProgramAndBenchReadMeasuresEveryPageOnIt()
    {
        var generate = await ZhenxingExecutable.RunAsync(["bench", "generate", .. Size]);

        generate.ExitCode.ShouldBe(0, generate.Error);
        var summary = GenerateSummary().Match(LastLine(generate.Output));
        summary.Success.ShouldBeTrue(LastLine(generate.Output));
        long.Parse(summary.Groups[1].Value).ShouldBe(await CountAsync("""SELECT count(*) FROM "ProgressReports" """));
        (await CountAsync("""SELECT count(*) FROM "ItemLists" """)).ShouldBe(3);
        (await CountAsync("""SELECT count(*) FROM "Items" """)).ShouldBe(300);

        var read = await ZhenxingExecutable.RunAsync(["bench", "read", "--requests", "3", .. Size]);

        read.ExitCode.ShouldBe(0, read.Error);
        read.Output.ShouldContain("直接使用，未重新生成");
        foreach (var page in new[] { "台账：一个牵头单位的事项", "台账：一个县（市、区）", "台账：已逾期", "台账：全文检索", "事项页", "看板数据（重新计算", "看板数据（台账未变" })
        {
            // Each page's row: its label, then the request count and four timings.
            read.Output.ShouldMatch($@"(?m)^\s+{Regex.Escape(page)}.*?\s+3\s+\d+\.\d\s+\d+\.\d\s+\d+\.\d\s+\d+\.\d\s*$");
        }
        LastLine(read.Output).ShouldMatch(ReadSummary().ToString());
    }

    [Fact]
    public async Task BenchGenerateRefusesTooManyListsForTheItems()
    {
        var run = await ZhenxingExecutable.RunAsync(["bench", "generate", "--items", "100", "--lists", "10", "--Database:Provider=Postgres", $"--ConnectionStrings:Zhenxing={ConnectionString}"]);

        run.ExitCode.ShouldBe(2);
        run.Error.ShouldContain("--items 至少应为 --lists 的 21 倍");
    }
}
