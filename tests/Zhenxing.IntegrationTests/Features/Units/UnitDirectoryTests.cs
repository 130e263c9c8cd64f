using System.Net.Http.Json;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Zhenxing.IntegrationTests.Infrastructure;
using Zhenxing.Web.Features.Units;
using Zhenxing.Web.Features.Users;

namespace Zhenxing.IntegrationTests.Features.Units;

public abstract class UnitDirectoryTests(ZhenxingAppFactory app) : IntegrationTest(app)
{
    [Fact]
    public async Task OfficeAddsAUnitWithAliasesAndAParent()
    {
        var parent = await App.AddUnitAsync("赣州市人民政府", UnitKind.Other);
        await App.AddUserAsync("office1", Role.Office);
        var client = await App.SignInAsync("office1");

        var response = await client.PostFormAsync("/admin/units", new()
        {
            ["Form.Name"] = "市文化广电新闻出版旅游局",
            ["Form.Kind"] = nameof(UnitKind.CityDepartment),
            ["Form.ParentId"] = parent.Id.ToString(),
            ["Form.Aliases"] = "市文广新旅局、市文旅局",
        });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.HtmlAsync()).QuerySelector(".notice")!.TextContent.ShouldBe("已添加单位“市文化广电新闻出版旅游局”。");
        var unit = await App.WithDbAsync(db => db.Units.Include(u => u.Aliases).SingleAsync(u => u.Name == "市文化广电新闻出版旅游局"));
        unit.ParentId.ShouldBe(parent.Id);
        unit.Aliases.Select(a => a.Name).Order().ShouldBe(["市文广新旅局", "市文旅局"]);
        (await App.WithDbAsync(db => db.Units.FindByNameAsync("市文广新旅局")))!.Id.ShouldBe(unit.Id);
    }

    [Fact]
    public async Task AUnitNameAlreadyUsedAsAnAliasIsRefused()
    {
        await App.AddUnitAsync("市文化广电新闻出版旅游局", UnitKind.CityDepartment, "市文广新旅局");
        await App.AddUserAsync("office1", Role.Office);
        var client = await App.SignInAsync("office1");

        var response = await client.PostFormAsync("/admin/units", new() { ["Form.Name"] = "市文广新旅局", ["Form.Kind"] = nameof(UnitKind.CityDepartment) });

        (await response.HtmlAsync()).QuerySelector(".errors")!.TextContent.ShouldContain("名称“市文广新旅局”已被其他单位使用");
        (await App.WithDbAsync(db => db.Units.CountAsync())).ShouldBe(1);
    }

    [Fact]
    public async Task TwoConcurrentEditsOfTheSameUnit_TheSecondGetsAConflictAndNothingIsOverwritten()
    {
        var unit = await App.AddUnitAsync("市发改委");
        await App.AddUserAsync("office1", Role.Office);
        await App.AddUserAsync("office2", Role.Office);
        var first = await App.SignInAsync("office1");
        var second = await App.SignInAsync("office2");
        var url = $"/admin/units/{unit.Id}";
        // Both open the edit page before either saves.
        var firstToken = await first.AntiforgeryTokenAsync(url);
        var secondToken = await second.AntiforgeryTokenAsync(url);

        var saved = await first.PostFormWithTokenAsync(url, new()
        {
            ["Form.Name"] = "市发展和改革委员会", ["Form.Kind"] = nameof(UnitKind.CityDepartment), ["Form.Aliases"] = "市发改委", ["Form.Version"] = "0",
        }, firstToken);
        var refused = await second.PostFormWithTokenAsync(url, new()
        {
            ["Form.Name"] = "赣州市发改委", ["Form.Kind"] = nameof(UnitKind.Other), ["Form.Version"] = "0",
        }, secondToken);

        saved.StatusCode.ShouldBe(HttpStatusCode.OK);
        refused.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var page = await refused.HtmlAsync();
        page.QuerySelector(".errors")!.TextContent.ShouldContain("该单位已被其他用户修改");
        page.QuerySelector("#conflict")!.TextContent.ShouldContain("赣州市发改委");
        page.QuerySelector("#Form_Name")!.GetAttribute("value").ShouldBe("市发展和改革委员会");
        var stored = await App.WithDbAsync(db => db.Units.AsNoTracking().Include(u => u.Aliases).SingleAsync(u => u.Id == unit.Id));
        stored.Name.ShouldBe("市发展和改革委员会");
        stored.Kind.ShouldBe(UnitKind.CityDepartment);
        stored.Version.ShouldBe(1);
    }

    [Fact]
    public async Task AUnitCannotBecomeItsOwnParent()
    {
        var parent = await App.AddUnitAsync("赣州市人民政府", UnitKind.Other);
        var child = await App.AddUnitAsync("市财政局");
        await App.WithDbAsync(async db =>
        {
            var c = await db.Units.SingleAsync(u => u.Id == child.Id);
            c.ParentId = parent.Id;
            return await db.SaveChangesAsync();
        });
        await App.AddUserAsync("office1", Role.Office);
        var client = await App.SignInAsync("office1");

        var response = await client.PostFormAsync($"/admin/units/{parent.Id}", new()
        {
            ["Form.Name"] = "赣州市人民政府", ["Form.Kind"] = nameof(UnitKind.Other), ["Form.ParentId"] = child.Id.ToString(), ["Form.Version"] = "0",
        });

        (await response.HtmlAsync()).QuerySelector(".errors")!.TextContent.ShouldContain("上级单位不能是本单位或其下级单位");
        (await App.WithDbAsync(db => db.Units.AsNoTracking().SingleAsync(u => u.Id == parent.Id))).ParentId.ShouldBeNull();
    }

    [Fact]
    public async Task EditingAnUnknownUnitAnswers404()
    {
        await App.AddUserAsync("office1", Role.Office);
        var client = await App.SignInAsync("office1");

        (await client.GetAsync("/admin/units/999999")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task FormsSuggestUnitNamesFromOneListThatTheBrowserKeepsUntilAUnitChanges()
    {
        var unit = await App.AddUnitAsync("市发改委");
        await App.AddUnitAsync("于都县", UnitKind.County);
        await App.AddUserAsync("office1", Role.Office);
        var client = await App.SignInAsync("office1");

        // The ledger names the list instead of writing every unit into the page.
        var datalist = (await (await client.GetAsync("/ledger")).HtmlAsync()).QuerySelector("datalist#unit-names")!;
        datalist.GetAttribute("data-src").ShouldBe(UnitNameSuggestions.Path);
        datalist.Children.Length.ShouldBe(0);

        var first = await client.GetAsync(UnitNameSuggestions.Path);
        first.StatusCode.ShouldBe(HttpStatusCode.OK);
        // In pinyin order (shì before yú), as every unit list is.
        (await first.Content.ReadFromJsonAsync<string[]>()).ShouldBe(["市发改委", "于都县"]);
        first.Headers.CacheControl!.NoCache.ShouldBeTrue();
        var etag = first.Headers.ETag!;

        HttpRequestMessage Again() => new(HttpMethod.Get, UnitNameSuggestions.Path) { Headers = { IfNoneMatch = { etag } } };
        (await client.SendAsync(Again())).StatusCode.ShouldBe(HttpStatusCode.NotModified);

        // A renamed unit and an added one: the kept list is stale and comes again.
        await client.PostFormAsync($"/admin/units/{unit.Id}", new()
        {
            ["Form.Name"] = "市发展改革委", ["Form.Kind"] = nameof(UnitKind.CityDepartment), ["Form.Version"] = unit.Version.ToString(),
        });
        (await App.WithDbAsync(db => db.Units.SingleAsync(u => u.Id == unit.Id))).Name.ShouldBe("市发展改革委");
        var renamed = await client.SendAsync(Again());
        renamed.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await renamed.Content.ReadFromJsonAsync<string[]>()).ShouldBe(["市发展改革委", "于都县"]);
        var secondTag = renamed.Headers.ETag!;
        await App.AddUnitAsync("市财政局");
        var added = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, UnitNameSuggestions.Path) { Headers = { IfNoneMatch = { secondTag } } });
        (await added.Content.ReadFromJsonAsync<string[]>()).ShouldBe(["市财政局", "市发展改革委", "于都县"]);

        // Only for those signed in.
        var anonymous = App.CreateClient(new() { AllowAutoRedirect = false });
        (await anonymous.GetAsync(UnitNameSuggestions.Path)).StatusCode.ShouldNotBe(HttpStatusCode.OK);
    }
}

public sealed class UnitDirectoryTests_Postgres(PostgresApp app) : UnitDirectoryTests(app), IClassFixture<PostgresApp>;
public sealed class UnitDirectoryTests_Sqlite(SqliteApp app) : UnitDirectoryTests(app), IClassFixture<SqliteApp>;
