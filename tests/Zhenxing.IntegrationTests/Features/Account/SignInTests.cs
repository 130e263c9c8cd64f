using System.Net;
using Microsoft.EntityFrameworkCore;
using Zhenxing.IntegrationTests.Infrastructure;
using Zhenxing.Web.Features.Users;

namespace Zhenxing.IntegrationTests.Features.Account;

public abstract class SignInTests(ZhenxingAppFactory app) : IntegrationTest(app)
{
    [Fact]
    public async Task SignInWithTheRightPasswordOpensTheHomePage()
    {
        await App.AddUserAsync("office1", Role.Office);
        var client = App.CreateBrowser();

        var response = await client.PostFormAsync("/account/login", new() { ["UserName"] = "office1", ["Password"] = "correct-horse-9" });

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldBe("/");
        var home = await (await client.GetAsync("/")).HtmlAsync();
        home.QuerySelector("h1")!.TextContent.ShouldBe("欢迎，office1");
        home.QuerySelector(".who")!.TextContent.ShouldContain("振兴办");
    }

    [Fact]
    public async Task SignInReturnsToThePageThatAskedForIt()
    {
        await App.AddUserAsync("admin1", Role.Admin);
        var client = App.CreateBrowser();

        var response = await client.PostFormAsync("/account/login?ReturnUrl=%2Fadmin%2Fusers",
            new() { ["UserName"] = "admin1", ["Password"] = "correct-horse-9", ["ReturnUrl"] = "/admin/users" });

        response.Headers.Location!.ToString().ShouldBe("/admin/users");
    }

    [Fact]
    public async Task SignInWithAWrongPasswordIsRefusedWithAMessage()
    {
        await App.AddUserAsync("office1", Role.Office);
        var client = App.CreateBrowser();

        var response = await client.PostFormAsync("/account/login", new() { ["UserName"] = "office1", ["Password"] = "wrong-password" });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.HtmlAsync()).QuerySelector(".errors")!.TextContent.ShouldContain("用户名或密码错误");
        (await client.GetAsync("/admin/units")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task AccountLocksAfterRepeatedFailuresEvenForTheRightPassword()
    {
        await App.AddUserAsync("office1", Role.Office);
        var client = App.CreateBrowser();
        for (var i = 0; i < 4; i++)
        {
            var failed = await client.PostFormAsync("/account/login", new() { ["UserName"] = "office1", ["Password"] = "wrong" + i });
            (await failed.HtmlAsync()).QuerySelector(".errors")!.TextContent.ShouldContain("用户名或密码错误");
        }

        var fifth = await client.PostFormAsync("/account/login", new() { ["UserName"] = "office1", ["Password"] = "wrong5" });
        (await fifth.HtmlAsync()).QuerySelector(".errors")!.TextContent.ShouldContain("账号已锁定");

        var right = await client.PostFormAsync("/account/login", new() { ["UserName"] = "office1", ["Password"] = "correct-horse-9" });
        right.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await right.HtmlAsync()).QuerySelector(".errors")!.TextContent.ShouldContain("15 分钟后再试");
    }

    [Fact]
    public async Task LockExpiresAfterTheLockoutPeriod()
    {
        await App.AddUserAsync("office1", Role.Office);
        var client = App.CreateBrowser();
        for (var i = 0; i < 5; i++)
        {
            await client.PostFormAsync("/account/login", new() { ["UserName"] = "office1", ["Password"] = "wrong" });
        }

        App.Clock.Advance(TimeSpan.FromMinutes(16));
        var response = await client.PostFormAsync("/account/login", new() { ["UserName"] = "office1", ["Password"] = "correct-horse-9" });

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var user = await App.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.UserName == "office1"));
        user.FailedSignIns.ShouldBe(0);
        user.LockedUntil.ShouldBeNull();
    }

    [Fact]
    public async Task AnonymousUserIsSentToSignIn()
    {
        var response = await App.CreateBrowser().GetAsync("/admin/users");

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldContain("/account/login?ReturnUrl=%2Fadmin%2Fusers");
    }

    [Theory]
    [InlineData(Role.Office, "/admin/users", HttpStatusCode.Forbidden)]
    [InlineData(Role.Leader, "/admin/users", HttpStatusCode.Forbidden)]
    [InlineData(Role.Liaison, "/admin/users", HttpStatusCode.Forbidden)]
    [InlineData(Role.Admin, "/admin/users", HttpStatusCode.OK)]
    [InlineData(Role.Leader, "/admin/units", HttpStatusCode.Forbidden)]
    [InlineData(Role.Liaison, "/admin/units", HttpStatusCode.Forbidden)]
    [InlineData(Role.Office, "/admin/units", HttpStatusCode.OK)]
    [InlineData(Role.Admin, "/admin/units", HttpStatusCode.OK)]
    [InlineData(Role.Office, "/imports", HttpStatusCode.OK)]
    [InlineData(Role.Admin, "/imports", HttpStatusCode.Forbidden)]
    [InlineData(Role.Liaison, "/imports", HttpStatusCode.Forbidden)]
    [InlineData(Role.Leader, "/imports", HttpStatusCode.Forbidden)]
    public async Task APageAnswersByRole(Role role, string path, HttpStatusCode expected)
    {
        var unit = await App.AddUnitAsync("市财政局");
        await App.AddUserAsync("someone", role, unitId: role == Role.Liaison ? unit.Id : null);
        var client = await App.SignInAsync("someone");

        var response = await client.GetAsync(path);

        response.StatusCode.ShouldBe(expected);
        if (expected == HttpStatusCode.Forbidden)
        {
            (await response.HtmlAsync()).QuerySelector("h1")!.TextContent.ShouldContain("无权访问");
        }
    }

    [Fact]
    public async Task AFormPostedWithoutTheAntiforgeryTokenIsRejected()
    {
        await App.AddUserAsync("office1", Role.Office);

        var response = await App.CreateBrowser().PostAsync("/account/login",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["UserName"] = "office1", ["Password"] = "correct-horse-9" }));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task ADeactivatedUserLosesTheSessionAtTheNextRequest()
    {
        await App.AddUserAsync("admin1", Role.Admin);
        var office = await App.AddUserAsync("office1", Role.Office);
        var officeClient = await App.SignInAsync("office1");
        (await officeClient.GetAsync("/admin/units")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var adminClient = await App.SignInAsync("admin1");
        await adminClient.PostFormAsync($"/admin/users?id={office.Id}&version={office.Version}", [], handler: "Toggle");

        var after = await officeClient.GetAsync("/admin/units");
        after.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        after.Headers.Location!.ToString().ShouldContain("/account/login");
        (await App.CreateBrowser().PostFormAsync("/account/login", new() { ["UserName"] = "office1", ["Password"] = "correct-horse-9" }))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        (await App.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == office.Id))).IsActive.ShouldBeFalse();
    }

    [Fact]
    public async Task SignOutEndsTheSession()
    {
        await App.AddUserAsync("office1", Role.Office);
        var client = await App.SignInAsync("office1");

        var token = await client.AntiforgeryTokenAsync("/");
        var response = await client.PostFormWithTokenAsync("/account/logout", [], token);

        response.Headers.Location!.ToString().ShouldBe("/account/login");
        (await client.GetAsync("/admin/units")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }
}

public sealed class SignInTests_Postgres(PostgresApp app) : SignInTests(app), IClassFixture<PostgresApp>;
public sealed class SignInTests_Sqlite(SqliteApp app) : SignInTests(app), IClassFixture<SqliteApp>;
