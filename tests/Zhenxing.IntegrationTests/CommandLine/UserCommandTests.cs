using Microsoft.EntityFrameworkCore;
using Zhenxing.IntegrationTests.Infrastructure;
using Zhenxing.Testing;
using Zhenxing.Web.Features.Users;

namespace Zhenxing.IntegrationTests.CommandLine;

/// <summary><c>zhenxing user add</c> run as a process against the same database as the app.</summary>
public abstract class UserCommandTests(ZhenxingAppFactory app) : IntegrationTest(app)
{
    private string[] DatabaseSwitches =>
        [$"--Database:Provider={App.Provider}", $"--ConnectionStrings:Zhenxing={App.ConnectionString}"];

    [Fact]
    public async Task UserAddCreatesALiaisonOfAUnitNamedByItsAliasWhoCanSignIn()
    {
        var unit = await App.AddUnitAsync("市文化广电新闻出版旅游局", aliases: "市文广新旅局");

        var result = await ZhenxingExecutable.RunAsync(
            ["user", "add", "--name", "wglj", "--role", "Liaison", "--unit", "市文广新旅局", "--password-stdin", .. DatabaseSwitches],
            input: "liaison-pass-1");

        result.Error.ShouldBeEmpty();
        result.ExitCode.ShouldBe(0);
        result.Output.ShouldContain("已添加用户 wglj（角色：单位联络员，单位：市文化广电新闻出版旅游局）");
        var user = await App.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.UserName == "wglj"));
        user.UnitId.ShouldBe(unit.Id);
        (await App.SignInAsync("wglj", "liaison-pass-1")).ShouldNotBeNull();
        var audit = await App.WithDbAsync(db => db.AuditEntries.AsNoTracking().SingleAsync(a => a.EntityType == "User" && a.EntityId == user.Id.ToString()));
        audit.Actor.ShouldBe("命令行");
    }

    [Fact]
    public async Task UserAddWithABadRoleExitsNonZeroAndSaysWhy()
    {
        var result = await ZhenxingExecutable.RunAsync(["user", "add", "--name", "x", "--role", "Boss", "--password-stdin", .. DatabaseSwitches], input: "whatever-123");

        result.ExitCode.ShouldBe(2);
        result.Error.ShouldContain("角色“Boss”无效，应为 Office、Liaison、Leader 或 Admin");
        (await App.WithDbAsync(db => db.Users.AnyAsync())).ShouldBeFalse();
    }

    [Fact]
    public async Task UserAddWithAnUnknownUnitExitsNonZeroAndSaysWhy()
    {
        var result = await ZhenxingExecutable.RunAsync(["user", "add", "--name", "x", "--role", "Liaison", "--unit", "市不存在局", "--password-stdin", .. DatabaseSwitches], input: "whatever-123");

        result.ExitCode.ShouldBe(1);
        result.Error.ShouldContain("单位“市不存在局”不存在");
        (await App.WithDbAsync(db => db.Users.AnyAsync())).ShouldBeFalse();
    }

    [Fact]
    public async Task UserAddWithoutAPasswordGeneratesOneAndPrintsIt()
    {
        var result = await ZhenxingExecutable.RunAsync(["user", "add", "--name", "leader1", "--role", "leader", .. DatabaseSwitches]);

        result.ExitCode.ShouldBe(0);
        var password = result.Output.Split("初始密码：")[1].Trim();
        (await App.SignInAsync("leader1", password)).ShouldNotBeNull();
        (await App.WithDbAsync(db => db.Users.SingleAsync(u => u.UserName == "leader1"))).Role.ShouldBe(Role.Leader);
    }

    [Fact]
    public async Task UserAddRefusesAPasswordDerivedFromTheName()
    {
        var result = await ZhenxingExecutable.RunAsync(["user", "add", "--name", "leader1", "--role", "Leader", "--password-stdin", .. DatabaseSwitches], input: "1redael-secret");

        result.ExitCode.ShouldBe(1);
        result.Error.ShouldContain("密码不能包含用户名（或倒写的用户名）");
        (await App.WithDbAsync(db => db.Users.AnyAsync())).ShouldBeFalse();
    }

    [Fact]
    public async Task UserPasswordRefusesACommonPasswordAndAResetEndsTheSessions()
    {
        await App.AddUserAsync("office1", Role.Office);
        var browser = await App.SignInAsync("office1");
        (await browser.GetAsync("/ledger")).StatusCode.ShouldBe(System.Net.HttpStatusCode.OK);

        var weak = await ZhenxingExecutable.RunAsync(["user", "password", "--name", "office1", "--password-stdin", .. DatabaseSwitches], input: "qwertyuiop");
        weak.ExitCode.ShouldBe(1);
        weak.Error.ShouldContain("密码过于常见");
        (await browser.GetAsync("/ledger")).StatusCode.ShouldBe(System.Net.HttpStatusCode.OK);

        var reset = await ZhenxingExecutable.RunAsync(["user", "password", "--name", "office1", .. DatabaseSwitches]);
        reset.ExitCode.ShouldBe(0);
        var password = reset.Output.Split("新密码：")[1].Trim();
        var after = await browser.GetAsync("/ledger");
        after.StatusCode.ShouldBe(System.Net.HttpStatusCode.Redirect);
        after.Headers.Location!.ToString().ShouldContain("/account/login");
        reset.Output.ShouldContain("下次登录时须设置新密码");
        var forced = await (await App.SignInAsync("office1", password)).GetAsync("/ledger");
        forced.Headers.Location!.ToString().ShouldBe("/account/password");
    }

    [Fact]
    public async Task UserEditMovesALiaisonAndEndsTheSessionAndDeactivateSwitchesTheAccountOff()
    {
        var finance = await App.AddUnitAsync("市财政局");
        await App.AddUnitAsync("市商务局", aliases: "商务局");
        var liaison = await App.AddUserAsync("czj", Role.Liaison, unitId: finance.Id);
        var browser = await App.SignInAsync("czj");

        var edited = await ZhenxingExecutable.RunAsync(["user", "edit", "--name", "czj", "--unit", "商务局", "--display-name", "商务局联络员", .. DatabaseSwitches]);

        edited.Error.ShouldBeEmpty();
        edited.ExitCode.ShouldBe(0);
        edited.Output.ShouldContain("已修改用户 czj：角色 单位联络员，单位 市商务局，启用。其登录状态立即失效。");
        var after = await App.WithDbAsync(db => db.Users.AsNoTracking().Include(u => u.Unit).SingleAsync(u => u.Id == liaison.Id));
        (after.Unit!.Name, after.DisplayName, after.Role).ShouldBe(("市商务局", "商务局联络员", Role.Liaison));
        (await browser.GetAsync("/ledger")).Headers.Location!.ToString().ShouldContain("/account/login");

        var deactivated = await ZhenxingExecutable.RunAsync(["user", "deactivate", "--name", "czj", .. DatabaseSwitches]);
        deactivated.ExitCode.ShouldBe(0);
        (await App.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == liaison.Id))).IsActive.ShouldBeFalse();
        await Should.ThrowAsync<InvalidOperationException>(() => App.SignInAsync("czj"));
    }

    [Fact]
    public async Task UserEditRefusesToDemoteTheLastAdministratorAndALiaisonWithoutAUnit()
    {
        await App.AddUserAsync("admin1", Role.Admin);
        await App.AddUserAsync("office1", Role.Office);

        var demoted = await ZhenxingExecutable.RunAsync(["user", "edit", "--name", "admin1", "--role", "Office", .. DatabaseSwitches]);
        demoted.ExitCode.ShouldBe(1);
        demoted.Error.ShouldContain("admin1 是最后一个启用的系统管理员，不能改为其他角色");
        var deactivated = await ZhenxingExecutable.RunAsync(["user", "deactivate", "--name", "admin1", .. DatabaseSwitches]);
        deactivated.ExitCode.ShouldBe(1);
        deactivated.Error.ShouldContain("不能停用");
        var unitless = await ZhenxingExecutable.RunAsync(["user", "edit", "--name", "office1", "--role", "Liaison", .. DatabaseSwitches]);
        unitless.ExitCode.ShouldBe(1);
        unitless.Error.ShouldContain("单位联络员必须绑定一个单位");
        (await App.WithDbAsync(db => db.Users.AsNoTracking().Select(u => u.Role).ToListAsync())).ShouldBe([Role.Office, Role.Admin], ignoreOrder: true);
    }

    [Fact]
    public async Task AnUnknownCommandExitsWithUsage()
    {
        var result = await ZhenxingExecutable.RunAsync(["frobnicate"]);

        result.ExitCode.ShouldBe(2);
        result.Error.ShouldContain("未知命令“frobnicate”");
    }
}

public sealed class UserCommandTests_Postgres(PostgresApp app) : UserCommandTests(app), IClassFixture<PostgresApp>;
public sealed class UserCommandTests_Sqlite(SqliteApp app) : UserCommandTests(app), IClassFixture<SqliteApp>;
