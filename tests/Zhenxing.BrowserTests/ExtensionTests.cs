using Microsoft.Playwright;

namespace Zhenxing.BrowserTests;

/// <summary>延期申请 in the browser: the lead unit asks for an item about to be late, the Office approves, the light changes.</summary>
[Collection(nameof(AppServer))]
public sealed class ExtensionTests(AppServer app)
{
    [Theory]
    [InlineData(1440, 900, "深化执行西部大开发政策")]
    [InlineData(390, 844, "发挥统筹协调调度机制作用")]
    public async Task TheLeadUnitAsksForAnExtensionTheOfficeApprovesAndTheLightTurnsGreen(int width, int height, string search)
    {
        await app.ImportSeedsAsync("001");
        await app.AddUserAsync($"office-ext-{width}", "Office", "office-pass-1");
        await app.AddUserAsync($"jfj-ext-{width}", "Liaison", "liaison-pass-1", unit: "区经发局");
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        var due = today.AddDays(10).ToString("yyyy-MM-dd");
        var extended = today.AddDays(120).ToString("yyyy-MM-dd");
        string Shot(string name) => Path.Combine(AppServer.ArtifactsDirectory, $"extension-{name}-{width}.png");

        // The Office sets the item's deadline ten days ahead: it is about to be late, yellow.
        var office = await app.SignedInPageAsync($"office-ext-{width}", "office-pass-1", width);
        await office.SetViewportSizeAsync(width, height);
        await office.GotoAsync($"/ledger?q={Uri.EscapeDataString(search)}");
        await office.Locator("#ledger td.text a").First.ClickAsync();
        await office.WaitForURLAsync("**/items/*");
        var itemUrl = office.Url;
        await office.GotoAsync(itemUrl + "/edit");
        await office.Locator("#Form_Deadline").FillAsync(due);
        await office.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();
        await office.WaitForURLAsync(itemUrl);
        (await office.Locator("#light .light").GetAttributeAsync("class"))!.Split(' ').ShouldContain("yellow");

        // The lead unit's liaison sees the yellow light and asks for a new deadline.
        var liaison = await app.SignedInPageAsync($"jfj-ext-{width}", "liaison-pass-1", width);
        await liaison.SetViewportSizeAsync(width, height);
        await liaison.GotoAsync(itemUrl);
        (await liaison.Locator("#light .light").InnerTextAsync()).ShouldContain("黄灯");
        await liaison.Locator("#ask-extension").ClickAsync();
        await liaison.WaitForURLAsync("**/extension");
        await liaison.Locator("#RequestedDeadline").FillAsync(extended);
        await liaison.Locator("#Reason").FillAsync("西部大开发政策体系需等待国家层面文件出台后完善。");
        await liaison.Locator("#Progress").FillAsync("已完成政策梳理，形成初稿并征求各部门意见。");
        await liaison.ScreenshotAsync(new() { Path = Shot("ask"), FullPage = true });
        await liaison.GetByRole(AriaRole.Button, new() { Name = "提交申请" }).ClickAsync();
        await liaison.WaitForURLAsync(itemUrl + "#extensions");
        (await liaison.Locator(".notice").InnerTextAsync()).ShouldContain($"延期申请已提交（申请延期至 {extended}）");
        (await liaison.Locator("#extensions .extension-state").InnerTextAsync()).ShouldContain("待审批");
        (await liaison.Locator("#light .light").InnerTextAsync()).ShouldContain("黄灯");

        // The Office finds the request from the item and approves it.
        await office.GotoAsync(itemUrl);
        await office.Locator("#pending-extensions-link a").ClickAsync();
        await office.WaitForURLAsync("**/extensions");
        var request = office.Locator("article.extension", new() { HasText = search });
        (await request.Locator(".requested").InnerTextAsync()).ShouldContain(extended);
        await office.ScreenshotAsync(new() { Path = Shot("pending"), FullPage = true });
        await request.GetByRole(AriaRole.Button, new() { Name = "批准", Exact = true }).ClickAsync();
        (await office.Locator(".notice").InnerTextAsync()).ShouldContain($"已批准：完成时限延期至 {extended}");

        // The item keeps its original deadline, shows the approved one, and its light is green.
        await office.GotoAsync(itemUrl);
        (await office.Locator("#deadline").InnerTextAsync()).ShouldContain($"原定 {due}，延期至 {extended}（已批准）");
        (await office.Locator("#light .light").GetAttributeAsync("class"))!.Split(' ').ShouldContain("green");
        (await office.Locator("#light .light").InnerTextAsync()).ShouldContain("绿灯");
        await office.ScreenshotAsync(new() { Path = Shot("approved"), FullPage = true });

        // The liaison reads the outcome in its notifications.
        await liaison.GotoAsync("/");
        await new Pages.MainMenu(liaison).OpenAsync();
        await liaison.Locator("#notification-link").ClickAsync();
        await liaison.WaitForURLAsync("**/notifications");
        (await liaison.Locator("#notifications").InnerTextAsync()).ShouldContain("振兴办已批准您单位对事项");
        await liaison.ScreenshotAsync(new() { Path = Shot("notified"), FullPage = true });
    }
}
