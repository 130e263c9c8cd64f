using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Zhenxing.Web.Infrastructure;
using Zhenxing.Web.Infrastructure.Audit;

namespace Zhenxing.Web.Data;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>
/// Which database Zhenxing uses: <c>Database:Provider</c> (Sqlite by default, or Postgres) and
/// <c>ConnectionStrings:Zhenxing</c>. Without a connection string SQLite uses <c>data/zhenxing.db</c>
/// under the working directory.
/// </summary>
public sealed record DatabaseSettings(DatabaseProvider Provider, string ConnectionString)
{
    public const string DefaultSqlitePath = "data/zhenxing.db";

    public static DatabaseSettings From(IConfiguration configuration)
    {
        var providerText = configuration["Database:Provider"];
        DatabaseProvider provider;
        if (string.IsNullOrWhiteSpace(providerText))
        {
            provider = DatabaseProvider.Sqlite;
        }
        else if (providerText.Equals("Postgres", StringComparison.OrdinalIgnoreCase)
                 || providerText.Equals("PostgreSQL", StringComparison.OrdinalIgnoreCase)
                 || providerText.Equals("Npgsql", StringComparison.OrdinalIgnoreCase))
        {
            provider = DatabaseProvider.Postgres;
        }
        else if (providerText.Equals("Sqlite", StringComparison.OrdinalIgnoreCase))
        {
            provider = DatabaseProvider.Sqlite;
        }
        else
        {
            throw new InvalidOperationException($"配置项 Database:Provider 的值“{providerText}”无效，应为 Sqlite 或 Postgres。");
        }

        var connectionString = configuration.GetConnectionString("Zhenxing");
        if (provider == DatabaseProvider.Postgres && string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException("使用 PostgreSQL 时必须配置连接字符串 ConnectionStrings:Zhenxing。");
        }
        connectionString = provider == DatabaseProvider.Sqlite ? SqliteConnectionString(connectionString) : PostgresConnectionString(connectionString!);
        return new DatabaseSettings(provider, connectionString);
    }

    /// <summary>The most connections one app node keeps to PostgreSQL unless the connection string says otherwise.</summary>
    public const int DefaultMaxPoolSize = 40;

    /// <summary>
    /// Defaults for the app's PostgreSQL sessions, each only where the connection string does not set it:
    /// <list type="bullet">
    /// <item>PostgreSQL's JIT compiler is off: it costs seconds on the dashboard's aggregate queries and saves nothing on a
    /// ledger's short ones.</item>
    /// <item>At most <see cref="DefaultMaxPoolSize"/> connections per node (Npgsql's own default, 100, is the server's whole
    /// <c>max_connections</c>: a second node would be refused). Requests beyond it wait for a free connection.</item>
    /// <item>The statements a node runs over and over (saving a report, signing in by API key) are prepared once per
    /// connection: PostgreSQL then skips parsing and planning them.</item>
    /// <item>No reset of a connection returned to the pool.</item>
    /// </list>
    /// </summary>
    private static string PostgresConnectionString(string configured)
    {
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = configured };
        bool Sets(params string[] keywords) =>
            given.Keys.Cast<string>().Any(k => keywords.Contains(k.Replace(" ", "", StringComparison.Ordinal), StringComparer.OrdinalIgnoreCase));

