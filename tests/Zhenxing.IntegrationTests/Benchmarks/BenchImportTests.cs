using System.Text.RegularExpressions;
using Zhenxing.Testing;

namespace Zhenxing.IntegrationTests.Benchmarks;

/// <summary><c>zhenxing bench import</c> run as a process at a small size, so that it keeps working.</summary>
public sealed partial class BenchImportTests : BenchDatabase
{
    [GeneratedRegex(@"^import rows=60 seconds=\d+\.\d\d$")]
    private static partial Regex Summary();

    [Fact]
    public async Task BenchImportImportsTheGeneratedSheetThroughTheUploadPathEachRunAsANewList()
    {
        string[] bench = ["bench", "import", "--rows", "60", "--Database:Provider=Postgres", $"--ConnectionStrings:Zhenxing={ConnectionString}"];

        var first = await ZhenxingExecutable.RunAsync(bench);
        var second = await ZhenxingExecutable.RunAsync(bench);

        first.ExitCode.ShouldBe(0, first.Error);
        second.ExitCode.ShouldBe(0, second.Error);
        LastLine(first.Output).ShouldMatch(Summary().ToString());
        first.Output.ShouldContain("新增事项 60 项");
        // Each run imports a warm-up document of (here) 60 rows before the measured one.
        (await CountAsync("""SELECT count(*) FROM "ItemLists" """)).ShouldBe(4);
        (await CountAsync("""SELECT count(*) FROM "Items" """)).ShouldBe(240);
        (await CountAsync("""SELECT count(*) FROM "SourceDocuments" WHERE "ConfirmedAt" IS NOT NULL""")).ShouldBe(4);
        (await CountAsync("""SELECT count(*) FROM "AuditEntries" WHERE "EntityType" = 'Item' AND "Action" = 'Added'""")).ShouldBe(240);
        // Written in bulk, still audited row by row under each row's own id and item.
        (await CountAsync("""
            SELECT count(*) FROM "Items" i WHERE NOT EXISTS (SELECT 1 FROM "AuditEntries" a
            WHERE a."EntityType" = 'Item' AND a."Action" = 'Added' AND a."EntityId" = i."Id"::text AND a."ItemId" = i."Id" AND a."After" LIKE '%' || i."Number" || '%')
            """)).ShouldBe(0);
        (await CountAsync("""
            SELECT count(*) FROM "ItemUnits" u WHERE NOT EXISTS (SELECT 1 FROM "AuditEntries" a
            WHERE a."EntityType" = 'ItemUnit' AND a."Action" = 'Added' AND a."EntityId" = u."Id"::text AND a."ItemId" = u."ItemId")
            """)).ShouldBe(0);
    }

    [Fact]
    public async Task BenchImportRefusesADatabaseWithARealLedger()
    {
        (await ZhenxingExecutable.RunAsync(["user", "list", "--Database:Provider=Postgres", $"--ConnectionStrings:Zhenxing={ConnectionString}"])).ExitCode.ShouldBe(0);
        await ExecuteAsync("""INSERT INTO "ItemLists" ("Title", "Year", "Kind", "Version") VALUES ('2021年蓉江新区重大事项清单', 2021, 'MajorItems', 0)""");

        var run = await ZhenxingExecutable.RunAsync(["bench", "import", "--rows", "60", "--Database:Provider=Postgres", $"--ConnectionStrings:Zhenxing={ConnectionString}"]);

        run.ExitCode.ShouldBe(1);
        run.Error.ShouldContain("不是基准测试的清单");
        (await CountAsync("""SELECT count(*) FROM "Items" """)).ShouldBe(0);
    }
}
