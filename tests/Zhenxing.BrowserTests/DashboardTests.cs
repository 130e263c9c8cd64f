using System.Text.Json;
using Microsoft.Playwright;
using Zhenxing.Testing;

namespace Zhenxing.BrowserTests;

/// <summary>On a server of its own: the seed lists with the demo reporting history, as ./run.sh sets them up.</summary>
public sealed class DashboardTests : IAsyncLifetime
{
    private readonly AppServer app = new();

    public Task InitializeAsync() => app.InitializeAsync();

    public Task DisposeAsync() => app.DisposeAsync();

    [Fact]
    public async Task ALeaderSeesTheDashboardAndEveryCountyAndBarOpensItsItems()
    {
        await app.ImportSeedsAsync("001", "002", "003", "004");
        var demo = await ZhenxingExecutable.RunAsync(["demo", .. app.DatabaseSwitches]);
        demo.ExitCode.ShouldBe(0, demo.Output + demo.Error);
        await app.AddUserAsync("leader-dashboard", "Leader", "leader-pass-1");

        // The leader's home page is the dashboard.
        var page = await app.SignedInPageAsync("leader-dashboard", "leader-pass-1", width: 1400);
        await page.WaitForURLAsync("**/dashboard");
        var total = int.Parse(await page.Locator("[data-count=total] b").InnerTextAsync());
        total.ShouldBeGreaterThan(100);
        int.Parse(await page.Locator("[data-count='status:Done'] b").InnerTextAsync()).ShouldBeGreaterThan(0);
        (await page.Locator("#table-trend tbody tr").CountAsync()).ShouldBe(3);
        (await page.Locator("#table-punctuality tbody tr").CountAsync()).ShouldBeGreaterThan(10);

        // The map of 赣州 draws its 18 counties, each matched to a unit of the directory (the geometry's 龙南县 is served as 龙南市).
        await WaitForMapAsync(page);
        (await page.Locator("#chart-map").GetAttributeAsync("data-regions")).ShouldBe("18");
        (await page.Locator("#chart-map").GetAttributeAsync("data-matched")).ShouldBe("18");
        (await page.Locator("#table-map tbody tr").CountAsync()).ShouldBe(18);
        await page.ScreenshotAsync(new() { Path = Path.Combine(AppServer.ArtifactsDirectory, "dashboard.png"), FullPage = true });

        // Figures first, then the folded filters (their choices shown as chips), then the map and the charts.
        await FiguresComeBeforeTheFoldedFiltersAsync(page);
        var phone = await app.SignedInPageAsync("leader-dashboard", "leader-pass-1", width: 390);
        await phone.SetViewportSizeAsync(390, 844);
        await phone.WaitForURLAsync("**/dashboard");
        await WaitForMapAsync(phone);
        await FiguresComeBeforeTheFoldedFiltersAsync(phone);
        (await phone.Locator("#headline").EvaluateAsync<double>("e => e.getBoundingClientRect().top")).ShouldBeLessThan(500, "the figures are on the phone's first screen");
        await phone.EvaluateAsync("() => window.scrollTo(0, 0)");
        await phone.ScreenshotAsync(new() { Path = Path.Combine(AppServer.ArtifactsDirectory, "layout-dashboard-390.png") });
        await phone.Locator("#dashboard-filter-fold summary").ClickAsync();
        (await phone.Locator("#dashboard-filters select[name=round]").IsVisibleAsync()).ShouldBeTrue();
        await LayoutTests.ButtonsShouldFitAsync(phone, "dashboard 390");
        await phone.Locator("#dashboard-filter-fold").ScreenshotAsync(new() { Path = Path.Combine(AppServer.ArtifactsDirectory, "layout-dashboard-filters-390.png") });
        await page.SetViewportSizeAsync(1440, 900);
        await page.EvaluateAsync("() => window.scrollTo(0, 0)");
        await page.ScreenshotAsync(new() { Path = Path.Combine(AppServer.ArtifactsDirectory, "layout-dashboard-1440.png") });

        // Clicking a county opens the ledger with that county's items: the count matches the map's.
        var expected = int.Parse(await page.Locator("#table-map tr[data-region=于都县] td:nth-child(3)").TextContentAsync() ?? "");
        expected.ShouldBeGreaterThan(0);
        await ClickRegionAsync(page, "于都县");
        await page.WaitForURLAsync("**/ledger?*county=*");
        int.Parse(await page.Locator("#total").InnerTextAsync()).ShouldBe(expected);
        (await page.Locator("#ledger td.text a").CountAsync()).ShouldBe(expected);

        // Clicking a segment of a category's bar opens that category's items of that status.
        await page.GoBackAsync();
        await page.WaitForURLAsync("**/dashboard");
        await WaitForMapAsync(page);
        var bar = await page.EvaluateAsync<JsonElement>(
            """
            () => {
              const data = JSON.parse(document.getElementById('dashboard-data').textContent);
              const index = data.categories.findIndex(c => c.total > 0);
              const category = data.categories[index];
              const status = category.byStatus.findIndex(s => s.count > 0);
              const before = category.byStatus.slice(0, status).reduce((sum, s) => sum + s.count, 0);
              document.getElementById('chart-categories').scrollIntoView({ block: 'center' });
              const chart = echarts.getInstanceByDom(document.getElementById('chart-categories'));
              const row = data.categories.length - 1 - index;
              const [x, y] = chart.convertToPixel({ seriesIndex: status }, [before + category.byStatus[status].count / 2, row]);
              const box = document.getElementById('chart-categories').getBoundingClientRect();
              return { x: box.left + x, y: box.top + y, count: category.byStatus[status].count, label: category.label };
            }
            """);
        await page.Mouse.ClickAsync(bar.GetProperty("x").GetSingle(), bar.GetProperty("y").GetSingle());
        await page.WaitForURLAsync("**/ledger?*category=*");
        int.Parse(await page.Locator("#total").InnerTextAsync()).ShouldBe(bar.GetProperty("count").GetInt32());

        // The pairing view draws the five cities and marks all 43 recipient counties.
        await page.GotoAsync("/dashboard?map=Pairing&metric=Light");
        await WaitForMapAsync(page);
        (await page.Locator("#chart-map").GetAttributeAsync("data-matched")).ShouldBe("43");
        (await page.Locator("#table-map tbody tr").CountAsync()).ShouldBe(43);
        ((await page.Locator("#table-map").TextContentAsync()) ?? "").ShouldContain("工业和信息化部、海关总署");
        await page.ScreenshotAsync(new() { Path = Path.Combine(AppServer.ArtifactsDirectory, "dashboard-pairing.png"), FullPage = true });

        // The wall mode fills the screen and refreshes itself.
        await page.GotoAsync("/dashboard/wall?refresh=10");
        await WaitForMapAsync(page);
        await page.WaitForSelectorAsync("#dashboard[data-refreshed]", new() { Timeout = 30_000 });
        int.Parse(await page.Locator("[data-count=total] b").InnerTextAsync()).ShouldBe(total);
        await page.ScreenshotAsync(new() { Path = Path.Combine(AppServer.ArtifactsDirectory, "dashboard-wall.png") });

        // On a 1080p screen the wall fits exactly: no scrollbar either way.
        var wall = await app.SignedInPageAsync("leader-dashboard", "leader-pass-1", width: 1920);
        await wall.SetViewportSizeAsync(1920, 1080);
        await wall.GotoAsync("/dashboard/wall");
        await WaitForMapAsync(wall);
        var size = await wall.EvaluateAsync<JsonElement>("() => [document.documentElement.scrollWidth, document.documentElement.scrollHeight, document.body.scrollHeight]");
        size[0].GetDouble().ShouldBeLessThanOrEqualTo(1920, "the wall is no wider than the screen");
        size[1].GetDouble().ShouldBeLessThanOrEqualTo(1080, "the wall is no taller than the screen");
        size[2].GetDouble().ShouldBeLessThanOrEqualTo(1080, "the wall's content is no taller than the screen");
        foreach (var chart in new[] { "#chart-categories", "#chart-map", "#chart-completion", "#chart-trend" })
        {
            var box = await wall.Locator(chart).BoundingBoxAsync();
            box.ShouldNotBeNull();
            box.Height.ShouldBeGreaterThan(250, $"{chart} keeps a readable height");
            (box.Y + box.Height).ShouldBeLessThanOrEqualTo(1080, $"{chart} ends on the screen");
        }
        await wall.ScreenshotAsync(new() { Path = Path.Combine(AppServer.ArtifactsDirectory, "layout-wall-1920.png") });
    }