        var builder = new Npgsql.NpgsqlConnectionStringBuilder(configured);
        if (builder.Options?.Contains("jit", StringComparison.OrdinalIgnoreCase) != true)
        {
            builder.Options = string.IsNullOrWhiteSpace(builder.Options) ? "-c jit=off" : builder.Options + " -c jit=off";
        }
        if (!Sets("MaximumPoolSize", "MaxPoolSize"))
        {
            builder.MaxPoolSize = DefaultMaxPoolSize;
        }
        if (!Sets("MaxAutoPrepare"))
        {
            builder.MaxAutoPrepare = 64;
        }
        if (!Sets("NoResetOnClose"))
        {
            // The app leaves no session state behind (the cluster lock has connections of its own), so a connection
            // going back to the pool needs no RESET ALL and friends before its next use.
            builder.NoResetOnClose = true;
        }
        return builder.ConnectionString;
    }

    private static string SqliteConnectionString(string? configured)
    {
        var builder = new SqliteConnectionStringBuilder(
            string.IsNullOrWhiteSpace(configured) ? $"Data Source={DefaultSqlitePath}" : configured);
        if (builder.DataSource != ":memory:" && builder.Mode != SqliteOpenMode.Memory && !builder.DataSource.StartsWith("file:", StringComparison.Ordinal))
        {
            builder.DataSource = Path.GetFullPath(builder.DataSource);
            PrepareSqliteFile(builder.DataSource);
        }
        builder.ForeignKeys = true;
        builder.DefaultTimeout = 30;
        return builder.ToString();
    }

    /// <summary>
    /// The database file holds the password hashes and the cookie-signing keys: it is created empty (which SQLite takes
    /// as a new database) for the owner only before SQLite opens it, and SQLite gives its -wal and -shm files the
    /// database file's mode. A folder the app creates for it is the owner's only too; an existing file, and its -wal
    /// and -shm, lose any permission of the group and of others.
    /// </summary>
    private static void PrepareSqliteFile(string path)
    {
        OwnerOnlyFiles.CreateFolder(Path.GetDirectoryName(path)!);
        if (!File.Exists(path))
        {
            try
            {
                using (OwnerOnlyFiles.Create(path, FileMode.CreateNew))
                {
                }
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another process (a second command, a node) created it at the same moment.
            }
        }
        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
        {
            OwnerOnlyFiles.Restrict(file);
        }
    }
}

public static class DatabaseRegistration
{
    public static IServiceCollection AddZhenxingDatabase(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = DatabaseSettings.From(configuration);
        services.AddSingleton(settings);
        if (settings.Provider == DatabaseProvider.Postgres)
        {
            services.AddDbContext<ZhenxingDb, PostgresZhenxingDb>(options => Configure(options, settings));
        }
        else
        {
            services.AddDbContext<ZhenxingDb, SqliteZhenxingDb>(options => Configure(options, settings));
        }
        return services;
    }

    internal static void Configure(DbContextOptionsBuilder options, DatabaseSettings settings)
    {
        if (settings.Provider == DatabaseProvider.Postgres)
        {
            options.UseNpgsql(settings.ConnectionString,
                npgsql => npgsql.MigrationsHistoryTable("__ef_migrations_history"));
        }
        else
        {
            options.UseSqlite(settings.ConnectionString,
                sqlite => sqlite.MigrationsHistoryTable("__ef_migrations_history"));
        }
    }

    /// <summary>Creates the database if needed and applies the pending migrations of its provider.</summary>
    public static async Task MigrateDatabaseAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ZhenxingDb>();
        await db.Database.MigrateAsync(cancellationToken);
        if (db.Database.IsSqlite())
        {
            // WAL lets readers go on while one writer writes; it is a property of the file, set once.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
    }
}

/// <summary>Used by <c>dotnet ef</c> only, to generate the PostgreSQL migrations.</summary>
internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresZhenxingDb>
{
    public PostgresZhenxingDb CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<PostgresZhenxingDb>();
        DatabaseRegistration.Configure(options, new DatabaseSettings(DatabaseProvider.Postgres, "Host=localhost;Database=zhenxing_design"));
        return new PostgresZhenxingDb(options.Options, new SystemActor("dotnet-ef"), TimeProvider.System);
    }
}

/// <summary>Used by <c>dotnet ef</c> only, to generate the SQLite migrations.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteZhenxingDb>
{
    public SqliteZhenxingDb CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<SqliteZhenxingDb>();
        DatabaseRegistration.Configure(options, new DatabaseSettings(DatabaseProvider.Sqlite, "Data Source=design.db"));
        return new SqliteZhenxingDb(options.Options, new SystemActor("dotnet-ef"), TimeProvider.System);
    }
}
