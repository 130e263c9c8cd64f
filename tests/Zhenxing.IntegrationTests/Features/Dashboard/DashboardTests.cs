using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Zhenxing.IntegrationTests.Infrastructure;
using Zhenxing.Web.Features.Items;
using Zhenxing.Web.Features.Users;
using Zhenxing.Web.Infrastructure;

namespace Zhenxing.IntegrationTests.Features.Dashboard;

public abstract class DashboardTests(ZhenxingAppFactory app) : IntegrationTest(app)
{
    private static async Task<JsonElement> DashboardAsync(HttpClient client, string query = "")
    {
        var response = await client.GetAsync("/api/v1/dashboard" + query);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static int Count(JsonElement list, string key, string value) =>
        list.EnumerateArray().Single(e => e.GetProperty(key).GetString() == value).GetProperty("count").GetInt32();

    /// <summary>Every number of the dashboard with the ledger address that lists the items behind it.</summary>
    private static IEnumerable<(string What, int Count, string Url)> Numbers(JsonElement data)
    {
        var headline = data.GetProperty("headline");
        yield return ("总数", headline.GetProperty("total").GetInt32(), headline.GetProperty("url").GetString()!);
        foreach (var s in headline.GetProperty("byStatus").EnumerateArray().Concat(headline.GetProperty("byLight").EnumerateArray()))
        {
            yield return (s.GetProperty("label").GetString()!, s.GetProperty("count").GetInt32(), s.GetProperty("url").GetString()!);
        }
        yield return ("逾期", headline.GetProperty("overdue").GetInt32(), headline.GetProperty("overdueUrl").GetString()!);
        foreach (var bar in data.GetProperty("categories").EnumerateArray())
        {
            yield return (bar.GetProperty("label").GetString()!, bar.GetProperty("total").GetInt32(), bar.GetProperty("url").GetString()!);
            foreach (var s in bar.GetProperty("byStatus").EnumerateArray().Where(s => s.GetProperty("count").GetInt32() > 0))
            {
                yield return (bar.GetProperty("label").GetString() + s.GetProperty("label").GetString(), s.GetProperty("count").GetInt32(), s.GetProperty("url").GetString()!);
            }
        }
        foreach (var unit in data.GetProperty("units").GetProperty("completion").EnumerateArray())
        {
            yield return (unit.GetProperty("name").GetString()!, unit.GetProperty("total").GetInt32(), unit.GetProperty("url").GetString()!);
        }
        foreach (var region in data.GetProperty("map").GetProperty("regions").EnumerateArray().Where(r => r.GetProperty("unitId").ValueKind == JsonValueKind.Number))
        {
            yield return (region.GetProperty("name").GetString()!, region.GetProperty("total").GetInt32(), region.GetProperty("url").GetString()!);
        }
        foreach (var point in data.GetProperty("trend").EnumerateArray())
        {
            foreach (var s in point.GetProperty("byStatus").EnumerateArray())
            {
                yield return (point.GetProperty("round").GetProperty("name").GetString() + s.GetProperty("label").GetString(), s.GetProperty("count").GetInt32(), s.GetProperty("url").GetString()!);
            }
        }
    }

    private static async Task ShouldOpenTheSameItemsAsync(HttpClient client, JsonElement data)
    {
        var numbers = Numbers(data).ToList();
        numbers.Count.ShouldBeGreaterThan(10);
        foreach (var (what, count, url) in numbers)
        {
            url.ShouldStartWith("/ledger");
            var page = await (await client.GetAsync(url)).HtmlAsync();
            int.Parse(page.QuerySelector("#total")!.TextContent).ShouldBe(count, $"{what}：{url}");
        }
    }

    [Fact]
    public async Task TheFiguresOfASmallProgramMatchAHandCountAndEveryNumberOpensItsItems()
    {
        var data = await App.CreateSmallListAsync();
        await App.AddUserAsync("office1", Role.Office);
        await App.AddUserAsync("czj", Role.Liaison, unitId: data.Finance);
        await App.AddUserAsync("leader1", Role.Leader);
        var office = await App.SignInAsync("office1");
        var liaison = await App.SignInAsync("czj");

        // Round 1: 市财政局 reports item 3 on time and item 1 after the due date; the others report nothing.
        var first = await App.OpenRoundAsync(office, "第一轮", data.ListId);
        await App.ReportAndAcceptAsync(liaison, office, first, data.Later, ItemStatus.Done);
        App.Clock.Advance(TimeSpan.FromDays(11));
        // Eleven days on, the sign-in cookies have expired: sign in again.
        (office, liaison) = (await App.SignInAsync("office1"), await App.SignInAsync("czj"));
        await App.ReportAndAcceptAsync(liaison, office, first, data.Overdue, ItemStatus.Blocked);
        await App.CloseRoundAsync(office, first);
        var second = await App.OpenRoundAsync(office, "第二轮", data.ListId);

        var leader = await App.SignInAsync("leader1");
        var dashboard = await DashboardAsync(leader);

        // By hand: items 3 and 4 done, 1 blocked, 2 not started, 5 in progress (ongoing). Item 1 and item 2 are past
        // their deadlines; item 5's lead unit missed round 1 — three red; nothing is due within 30 days — no yellow.
        var headline = dashboard.GetProperty("headline");
        headline.GetProperty("total").GetInt32().ShouldBe(5);
        headline.GetProperty("sentence").GetString().ShouldBe("共 5 项，已落实到位 2 项、推进中 1 项、未启动 1 项、受阻 1 项");
        Count(headline.GetProperty("byStatus"), "status", "Done").ShouldBe(2);
        Count(headline.GetProperty("byStatus"), "status", "PositiveProgress").ShouldBe(0);
        Count(headline.GetProperty("byLight"), "light", "Red").ShouldBe(3);
        Count(headline.GetProperty("byLight"), "light", "Yellow").ShouldBe(0);
        Count(headline.GetProperty("byLight"), "light", "Green").ShouldBe(2);
        headline.GetProperty("overdue").GetInt32().ShouldBe(2);
        var reporting = headline.GetProperty("reporting");
        reporting.GetProperty("round").GetProperty("id").GetInt32().ShouldBe(second);
        (reporting.GetProperty("due").GetInt32(), reporting.GetProperty("received").GetInt32()).ShouldBe((5, 0));

        var bar = dashboard.GetProperty("categories").EnumerateArray().Single();
        (bar.GetProperty("label").GetString(), bar.GetProperty("declaredCount").GetInt32(), bar.GetProperty("total").GetInt32()).ShouldBe(("一、第一类", 5, 5));

        // Completion: 教育 1 of 1, 财政 1 of 2, 发改 0 of 2. On time in round 1: 财政 1 of 2 (one late), the others none.
        var units = dashboard.GetProperty("units");
        units.GetProperty("completion").EnumerateArray().Select(u => (u.GetProperty("name").GetString(), u.GetProperty("rate").GetDouble()))
            .ShouldBe([("市教育局", 100.0), ("市财政局", 50.0), ("市发改委", 0.0)]);
        units.GetProperty("punctualityRound").GetProperty("id").GetInt32().ShouldBe(first);
        var finance = units.GetProperty("punctuality")[0];
        (finance.GetProperty("name").GetString(), finance.GetProperty("due").GetInt32(), finance.GetProperty("onTime").GetInt32(),
            finance.GetProperty("late").GetInt32(), finance.GetProperty("missing").GetInt32(), finance.GetProperty("rate").GetDouble())
            .ShouldBe(("市财政局", 2, 1, 1, 0, 50.0));
        units.GetProperty("punctuality").EnumerateArray().Skip(1).Select(u => u.GetProperty("rate").GetDouble()).ShouldAllBe(rate => rate == 0);

        // The trend: round 1 as it closed.
        var point = dashboard.GetProperty("trend").EnumerateArray().Single();
        point.GetProperty("round").GetProperty("name").GetString().ShouldBe("第一轮");
        Count(point.GetProperty("byStatus"), "status", "Done").ShouldBe(2);
        Count(point.GetProperty("byStatus"), "status", "Blocked").ShouldBe(1);

        await ShouldOpenTheSameItemsAsync(leader, dashboard);

        // A change after the close moves today's figures, not round 1's.
        await App.WithDbAsync(async db =>
        {
            (await db.Items.SingleAsync(i => i.Id == data.Soon)).Status = ItemStatus.Done;
            return await db.SaveChangesAsync();
        });
        Count((await DashboardAsync(leader)).GetProperty("headline").GetProperty("byStatus"), "status", "Done").ShouldBe(3);
        var asOf = await DashboardAsync(leader, $"?round={first}");
        asOf.GetProperty("scope").GetProperty("asOfRound").GetBoolean().ShouldBeTrue();
        Count(asOf.GetProperty("headline").GetProperty("byStatus"), "status", "Done").ShouldBe(2);
        await ShouldOpenTheSameItemsAsync(leader, asOf);

        // The page draws the same document and has a table behind every chart.
        var page = await (await leader.GetAsync($"/dashboard?round={first}")).HtmlAsync();
        page.QuerySelector("#headline-sentence")!.TextContent.ShouldStartWith("共 5 项，已落实到位 2 项");
        page.QuerySelectorAll("#table-completion tbody tr").Length.ShouldBe(3);
        page.QuerySelectorAll("#table-trend tbody tr").Length.ShouldBe(1);
        page.QuerySelector("#dashboard-data")!.TextContent.ShouldContain("\"asOfRound\":true");
        page.QuerySelector("#wall-link")!.GetAttribute("href").ShouldBe($"/dashboard/wall?round={first}");
        (await (await leader.GetAsync($"/dashboard/wall?round={first}&refresh=30")).HtmlAsync())
            .QuerySelector("#dashboard")!.GetAttribute("data-refresh").ShouldBe("30");

        // One item's history: its status as each closed round kept it.
        var item = await (await leader.GetAsync($"/items/{data.Overdue}")).HtmlAsync();
        item.QuerySelector("#round-statuses .trail")!.TextContent.ShouldBe("第一轮：受阻 → 当前：受阻");
    }

    [Fact]
    public async Task TheBattleMapMatchesEveryCountyOfTheSeedsThroughTheUnitDirectory()
    {
        foreach (var seed in new[] { "001", "002", "003", "004" })
        {
            await App.ImportSeedAsync(seed);
        }
        await App.AddUserAsync("leader1", Role.Leader);
        var leader = await App.SignInAsync("leader1");

        var ganzhou = (await DashboardAsync(leader)).GetProperty("map");
        ganzhou.GetProperty("regions").GetArrayLength().ShouldBe(18);
        ganzhou.GetProperty("matched").GetInt32().ShouldBe(18);
        ganzhou.GetProperty("notes").GetArrayLength().ShouldBe(0);
        var longnan = ganzhou.GetProperty("regions").EnumerateArray().Single(r => r.GetProperty("name").GetString() == "龙南市");
        longnan.GetProperty("unitName").GetString().ShouldBe("龙南市");
        longnan.GetProperty("total").GetInt32().ShouldBeGreaterThan(0);
        // Seed 002 (2020) says 龙南县, seed 003 (2021) 龙南市: one unit under today's name, the old one its alias.
        var longnanUnits = await App.WithDbAsync(db => db.Units.Where(u => u.Name.StartsWith("龙南")).Select(u => new { u.Name, Aliases = u.Aliases.Select(a => a.Name).ToList() }).ToListAsync());
        longnanUnits.Single().Name.ShouldBe("龙南市");
        longnanUnits.Single().Aliases.ShouldBe(["龙南县"]);

        // Many lead units: the ranking carries the ten best and the ten slowest, with their places.
        var ranking = (await DashboardAsync(leader)).GetProperty("units");
        var ranked = ranking.GetProperty("completionUnits").GetInt32();
        ranked.ShouldBeGreaterThan(20);
        ranking.GetProperty("completion").EnumerateArray().Select(u => u.GetProperty("rank").GetInt32())
            .ShouldBe([.. Enumerable.Range(1, 10), .. Enumerable.Range(ranked - 9, 10)]);

        var pairing = await DashboardAsync(leader, "?map=Pairing&metric=Light");
        var regions = pairing.GetProperty("map").GetProperty("regions");
        regions.GetArrayLength().ShouldBe(61);
        pairing.GetProperty("map").GetProperty("matched").GetInt32().ShouldBe(43);
        var zhanggong = regions.EnumerateArray().Single(r => r.GetProperty("name").GetString() == "章贡区");
        zhanggong.GetProperty("supportingUnits").EnumerateArray().Select(u => u.GetString()).ShouldBe(["国务院国资委", "国家药监局"]);
        regions.EnumerateArray().Single(r => r.GetProperty("name").GetString() == "东乡区").GetProperty("unitId").ValueKind.ShouldBe(JsonValueKind.Null);

        await ShouldOpenTheSameItemsAsync(leader, pairing);
    }

    [Fact]
    public async Task TheServedMapDataNamesEachCountyByItsCurrentName()
    {
        await App.AddUserAsync("leader-map", Role.Leader);
        await App.AddUserAsync("liaison-map", Role.Liaison, unitId: (await App.AddUnitAsync("地图测试局", Zhenxing.Web.Features.Units.UnitKind.CityDepartment)).Id);
        var leader = await App.SignInAsync("leader-map");

        async Task<List<(string Name, string? Former)>> NamesAsync(string url)
        {
            var response = await leader.GetAsync(url);
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            var geometry = await response.Content.ReadFromJsonAsync<JsonElement>();
            geometry.GetProperty("UTF8Encoding").GetBoolean().ShouldBeTrue();
            return geometry.GetProperty("features").EnumerateArray().Select(f => f.GetProperty("properties"))
                .Select(p => (p.GetProperty("name").GetString()!, p.TryGetProperty("formerName", out var former) ? former.GetString() : null)).ToList();
        }

        // The dashboard draws the geometry the server serves, renamed: the package still says 龙南县 (龙南市 since 2020).
        var dashboard = await DashboardAsync(leader);
        dashboard.GetProperty("map").GetProperty("geometryUrl").GetString().ShouldBe("/dashboard/maps/ganzhou.json");
        var ganzhou = await NamesAsync("/dashboard/maps/ganzhou.json");
        ganzhou.Count.ShouldBe(18);
        ganzhou.Select(n => n.Name).ShouldContain("龙南市");
        ganzhou.Select(n => n.Name).ShouldNotContain("龙南县");
        ganzhou.Single(n => n.Name == "龙南市").Former.ShouldBe("龙南县");
        ganzhou.Select(n => n.Name).ShouldContain("南康区");
        ganzhou.Select(n => n.Name).ShouldContain("赣县区");
        ganzhou.Select(n => n.Name).ShouldContain("瑞金市");
        ganzhou.Single(n => n.Name == "瑞金市").Former.ShouldBeNull();
        var pairing = await NamesAsync("/dashboard/maps/pairing.json");
        pairing.Count.ShouldBe(61);
        pairing.Select(n => n.Name).ShouldContain("东乡区");
        pairing.Select(n => n.Name).ShouldContain("沙县区");
        pairing.Select(n => n.Name).ShouldNotContain("东乡县");
        pairing.Select(n => n.Name).ShouldNotContain("沙县");
        // The regions the dashboard computes carry the same names as the drawn shapes.
        dashboard.GetProperty("map").GetProperty("regions").EnumerateArray().Select(r => r.GetProperty("name").GetString())
            .ShouldBe(ganzhou.Select(n => (string?)n.Name), ignoreOrder: true);

        (await leader.GetAsync("/dashboard/maps/other.json")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await (await App.SignInAsync("liaison-map")).GetAsync("/dashboard/maps/ganzhou.json")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task BadChoicesAreNamedAndLiaisonsSeeNoDashboard()
    {
        var data = await App.CreateSmallListAsync();
        await App.AddUserAsync("leader1", Role.Leader);
        await App.AddUserAsync("czj", Role.Liaison, unitId: data.Finance);
        var leader = await App.SignInAsync("leader1");

        var invalid = await leader.GetAsync("/api/v1/dashboard?round=abc&map=Moon&colour=red");
        invalid.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await invalid.Content.ReadFromJsonAsync<JsonElement>();
        var errors = problem.GetProperty("errors");
        errors.GetProperty("round")[0].GetString().ShouldBe("参数 round（报送轮次编号）的值“abc”无效，应为正整数。");
        errors.GetProperty("map")[0].GetString()!.ShouldContain("Ganzhou、Pairing");
        errors.GetProperty("colour")[0].GetString()!.ShouldContain("未知的查询参数 colour");

        var missing = await leader.GetAsync("/api/v1/dashboard?list=9999&round=77");
        missing.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var missingErrors = (await missing.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        missingErrors.GetProperty("list")[0].GetString().ShouldBe("清单 9999 不存在。");
        missingErrors.GetProperty("round")[0].GetString().ShouldBe("报送轮次 77 不存在。");
        var page = await (await leader.GetAsync("/dashboard?round=77")).HtmlAsync();
        page.QuerySelector(".error")!.TextContent.ShouldBe("报送轮次 77 不存在。");
        page.QuerySelector("#dashboard").ShouldBeNull();

        var liaison = await App.SignInAsync("czj");
        var refused = await liaison.GetAsync("/api/v1/dashboard");
        refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await refused.Content.ReadAsStringAsync()).ShouldContain("看板供振兴办、领导和管理员查看");
        (await (await liaison.GetAsync("/")).HtmlAsync()).QuerySelector("a[href='/dashboard']").ShouldBeNull();
    }

    [Fact]
    public async Task AUnitNameThatClosesTheScriptElementStaysInsideTheDataThePageEmbeds()
    {
        const string name = "市财政局</script><script src=/x.js></script><!--&";
        var data = await App.CreateSmallListAsync();
        await App.WithDbAsync(async db =>
        {
            (await db.Units.FindAsync(data.Finance))!.Name = name;
            return await db.SaveChangesAsync();
        });
        await App.AddUserAsync("leader1", Role.Leader);
        var leader = await App.SignInAsync("leader1");

        foreach (var url in new[] { "/dashboard", "/dashboard/wall" })
        {
            var response = await leader.GetAsync(url);
            var html = await response.Content.ReadAsStringAsync();
            response.StatusCode.ShouldBe(HttpStatusCode.OK, html);
            html.ShouldNotContain("</script><script src=/x.js>");
            var page = await response.HtmlAsync();
            page.QuerySelectorAll("script[src='/x.js']").ShouldBeEmpty(url);
            var embedded = JsonDocument.Parse(page.QuerySelector("#dashboard-data")!.TextContent).RootElement;
            embedded.GetProperty("units").GetProperty("completion").EnumerateArray()
                .Select(u => u.GetProperty("name").GetString()).ShouldContain(name, url);
        }
    }
}

public sealed class DashboardTests_Postgres(PostgresApp app) : DashboardTests(app), IClassFixture<PostgresApp>;
public sealed class DashboardTests_Sqlite(SqliteApp app) : DashboardTests(app), IClassFixture<SqliteApp>;
