using System.Text;
using Microsoft.EntityFrameworkCore;
using Zhenxing.IntegrationTests.Features.Bulletins;
using Zhenxing.IntegrationTests.Infrastructure;
using Zhenxing.Testing;

namespace Zhenxing.IntegrationTests.CommandLine;

/// <summary><c>zhenxing bulletin draft</c> run as a process against the same database as the app.</summary>
public abstract class BulletinCommandTests(ZhenxingAppFactory app) : IntegrationTest(app)
{
    private string[] DatabaseSwitches =>
        [$"--Database:Provider={App.Provider}", $"--ConnectionStrings:Zhenxing={App.ConnectionString}"];

    [Fact]
    public async Task DraftWritesTheBulletinAsADocxAndRefusesBadDatesNamingTheSwitch()
    {
        await App.CreateSmallListAsync();
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        var directory = Directory.CreateTempSubdirectory("zhenxing-bulletin-");
        try
        {
            var file = Path.Combine(directory.FullName, "简报.docx");
            var result = await ZhenxingExecutable.RunAsync(["bulletin", "draft", "--from", today.AddDays(-1).ToString("yyyy-MM-dd"), "--to", today.ToString("yyyy-MM-dd"), "--out", file, .. DatabaseSwitches]);

            result.ExitCode.ShouldBe(0, result.Output + result.Error);
            result.Output.ShouldContain($"已起草{Zhenxing.Web.Features.Bulletins.BulletinText.Period(today.AddDays(-1), today)}的工作简报（6 个部分）到 {file}");
            var document = BulletinDocument.Open(await File.ReadAllBytesAsync(file));
            document.ValidationErrors.ShouldBeEmpty();
            document.Lines[0].Text.ShouldBe("振兴发展工作简报");
            document.Lines[1].Text.ShouldBe("（征求意见稿）");
            document.Body.First().Text.ShouldBe("一、总体情况");
            document.Body.ElementAt(1).Text.ShouldBe($"截至{Zhenxing.Web.Features.Bulletins.BulletinText.Date(today)}，台账在册事项共 5 项，已落实到位 1 项、取得积极进展 1 项、推进中 2 项、未启动 1 项。");
            // The command line writes a file, never a draft in the database.
            (await App.WithDbAsync(db => db.Bulletins.CountAsync())).ShouldBe(0);

            var badDate = await ZhenxingExecutable.RunAsync(["bulletin", "draft", "--from", "2026-13-01", "--to", "2026-10-31", "--out", file, .. DatabaseSwitches]);
            badDate.ExitCode.ShouldBe(2);
            badDate.Error.ShouldContain("--from“2026-13-01”不是有效日期");
            var reversed = await ZhenxingExecutable.RunAsync(["bulletin", "draft", "--from", "2026-10-31", "--to", "2026-10-01", "--out", file, .. DatabaseSwitches]);
            reversed.ExitCode.ShouldBe(2);
            reversed.Error.ShouldContain("--to（2026-10-01）不能早于--from（2026-10-31）");
            var noOut = await ZhenxingExecutable.RunAsync(["bulletin", "draft", "--from", "2026-10-01", "--to", "2026-10-31", .. DatabaseSwitches]);
            noOut.ExitCode.ShouldBe(2);
            noOut.Error.ShouldContain("缺少 --out");
            var wrongKind = await ZhenxingExecutable.RunAsync(["bulletin", "draft", "--from", "2026-10-01", "--to", "2026-10-31", "--out", Path.Combine(directory.FullName, "x.txt"), .. DatabaseSwitches]);
            wrongKind.ExitCode.ShouldBe(2);
            wrongKind.Error.ShouldContain("应以 .docx 或 .pdf 结尾");
            var noFolder = await ZhenxingExecutable.RunAsync(["bulletin", "draft", "--from", "2026-10-01", "--to", "2026-10-31", "--out", Path.Combine(directory.FullName, "无此目录", "x.docx"), .. DatabaseSwitches]);
            noFolder.ExitCode.ShouldBe(1);
            noFolder.Error.ShouldContain("输出目录不存在");
            var unknown = await ZhenxingExecutable.RunAsync(["bulletin", "publish", .. DatabaseSwitches]);
            unknown.ExitCode.ShouldBe(2);
            unknown.Error.ShouldContain("未知的 bulletin 子命令“publish”");
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [LibreOfficeFact]
    public async Task DraftWritesAPdfByItsExtension()
    {
        await App.CreateSmallListAsync();
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        var file = Path.Combine(Path.GetTempPath(), $"zhenxing-bulletin-{Guid.NewGuid():N}.pdf");
        try
        {
            var result = await ZhenxingExecutable.RunAsync(["bulletin", "draft", "--from", today.ToString("yyyy-MM-dd"), "--to", today.ToString("yyyy-MM-dd"), "--out", file, .. DatabaseSwitches]);

            result.ExitCode.ShouldBe(0, result.Output + result.Error);
            var pdf = await File.ReadAllBytesAsync(file);
            Encoding.ASCII.GetString(pdf, 0, 5).ShouldBe("%PDF-");
        }
        finally
        {
            File.Delete(file);
        }
    }
}

public sealed class BulletinCommandTests_Postgres(PostgresApp app) : BulletinCommandTests(app), IClassFixture<PostgresApp>;
public sealed class BulletinCommandTests_Sqlite(SqliteApp app) : BulletinCommandTests(app), IClassFixture<SqliteApp>;
