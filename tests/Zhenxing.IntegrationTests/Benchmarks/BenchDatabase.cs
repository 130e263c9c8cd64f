using Npgsql;
using Zhenxing.IntegrationTests.Infrastructure;

namespace Zhenxing.IntegrationTests.Benchmarks;

/// <summary>A PostgreSQL database of its own for each benchmark test, dropped afterwards, with a few SQL helpers.</summary>
public abstract class BenchDatabase : IAsyncLifetime
{
    private readonly string _database = "zx_bench_" + Guid.NewGuid().ToString("N")[..12];

    protected string ConnectionString { get; private set; } = "";

    public async Task InitializeAsync()
    {
        await ServerAsync($"CREATE DATABASE \"{_database}\"");
        ConnectionString = new NpgsqlConnectionStringBuilder(PostgresApp.ServerConnectionString) { Database = _database }.ToString();
    }

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await ServerAsync($"DROP DATABASE IF EXISTS \"{_database}\" WITH (FORCE)");
    }

    protected static string LastLine(string output) => output.TrimEnd().Split('\n')[^1].Trim();

    private static async Task ServerAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(PostgresApp.ServerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    protected async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    protected async Task<long> CountAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }
}
