using Microsoft.Playwright;

namespace Zhenxing.BrowserTests;

/// <summary>Every page of the Office and of a liaison opens in Chromium with its heading and no script error.</summary>
[Collection(nameof(AppServer))]
public sealed class PageTourTests(AppServer app)
{
    [Fact]
    public async Task EveryPageOpensWithItsHeadingAndNoScriptError()
    {
        await app.ImportSeedsAsync("001", "004");
        await app.AddUserAsync("office-tour", "Office", "office-pass-1");
        var office = await app.SignedInPageAsync("office-tour", "office-pass-1");
        var errors = new List<string>();
        office.Console += (_, message) => { if (message.Type == "error") errors.Add($"{office.Url}: {message.Text}"); };
        office.PageError += (_, error) => errors.Add($"{office.Url}: {error}");

        await office.GotoAsync("/ledger?q=产业集群");
        var itemHref = await office.Locator("#ledger td.text a").First.GetAttributeAsync("href");
        var pages = new (string Url, string Heading)[]
        {
            ("/", "欢迎"),
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
        await office.GotoAsync("/api/docs/");
        await office.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await office.ScreenshotAsync(new() { Path = Path.Combine(AppServer.ArtifactsDirectory, "api-docs.png") });
        await office.GetByText("清单列表").First.WaitForAsync(new() { Timeout = 15000 });
        (await office.Locator("h1").First.InnerTextAsync()).ShouldBe("振兴督查调度平台 API");
        errors.ShouldBeEmpty();
    }
}
