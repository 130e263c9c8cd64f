using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Npgsql;
using Zhenxing.Web.Data;

namespace Zhenxing.Web.Infrastructure;

/// <summary>
/// Which app nodes serve a database, so that <c>zhenxing restore</c> can refuse to replace the data under them: every
/// <c>zhenxing serve</c> holds a shared claim on its database for as long as it runs (<see cref="ServingNodeLease"/>),
/// and restore takes the claim exclusively, which it gets only when no node holds it. Nothing is written to the
/// database, and a node that dies lets go by itself:
/// <list type="bullet">
/// <item>PostgreSQL: a shared session advisory lock (<see cref="ClusterLock.Serving"/>) on a connection of the
/// node's own, named after the node in <c>application_name</c>. The server releases it when the connection ends: at
/// once when the node's process stops or is killed, within about half a minute (the session's TCP keepalives) when its
/// machine or network is gone.</item>
/// <item>SQLite: a file per node beside the database, <c>zhenxing.db-node-HOST-PID.lock</c>, which the node keeps open
/// under an exclusive OS file lock; the system releases the lock when the process ends, however it ends.</item>
/// </list>
/// </summary>
public static partial class ServingNodes
{
    /// <summary>This process as a node: process id and host name (cut short first, to fit in an application_name).</summary>
    public static string ThisNode => $"pid {Environment.ProcessId.ToString(CultureInfo.InvariantCulture)} {Environment.MachineName}";

    /// <summary>A node's claim; <see cref="CheckAsync"/> throws once it is lost (the database connection went away).</summary>
    public interface IClaim : IAsyncDisposable
    {
        Task CheckAsync(CancellationToken cancellationToken);
    }

    /// <summary>Takes this node's shared claim; null while a restore holds the claim exclusively.</summary>
    public static async Task<IClaim?> ClaimForServingAsync(DatabaseSettings settings, CancellationToken cancellationToken)
    {
        if (settings.Provider == DatabaseProvider.Postgres)
        {
            var connection = await OpenAsync(settings, $"zhenxing serve {ThisNode}", cancellationToken);
            if (await TryLockAsync(connection, "pg_try_advisory_lock_shared", cancellationToken))
            {
                return new PostgresClaim(connection);
            }
            await connection.DisposeAsync();
            return null;
        }
        return SqliteDatabaseFile(settings) is { } database ? new SqliteClaim(database) : new SqliteClaim(null);
    }

    /// <summary>
    /// Takes the claim exclusively, to hold while the database is replaced. Refused, naming each node that serves the
    /// database (and a restore already running), with what to do.
    /// </summary>
    public static async Task<IAsyncDisposable> ClaimForRestoreAsync(DatabaseSettings settings, CancellationToken cancellationToken)
    {
        var running = new List<string>();
        if (settings.Provider == DatabaseProvider.Postgres)
        {
            var connection = await OpenAsync(settings, $"zhenxing restore {ThisNode}", cancellationToken);
            // A holder that let go between the two questions is not in the list: ask again.
            for (var attempt = 0; attempt < 3 && running.Count == 0; attempt++)
            {
                if (await TryLockAsync(connection, "pg_try_advisory_lock", cancellationToken))
                {
                    return connection;
                }
                running = await HoldersAsync(connection, cancellationToken);
            }
            await connection.DisposeAsync();
        }
        else
        {
            running = SqliteDatabaseFile(settings) is { } database ? RunningSqliteNodes(database) : [];
            if (running.Count == 0)
            {
                return new SqliteClaim(null);
            }
        }
        throw new InvalidOperationException(running.Count == 0
            ? "另一个会话正占用此数据库的恢复锁（可能是正在进行的另一次恢复），未作任何改动。请稍后重试。"
            : $"有 {running.Count} 个网站节点正在使用此数据库：{string.Join("；", running)}。恢复会替换这些节点正在使用的全部数据，"
              + "请先停止这些节点（如 systemctl stop zhenxing），恢复完成后再启动。未作任何改动。");
    }