    private static async Task FiguresComeBeforeTheFoldedFiltersAsync(IPage page)
    {
        (await page.Locator("#dashboard-filter-fold").GetAttributeAsync("open")).ShouldBeNull("the filters are folded away");
        (await page.Locator("#dashboard-filters select[name=round]").IsVisibleAsync()).ShouldBeFalse();
        (await page.Locator("#dashboard-chips").InnerTextAsync()).ShouldContain("全部清单");
        (await page.Locator("#dashboard-chips").InnerTextAsync()).ShouldContain("按完成率着色");
        async Task<double> TopAsync(string selector) => await page.Locator(selector).EvaluateAsync<double>("e => e.getBoundingClientRect().top + window.scrollY");
        var headline = await TopAsync("#headline");
        var fold = await TopAsync("#dashboard-filter-fold");
        var map = await TopAsync("#chart-map");
        var categories = await TopAsync("#chart-categories");
        headline.ShouldBeLessThan(fold, "the figures come before the filters");
        fold.ShouldBeLessThan(map);
        map.ShouldBeLessThan(categories, "the map comes before the other charts");
    }

    [Fact]
    public async Task AUnitNamedWithMarkupShowsAsTextInTheChartTooltipsAndRunsNothing()
    {
        const string rankingName = "区财政局<img src=x onerror=alert`1`>";
        const string mapName = "于都县<img src=x onerror=alert`2`>";
        await app.ImportSeedsAsync("001");
        var admin = await app.SignedInPageAsync(app.AdminUserName, app.AdminPassword);
        // A lead unit of the imported list renamed, and a county added under its map name, with markup in their names.
        var units = new Pages.UnitsPage(admin);
        await admin.GotoAsync("/admin/units?q=" + Uri.EscapeDataString("区财政局"));
        await units.Directory.Locator("tbody tr").Filter(new() { Has = admin.GetByRole(AriaRole.Cell, new() { Name = "区财政局", Exact = true }) })
            .Locator("a").ClickAsync();
        await admin.Locator("#Form_Name").FillAsync(rankingName);
        await admin.GetByRole(AriaRole.Button, new() { Name = "保存", Exact = true }).ClickAsync();
        await admin.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await units.OpenAsync();
        await units.AddAsync(mapName, "县（市、区）", "于都县");
        (await units.Directory.InnerTextAsync()).ShouldContain(mapName);
        await app.AddUserAsync("leader-markup", "Leader", "leader-pass-1");

        var page = await app.NewPageAsync(width: 1400);
        var refused = await PolicyViolations.WatchAsync(page);
        var dialogs = new List<string>();
        page.Dialog += (_, dialog) =>
        {
            dialogs.Add(dialog.Message);
            dialog.DismissAsync();
        };
        await page.GotoAsync("/account/login");
        await new Pages.LoginPage(page).SignInAsync("leader-markup", "leader-pass-1");
        await page.WaitForURLAsync("**/dashboard");
        await WaitForMapAsync(page);

        // The ranking bar of a unit with nothing done has no width to hover: its tooltip is opened through the chart.
        var index = await page.EvaluateAsync<int>(
            """
            name => {
              const element = document.getElementById('chart-completion');
              element.scrollIntoView({ block: 'center' });
              const chart = echarts.getInstanceByDom(element);
              const index = chart.getOption().series[0].data.findIndex(d => d.row.name === name);
              chart.dispatchAction({ type: 'showTip', seriesIndex: 0, dataIndex: index });
              return index;
            }
            """, rankingName);
        index.ShouldBeGreaterThanOrEqualTo(0);
        var rankingTip = page.Locator("#chart-completion > div", new() { HasText = "名" }).Last;
        await rankingTip.WaitForAsync(new() { State = WaitForSelectorState.Visible });
        (await rankingTip.InnerTextAsync()).ShouldContain(rankingName);
        (await rankingTip.Locator("img").CountAsync()).ShouldBe(0);

        // The county is hovered with the mouse where the map draws it.
        await HoverRegionAsync(page, "于都县");
        var mapTip = page.Locator("#chart-map > div", new() { HasText = "地图：于都县" }).Last;
        await mapTip.WaitForAsync(new() { State = WaitForSelectorState.Visible });
        (await mapTip.InnerTextAsync()).ShouldContain($"{mapName}（地图：于都县）");
        (await mapTip.Locator("img").CountAsync()).ShouldBe(0);
        await page.ScreenshotAsync(new() { Path = Path.Combine(AppServer.ArtifactsDirectory, "dashboard-markup-tooltip.png") });

        (await page.Locator("img[src=x]").CountAsync()).ShouldBe(0);
        dialogs.ShouldBeEmpty();
        refused.Refused.ShouldBeEmpty();
    }

