using System.Data.Common;
using System.IO.Compression;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Zhenxing.IntegrationTests.Infrastructure;
using Zhenxing.Testing;
using Zhenxing.Web.Data;
using Zhenxing.Web.Features.Items;
using Zhenxing.Web.Features.Rounds;
using Zhenxing.Web.Features.Users;
using Zhenxing.Web.Infrastructure.Backup;

namespace Zhenxing.IntegrationTests.CommandLine;

/// <summary><c>zhenxing backup</c> and <c>zhenxing restore</c> run as processes against the app's own database.</summary>
public abstract class BackupCommandTests(ZhenxingAppFactory app) : IntegrationTest(app), IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("zhenxing-backup-test-").FullName;

    private string[] DatabaseSwitches =>
        [$"--Database:Provider={App.Provider}", $"--ConnectionStrings:Zhenxing={App.ConnectionString}"];

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task ABackupRestoredIntoAWipedDatabaseGivesBackEveryTableRowForRow()
    {
        var evidence = await CreateLedgerWithEvidenceAsync();
        var before = await SnapshotAsync();
        var file = Path.Combine(_directory, "备份.zip");

        var backup = await ZhenxingExecutable.RunAsync(["backup", "--out", file, .. DatabaseSwitches]);

        backup.Error.ShouldBeEmpty();
        backup.ExitCode.ShouldBe(0);
        backup.Output.ShouldContain($"已备份 {App.Provider} 数据库");
        backup.Output.ShouldContain("含佐证材料");
        await WipeAsync();
        (await App.WithDbAsync(db => db.Database.GetAppliedMigrationsAsync())).ShouldBeEmpty();

        var restore = await ZhenxingExecutable.RunAsync(["restore", "--in", file, .. DatabaseSwitches]);

        restore.Error.ShouldBeEmpty();
        restore.ExitCode.ShouldBe(0);
        restore.Output.ShouldContain("行数已核对");
        ShouldBeTheSame(await SnapshotAsync(), before);
        before.Values.Sum(rows => rows.Count).ShouldBeGreaterThan(50);
        // The evidence file comes back byte for byte, and a browser signed in before still reads it.
        var office = await App.SignInAsync("office1");
        (await office.GetByteArrayAsync($"/evidence/{evidence.Id}")).ShouldBe(evidence.Content);
    }

    [Fact]
    public async Task RestoreRefusesADatabaseWithDataUnlessForcedAndForeignOrBrokenFiles()
    {
        await CreateLedgerWithEvidenceAsync();
        var file = Path.Combine(_directory, "backup.zip");
        (await ZhenxingExecutable.RunAsync(["backup", "--out", file, .. DatabaseSwitches])).ExitCode.ShouldBe(0);
        await App.AddUnitAsync("备份之后新建的单位");
        var before = await SnapshotAsync();

        var refused = await ZhenxingExecutable.RunAsync(["restore", "--in", file, .. DatabaseSwitches]);
        var broken = Path.Combine(_directory, "broken.zip");
        await File.WriteAllTextAsync(broken, "这不是备份");
        var notABackup = await ZhenxingExecutable.RunAsync(["restore", "--in", broken, "--force", .. DatabaseSwitches]);
        var foreign = Path.Combine(_directory, "foreign.zip");
        File.Copy(file, foreign);
        await RewriteManifestAsync(foreign, manifest => manifest["Provider"] = App.Provider == DatabaseProvider.Postgres ? "Sqlite" : "Postgres");
        var otherProvider = await ZhenxingExecutable.RunAsync(["restore", "--in", foreign, "--force", .. DatabaseSwitches]);
        var newer = Path.Combine(_directory, "newer.zip");
        File.Copy(file, newer);
        await RewriteManifestAsync(newer, manifest => manifest["Migrations"]!.AsArray().Add("29991231000000_FromTheFuture"));
        var fromTheFuture = await ZhenxingExecutable.RunAsync(["restore", "--in", newer, "--force", .. DatabaseSwitches]);
        var missing = await ZhenxingExecutable.RunAsync(["restore", .. DatabaseSwitches]);

        (refused.ExitCode, notABackup.ExitCode, otherProvider.ExitCode, fromTheFuture.ExitCode, missing.ExitCode).ShouldBe((1, 1, 1, 1, 2));
        refused.Error.ShouldContain("目标数据库中已有数据");
        refused.Error.ShouldContain("--force");
        notABackup.Error.ShouldContain("“broken.zip”不是振兴平台的备份文件");
        otherProvider.Error.ShouldContain("只能恢复到同一种数据库");
        fromTheFuture.Error.ShouldContain("备份来自较新版本的振兴平台");
        missing.Error.ShouldContain("缺少 --in");
        ShouldBeTheSame(await SnapshotAsync(), before);

        var forced = await ZhenxingExecutable.RunAsync(["restore", "--in", file, "--force", .. DatabaseSwitches]);

        forced.ExitCode.ShouldBe(0);
        (await App.WithDbAsync(db => db.Units.AnyAsync(u => u.Name == "备份之后新建的单位"))).ShouldBeFalse();
        (await App.WithDbAsync(db => db.Items.CountAsync())).ShouldBe(5);
    }

    [Fact]
    public async Task RestoreIsRefusedWhileANodeServesTheDatabaseAndGoesAheadOnceTheNodeHasStoppedOrDied()
    {
        await CreateLedgerWithEvidenceAsync();
        var file = Path.Combine(_directory, "backup.zip");
        (await ZhenxingExecutable.RunAsync(["backup", "--out", file, .. DatabaseSwitches])).ExitCode.ShouldBe(0);
        await App.AddUnitAsync("备份之后新建的单位");
        await using var node = new AppNode([.. DatabaseSwitches, "--Bootstrap:CreateAdmin=false"]);
        await node.StartAsync();

        var refused = await ZhenxingExecutable.RunAsync(["restore", "--in", file, "--force", .. DatabaseSwitches]);

        refused.ExitCode.ShouldBe(1, refused.Output + refused.Error);
        refused.Error.ShouldContain("有 1 个网站节点正在使用此数据库");
        refused.Error.ShouldContain($"pid {node.ProcessId}");
        refused.Error.ShouldContain("请先停止这些节点");
        (await App.WithDbAsync(db => db.Units.AnyAsync(u => u.Name == "备份之后新建的单位"))).ShouldBeTrue();

        // Stopped as systemctl stops it: the next restore goes ahead.
        await node.StopAsync();
        var afterStop = await ZhenxingExecutable.RunAsync(["restore", "--in", file, "--force", .. DatabaseSwitches]);

        afterStop.ExitCode.ShouldBe(0, afterStop.Error);
        (await App.WithDbAsync(db => db.Units.AnyAsync(u => u.Name == "备份之后新建的单位"))).ShouldBeFalse();

        // Killed (a crash): its registration goes with its process, and restore goes ahead within moments.
        await node.StartAsync();
        (await ZhenxingExecutable.RunAsync(["restore", "--in", file, "--force", .. DatabaseSwitches])).ExitCode.ShouldBe(1);
        await node.KillAsync();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        ZhenxingExecutable.Result afterCrash;
        do
        {
            afterCrash = await ZhenxingExecutable.RunAsync(["restore", "--in", file, "--force", .. DatabaseSwitches]);
        }
        while (afterCrash.ExitCode != 0 && DateTime.UtcNow < deadline);

        afterCrash.ExitCode.ShouldBe(0, afterCrash.Error);
        (await App.WithDbAsync(db => db.Items.CountAsync())).ShouldBe(5);
        if (App.Provider == DatabaseProvider.Sqlite)
        {
            // The dead node's lock file is cleared away by the restore that found it unlocked.
            Directory.GetFiles(Path.GetDirectoryName(SqliteFile)!, "*-node-*.lock").ShouldBeEmpty();
        }
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task TheDatabaseFileAndEveryBackupAreReadableByTheirOwnerOnly()
    {
        const UnixFileMode ownerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        await CreateLedgerWithEvidenceAsync();
        var file = Path.Combine(_directory, "backup.zip");
        // An older file of the same name that anyone could read is replaced.
        await File.WriteAllTextAsync(file, "旧的备份");
        File.SetUnixFileMode(file, ownerOnly | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        var backup = await ZhenxingExecutable.RunAsync(["backup", "--out", file, .. DatabaseSwitches]);

        backup.ExitCode.ShouldBe(0, backup.Error);
        File.GetUnixFileMode(file).ShouldBe(ownerOnly);
        File.Exists(file + ".part").ShouldBeFalse();
        // The zip records the mode of the database copy it was made from, a temporary file since removed.
        await using (var zip = await ZipFile.OpenReadAsync(file))
        {
            var copy = zip.Entries.Single(e => e.Name.StartsWith("database.", StringComparison.Ordinal));
            ((UnixFileMode)((copy.ExternalAttributes >> 16) & 0x1FF)).ShouldBe(ownerOnly);
        }
        if (App.Provider == DatabaseProvider.Sqlite)
        {
            // The running app's database, and the -wal and -shm files SQLite keeps beside it while a connection is open
            // (and makes again after the last one closed).
            await App.WithDbAsync(async db =>
            {
                await db.Database.OpenConnectionAsync();
                await App.AddUnitAsync("备份之后新建的单位");
                foreach (var suffix in new[] { "", "-wal", "-shm" })
                {
                    File.GetUnixFileMode(SqliteFile + suffix).ShouldBe(ownerOnly, SqliteFile + suffix);
                }
                await db.Database.CloseConnectionAsync();
                return 0;
            });
        }

        // A database the app creates, in a folder it creates; and one made readable by all is taken back.
        var created = Path.Combine(_directory, "新的数据目录", "zhenxing.db");
        string[] sqlite = ["--Database:Provider=Sqlite", $"--ConnectionStrings:Zhenxing=Data Source={created}"];
        (await ZhenxingExecutable.RunAsync(["user", "list", .. sqlite])).ExitCode.ShouldBe(0);
        File.GetUnixFileMode(Path.GetDirectoryName(created)!).ShouldBe(ownerOnly | UnixFileMode.UserExecute);
        File.GetUnixFileMode(created).ShouldBe(ownerOnly);
        File.SetUnixFileMode(created, ownerOnly | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        (await ZhenxingExecutable.RunAsync(["user", "list", .. sqlite])).ExitCode.ShouldBe(0);
        File.GetUnixFileMode(created).ShouldBe(ownerOnly);
    }

    private string SqliteFile => new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(App.ConnectionString).DataSource;

    /// <summary>A small ledger, a round with an accepted report, and an evidence file on it.</summary>
    private async Task<Evidence> CreateLedgerWithEvidenceAsync()
    {
        var data = await App.CreateSmallListAsync();
        await App.AddUserAsync("office1", Role.Office);
        await App.AddUserAsync("czj", Role.Liaison, unitId: data.Finance);
        var office = await App.SignInAsync("office1");
        var roundId = await App.OpenRoundAsync(office, "十月调度", data.ListId);
        await App.ReportAndAcceptAsync(await App.SignInAsync("czj"), office, roundId, data.Later, ItemStatus.PositiveProgress, "已完成可研。");
        return await App.WithDbAsync(async db =>
        {
            var report = await db.ProgressReports.SingleAsync();
            var file = new Evidence
            {
                ReportId = report.Id, FileName = "现场.png", ContentType = "image/png", Size = 11, UploadedAt = App.Clock.GetUtcNow(),
                Content = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3],
            };
            db.Evidence.Add(file);
            await db.SaveChangesAsync();
            return file;
        });
    }

    private async Task WipeAsync()
    {
        if (App.Provider == DatabaseProvider.Postgres)
        {
            await App.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("DROP SCHEMA public CASCADE; CREATE SCHEMA public;"));
            Npgsql.NpgsqlConnection.ClearAllPools();
        }
        else
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            var path = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(App.ConnectionString).DataSource;
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                File.Delete(path + suffix);
            }
        }
    }

    /// <summary>Every table of the model and the migration history, each as its rows rendered to text, in order.</summary>
    private Task<Dictionary<string, List<string>>> SnapshotAsync() => App.WithDbAsync(async db =>
    {
        var snapshot = new Dictionary<string, List<string>>();
        await db.Database.OpenConnectionAsync();
        foreach (var table in DatabaseBackup.TableNames(db).Append("__ef_migrations_history"))
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = $"SELECT * FROM \"{table}\"";
            await using var reader = await command.ExecuteReaderAsync();
            var rows = new List<string>();
            while (await reader.ReadAsync())
            {
                rows.Add(string.Join("|", Enumerable.Range(0, reader.FieldCount).Select(i => Render(reader, i))));
            }
            rows.Sort(StringComparer.Ordinal);
            snapshot[table] = rows;
        }
        await db.Database.CloseConnectionAsync();
        return snapshot;
    });

    private static void ShouldBeTheSame(Dictionary<string, List<string>> actual, Dictionary<string, List<string>> expected)
    {
        actual.Keys.ShouldBe(expected.Keys);
        foreach (var (table, rows) in expected)
        {
            actual[table].ShouldBe(rows, $"table {table}");
        }
    }

    private static string Render(DbDataReader reader, int column) => reader.IsDBNull(column) ? "∅" : reader.GetValue(column) switch
    {
        byte[] bytes => Convert.ToBase64String(bytes),
        DateTime time => time.ToString("O"),
        DateTimeOffset time => time.ToString("O"),
        var value => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "",
    };

    private static async Task RewriteManifestAsync(string path, Action<JsonObject> change)
    {
        await using var zip = await ZipFile.OpenAsync(path, ZipArchiveMode.Update);
        var entry = zip.GetEntry("manifest.json")!;
        JsonObject manifest;
        await using (var stream = await entry.OpenAsync())
        {
            manifest = (await JsonNode.ParseAsync(stream))!.AsObject();
        }
        change(manifest);
        entry.Delete();
        await using var written = await zip.CreateEntry("manifest.json").OpenAsync();
        await written.WriteAsync(System.Text.Encoding.UTF8.GetBytes(manifest.ToJsonString()));
    }
}

public sealed class BackupCommandTests_Postgres(PostgresApp app) : BackupCommandTests(app), IClassFixture<PostgresApp>;
public sealed class BackupCommandTests_Sqlite(SqliteApp app) : BackupCommandTests(app), IClassFixture<SqliteApp>;
