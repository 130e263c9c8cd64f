using System.Net;
using Microsoft.EntityFrameworkCore;
using Zhenxing.IntegrationTests.Infrastructure;
using Zhenxing.Web.Features.Users;

namespace Zhenxing.IntegrationTests.Features.Users;

public abstract class UserAdministrationTests(ZhenxingAppFactory app) : IntegrationTest(app)
{
    [Fact]
    public async Task AdminAddsALiaisonWhoCanThenSignIn()
    {
        var unit = await App.AddUnitAsync("市财政局");
        await App.AddUserAsync("admin1", Role.Admin);
        var admin = await App.SignInAsync("admin1");

        var response = await admin.PostFormAsync("/admin/users", new()
        {
            ["Form.UserName"] = "czj", ["Form.DisplayName"] = "财政局联络员", ["Form.Role"] = nameof(Role.Liaison),
            ["Form.UnitId"] = unit.Id.ToString(), ["Form.Password"] = "liaison-pass-1",
        }, handler: "Add");

        var page = await response.HtmlAsync();
        page.QuerySelector(".notice")!.TextContent.ShouldBe("已添加用户 czj（单位联络员）。");
        page.QuerySelector("#users")!.TextContent.ShouldContain("市财政局");
        var liaison = await App.SignInAsync("czj", "liaison-pass-1");
        (await liaison.GetAsync("/admin/users")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task AGeneratedPasswordIsShownOnceAndWorks()
    {
        await App.AddUserAsync("admin1", Role.Admin);
        var admin = await App.SignInAsync("admin1");

        var response = await admin.PostFormAsync("/admin/users", new() { ["Form.UserName"] = "leader1", ["Form.Role"] = nameof(Role.Leader) }, handler: "Add");

        var notice = (await response.HtmlAsync()).QuerySelector(".notice")!.TextContent;
        var password = notice.Split("初始密码：")[1].Split('（')[0];
        password.Length.ShouldBe(16);
        (await App.SignInAsync("leader1", password)).ShouldNotBeNull();
        (await (await admin.GetAsync("/admin/users")).Content.ReadAsStringAsync()).ShouldNotContain(password);
    }

    [Fact]
    public async Task ALiaisonWithoutAUnitIsRefused()
    {
        await App.AddUserAsync("admin1", Role.Admin);
        var admin = await App.SignInAsync("admin1");

        var response = await admin.PostFormAsync("/admin/users", new()
        {
            ["Form.UserName"] = "nobody", ["Form.Role"] = nameof(Role.Liaison), ["Form.Password"] = "liaison-pass-1",
        }, handler: "Add");

        (await response.HtmlAsync()).QuerySelector(".errors")!.TextContent.ShouldContain("单位联络员必须绑定一个单位");
        (await App.WithDbAsync(db => db.Users.AnyAsync(u => u.UserName == "nobody"))).ShouldBeFalse();
    }

    [Fact]
    public async Task ADuplicateUserNameAndAShortPasswordAreBothReported()
    {
        await App.AddUserAsync("admin1", Role.Admin);
        var admin = await App.SignInAsync("admin1");

        var response = await admin.PostFormAsync("/admin/users", new()
        {
            ["Form.UserName"] = "admin1", ["Form.Role"] = nameof(Role.Office), ["Form.Password"] = "short",
        }, handler: "Add");

        var errors = (await response.HtmlAsync()).QuerySelector(".errors")!.TextContent;
        errors.ShouldContain("用户名“admin1”已存在");
        errors.ShouldContain("密码至少需要 10 个字符");
    }

    [Fact]
    public async Task AdminResetsALockedAccount()
    {
        await App.AddUserAsync("admin1", Role.Admin);
        var office = await App.AddUserAsync("office1", Role.Office);
        var stranger = App.CreateBrowser();
        for (var i = 0; i < 5; i++)
        {
            await stranger.PostFormAsync("/account/login", new() { ["UserName"] = "office1", ["Password"] = "wrong" });
        }
        (await App.WithDbAsync(db => db.SignInFailures.SingleAsync(f => f.UserId == office.Id))).LockedUntil.ShouldNotBeNull();

        var admin = await App.SignInAsync("admin1");
        (await (await admin.GetAsync("/admin/users")).HtmlAsync()).QuerySelector("#users")!.TextContent.ShouldContain("已锁定");
        var response = await admin.PostFormAsync($"/admin/users?id={office.Id}&version={office.Version}", [], handler: "Reset");

        var notice = (await response.HtmlAsync()).QuerySelector(".notice")!.TextContent;
        notice.ShouldContain("已重设用户 office1 的密码并解除锁定");
        var password = notice.Split("新密码：")[1].Split('（')[0];
        (await App.SignInAsync("office1", password)).ShouldNotBeNull();
        (await App.WithDbAsync(db => db.SignInFailures.AnyAsync())).ShouldBeFalse();
    }

    [Theory]
    [InlineData("password", "密码过于常见")]
    [InlineData("12345678910", "密码过于常见")]
    [InlineData("WoAiNi1314", "密码过于常见")]
    [InlineData("zhangwei-2024", "密码不能包含用户名")]
    [InlineData("iewgnahz-2024", "密码不能包含用户名")]
    [InlineData("Zhangwei2024", "密码不能包含用户名")]
    public async Task AWeakPasswordForANewUserIsRefusedWithTheReason(string password, string reason)
    {
        await App.AddUserAsync("admin1", Role.Admin);
        var admin = await App.SignInAsync("admin1");

        var response = await admin.PostFormAsync("/admin/users", new()
        {
            ["Form.UserName"] = "zhangwei", ["Form.Role"] = nameof(Role.Office), ["Form.Password"] = password,
        }, handler: "Add");

        (await response.HtmlAsync()).QuerySelector(".errors")!.TextContent.ShouldContain(reason);
        (await App.WithDbAsync(db => db.Users.AnyAsync(u => u.UserName == "zhangwei"))).ShouldBeFalse();
    }

    [Theory]
    [InlineData("password", "密码过于常见")]
    [InlineData("qwertyuiop", "密码过于常见")]
    [InlineData("short-1", "密码至少需要 10 个字符")]
    [InlineData("my-office1-pass", "密码不能包含用户名")]
    public async Task AWeakNewOwnPasswordIsRefusedAndTheOldOneStays(string password, string reason)
    {
        await App.AddUserAsync("office1", Role.Office);
        var client = await App.SignInAsync("office1");

        var response = await client.PostFormAsync("/account/password", new() { ["Current"] = "correct-horse-9", ["New"] = password, ["Confirm"] = password });

        (await response.HtmlAsync()).QuerySelector(".errors")!.TextContent.ShouldContain(reason);
        (await App.SignInAsync("office1")).ShouldNotBeNull();
    }

    [Fact]
    public async Task ChangingTheOwnPasswordNeedsTheCurrentOne()
    {
        await App.AddUserAsync("office1", Role.Office);
        var client = await App.SignInAsync("office1");

        var wrong = await client.PostFormAsync("/account/password", new() { ["Current"] = "not-it-at-all", ["New"] = "new-password-1", ["Confirm"] = "new-password-1" });
        (await wrong.HtmlAsync()).QuerySelector(".errors")!.TextContent.ShouldContain("当前密码不正确");

        var right = await client.PostFormAsync("/account/password", new() { ["Current"] = "correct-horse-9", ["New"] = "new-password-1", ["Confirm"] = "new-password-1" });
        (await right.HtmlAsync()).QuerySelector(".notice")!.TextContent.ShouldContain("密码已修改");
        (await App.SignInAsync("office1", "new-password-1")).ShouldNotBeNull();
    }
}

public sealed class UserAdministrationTests_Postgres(PostgresApp app) : UserAdministrationTests(app), IClassFixture<PostgresApp>;
public sealed class UserAdministrationTests_Sqlite(SqliteApp app) : UserAdministrationTests(app), IClassFixture<SqliteApp>;
