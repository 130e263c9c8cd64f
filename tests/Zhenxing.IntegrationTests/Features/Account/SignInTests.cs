using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Zhenxing.IntegrationTests.Infrastructure;
using Zhenxing.Web.Features.Account;
using Zhenxing.Web.Features.Users;
using Zhenxing.Web.Infrastructure.Auth;

namespace Zhenxing.IntegrationTests.Features.Account;

public abstract partial class SignInTests(ZhenxingAppFactory app) : IntegrationTest(app)
{
    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"[^\"]*\"")]
    private static partial Regex AntiforgeryValue();

    [Fact]
    public async Task SignInWithTheRightPasswordOpensTheHomePage()
    {
        await App.AddUserAsync("office1", Role.Office);
        var client = App.CreateBrowser();

        var response = await client.PostFormAsync("/account/login", new() { ["UserName"] = "office1", ["Password"] = "correct-horse-9" });

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldBe("/");
        // The Office's home is the review queue.
        (await client.GetAsync("/")).Headers.Location!.ToString().ShouldBe("/review");
        var home = await (await client.GetAsync("/review")).HtmlAsync();
        home.QuerySelector("h1")!.TextContent.ShouldBe("审核");
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
    public async Task AnAddressIsLockedOutAfterRepeatedFailuresButTheOwnerSignsInFromAnother()
    {
        await App.AddUserAsync("office1", Role.Office);
        var attacker = App.CreateBrowser("203.0.113.7");
        for (var i = 0; i < 5; i++)
        {
            var failed = await attacker.PostFormAsync("/account/login", new() { ["UserName"] = "office1", ["Password"] = "wrong" + i });
            (await failed.HtmlAsync()).QuerySelector(".errors")!.TextContent.Trim().ShouldBe(LoginModel.Refusal);
        }

        var right = await attacker.PostFormAsync("/account/login", new() { ["UserName"] = "office1", ["Password"] = "correct-horse-9" });
        right.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await right.HtmlAsync()).QuerySelector(".errors")!.TextContent.Trim().ShouldBe(LoginModel.Refusal);

        var owner = await App.CreateBrowser("198.51.100.20").PostFormAsync("/account/login", new() { ["UserName"] = "office1", ["Password"] = "correct-horse-9" });
        owner.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var locks = await App.WithDbAsync(db => db.SignInFailures.AsNoTracking().ToListAsync());
        locks.ShouldHaveSingleItem().ClientAddress.ShouldBe("203.0.113.7");
        locks[0].LockedUntil.ShouldNotBeNull();
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
        (await client.PostFormAsync("/account/login", new() { ["UserName"] = "office1", ["Password"] = "correct-horse-9" })).StatusCode.ShouldBe(HttpStatusCode.OK);

        App.Clock.Advance(TimeSpan.FromMinutes(16));
        var response = await client.PostFormAsync("/account/login", new() { ["UserName"] = "office1", ["Password"] = "correct-horse-9" });

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await App.WithDbAsync(db => db.SignInFailures.AnyAsync())).ShouldBeFalse();
    }

    [Fact]
    public async Task AnUnknownUserAWrongPasswordAndALockedAccountGetTheSameAnswer()
    {
        await App.AddUserAsync("office1", Role.Office);
        var locked = App.CreateBrowser();
        for (var i = 0; i < 5; i++)
        {
            await locked.PostFormAsync("/account/login", new() { ["UserName"] = "office1", ["Password"] = "wrong" });
        }

        var answers = new List<string>();
        foreach (var (client, userName, password) in new[]
                 {
                     (App.CreateBrowser(), "nobody", "correct-horse-9"),
                     (App.CreateBrowser(), "office1", "wrong-password"),
                     (locked, "office1", "correct-horse-9"),
                 })
        {
            var response = await client.PostFormAsync("/account/login", new() { ["UserName"] = userName, ["Password"] = password });
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            var html = await response.Content.ReadAsStringAsync();
            // Only the echoed user name and the form's fresh anti-forgery token may differ.
            answers.Add(AntiforgeryValue().Replace(html, "").Replace($"value=\"{userName}\"", ""));
        }

        answers.Distinct().ShouldHaveSingleItem().ShouldContain(LoginModel.Refusal);
    }

    [Fact]
    public async Task AnUnknownUserTakesAboutAsLongAsAWrongPassword()
    {
        await App.AddUserAsync("office1", Role.Office);
        async Task<double> TimeAsync(string userName)
        {
            var client = App.CreateBrowser();
            var token = await client.AntiforgeryTokenAsync("/account/login");
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            await client.PostFormWithTokenAsync("/account/login", new() { ["UserName"] = userName, ["Password"] = "wrong-password" }, token);
            return System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }
        await TimeAsync("nobody");
        await TimeAsync("office1");

        var unknown = new List<double>();
        var known = new List<double>();
        for (var i = 0; i < 4; i++)
        {
            unknown.Add(await TimeAsync("nobody" + i));
            known.Add(await TimeAsync("office1"));
        }

        // Checking a password hash is most of a sign-in's time; without it an unknown name answers many times faster.
        unknown.Order().ElementAt(2).ShouldBeGreaterThan(known.Order().ElementAt(1) * 0.4);
    }

    [Fact]
    public async Task TheSignInFormAnswers429AfterTheConfiguredNumberOfTriesFromOneAddress()
    {
        var limit = App.Services.GetRequiredService<IOptions<SignInPolicy>>().Value.SignInsPerAddress;
        var client = App.CreateBrowser();
        var token = await client.AntiforgeryTokenAsync("/account/login");
        Task<HttpResponseMessage> TryAsync(HttpClient from, string t) =>
            from.PostFormWithTokenAsync("/account/login", new() { ["UserName"] = "nobody", ["Password"] = "wrong-password" }, t);

        for (var i = 0; i < limit; i++)
        {
            (await TryAsync(client, token)).StatusCode.ShouldBe(HttpStatusCode.OK);
        }
        // The window is a minute: should it have turned over during the tries, the next window's limit is reached too.
        HttpResponseMessage? limited = null;
        for (var i = 0; i <= limit && limited is null; i++)
        {
            var response = await TryAsync(client, token);
            limited = response.StatusCode == HttpStatusCode.TooManyRequests ? response : null;
        }

        limited.ShouldNotBeNull();
        limited.Headers.RetryAfter.ShouldNotBeNull();
        (await limited.HtmlAsync()).QuerySelector("h1")!.TextContent.ShouldContain("尝试过于频繁");
        (await client.GetAsync("/account/login")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var elsewhere = App.CreateBrowser();
        (await TryAsync(elsewhere, await elsewhere.AntiforgeryTokenAsync("/account/login"))).StatusCode.ShouldBe(HttpStatusCode.OK);
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

        var token = await client.AntiforgeryTokenAsync("/review");
        var response = await client.PostFormWithTokenAsync("/account/logout", [], token);

        response.Headers.Location!.ToString().ShouldBe("/account/login");
        (await client.GetAsync("/admin/units")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }
}

public sealed class SignInTests_Postgres(PostgresApp app) : SignInTests(app), IClassFixture<PostgresApp>;
public sealed class SignInTests_Sqlite(SqliteApp app) : SignInTests(app), IClassFixture<SqliteApp>;