    private static Task WaitForMapAsync(IPage page) =>
        page.WaitForSelectorAsync("#chart-map[data-ready=true]", new() { State = WaitForSelectorState.Attached, Timeout = 30_000 });

    /// <summary>Clicks a county where the geometry puts its centre.</summary>
    private static async Task ClickRegionAsync(IPage page, string name)
    {
        var point = await RegionCentreAsync(page, name);
        await page.Mouse.ClickAsync(point[0], point[1]);
    }

    private static async Task HoverRegionAsync(IPage page, string name)
    {
        var point = await RegionCentreAsync(page, name);
        await page.Mouse.MoveAsync(point[0], point[1]);
    }

    private static async Task<float[]> RegionCentreAsync(IPage page, string name)
    {
        var point = await page.EvaluateAsync<float[]>(
            """
            name => {
              const element = document.getElementById('chart-map');
              element.scrollIntoView({ block: 'center' });
              const chart = echarts.getInstanceByDom(element);
              const map = echarts.getMap(chart.getOption().series[0].map);
              const feature = map.geoJSON.features.find(f => f.properties.name === name);
              const [x, y] = chart.convertToPixel({ seriesIndex: 0 }, feature.properties.cp);
              const box = element.getBoundingClientRect();
              return [box.left + x, box.top + y];
            }
            """, name);
        return point;
    }
}
