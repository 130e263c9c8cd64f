using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Zhenxing.IntegrationTests.Infrastructure;
using Zhenxing.Web.Data;
using Zhenxing.Web.Features.Users;

namespace Zhenxing.IntegrationTests.Data;

public abstract class DatabaseStartTests(ZhenxingAppFactory app) : IntegrationTest(app)
{
    [Fact]
    public async Task MigrationsAreAllAppliedToTheEmptyDatabaseAtStart()
    {
        var (applied, pending) = await App.WithDbAsync(async db =>
            ((await db.Database.GetAppliedMigrationsAsync()).ToList(), (await db.Database.GetPendingMigrationsAsync()).ToList()));

        applied.ShouldNotBeEmpty();
        applied.ShouldContain(m => m.EndsWith("_Initial"));
        pending.ShouldBeEmpty();
    }

    [Fact]
    public async Task HealthReportsTheDatabaseReachable()
    {
        var response = await App.CreateClient().GetAsync("/healthz");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        body.GetProperty("status").GetString().ShouldBe("ok");
        body.GetProperty("database").GetString().ShouldBe("reachable");
        body.GetProperty("provider").GetString().ShouldBe(App.Provider.ToString());
    }

    [Fact]
    public async Task AnExistingDatabaseStartsAgainWithItsDataAndSignInCookiesStillValid()
    {
        await App.AddUserAsync("office1", Role.Office);
        var cookies = new CookieContainer();
        var client = App.CreateDefaultClient(new CookieContainerHandler(cookies));
        (await client.PostFormAsync("/account/login", new() { ["UserName"] = "office1", ["Password"] = "correct-horse-9" }))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);

        // A second app instance on the same database: migrations already applied, keys shared through the database.
        await using var second = App.WithWebHostBuilder(_ => { });
        var secondClient = second.CreateDefaultClient(new CookieContainerHandler(cookies));

        (await secondClient.GetAsync("/healthz")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await secondClient.GetAsync("/admin/units")).StatusCode.ShouldBe(HttpStatusCode.OK);
        await using var scope = second.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ZhenxingDb>();
        (await db.Database.GetPendingMigrationsAsync()).ShouldBeEmpty();
        (await db.Users.AnyAsync(u => u.UserName == "office1")).ShouldBeTrue();
    }
}

public sealed class DatabaseStartTests_Postgres(PostgresApp app) : DatabaseStartTests(app), IClassFixture<PostgresApp>;
public sealed class DatabaseStartTests_Sqlite(SqliteApp app) : DatabaseStartTests(app), IClassFixture<SqliteApp>;
