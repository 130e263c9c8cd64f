using System.Net;
using Microsoft.EntityFrameworkCore;
using Zhenxing.IntegrationTests.Infrastructure;
using Zhenxing.Web.Features.Users;

namespace Zhenxing.IntegrationTests.Features.Account;

/// <summary>A copy of a sign-in cookie (taken off a shared computer, a proxy log) stops working when the session should end.</summary>
public abstract class SessionEndTests(ZhenxingAppFactory app) : IntegrationTest(app)
{
    /// <summary>Signs in through the form; returns the browser and a second client that holds only a copy of its cookie.</summary>
    private async Task<(HttpClient Browser, HttpClient Copy)> SignInWithACopyAsync(string userName, string password = "correct-horse-9")
    {
        var browser = App.CreateBrowser();
        var response = await browser.PostFormAsync("/account/login", new() { ["UserName"] = userName, ["Password"] = password });
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("zhenxing.auth=", StringComparison.Ordinal)).Split(';')[0];
        var copy = App.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        copy.DefaultRequestHeaders.Add("Cookie", cookie);
        await ShouldBeSignedInAsync(copy);
        return (browser, copy);
    }

    private static async Task ShouldBeSignedInAsync(HttpClient client)
    {
        (await client.GetAsync("/ledger")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.GetAsync("/api/v1/items")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private static async Task ShouldBeSignedOutAsync(HttpClient client)
    {
        var page = await client.GetAsync("/ledger");
        page.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        page.Headers.Location!.ToString().ShouldContain("/account/login");
        (await client.GetAsync("/api/v1/items")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task SigningOutEndsACopyOfTheCookie()
    {
        await App.AddUserAsync("office1", Role.Office);
        var (browser, copy) = await SignInWithACopyAsync("office1");

        var signedOut = await browser.PostFormWithTokenAsync("/account/logout", [], await browser.AntiforgeryTokenAsync("/ledger"));

        signedOut.Headers.Location!.ToString().ShouldBe("/account/login");
        await ShouldBeSignedOutAsync(copy);
        await ShouldBeSignedOutAsync(browser);
    }

    [Fact]
    public async Task ChangingThePasswordEndsTheOtherSessionsAndKeepsThisOne()
    {
        await App.AddUserAsync("office1", Role.Office);
        var (browser, copy) = await SignInWithACopyAsync("office1");
        var elsewhere = await App.SignInAsync("office1");

        var changed = await browser.PostFormAsync("/account/password", new() { ["Current"] = "correct-horse-9", ["New"] = "new-password-1", ["Confirm"] = "new-password-1" });

        (await changed.HtmlAsync()).QuerySelector(".notice")!.TextContent.ShouldContain("密码已修改");
        await ShouldBeSignedInAsync(browser);
        await ShouldBeSignedOutAsync(copy);
        await ShouldBeSignedOutAsync(elsewhere);
    }

    [Fact]
    public async Task AnAdministratorsPasswordResetEndsTheUsersSessions()
    {
        await App.AddUserAsync("admin1", Role.Admin);
        var office = await App.AddUserAsync("office1", Role.Office);
        var (_, copy) = await SignInWithACopyAsync("office1");
        var admin = await App.SignInAsync("admin1");

        var reset = await admin.PostFormAsync($"/admin/users?id={office.Id}&version={office.Version}", [], handler: "Reset");

        (await reset.HtmlAsync()).QuerySelector(".notice")!.TextContent.ShouldContain("已重设用户 office1 的密码");
        await ShouldBeSignedOutAsync(copy);
        await ShouldBeSignedInAsync(admin);
    }

    [Fact]
    public async Task DeactivatingAUserEndsACopyOfTheCookieAndReactivatingDoesNotRevive()
    {
        await App.AddUserAsync("admin1", Role.Admin);
        var office = await App.AddUserAsync("office1", Role.Office);
        var (_, copy) = await SignInWithACopyAsync("office1");
        var admin = await App.SignInAsync("admin1");

        await admin.PostFormAsync($"/admin/users?id={office.Id}&version={office.Version}", [], handler: "Toggle");
        var version = await App.WithDbAsync(db => db.Users.Where(u => u.Id == office.Id).Select(u => u.Version).SingleAsync());
        await admin.PostFormAsync($"/admin/users?id={office.Id}&version={version}", [], handler: "Toggle");

        (await App.WithDbAsync(db => db.Users.Where(u => u.Id == office.Id).Select(u => u.IsActive).SingleAsync())).ShouldBeTrue();
        await ShouldBeSignedOutAsync(copy);
    }
}

public sealed class SessionEndTests_Postgres(PostgresApp app) : SessionEndTests(app), IClassFixture<PostgresApp>;
public sealed class SessionEndTests_Sqlite(SqliteApp app) : SessionEndTests(app), IClassFixture<SqliteApp>;
