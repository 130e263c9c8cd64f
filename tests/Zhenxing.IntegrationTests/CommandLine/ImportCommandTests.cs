using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Zhenxing.IntegrationTests.Infrastructure;
using Zhenxing.Testing;
using Zhenxing.Web.Features.Items;
using Zhenxing.Web.Features.Pairings;

namespace Zhenxing.IntegrationTests.CommandLine;

/// <summary><c>zhenxing import</c> run as a process against the same database as the app.</summary>
public abstract class ImportCommandTests(ZhenxingAppFactory app) : IntegrationTest(app)
{
    private string[] DatabaseSwitches =>
        [$"--Database:Provider={App.Provider}", $"--ConnectionStrings:Zhenxing={App.ConnectionString}"];

    [Fact]
    public async Task TheSeedsImportWithEveryCountAndASecondRunChangesNothing()
    {
        string[] seeds = [Seeds.Path("001"), Seeds.Path("002"), Seeds.Path("003"), Seeds.Path("004")];

        var result = await ZhenxingExecutable.RunAsync(["import", .. seeds, .. DatabaseSwitches]);

        result.ExitCode.ShouldBe(0, result.Output + result.Error);
        result.Output.ShouldContain("声明 113 项，识别 113 项");
        var lists = await App.WithDbAsync(db => db.ItemLists.AsNoTracking()
            .Select(l => new { l.Kind, l.Year, Items = l.Items.Count }).ToListAsync());
        lists.Select(l => (l.Kind, l.Items)).ShouldBe(
        [
            (Zhenxing.Importing.ItemListKind.MajorItems, 18),
            (Zhenxing.Importing.ItemListKind.WorkPoints, 21),
            (Zhenxing.Importing.ItemListKind.MajorItems, 113),
            (Zhenxing.Importing.ItemListKind.Actions, 32),
        ], ignoreOrder: true);
        lists.Single(l => l.Items == 18).Year.ShouldBe(2021);
        lists.Single(l => l.Items == 113).Year.ShouldBe(2020);
        var actionsPerSection = await App.WithDbAsync(db => db.Items.Where(i => i.ItemList!.Kind == Zhenxing.Importing.ItemListKind.Actions)
            .GroupBy(i => i.Category!.Position).OrderBy(g => g.Key).Select(g => g.Count()).ToListAsync());
        actionsPerSection.ShouldBe([4, 3, 4, 3, 4, 3, 6, 5]);
        (await App.WithDbAsync(db => db.Items.CountAsync(i => i.ItemList!.Kind == Zhenxing.Importing.ItemListKind.Actions && i.Units.Any()))).ShouldBe(0);
        (await App.WithDbAsync(db => db.Pairings.CountAsync(p => p.Role == PairingRole.Supporting))).ShouldBe(61);
        (await App.WithDbAsync(db => db.Pairings.Select(p => p.SupportingUnitId).Distinct().CountAsync())).ShouldBe(63);

        var again = await ZhenxingExecutable.RunAsync(["import", .. seeds, .. DatabaseSwitches]);

        again.ExitCode.ShouldBe(0);
        again.Output.Split("不会重复导入").Length.ShouldBe(5);
        (await App.WithDbAsync(db => db.Items.CountAsync())).ShouldBe(18 + 21 + 113 + 32);
    }

