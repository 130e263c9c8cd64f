using Microsoft.Playwright;

namespace Zhenxing.BrowserTests;

/// <summary>
/// Every page of the Office opens in Chromium with its heading, no script error and nothing refused by the
/// Content-Security-Policy (no inline script or handler left, the charts and the API reference run under it).
/// </summary>
[Collection(nameof(AppServer))]
public sealed class PageTourTests(AppServer app)
{
    [Fact]
    public async Task EveryPageOpensWithItsHeadingNoScriptErrorAndNothingRefusedByThePolicy()
    {
        await app.ImportSeedsAsync("001", "003", "004");
        await app.AddUserAsync("office-tour", "Office", "office-pass-1");
        var office = await app.NewPageAsync();
        var refused = await PolicyViolations.WatchAsync(office);
        await office.GotoAsync("/account/login");
        await new Pages.LoginPage(office).SignInAsync("office-tour", "office-pass-1");
        var errors = new List<string>();
        office.Console += (_, message) => { if (message.Type == "error") errors.Add($"{office.Url}: {message.Text}"); };
        office.PageError += (_, error) => errors.Add($"{office.Url}: {error}");

        await office.GotoAsync("/ledger?q=产业集群");
        var itemHref = await office.Locator("#ledger td.text a").First.GetAttributeAsync("href");
        var pages = new (string Url, string Heading)[]
        {
            ("/", "审核"), // the Office's home is the review queue
            ("/ledger", "事项台账"),
            (itemHref!, "第"),
            (itemHref + "/edit", "编辑事项"),
            (itemHref + "/split", "拆分事项"),
            (itemHref + "/merge", "合并事项"),
            (itemHref + "/withdraw", "撤销事项"),
            ("/imports", "导入清单"),
            ("/admin/units", "单位管理"),
            ("/rounds", "报送轮次"),
            ("/notifications", "通知"),
            ("/account/password", "修改密码"),
            ("/account/apikeys", "API 密钥"),
            ("/dashboard", "领导看板"),
            ("/dashboard/wall", "挂图作战"),
            ("/assessments", "考评"),
            ("/bulletins", "工作简报"),
            ("/pairings", "对口支援"),
            ("/pairings/figures", "对口支援与北上对接期间数据"),
            ("/trips", "北上对接"),
            ("/trips/compliance", "北上对接达标情况"),
            ("/targets", "指标"),
            ("/meetings", "会议"),
            ("/extensions", "延期申请"),
            ("/acknowledgements", "签收"),
            ("/holidays", "节假日"),
        };
        foreach (var (url, heading) in pages)
        {
            var response = await office.GotoAsync(url);
            response!.Status.ShouldBe(200, url);
            (await office.Locator("h1").First.InnerTextAsync()).ShouldContain(heading, Case.Sensitive, url);
        }

        await office.GotoAsync("/admin/units");
        await office.Locator("#units a").First.ClickAsync();
        (await office.Locator("h1").InnerTextAsync()).ShouldBe("编辑单位");

        // The charts draw, and show a tooltip, under the policy.
        await office.GotoAsync("/dashboard");
        await office.WaitForSelectorAsync("#chart-map[data-ready=true]", new() { State = WaitForSelectorState.Attached, Timeout = 30_000 });
        await office.Locator("#chart-categories").HoverAsync();
        await office.Locator("#chart-completion").HoverAsync();

        // The pairing activity form shows the fieldsets of the chosen kind (activity-form.js).
        await office.GotoAsync("/pairings");
        await office.Locator("#pairings tbody a[href^='/pairings/']").First.ClickAsync();
        await office.Locator("#Activity_Kind").SelectOptionAsync("Cadre");
        (await office.Locator("fieldset[data-for='Visit']").IsHiddenAsync()).ShouldBeTrue();
        (await office.Locator("fieldset[data-for~='Cadre']").First.IsVisibleAsync()).ShouldBeTrue();

        // The trip form narrows a unit's items to those found (trip-form.js).
        await office.GotoAsync("/admin/units?q=" + Uri.EscapeDataString("区经发局"));
        var unitRow = office.Locator("#units tbody tr").Filter(new() { Has = office.GetByRole(AriaRole.Cell, new() { Name = "区经发局", Exact = true }) });
        var unitId = (await unitRow.Locator("a").GetAttributeAsync("href"))!.Split('/').Last();
        await office.GotoAsync($"/trips?unit={unitId}");
        var items = office.Locator("#item-picker label");
        var all = await items.CountAsync();
        all.ShouldBeGreaterThan(1);
        await office.Locator("#item-search").FillAsync("规划");
        (await office.Locator("#item-picker label:not([hidden])").CountAsync()).ShouldBeInRange(1, all - 1);
        refused.Refused.ShouldBeEmpty();

        // The API reference has a policy of its own that allows its inline start-up script by hash. What it is refused is
        // compiling code from text: Scalar's bundled Zod tries Function("") once and, refused, validates without it.
        await office.GotoAsync("/api/docs/");
        await office.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await office.ScreenshotAsync(new() { Path = Path.Combine(AppServer.ArtifactsDirectory, "api-docs.png") });
        await office.GetByText("清单列表").First.WaitForAsync(new() { Timeout = 15000 });
        (await office.Locator("h1").First.InnerTextAsync()).ShouldBe("振兴督查调度平台 API");
        errors.ShouldBeEmpty();
        refused.Refused.ShouldAllBe(r => r.Contains("script-src refused eval (") && r.Contains("/api/docs/scalar.js:"));
    }
}
