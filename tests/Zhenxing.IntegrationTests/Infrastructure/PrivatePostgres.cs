using System.Diagnostics;
using System.Net.Sockets;
using Npgsql;

namespace Zhenxing.IntegrationTests.Infrastructure;

/// <summary>
/// A PostgreSQL 15 cluster of one test's own, in a temporary folder, which the test may stop and start under load
/// without disturbing the shared test cluster (as the <c>postgres</c> OS user when the tests run as root).
/// </summary>
public sealed class PrivatePostgres : IAsyncDisposable
{
    private readonly string _bin = Environment.GetEnvironmentVariable("PG_BIN") ?? "/usr/lib/postgresql/15/bin";
    private readonly string _directory = Directory.CreateTempSubdirectory("zhenxing-pg-").FullName;
    private readonly int _port = FreePort();

    private string Data => Path.Combine(_directory, "data");

    /// <summary>A connection string for a database of this cluster.</summary>
    public string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = _port, Username = "zhenxing", Database = database }.ToString();

    public static async Task<PrivatePostgres> StartAsync(string database)
    {
        var cluster = new PrivatePostgres();
        await RunAsync("chmod", ["755", cluster._directory]);
        if (IsRoot)
        {
            await RunAsync("chown", ["postgres:postgres", cluster._directory]);
        }
        await cluster.RunToolAsync("initdb", ["-D", cluster.Data, "-U", "zhenxing", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"]);
        await cluster.StartAsync();
        await using var connection = new NpgsqlConnection(cluster.ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{database}\"", connection);
        await command.ExecuteNonQueryAsync();
        return cluster;
    }

    public Task StartAsync() => RunToolAsync("pg_ctl",
        ["-D", Data, "-l", Path.Combine(_directory, "postgres.log"), "-w", "-t", "60",
         "-o", $"-p {_port} -k {_directory} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200", "start"]);

    /// <summary>Stops the server the way an operator's restart does: sessions are cut, transactions in flight roll back.</summary>
    public Task StopAsync() => RunToolAsync("pg_ctl", ["-D", Data, "-m", "fast", "-w", "stop"]);

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (File.Exists(Path.Combine(Data, "postmaster.pid")))
        {
            await RunToolAsync("pg_ctl", ["-D", Data, "-m", "immediate", "-w", "stop"]);
        }
        Directory.Delete(_directory, recursive: true);
    }

    private static bool IsRoot => Environment.UserName == "root";

    private Task RunToolAsync(string tool, string[] arguments) =>
        IsRoot ? RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(_bin, tool), .. arguments]) : RunAsync(Path.Combine(_bin, tool), arguments);

    private static async Task RunAsync(string program, string[] arguments)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed ({process.ExitCode}): {await output}{await error}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
