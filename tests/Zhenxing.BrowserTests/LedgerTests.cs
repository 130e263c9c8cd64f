using Microsoft.Playwright;

namespace Zhenxing.BrowserTests;

[Collection(nameof(AppServer))]
public sealed class LedgerTests(AppServer app)
{
    [Fact]
    public async Task TheOfficeFiltersEditsAndALeadersInstructionIsAnsweredByTheLeadUnit()
    {
        await app.ImportSeedsAsync("001");
        await app.AddUserAsync("office-ledger", "Office", "office-pass-1");
        await app.AddUserAsync("leader-ledger", "Leader", "leader-pass-1");
        await app.AddUserAsync("jfj-liaison", "Liaison", "liaison-pass-1", unit: "区经发局");

        // The Office filters the ledger by lead unit through the form; the view is a URL.
        var office = await app.SignedInPageAsync("office-ledger", "office-pass-1");
        await office.GotoAsync("/ledger");
        // The unit names the inputs suggest are fetched once by the page, not written into it.
        await office.WaitForFunctionAsync("() => document.querySelectorAll('datalist#unit-names option').length > 0");
        (await office.Locator("datalist#unit-names option[value='区经发局']").CountAsync()).ShouldBe(1);
        await office.Locator("input[name=leadUnit]").FillAsync("区经发局");
        await office.GetByRole(AriaRole.Button, new() { Name = "筛选" }).ClickAsync();
        await office.WaitForURLAsync("**/ledger?*leadUnit=*");
        var total = int.Parse(await office.Locator("#total").InnerTextAsync());
        total.ShouldBeGreaterThan(0);
        (await office.Locator("#ledger td.text a").CountAsync()).ShouldBe(total);
        await office.ScreenshotAsync(new() { Path = Path.Combine(AppServer.ArtifactsDirectory, "ledger-filtered.png"), FullPage = true });

        // It opens the first item and edits its deadline.
        await office.Locator("#ledger td.text a").First.ClickAsync();
        await office.WaitForURLAsync("**/items/*");
        var itemUrl = office.Url;
        (await office.Locator("#light").InnerTextAsync()).ShouldContain("灯");
        await office.GetByRole(AriaRole.Link, new() { Name = "编辑" }).ClickAsync();
        await office.Locator("#Form_Deadline").FillAsync("");
        await office.Locator("#Form_DeadlineText").FillAsync("11 月底前");
        await office.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();
        await office.WaitForURLAsync(itemUrl);
        (await office.Locator(".notice").InnerTextAsync()).ShouldBe("事项已保存。");
        (await office.Locator("#deadline").InnerTextAsync()).ShouldContain("2021-11-30");

        // A leader writes an instruction on it.
        var leader = await app.SignedInPageAsync("leader-ledger", "leader-pass-1");
        await leader.GotoAsync(itemUrl);
        await leader.Locator("#instruction-text").FillAsync("请抓紧推进，按期完成。");
        await leader.GetByRole(AriaRole.Button, new() { Name = "提交批示" }).ClickAsync();
        (await leader.Locator(".notice").InnerTextAsync()).ShouldContain("已通知牵头单位");

        // The lead unit's liaison, on a phone, lands on its items, sees the notification and answers.
        var liaison = await app.SignedInPageAsync("jfj-liaison", "liaison-pass-1", width: 390);
        (await liaison.Locator("h1").InnerTextAsync()).ShouldBe("我的事项 · 区经发局");
        // The folded menu's button carries the unread count; the menu opens to the 通知 link.
        var unread = await liaison.Locator("#unread").TextContentAsync();
        unread.ShouldNotBe("0");
        (await liaison.Locator("#menu-unread").InnerTextAsync()).ShouldBe(unread);
        await new Pages.MainMenu(liaison).OpenAsync();
        await liaison.Locator("#notification-link").ClickAsync();
        await liaison.Locator("#notifications a").First.ClickAsync();
        await liaison.WaitForURLAsync(itemUrl);
        await liaison.Locator(".answer-form textarea").FillAsync("已制定推进方案，11 月底前完成。");
        await liaison.GetByRole(AriaRole.Button, new() { Name = "提交答复" }).ClickAsync();
        (await liaison.Locator(".notice").InnerTextAsync()).ShouldContain("答复已保存");
        (await liaison.Locator(".answer").InnerTextAsync()).ShouldContain("已制定推进方案");
        await liaison.ScreenshotAsync(new() { Path = Path.Combine(AppServer.ArtifactsDirectory, "item-answered-phone.png"), FullPage = true });
    }
}