    [Fact]
    public async Task JsonPrintsTheParsedLedgerAndDryRunStoresNothing()
    {
        var result = await ZhenxingExecutable.RunAsync(["import", Seeds.Path("001"), "--json", "--dry-run", .. DatabaseSwitches]);

        result.ExitCode.ShouldBe(0, result.Error);
        var json = JsonDocument.Parse(result.Output).RootElement;
        var list = json.GetProperty("lists").EnumerateArray().Single();
        list.GetProperty("declaredTotal").GetInt32().ShouldBe(18);
        list.GetProperty("categories").EnumerateArray().Select(c => c.GetProperty("itemCount").GetInt32()).ShouldBe([5, 11, 2]);
        var first = list.GetProperty("items")[0];
        first.GetProperty("leadUnits")[0].GetString().ShouldBe("区党群部");
        first.GetProperty("deadline").GetString().ShouldBe("2021-08-31");
        first.GetProperty("deadlineText").GetString().ShouldBe("8 月底前");
        first.GetProperty("ongoing").GetBoolean().ShouldBeFalse();
        json.GetProperty("errors").GetArrayLength().ShouldBe(0);
        result.Error.ShouldContain("未写入数据库");
        (await App.WithDbAsync(db => db.Items.AnyAsync())).ShouldBeFalse();
        (await App.WithDbAsync(db => db.SourceDocuments.AnyAsync())).ShouldBeFalse();
    }

