using System.Net;
using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Zhenxing.IntegrationTests.Infrastructure;
using Zhenxing.Web.Features.ApiKeys;
using Zhenxing.Web.Features.Items;
using Zhenxing.Web.Features.Users;
using Zhenxing.Web.Infrastructure.Audit;

namespace Zhenxing.IntegrationTests.Features.Users;

public abstract class UserEditingTests(ZhenxingAppFactory app) : IntegrationTest(app)
{
    private static Dictionary<string, string> EditForm(User user, Role role, int? unitId, bool active = true, string? displayName = null) => new()
    {
        ["Form.DisplayName"] = displayName ?? user.DisplayName, ["Form.Email"] = user.Email ?? "", ["Form.Role"] = role.ToString(),
        ["Form.UnitId"] = unitId?.ToString() ?? "", ["Form.IsActive"] = active ? "true" : "false", ["Form.Version"] = user.Version.ToString(),
    };

    private Task<User> ReloadAsync(int id) => App.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == id));

    private static async Task ShouldBeSignedOutAsync(HttpClient client)
    {
        var page = await client.GetAsync("/ledger");
        page.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        page.Headers.Location!.ToString().ShouldContain("/account/login");
    }

    [Fact]
    public async Task AdminMovesALiaisonToAnotherUnitAndTheLiaisonsSessionEnds()
    {
        var finance = await App.AddUnitAsync("市财政局");
        var commerce = await App.AddUnitAsync("市商务局");
        await App.AddUserAsync("admin1", Role.Admin);
        var liaison = await App.AddUserAsync("czj", Role.Liaison, unitId: finance.Id);
        var liaisonClient = await App.SignInAsync("czj");
        (await liaisonClient.GetAsync("/ledger")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var admin = await App.SignInAsync("admin1");

        var saved = await admin.PostFormAsync($"/admin/users/{liaison.Id}", EditForm(liaison, Role.Liaison, commerce.Id, displayName: "商务局联络员"));

        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var after = await ReloadAsync(liaison.Id);
        (after.UnitId, after.DisplayName).ShouldBe((commerce.Id, "商务局联络员"));
        await ShouldBeSignedOutAsync(liaisonClient);
        (await App.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.EntityType == nameof(User) && a.EntityId == liaison.Id.ToString() && a.Action == AuditAction.Modified && a.Actor == "admin1")))
            .ShouldBeTrue();
        var list = await (await admin.GetAsync(saved.Headers.Location!.ToString())).HtmlAsync();
        list.QuerySelector(".notice")!.TextContent.ShouldBe("已保存用户 czj 的修改。");
        list.QuerySelector("#users")!.TextContent.ShouldContain("市商务局");
    }

    [Fact]
    public async Task ALiaisonNeedsAUnitAndALeaderKeepsNone()
    {
        var finance = await App.AddUnitAsync("市财政局");
        await App.AddUserAsync("admin1", Role.Admin);
        var liaison = await App.AddUserAsync("czj", Role.Liaison, unitId: finance.Id);
        var admin = await App.SignInAsync("admin1");

        var refused = await admin.PostFormAsync($"/admin/users/{liaison.Id}", EditForm(liaison, Role.Liaison, null));
        (await refused.HtmlAsync()).QuerySelector(".errors")!.TextContent.ShouldContain("单位联络员必须绑定一个单位");
        (await ReloadAsync(liaison.Id)).UnitId.ShouldBe(finance.Id);

        var leader = await admin.PostFormAsync($"/admin/users/{liaison.Id}", EditForm(liaison, Role.Leader, finance.Id));
        leader.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var after = await ReloadAsync(liaison.Id);
        (after.Role, after.UnitId).ShouldBe((Role.Leader, (int?)null));
    }

    [Fact]
    public async Task TheLastActiveAdministratorIsNeitherDemotedNorDeactivated()
    {
        var admin1 = await App.AddUserAsync("admin1", Role.Admin);
        var admin = await App.SignInAsync("admin1");

        var demoted = await admin.PostFormAsync($"/admin/users/{admin1.Id}", EditForm(admin1, Role.Office, null));
        (await demoted.HtmlAsync()).QuerySelector(".errors")!.TextContent.ShouldContain("admin1 是最后一个启用的系统管理员，不能改为其他角色");
        var ownToggle = await admin.PostFormAsync($"/admin/users?id={admin1.Id}&version={admin1.Version}", [], handler: "Toggle");
        (await ownToggle.HtmlAsync()).QuerySelector(".errors")!.TextContent.ShouldContain("不能停用自己的账号");
        (await ReloadAsync(admin1.Id)).ShouldSatisfyAllConditions(u => u.Role.ShouldBe(Role.Admin), u => u.IsActive.ShouldBeTrue());

        // The command line has no acting user: the last-administrator rule alone holds it back.
        await using (var scope = App.Services.CreateAsyncScope())
        {
            var (saved, errors) = await scope.ServiceProvider.GetRequiredService<EditUser>()
                .RunAsync(admin1.Id, null, new UserChanges(admin1.DisplayName, null, Role.Admin, null, IsActive: false), null, CancellationToken.None);
            saved.ShouldBeNull();
            errors["IsActive"].ShouldContain("最后一个启用的系统管理员，不能停用");
        }

        // With a second administrator the first may step down.
        await App.AddUserAsync("admin2", Role.Admin);
        var stepDown = await admin.PostFormAsync($"/admin/users/{admin1.Id}", EditForm(await ReloadAsync(admin1.Id), Role.Office, null));
        stepDown.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await ReloadAsync(admin1.Id)).Role.ShouldBe(Role.Office);
    }

    [Fact]
    public async Task AnEditOnAStaleVersionIsRefusedAndNothingChanges()
    {
        await App.AddUserAsync("admin1", Role.Admin);
        var office = await App.AddUserAsync("office1", Role.Office);
        var admin = await App.SignInAsync("admin1");
        (await admin.PostFormAsync($"/admin/users/{office.Id}", EditForm(office, Role.Office, null, displayName: "第一次"))).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var stale = await admin.PostFormAsync($"/admin/users/{office.Id}", EditForm(office, Role.Leader, null, displayName: "第二次"));

        stale.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await stale.HtmlAsync()).QuerySelector(".errors")!.TextContent.ShouldContain("用户 office1 已被他人修改，本次修改未保存");
        var after = await ReloadAsync(office.Id);
        (after.Role, after.DisplayName).ShouldBe((Role.Office, "第一次"));
    }

    [Fact]
    public async Task DeactivatingAUserEndsTheSessionAndReactivatingLetsThemSignInAgain()
    {
        await App.AddUserAsync("admin1", Role.Admin);
        var office = await App.AddUserAsync("office1", Role.Office);
        var officeClient = await App.SignInAsync("office1");
        var admin = await App.SignInAsync("admin1");

        (await admin.PostFormAsync($"/admin/users/{office.Id}", EditForm(office, Role.Office, null, active: false))).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        await ShouldBeSignedOutAsync(officeClient);
        await Should.ThrowAsync<InvalidOperationException>(() => App.SignInAsync("office1"));
        var deactivated = await ReloadAsync(office.Id);
        var toggled = await admin.PostFormAsync($"/admin/users?id={office.Id}&version={deactivated.Version}", [], handler: "Toggle");
        (await toggled.HtmlAsync()).QuerySelector(".notice")!.TextContent.ShouldBe("已启用用户 office1。");
        (await App.SignInAsync("office1")).ShouldNotBeNull();
    }

    [Fact]
    public async Task AfterAResetEveryPageLeadsToThePasswordPageUntilANewOneIsChosen()
    {
        await App.AddUserAsync("admin1", Role.Admin);
        var office = await App.AddUserAsync("office1", Role.Office);
        var admin = await App.SignInAsync("admin1");
        var reset = await admin.PostFormAsync($"/admin/users?id={office.Id}&version={office.Version}", [], handler: "Reset");
        var notice = (await reset.HtmlAsync()).QuerySelector(".notice")!.TextContent;
        notice.ShouldContain("下次登录时须设置新密码");
        var password = notice.Split("新密码：")[1].Split('（')[0];

        var client = await App.SignInAsync("office1", password);

        foreach (var path in new[] { "/", "/ledger", "/admin/units", "/units/names.json" })
        {
            var page = await client.GetAsync(path);
            page.StatusCode.ShouldBe(HttpStatusCode.Redirect, path);
            page.Headers.Location!.ToString().ShouldBe("/account/password", customMessage: path);
        }
        var api = await client.GetAsync("/api/v1/items");
        api.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await api.Content.ReadAsStringAsync()).ShouldContain("请先在网页上登录并设置新密码");
        (await client.GetAsync("/css/site.css")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var passwordPage = await client.GetAsync("/account/password");
        passwordPage.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await passwordPage.HtmlAsync()).QuerySelector("#forced-change").ShouldNotBeNull();

        var changed = await client.PostFormAsync("/account/password", new() { ["Current"] = password, ["New"] = "my-own-pass-7", ["Confirm"] = "my-own-pass-7" });

        (await changed.HtmlAsync()).QuerySelector(".notice")!.TextContent.ShouldContain("密码已修改");
        (await client.GetAsync("/ledger")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.GetAsync("/api/v1/items")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await ReloadAsync(office.Id)).MustChangePassword.ShouldBeFalse();
    }

    [Fact]
    public async Task AnApiKeyKeepsWorkingWhileItsOwnerMustChangeThePassword()
    {
        var office = await App.AddUserAsync("office1", Role.Office);
        string secret;
        await using (var scope = App.Services.CreateAsyncScope())
        {
            var (created, _) = await scope.ServiceProvider.GetRequiredService<CreateApiKey>().RunAsync(office.Id, "报表", CancellationToken.None);
            secret = created!.Secret;
        }
        await App.WithDbAsync(db => db.Users.Where(u => u.Id == office.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.MustChangePassword, true)));

        var client = App.CreateBrowser();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        (await client.GetAsync("/api/v1/items")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var cookie = await App.SignInAsync("office1");
        (await cookie.GetAsync("/api/v1/items")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task AMergeFirstShowsWhatMovesAndOnlyTheConfirmationMerges()
    {
        var data = await App.CreateSmallListAsync();
        var duplicate = await App.AddUnitAsync("赣州市财政局");
        await App.WithDbAsync(async db =>
        {
            db.ItemUnits.Add(new ItemUnit { ItemId = data.Soon, UnitId = duplicate.Id, Role = ItemUnitRole.Lead });
            db.ItemUnits.Add(new ItemUnit { ItemId = data.Later, UnitId = duplicate.Id, Role = ItemUnitRole.Responsible });
            return await db.SaveChangesAsync();
        });
        await App.AddUserAsync("dup-1", Role.Liaison, unitId: duplicate.Id);
        await App.AddUserAsync("dup-2", Role.Liaison, unitId: duplicate.Id);
        await App.AddUserAsync("office1", Role.Office);
        var office = await App.SignInAsync("office1");
        var round = await App.OpenRoundAsync(office, "第一轮", data.ListId);
        await App.ReportAndAcceptAsync(await App.SignInAsync("dup-1"), office, round, data.Soon, ItemStatus.InProgress);
        var version = (await App.WithDbAsync(db => db.Units.SingleAsync(u => u.Id == duplicate.Id))).Version.ToString();

        var preview = await office.PostFormAsync($"/admin/units/{duplicate.Id}", new() { ["mergeInto"] = "市财政局", ["Form.Version"] = version }, handler: "Merge");

        preview.StatusCode.ShouldBe(HttpStatusCode.OK);
        var shown = (await preview.HtmlAsync()).QuerySelector("#merge-preview")!.TextContent;
        shown.ShouldContain("确认将“赣州市财政局”合并到“市财政局”");
        shown.ShouldContain("事项 2 项");
        shown.ShouldContain("进展报送 1 份");
        shown.ShouldContain("用户 2 个");
        shown.ShouldContain("合并后“赣州市财政局”从单位名录中删除");
        (await App.WithDbAsync(db => db.Units.AnyAsync(u => u.Id == duplicate.Id))).ShouldBeTrue();
        (await App.WithDbAsync(db => db.Users.CountAsync(u => u.UnitId == duplicate.Id))).ShouldBe(2);

        var confirmed = await office.PostFormAsync($"/admin/units/{duplicate.Id}", new() { ["mergeInto"] = "市财政局", ["Form.Version"] = version, ["confirmed"] = "true" }, handler: "Merge");

        confirmed.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await App.WithDbAsync(db => db.Units.AnyAsync(u => u.Id == duplicate.Id))).ShouldBeFalse();
        (await App.WithDbAsync(db => db.Users.CountAsync(u => u.UnitId == data.Finance))).ShouldBe(2);
    }
}

public sealed class UserEditingTests_Postgres(PostgresApp app) : UserEditingTests(app), IClassFixture<PostgresApp>;
public sealed class UserEditingTests_Sqlite(SqliteApp app) : UserEditingTests(app), IClassFixture<SqliteApp>;