    private static async Task<NpgsqlConnection> OpenAsync(DatabaseSettings settings, string applicationName, CancellationToken cancellationToken)
    {
        // Unpooled: the claim lives exactly as long as this session. application_name holds at most 63 bytes.
        var builder = new NpgsqlConnectionStringBuilder(settings.ConnectionString) { Pooling = false, ApplicationName = Truncate(applicationName, 63) };
        var connection = new NpgsqlConnection(builder.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            // The server ends the session, and with it the claim, about 25 s after the node's machine stops answering.
            await using var keepalives = new NpgsqlCommand("SET tcp_keepalives_idle = 10; SET tcp_keepalives_interval = 5; SET tcp_keepalives_count = 3", connection);
            await keepalives.ExecuteNonQueryAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private static async Task<bool> TryLockAsync(NpgsqlConnection connection, string function, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"SELECT {function}(@key)", connection);
        command.Parameters.AddWithValue("key", ClusterLock.Serving);
        return await command.ExecuteScalarAsync(cancellationToken) is true;
    }

    /// <summary>The sessions that hold the claim in this database: each node's name, address and since when.</summary>
    private static async Task<List<string>> HoldersAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        // A bigint advisory key appears in pg_locks as its high half (classid) and low half (objid), objsubid 1.
        await using var command = new NpgsqlCommand("""
            SELECT a.application_name, host(a.client_addr), a.backend_start
            FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
            WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1
              AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
              AND l.classid::bigint = @high AND l.objid::bigint = @low AND l.pid <> pg_backend_pid()
            ORDER BY a.backend_start
            """, connection);
        command.Parameters.AddWithValue("high", ClusterLock.Serving >> 32);
        command.Parameters.AddWithValue("low", ClusterLock.Serving & 0xFFFF_FFFF);
        var holders = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var name = reader.IsDBNull(0) ? "" : reader.GetString(0);
            var from = reader.IsDBNull(1) ? "本机" : reader.GetString(1);
            var since = ChinaTime.Format(reader.GetFieldValue<DateTimeOffset>(2));
            holders.Add(ApplicationName().Match(name) is { Success: true } node
                ? $"{node.Groups["host"].Value} 上的 zhenxing {node.Groups["verb"].Value}（pid {node.Groups["pid"].Value}，来自 {from}，{since} 起）"
                : $"连接“{name}”（来自 {from}，{since} 起）");
        }
        return holders;
    }

    [GeneratedRegex(@"^zhenxing (?<verb>serve|restore) pid (?<pid>\d+) (?<host>.+)$")]
    private static partial Regex ApplicationName();

    private static string? SqliteDatabaseFile(DatabaseSettings settings) =>
        new SqliteConnectionStringBuilder(settings.ConnectionString) is { Mode: not SqliteOpenMode.Memory, DataSource: var path }
        && path != ":memory:" && !path.StartsWith("file:", StringComparison.Ordinal)
            ? path
            : null;

    private static string NodeFilePrefix(string database) => Path.GetFileName(database) + "-node-";

    /// <summary>The nodes whose files are locked; the file of a node that died without removing it is removed here.</summary>
    private static List<string> RunningSqliteNodes(string database)
    {
        var folder = Path.GetDirectoryName(database)!;
        var running = new List<string>();
        if (!Directory.Exists(folder))
        {
            return running;
        }
        foreach (var file in Directory.EnumerateFiles(folder, NodeFilePrefix(database) + "*.lock").Order(StringComparer.Ordinal))
        {
            try
            {
                using (new FileStream(file, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
                {
                    File.Delete(file);
                }
            }
            catch (FileNotFoundException)
            {
                // The node stopped in between and removed its file.
            }
            catch (IOException)
            {
                // Locked: the node's process is alive.
                var node = Path.GetFileNameWithoutExtension(file)[NodeFilePrefix(database).Length..];
                var separator = node.LastIndexOf('-');
                var since = ChinaTime.Format(new DateTimeOffset(File.GetCreationTimeUtc(file), TimeSpan.Zero));
                running.Add(separator > 0
                    ? $"{node[..separator]} 上的 zhenxing serve（pid {node[(separator + 1)..]}，{since} 起）"
                    : $"zhenxing serve（{node}，{since} 起）");
            }
        }
        return running;
    }

    private static string Truncate(string text, int maxBytes)
    {
        while (Encoding.UTF8.GetByteCount(text) > maxBytes)
        {
            text = text[..^1];
        }
        return text;
    }

    private sealed class PostgresClaim(NpgsqlConnection connection) : IClaim
    {
        public async Task CheckAsync(CancellationToken cancellationToken)
        {
            await using var command = new NpgsqlCommand("SELECT 1", connection);
            await command.ExecuteScalarAsync(cancellationToken);
        }

        // Closing an unpooled connection ends the session, which releases the lock.
        public ValueTask DisposeAsync() => connection.DisposeAsync();
    }

    /// <summary>A node's lock file, removed when the node stops (and by the next restore when the node died).</summary>
    private sealed class SqliteClaim : IClaim
    {
        private readonly FileStream? _file;

        public SqliteClaim(string? database)
        {
            if (database is null)
            {
                return;
            }
            var host = new string([.. Environment.MachineName.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' ? c : '_')]);
            var path = Path.Combine(Path.GetDirectoryName(database)!, $"{NodeFilePrefix(database)}{host}-{Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}.lock");
            var options = new FileStreamOptions
            {
                Mode = FileMode.Create,
                Access = FileAccess.ReadWrite,
                // Share.None takes an exclusive flock(2) on Unix, held until the process lets go or ends.
                Share = FileShare.None,
                Options = FileOptions.DeleteOnClose,
            };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = OwnerOnlyFiles.File0600;
            }
            _file = new FileStream(path, options);
            _file.Write(Encoding.UTF8.GetBytes($"zhenxing serve {ThisNode}\n"));
            _file.Flush();
        }

        public Task CheckAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public ValueTask DisposeAsync() => _file?.DisposeAsync() ?? ValueTask.CompletedTask;
    }
}

/// <summary>
/// Holds this node's <see cref="ServingNodes"/> claim from start to stop, and takes it again when the database
/// connection it lives on is lost (a database restart) or while a restore holds it.
/// </summary>
public sealed class ServingNodeLease(DatabaseSettings settings, TimeProvider clock, ILogger<ServingNodeLease> logger) : BackgroundService
{
    private static readonly TimeSpan CheckEvery = TimeSpan.FromSeconds(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var claim = await ServingNodes.ClaimForServingAsync(settings, stoppingToken);
                if (claim is null)
                {
                    logger.LogWarning("A restore holds the database ({Node} waits to register as a serving node)", ServingNodes.ThisNode);
                }
                else
                {
                    logger.LogInformation("Registered as a serving node of the database ({Node})", ServingNodes.ThisNode);
                    while (true)
                    {
                        await Task.Delay(CheckEvery, clock, stoppingToken);
                        await claim.CheckAsync(stoppingToken);
                    }
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogWarning("The serving node registration was lost ({Message}); taking it again", e.GetBaseException().Message);
            }
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(5), clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
