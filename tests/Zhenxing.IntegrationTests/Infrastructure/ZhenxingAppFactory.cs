using System.Net;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Zhenxing.Web.Data;
using Zhenxing.Web.Features.Api;
using Zhenxing.Web.Features.Units;
using Zhenxing.Web.Features.Users;

namespace Zhenxing.IntegrationTests.Infrastructure;

/// <summary>
/// The whole app over the real HTTP pipeline, on a database of its own: a fresh PostgreSQL database
/// on the test cluster, or a fresh SQLite file. Tests written once run on both through the subclasses.
/// </summary>
public abstract class ZhenxingAppFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public abstract DatabaseProvider Provider { get; }
    public string ConnectionString { get; private set; } = "";
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    protected abstract Task<string> CreateDatabaseAsync();
    protected abstract Task DropDatabaseAsync();

    public async Task InitializeAsync()
    {
        ConnectionString = await CreateDatabaseAsync();
        // Starting the server applies the migrations to the empty database.
        _ = Server;
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await base.DisposeAsync();
        await DropDatabaseAsync();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", Provider.ToString());
        builder.UseSetting("ConnectionStrings:Zhenxing", ConnectionString);
        builder.UseSetting("Bootstrap:CreateAdmin", "false");
        // Tests run the reminder steps themselves, on the clock they control.
        builder.UseSetting("Reminders:Enabled", "false");
        builder.ConfigureServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
            services.AddSingleton<IStartupFilter, ClientAddressFromTestHeader>();
            // The in-process app registers as no serving node: its tests run `zhenxing restore` under it on purpose
            // (it keeps nothing a restore would leave stale); the nodes of the tests are `zhenxing serve` processes.
            services.Remove(services.Single(s => s.ImplementationType == typeof(Zhenxing.Web.Infrastructure.ServingNodeLease)));
        });
    }

    /// <summary>The test server has no network connection: each test client says which address it calls from.</summary>
    public const string ClientAddressHeader = "X-Test-Client-Address";

    private static int _clients;

    private sealed class ClientAddressFromTestHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (context.Request.Headers[ClientAddressHeader] is [{ } address])
                {
                    context.Connection.RemoteIpAddress = IPAddress.Parse(address);
                }
                return nextMiddleware(context);
            });
            next(app);
        };
    }

    // Table names come from the model, not from input.
    /// <summary>Empties every table, so that each test starts from nothing and sets up its own data.</summary>
    public async Task ResetAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ZhenxingDb>();
        // The data-protection keys stay: the running app keeps using the key it already holds.
        var tables = db.Model.GetEntityTypes()
            .Where(e => e.ClrType != typeof(Zhenxing.Web.Infrastructure.Auth.DataProtectionKey))
            .Select(e => e.GetTableName()!).Distinct().ToList();
        if (Provider == DatabaseProvider.Postgres)
        {
            var truncate = $"TRUNCATE {string.Join(", ", tables.Select(t => $"\"{t}\""))} RESTART IDENTITY CASCADE";
            await db.Database.ExecuteSqlRawAsync(truncate);
        }
        else
        {
            await db.Database.OpenConnectionAsync();
            await db.Database.ExecuteSqlRawAsync("PRAGMA foreign_keys = OFF");
            foreach (var table in tables)
            {
                var delete = $"DELETE FROM \"{table}\"";
                await db.Database.ExecuteSqlRawAsync(delete);
            }
            await db.Database.ExecuteSqlRawAsync("PRAGMA foreign_keys = ON");
            await db.Database.CloseConnectionAsync();
        }
        // The audit log restarts its ids too: the dashboard's memory of the old ledger must go with it.
        Services.GetRequiredService<Zhenxing.Web.Features.Dashboard.DashboardCache>().Clear();
        if (DateTimeOffset.UtcNow > Clock.GetUtcNow())
        {
            Clock.SetUtcNow(DateTimeOffset.UtcNow);
        }
    }

    public async Task<T> WithDbAsync<T>(Func<ZhenxingDb, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<ZhenxingDb>());
    }

    public async Task<Unit> AddUnitAsync(string name, UnitKind kind = UnitKind.CityDepartment, params string[] aliases) =>
        await WithDbAsync(async db =>
        {
            var unit = new Unit { Name = name, Kind = kind, Aliases = aliases.Select(a => new UnitAlias { Name = a }).ToList() };
            db.Units.Add(unit);
            await db.SaveChangesAsync();
            return unit;
        });

    public async Task<User> AddUserAsync(string userName, Role role, string password = "correct-horse-9", int? unitId = null) =>
        await WithDbAsync(async db =>
        {
            var user = new User { UserName = userName, DisplayName = userName, Role = role, UnitId = unitId, CreatedAt = Clock.GetUtcNow() };
            user.PasswordHash = new PasswordHasher<User>().HashPassword(user, password);
            db.Users.Add(user);
            await db.SaveChangesAsync();
            return user;
        });

    /// <summary>
    /// A browser-like client: keeps cookies, does not follow redirects, and calls from an address of its own (a loopback
    /// address unless given), as separate browsers do: the sign-in rate limit and lock-out count per address.
    /// </summary>
    public HttpClient CreateBrowser(string? clientAddress = null)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var n = Interlocked.Increment(ref _clients);
        client.DefaultRequestHeaders.Add(ClientAddressHeader, clientAddress ?? $"127.{n / 62500 % 256}.{n / 250 % 250}.{n % 250 + 1}");
        return client;
    }

    /// <summary>
    /// Signs in through the real sign-in form and returns the client holding the cookie. Like a script of the app's
    /// pages, it sends the anti-forgery token of its pages in a header, which the API requires of writes with the cookie.
    /// </summary>
    public async Task<HttpClient> SignInAsync(string userName, string password = "correct-horse-9")
    {
        var client = CreateBrowser();
        var response = await client.PostFormAsync("/account/login", new() { ["UserName"] = userName, ["Password"] = password });
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Sign-in of {userName} failed: {(int)response.StatusCode}");
        }
        client.DefaultRequestHeaders.Add(ApiAntiforgery.HeaderName, await client.AntiforgeryTokenAsync("/account/password"));
        return client;
    }
}

