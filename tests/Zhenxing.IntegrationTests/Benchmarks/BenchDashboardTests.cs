using System.Text.RegularExpressions;
using Zhenxing.IntegrationTests.Infrastructure;
using Zhenxing.Testing;

namespace Zhenxing.IntegrationTests.Benchmarks;

/// <summary>
/// <c>zhenxing bench dashboard</c> run as a process at a small size, so that the benchmark keeps working as the
/// schema and the endpoint change. PostgreSQL only, each test on a database of its own.
/// </summary>
public sealed partial class BenchDashboardTests : BenchDatabase
{
    private string[] Bench =>
    [
        "bench", "dashboard", "--items", "300", "--units", "60", "--rounds", "3", "--requests", "10",
        "--Database:Provider=Postgres", $"--ConnectionStrings:Zhenxing={ConnectionString}",
    ];

    [GeneratedRegex(@"^dashboard items=300 p50_ms=\d+\.\d p95_ms=\d+\.\d$")]
    private static partial Regex Summary();

    [Fact]
    public async Task BenchDashboardGeneratesTheProgramAndEndsWithTheSummaryLine()
    {
        var run = await ZhenxingExecutable.RunAsync(Bench);

        run.ExitCode.ShouldBe(0, run.Error);
        run.Output.ShouldContain("已生成基准测试数据");
        LastLine(run.Output).ShouldMatch(Summary().ToString());
        (await CountAsync("""SELECT count(*) FROM "Items" """)).ShouldBe(300);
        (await CountAsync("""SELECT count(*) FROM "ReportingRounds" WHERE "State" = 'Closed'""")).ShouldBe(3);
        (await CountAsync("""SELECT count(*) FROM "RoundItemStatuses" """)).ShouldBe(300 * 3);
        (await CountAsync("""SELECT count(*) FROM "Units" WHERE "Kind" = 'County'""")).ShouldBe(18);
        (await CountAsync("""SELECT count(*) FROM "UnitAliases" WHERE "Name" = '龙南县'""")).ShouldBe(1);
        (await CountAsync("""SELECT count(*) FROM "Items" i WHERE NOT EXISTS (SELECT 1 FROM "ItemUnits" u WHERE u."ItemId" = i."Id" AND u."Role" = 'Lead')""")).ShouldBe(0);
        // Declared counts agree with the items generated under each category.
        (await CountAsync("""
            SELECT count(*) FROM "Categories" c
            WHERE c."DeclaredCount" <> (SELECT count(*) FROM "Items" i JOIN "Categories" s ON s."Id" = i."CategoryId"
                                        WHERE s."Id" = c."Id" OR s."ParentId" = c."Id")
            """)).ShouldBe(0);
    }

    [Fact]
    public async Task BenchDashboardReusesTheProgramItGeneratedBefore()
    {
        var first = await ZhenxingExecutable.RunAsync(Bench);
        first.ExitCode.ShouldBe(0, first.Error);
        var reports = await CountAsync("""SELECT count(*) FROM "ProgressReports" """);

        var second = await ZhenxingExecutable.RunAsync(Bench);

        second.ExitCode.ShouldBe(0, second.Error);
        second.Output.ShouldContain("直接使用，未重新生成");
        LastLine(second.Output).ShouldMatch(Summary().ToString());
        (await CountAsync("""SELECT max("Id") FROM "Items" """)).ShouldBe(300);
        (await CountAsync("""SELECT count(*) FROM "ProgressReports" """)).ShouldBe(reports);
    }

    [Fact]
    public async Task BenchDashboardRefusesADatabaseHoldingItemsItDidNotGenerate()
    {
        // Any command migrates the empty database; then a real list with one item goes in.
        (await ZhenxingExecutable.RunAsync(["user", "list", .. Bench[^2..]])).ExitCode.ShouldBe(0);
        await ExecuteAsync("""
            INSERT INTO "ItemLists" ("Title", "Year", "Kind", "Version") VALUES ('2021年蓉江新区重大事项清单', 2021, 'MajorItems', 0);
            INSERT INTO "Items" ("ItemListId", "Position", "Number", "Text", "Ongoing", "Status", "ReportingFrequency", "Version")
            SELECT "Id", 0, '1', '推进赣州国际陆港建设。', false, 'InProgress', 'None', 0 FROM "ItemLists";
            """);

        var run = await ZhenxingExecutable.RunAsync(Bench);

        run.ExitCode.ShouldBe(1);
        run.Error.ShouldContain("数据库中已有 1 个不是基准测试生成的事项");
        (await CountAsync("""SELECT count(*) FROM "Items" """)).ShouldBe(1);
        (await CountAsync("""SELECT count(*) FROM "Units" """)).ShouldBe(0);
    }

    [Fact]
    public async Task BenchDashboardRefusesSqlite()
    {
        var run = await ZhenxingExecutable.RunAsync(["bench", "dashboard", "--items", "300", "--Database:Provider=Sqlite"]);

        run.ExitCode.ShouldBe(1);
        run.Error.ShouldContain("基准测试需要 PostgreSQL 数据库");
    }
}
