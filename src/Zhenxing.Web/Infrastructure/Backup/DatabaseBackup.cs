using System.Diagnostics;
using System.IO.Compression;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Zhenxing.Web.Data;

namespace Zhenxing.Web.Infrastructure.Backup;

/// <summary>
/// <c>zhenxing backup</c> and <c>zhenxing restore</c>: the whole database, evidence files included (they are stored in
/// it), as one .zip holding the provider's own copy — a pg_dump archive for PostgreSQL, a database file written by
/// SQLite's online backup API — and a manifest with the schema version and every table's row count.
/// </summary>
public sealed class DatabaseBackup(DatabaseSettings settings, ZhenxingDb db, IConfiguration configuration, TimeProvider clock)
{
    public const int FormatVersion = 1;
    private const string ManifestEntry = "manifest.json";
    private const string PostgresEntry = "database.pgdump";
    private const string SqliteEntry = "database.sqlite";
    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true };

    public sealed record Manifest(int Format, string Provider, DateTimeOffset CreatedAt, string Application, List<string> Migrations, Dictionary<string, long> Tables);

    /// <summary>
    /// Writes the backup to <paramref name="path"/> (through a temporary file, so a failure leaves no half file). The
    /// backup, and each file written on the way, is readable by the owner only (<see cref="OwnerOnlyFiles"/>).
    /// </summary>
    public async Task<Manifest> BackupAsync(string path, CancellationToken cancellationToken)
    {
        // A folder of the owner's only (mkdtemp), and the files in it too.
        var work = Directory.CreateTempSubdirectory("zhenxing-backup-");
        try
        {
            var databaseFile = Path.Combine(work.FullName, settings.Provider == DatabaseProvider.Postgres ? PostgresEntry : SqliteEntry);
            // Created before pg_dump or SQLite writes into it, both of which keep an existing file's mode.
            await using (OwnerOnlyFiles.Create(databaseFile))
            {
            }
            if (settings.Provider == DatabaseProvider.Postgres)
            {
                await RunPostgresToolAsync("pg_dump", ["--format=custom", "--no-owner", "--no-privileges", "--file", databaseFile, "--dbname", LibpqConnectionString()], cancellationToken);
            }
            else
            {
                await using var source = new SqliteConnection(settings.ConnectionString);
                await source.OpenAsync(cancellationToken);
                await using var target = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databaseFile, Pooling = false }.ToString());
                await target.OpenAsync(cancellationToken);
                source.BackupDatabase(target);
            }
            // Counted after the copy: a row written in between is in the copy's future, not in its count.
            var manifest = new Manifest(FormatVersion, settings.Provider.ToString(), clock.GetUtcNow(), "zhenxing",
                [.. await db.Database.GetAppliedMigrationsAsync(cancellationToken)], await CountRowsAsync(cancellationToken));
            var partial = path + ".part";
            await using (var zip = new ZipArchive(OwnerOnlyFiles.Create(partial), ZipArchiveMode.Create))
            {
                await zip.CreateEntryFromFileAsync(databaseFile, Path.GetFileName(databaseFile), CompressionLevel.Fastest, cancellationToken);
                var entry = zip.CreateEntry(ManifestEntry);
                await using var stream = await entry.OpenAsync(cancellationToken);
                await JsonSerializer.SerializeAsync(stream, manifest, JsonOptions, cancellationToken);
            }
            File.Move(partial, path, overwrite: true);
            return manifest;
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    /// <summary>
    /// Replaces the configured database with the backup's content, then brings the schema up to this version.
    /// Refuses a database that app nodes are serving (<see cref="ServingNodes"/>), a database that holds data unless
    /// <paramref name="overwrite"/>, a backup of the other provider, and a backup from a newer Zhenxing.
    /// </summary>
    public async Task<Manifest> RestoreAsync(string path, bool overwrite, CancellationToken cancellationToken)
    {
        // Held to the end: a second restore meanwhile is refused too.
        await using var exclusive = await ServingNodes.ClaimForRestoreAsync(settings, cancellationToken);
        var work = Directory.CreateTempSubdirectory("zhenxing-restore-");
        try
        {
            var manifest = await ExtractAsync(path, work.FullName, cancellationToken);
            if (!overwrite && await CountRowsAsync(cancellationToken) is var existing && existing.Values.Sum() > 0)
            {
                var tables = string.Join("、", existing.Where(t => t.Value > 0).Take(5).Select(t => $"{t.Key}（{t.Value} 行）"));
                throw new InvalidOperationException($"目标数据库中已有数据：{tables}……。恢复会覆盖全部数据；确认后请加 --force 再运行。");
            }
            if (settings.Provider == DatabaseProvider.Postgres)
            {
                NpgsqlConnection.ClearAllPools();
                await RestorePostgresAsync(Path.Combine(work.FullName, PostgresEntry), cancellationToken);
                NpgsqlConnection.ClearAllPools();
            }
            else
            {
                SqliteConnection.ClearAllPools();
                await using var source = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.Combine(work.FullName, SqliteEntry), Pooling = false, Mode = SqliteOpenMode.ReadOnly }.ToString());
                await source.OpenAsync(cancellationToken);
                await using var target = new SqliteConnection(settings.ConnectionString);
                await target.OpenAsync(cancellationToken);
                source.BackupDatabase(target);
                SqliteConnection.ClearAllPools();
            }
            await db.Database.MigrateAsync(cancellationToken);
            var restored = await CountRowsAsync(cancellationToken);
            var different = manifest.Tables.Where(t => restored.GetValueOrDefault(t.Key) != t.Value).Select(t => $"{t.Key}：备份 {t.Value} 行，恢复后 {restored.GetValueOrDefault(t.Key)} 行").ToList();
            if (different.Count > 0)
            {
                throw new InvalidOperationException("恢复后的行数与备份清单不一致：" + string.Join("；", different));
            }
            return manifest;
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private async Task<Manifest> ExtractAsync(string path, string directory, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"备份文件不存在：{path}");
        }
        try
        {
            await using var zip = await ZipFile.OpenReadAsync(path, cancellationToken);
            var manifestEntry = zip.GetEntry(ManifestEntry) ?? throw new InvalidDataException("缺少 manifest.json");
            Manifest? manifest;
            await using (var stream = await manifestEntry.OpenAsync(cancellationToken))
            {
                manifest = await JsonSerializer.DeserializeAsync<Manifest>(stream, JsonOptions, cancellationToken);
            }
            if (manifest is null || manifest.Application != "zhenxing")
            {
                throw new InvalidDataException("manifest.json 不是振兴平台的备份清单");
            }
            Check(manifest);
            var name = manifest.Provider == nameof(DatabaseProvider.Postgres) ? PostgresEntry : SqliteEntry;
            var entry = zip.GetEntry(name) ?? throw new InvalidDataException($"缺少 {name}");
            await using (var content = await entry.OpenAsync(cancellationToken))
            await using (var file = OwnerOnlyFiles.Create(Path.Combine(directory, name)))
            {
                await content.CopyToAsync(file, cancellationToken);
            }
            return manifest;
        }
        catch (Exception e) when (e is InvalidDataException or JsonException or IOException && e is not FileNotFoundException)
        {
            throw new InvalidOperationException($"“{Path.GetFileName(path)}”不是振兴平台的备份文件（或已损坏）：{e.Message}");
        }
    }

    private void Check(Manifest manifest)
    {
        if (manifest.Format > FormatVersion)
        {
            throw new InvalidOperationException($"备份文件格式版本 {manifest.Format} 比本程序支持的 {FormatVersion} 新，请先升级振兴平台。");
        }
        if (manifest.Provider != settings.Provider.ToString())
        {
            throw new InvalidOperationException($"备份来自 {manifest.Provider} 数据库，当前配置的是 {settings.Provider}；只能恢复到同一种数据库。");
        }
        var known = db.Database.GetMigrations().ToHashSet();
        if (manifest.Migrations.FirstOrDefault(m => !known.Contains(m)) is { } newer)
        {
            throw new InvalidOperationException($"备份来自较新版本的振兴平台（数据库结构 {newer}），请先升级程序再恢复。");
        }
    }

    /// <summary>Every table of the model, with its row count.</summary>
    public async Task<Dictionary<string, long>> CountRowsAsync(CancellationToken cancellationToken)
    {
        var counts = new Dictionary<string, long>();
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            foreach (var table in TableNames(db))
            {
                await using var command = connection.CreateCommand();
                command.CommandText = $"SELECT COUNT(*) FROM \"{table}\"";
                counts[table] = Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken));
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
        return counts;
    }

    public static IEnumerable<string> TableNames(DbContext db) =>
        db.Model.GetEntityTypes().Select(t => t.GetTableName()).OfType<string>().Distinct().Order(StringComparer.Ordinal);

    private string LibpqConnectionString()
    {
        var npgsql = new NpgsqlConnectionStringBuilder(settings.ConnectionString);
        var parts = new List<string>
        {
            $"host={Quote(npgsql.Host ?? "localhost")}",
            $"port={npgsql.Port}",
            $"dbname={Quote(npgsql.Database ?? "")}",
        };
        if (!string.IsNullOrEmpty(npgsql.Username))
        {
            parts.Add($"user={Quote(npgsql.Username)}");
        }
        return string.Join(' ', parts);

        static string Quote(string value) => "'" + value.Replace("\\", "\\\\").Replace("'", "\\'") + "'";
    }

    /// <summary>
    /// pg_restore writes the archive as SQL into psql, which runs it after emptying the schema, all in one transaction:
    /// tables of a newer schema go too, and a failure leaves the database as it was.
    /// </summary>
    private async Task RestorePostgresAsync(string archive, CancellationToken cancellationToken)
    {
        var restore = PostgresToolStartInfo("pg_restore", ["--no-owner", "--no-privileges", "--file", "-", archive]);
        var psql = PostgresToolStartInfo("psql", ["--no-psqlrc", "--quiet", "--single-transaction", "--set", "ON_ERROR_STOP=1", "--dbname", LibpqConnectionString()]);
        psql.RedirectStandardInput = true;
        using var reader = Process.Start(restore)!;
        using var writer = Process.Start(psql)!;
        var readerError = reader.StandardError.ReadToEndAsync(cancellationToken);
        var writerError = writer.StandardError.ReadToEndAsync(cancellationToken);
        var writerOutput = writer.StandardOutput.ReadToEndAsync(cancellationToken);
        try
        {
            await writer.StandardInput.WriteLineAsync("DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;".AsMemory(), cancellationToken);
            await writer.StandardInput.FlushAsync(cancellationToken);
            await reader.StandardOutput.BaseStream.CopyToAsync(writer.StandardInput.BaseStream, cancellationToken);
        }
        catch (IOException)
        {
            // psql stopped reading (an error with ON_ERROR_STOP): its exit code and message tell.
        }
        finally
        {
            writer.StandardInput.Close();
        }
        await reader.WaitForExitAsync(cancellationToken);
        await writer.WaitForExitAsync(cancellationToken);
        if (reader.ExitCode != 0 || writer.ExitCode != 0)
        {
            var failed = reader.ExitCode != 0 ? $"pg_restore（退出码 {reader.ExitCode}）：{(await readerError).Trim()}" : $"psql（退出码 {writer.ExitCode}）：{(await writerError).Trim()}{(await writerOutput).Trim()}";
            throw new InvalidOperationException($"恢复失败，数据库未作改动。{failed}");
        }
    }

    private async Task RunPostgresToolAsync(string tool, IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        using var process = Process.Start(PostgresToolStartInfo(tool, arguments))!;
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{tool} 失败（退出码 {process.ExitCode}）：{(await error).Trim()}{(await output).Trim()}");
        }
    }

    private ProcessStartInfo PostgresToolStartInfo(string tool, IEnumerable<string> arguments)
    {
        var info = new ProcessStartInfo(FindPostgresTool(tool))
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }
        if (new NpgsqlConnectionStringBuilder(settings.ConnectionString).Password is { Length: > 0 } password)
        {
            info.Environment["PGPASSWORD"] = password;
        }
        return info;
    }

    /// <summary>
    /// <c>Backup:PostgresBin</c> when configured, else the tool on PATH, else the newest
    /// /usr/lib/postgresql/N/bin — its major version must not be older than the server's.
    /// </summary>
    private string FindPostgresTool(string tool)
    {
        if (configuration["Backup:PostgresBin"] is { Length: > 0 } configured)
        {
            var file = Path.Combine(configured, tool);
            return File.Exists(file) ? file : throw new InvalidOperationException($"配置项 Backup:PostgresBin 指向的目录中没有 {tool}：{configured}");
        }
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(d => Path.Combine(d, tool)).FirstOrDefault(File.Exists);
        if (onPath is not null)
        {
            return onPath;
        }
        var installed = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(d => (Version: int.TryParse(Path.GetFileName(d), out var v) ? v : 0, File: Path.Combine(d, "bin", tool)))
                .Where(t => File.Exists(t.File)).OrderByDescending(t => t.Version).Select(t => t.File).FirstOrDefault()
            : null;
        return installed ?? throw new InvalidOperationException($"找不到 PostgreSQL 客户端程序 {tool}：请安装 postgresql-client（与服务器相同或更新的主版本），或用 --Backup:PostgresBin 指定其目录。");
    }
}