    [LibreOfficeFact]
    public async Task APdfMadeFromTheSeedTablePrintsTheSameLedgerAsJson()
    {
        var seed = new Zhenxing.Importing.DocumentImporter().Parse(File.ReadAllBytes(Seeds.Path("001")), "001.txt").Lists[0];
        var docx = Zhenxing.UnitTests.Importing.OfficeFixtures.Docx(seed.Title, seed.DeclaredTotal, Zhenxing.UnitTests.Importing.OfficeFixtures.Rows(seed));
        var converted = await Zhenxing.Importing.Converting.LibreOffice.ConvertAsync(
            Zhenxing.Importing.Converting.LibreOffice.Find()!, docx, "docx", "pdf", TimeSpan.FromSeconds(120), CancellationToken.None);
        var file = Path.Combine(Path.GetTempPath(), $"zhenxing-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(file, converted.Output.ShouldNotBeNull(converted.StandardError));
        try
        {
            var result = await ZhenxingExecutable.RunAsync(["import", file, "--dry-run", "--json", .. DatabaseSwitches]);

            result.ExitCode.ShouldBe(0, result.Error);
            var json = JsonDocument.Parse(result.Output).RootElement;
            json.GetProperty("errors").GetArrayLength().ShouldBe(0);
            var list = json.GetProperty("lists").EnumerateArray().Single();
            list.GetProperty("title").GetString().ShouldBe(seed.Title);
            list.GetProperty("categories").EnumerateArray().Select(c => c.GetProperty("itemCount").GetInt32()).ShouldBe([5, 11, 2]);
            var items = list.GetProperty("items").EnumerateArray().ToList();
            items.Count.ShouldBe(18);
            items.Select(i => i.GetProperty("leadUnits")[0].GetString()).ShouldBe(seed.Items.Select(i => i.LeadUnits[0]));
            items.Select(i => i.GetProperty("deadline").GetString()).ShouldBe(seed.Items.Select(i => i.Deadline?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)));
            (await App.WithDbAsync(db => db.Items.AnyAsync())).ShouldBeFalse();
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task ColumnSaysWhatAColumnUnknownToTheImporterMeans()
    {
        var file = Path.Combine(Path.GetTempPath(), $"zhenxing-{Guid.NewGuid():N}.txt");
        await File.WriteAllTextAsync(file, """
            测试区2021年重点任务清单
            序号	工作任务	推进 主体	完成时限
            1	推进项目建设	市发改委、市财政局	8月底前
            """);
        try
        {
            var wrong = await ZhenxingExecutable.RunAsync(["import", file, "--column", "推进主体=主管", .. DatabaseSwitches]);

            wrong.ExitCode.ShouldNotBe(0);
            wrong.Error.ShouldContain("--column 的值“推进主体=主管”应写成“表头=含义”");

            var result = await ZhenxingExecutable.RunAsync(["import", file, "--column", "推进主体=牵头单位", .. DatabaseSwitches]);

            result.ExitCode.ShouldBe(0, result.Output + result.Error);
            result.Output.ShouldContain("推进主体=牵头单位（指定）");
            var lead = await App.WithDbAsync(db => db.Items.SelectMany(i => i.Units.Where(u => u.Role == Zhenxing.Web.Features.Items.ItemUnitRole.Lead).OrderBy(u => u.Position).Select(u => u.Unit!.Name)).ToListAsync());
            lead.ShouldBe(["市发改委", "市财政局"]);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task AFileWithNoListNamesTheLayoutsTriedAndPrintsTheFirstLinesAlsoAsJson()
    {
        var file = Path.Combine(Path.GetTempPath(), $"zhenxing-{Guid.NewGuid():N}.txt");
        await File.WriteAllTextAsync(file, string.Join("\n", Enumerable.Range(1, 10).Select(i => $"第{i}段：请各科室做好年度总结工作。")));
        try
        {
            var result = await ZhenxingExecutable.RunAsync(["import", file, "--dry-run", .. DatabaseSwitches]);

            result.ExitCode.ShouldBe(1);
            result.Output.ShouldContain("已尝试的版式");
            result.Output.ShouldContain("读到的前 8 行：");
            result.Output.ShouldContain("8. 第8段：请各科室做好年度总结工作。");
            result.Output.ShouldNotContain("第9段");

            var json = await ZhenxingExecutable.RunAsync(["import", file, "--dry-run", "--json", .. DatabaseSwitches]);

            var root = JsonDocument.Parse(json.Output).RootElement;
            root.GetProperty("firstLines").GetArrayLength().ShouldBe(8);
            root.GetProperty("errors")[0].GetProperty("message").GetString()!.ShouldContain("已尝试的版式");
            (await App.WithDbAsync(db => db.ItemLists.AnyAsync())).ShouldBeFalse();
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task AFileWithErrorsExitsNonZeroNamingTheLineAndStoresNothing()
    {
        var file = Path.Combine(Path.GetTempPath(), $"zhenxing-{Guid.NewGuid():N}.txt");
        await File.WriteAllTextAsync(file, Features.Imports.ImportFixtures.Version1.Replace("二、第二类 (1 项)", "二、第二类 (4 项)"));
        try
        {
            var result = await ZhenxingExecutable.RunAsync(["import", file, .. DatabaseSwitches]);

            result.ExitCode.ShouldBe(1);
            result.Output.ShouldContain("错误：第 ");
            result.Output.ShouldContain("第二类");
            result.Output.ShouldContain("未导入");
            (await App.WithDbAsync(db => db.Items.AnyAsync())).ShouldBeFalse();
            (await App.WithDbAsync(db => db.Units.AnyAsync())).ShouldBeFalse();
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task ADocxNested20000DeepIsRefusedWithAMessageInsteadOfEndingTheProcess()
    {
        var file = Path.Combine(Path.GetTempPath(), $"zhenxing-{Guid.NewGuid():N}.docx");
        await File.WriteAllBytesAsync(file, Zhenxing.UnitTests.Importing.OfficeFixtures.NestedDocx(20_000));
        try
        {
            var result = await ZhenxingExecutable.RunAsync(["import", file, "--dry-run", .. DatabaseSwitches]);

            // 134 is the runtime aborting on a stack overflow.
            result.ExitCode.ShouldBe(1, result.Output + result.Error);
            result.Output.ShouldContain("文档内部部件“word/document.xml”的元素嵌套超过 256 层，嵌套过深");
            result.Output.ShouldContain("未导入");
            (await App.WithDbAsync(db => db.SourceDocuments.AnyAsync())).ShouldBeFalse();
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task AMissingFileIsNamed()
    {
        var result = await ZhenxingExecutable.RunAsync(["import", "/no/such/清单.docx", .. DatabaseSwitches]);

        result.ExitCode.ShouldBe(1);
        result.Error.ShouldContain("文件不存在：/no/such/清单.docx");
    }
}

public sealed class ImportCommandTests_Postgres(PostgresApp app) : ImportCommandTests(app), IClassFixture<PostgresApp>;
public sealed class ImportCommandTests_Sqlite(SqliteApp app) : ImportCommandTests(app), IClassFixture<SqliteApp>;
