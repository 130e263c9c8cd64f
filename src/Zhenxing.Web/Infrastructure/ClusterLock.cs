using Npgsql;
using Zhenxing.Web.Data;

namespace Zhenxing.Web.Infrastructure;

/// <summary>
/// A lease that one app node at a time holds, for work that must not run on every node at once (the reminder job).
/// On PostgreSQL a session advisory lock on a connection of its own: released when the holder lets go, and by the
/// server when the holder's connection dies with its node. SQLite serves one node, which always gets it.
/// </summary>
public sealed class ClusterLock(DatabaseSettings settings)
{
    /// <summary>The reminder job's lock key (any fixed number; "催办" in the app's key space).</summary>
    public const long Reminders = 0x5A58_0001;

    /// <summary>The cadre term reminder job's lock key.</summary>
    public const long CadreTerms = 0x5A58_0002;

    /// <summary>The key every serving node holds shared and restore takes exclusively (<see cref="ServingNodes"/>).</summary>
    public const long Serving = 0x5A58_0003;

    /// <summary>The review queue's arrival notices job's lock key (a number unlikely to be taken by another job).</summary>
    public const long ReviewNotices = 0x5A58_0005;
    /// <summary>The daily digest job's lock key.</summary>
    public const long Digests = 0x5A58_0004;

    /// <returns>The held lease, to dispose when done; null when another node holds it now.</returns>
    public async Task<IAsyncDisposable?> TryAcquireAsync(long key, CancellationToken cancellationToken)
    {
        if (settings.Provider != DatabaseProvider.Postgres)
        {
            return new Held(null, key);
        }
        // Unpooled: a pooled connection would keep the session lock after being "closed" into the pool.
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(settings.ConnectionString) { Pooling = false }.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock(@key)", connection);
            command.Parameters.AddWithValue("key", key);
            if (await command.ExecuteScalarAsync(cancellationToken) is true)
            {
                return new Held(connection, key);
            }
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
        await connection.DisposeAsync();
        return null;
    }

    private sealed class Held(NpgsqlConnection? connection, long key) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            if (connection is null)
            {
                return;
            }
            try
            {
                await using var command = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", connection);
                command.Parameters.AddWithValue("key", key);
                await command.ExecuteScalarAsync();
            }
            finally
            {
                // Closing an unpooled connection ends the session, which releases the lock in any case.
                await connection.DisposeAsync();
            }
        }
    }
}