public sealed class PostgresApp : ZhenxingAppFactory
{
    private string? _database;

    public override DatabaseProvider Provider => DatabaseProvider.Postgres;

    public static string ServerConnectionString =>
        Environment.GetEnvironmentVariable("ZHENXING_TEST_PG")
        ?? throw new InvalidOperationException("ZHENXING_TEST_PG is not set: run the tests through ./test.sh, which starts a PostgreSQL cluster.");

    protected override async Task<string> CreateDatabaseAsync()
    {
        _database = "zx_" + Guid.NewGuid().ToString("N")[..16];
        await using var connection = new NpgsqlConnection(ServerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{_database}\"", connection);
        await command.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = _database }.ToString();
    }

    protected override async Task DropDatabaseAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(ServerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_database}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }
}

public sealed class SqliteApp : ZhenxingAppFactory
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "zhenxing-tests", Guid.NewGuid().ToString("N"));

    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    protected override Task<string> CreateDatabaseAsync()
    {
        Directory.CreateDirectory(_directory);
        return Task.FromResult($"Data Source={Path.Combine(_directory, "zhenxing.db")}");
    }

    protected override Task DropDatabaseAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
        return Task.CompletedTask;
    }
}

public static class HttpClientForms
{
    private static readonly HtmlParser Parser = new();

    /// <summary>Gets the page, takes the anti-forgery token from its form, and posts the fields like a browser.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(this HttpClient client, string url, Dictionary<string, string> fields, string? handler = null)
    {
        var token = await AntiforgeryTokenAsync(client, url);
        var target = handler is null ? url : $"{url}{(url.Contains('?') ? '&' : '?')}handler={handler}";
        return await client.PostFormWithTokenAsync(target, fields, token);
    }

    public static async Task<string> AntiforgeryTokenAsync(this HttpClient client, string url)
    {
        var page = await client.GetAsync(url);
        var html = await page.Content.ReadAsStringAsync();
        var document = Parser.ParseDocument(html);
        return document.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value")
            ?? throw new InvalidOperationException($"{url} ({(int)page.StatusCode}) has no anti-forgery token.");
    }

    public static Task<HttpResponseMessage> PostFormWithTokenAsync(this HttpClient client, string url, Dictionary<string, string> fields, string token) =>
        client.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = token }));

    public static async Task<AngleSharp.Html.Dom.IHtmlDocument> HtmlAsync(this HttpResponseMessage response) =>
        Parser.ParseDocument(await response.Content.ReadAsStringAsync());
}

/// <summary>Every test starts on an empty database of its provider.</summary>
public abstract class IntegrationTest(ZhenxingAppFactory app) : IAsyncLifetime
{
    protected ZhenxingAppFactory App { get; } = app;

    public Task InitializeAsync() => App.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;
}
