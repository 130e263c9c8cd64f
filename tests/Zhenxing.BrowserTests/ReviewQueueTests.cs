using Microsoft.Playwright;
using Zhenxing.BrowserTests.Pages;

namespace Zhenxing.BrowserTests;

/// <summary>The Office's review queue: 采纳 with stars and 退回 with a picked reason in place, without losing the position.</summary>
[Collection(nameof(AppServer))]
public sealed class ReviewQueueTests(AppServer app)
{
    [Theory]
    [InlineData(1440, 900)]
    [InlineData(390, 844)]
    public async Task TheOfficeAcceptsAndReturnsInPlaceAndKeepsItsPlace(int width, int height)
    {
        var unit = $"测试区审核{width}局";
        var list = $"""
            浏览器审核{width} 2026 年重点事项清单

            (共 5 项)

            序号	事项名称	牵头单位	责任单位	完成时限
            一、第一类 (5 项)				
            1	审核事项一：推进园区道路建设。	{unit}		12月底前
            2	审核事项二：完善产业扶持政策。	{unit}		12月底前
            3	审核事项三：开展招商引资活动。	{unit}		12月底前
            4	审核事项四：建设人才公寓。	{unit}		12月底前
            5	审核事项五：推进数字政务平台。	{unit}		12月底前
            """;
        var file = Path.Combine(Path.GetTempPath(), $"zhenxing-review-{Guid.NewGuid():N}.txt");
        await File.WriteAllTextAsync(file, list);
        await app.ImportFilesAsync(file);
        File.Delete(file);
        await app.AddUserAsync($"review-office-{width}", "Office", "office-pass-1");
        await app.AddUserAsync($"review-liaison-{width}", "Liaison", "liaison-pass-1", unit: unit);

        var office = await app.SignedInPageAsync($"review-office-{width}", "office-pass-1", width);
        await office.SetViewportSizeAsync(width, height);
        await office.GotoAsync("/rounds");
        await office.Locator("#Form_Name").FillAsync($"审核测试{width}轮");
        var today = DateTime.UtcNow.AddHours(8).Date;
        await office.Locator("#Form_OpensOn").FillAsync(today.AddDays(-1).ToString("yyyy-MM-dd"));
        await office.Locator("#Form_DueOn").FillAsync(today.AddDays(10).ToString("yyyy-MM-dd"));
        await office.Locator("#open-round label.check", new() { HasText = $"浏览器审核{width}" }).Locator("input").CheckAsync();
        await office.GetByRole(AriaRole.Button, new() { Name = "开启轮次" }).ClickAsync();
        await office.WaitForURLAsync("**/rounds/*");

        // The liaison submits all five, each with its own problems.
        var liaison = await app.SignedInPageAsync($"review-liaison-{width}", "liaison-pass-1");
        await liaison.GotoAsync("/inbox");
        var forms = await liaison.Locator("#inbox a", new() { HasText = "填报" }).EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))");
        forms.Length.ShouldBe(5);
        foreach (var (href, n) in forms.Select((h, i) => (h, i + 1)))
        {
            await liaison.GotoAsync(href);
            await liaison.Locator("#Status").SelectOptionAsync("PositiveProgress");
            await liaison.Locator("#Narrative").FillAsync($"第{n}份：本月完成了既定的阶段目标，相关工作按计划推进，资金已到位。\n下一步将加快进度。");
            await liaison.Locator("#Problems").FillAsync($"问题{n}：用地指标紧张，需市级协调。");
            await liaison.Locator("#NextSteps").FillAsync($"下步{n}：月底前完成用地预审。");
            await liaison.GetByRole(AriaRole.Button, new() { Name = "提交" }).ClickAsync();
            await liaison.WaitForLoadStateAsync();
        }

        // The Office's home is the queue; 审核 in the menu carries the count; the unit filter narrows it to these five.
        await office.GotoAsync("/");
        await office.WaitForURLAsync("**/review");
        await new MainMenu(office).FollowAsync("审核");
        await office.WaitForURLAsync("**/review");
        (await office.Locator(".mainnav a[href='/review']").GetAttributeAsync("data-count")).ShouldNotBeNull();
        if (!await office.Locator("#f-unit").IsVisibleAsync())
        {
            await office.Locator(".review-filters summary").ClickAsync();
        }
        await office.Locator("#f-unit").SelectOptionAsync(new SelectOptionValue { Label = unit });
        await office.GetByRole(AriaRole.Button, new() { Name = "筛选" }).ClickAsync();
        await office.WaitForURLAsync(new System.Text.RegularExpressions.Regex(@"/review\?.*unit=\d+"));
        var entries = office.Locator("#review-queue .review-entry");
        (await entries.CountAsync()).ShouldBe(5);
        await office.ScreenshotAsync(new() { Path = Path.Combine(AppServer.ArtifactsDirectory, $"review-{width}-queue.png") });
        await office.EvaluateAsync("() => { window.reviewMarker = 'not reloaded'; }");

        // 采纳 the second entry with 4 stars: replaced by its outcome, the third comes into view, the page stays where it was.
        var second = entries.Nth(1);
        await second.EvaluateAsync("e => e.scrollIntoView({ block: 'start', behavior: 'instant' })");
        await second.Locator(".stars label").Nth(1).ClickAsync();
        (await second.Locator(".star-text").InnerTextAsync()).ShouldBe("4 星");
        await second.GetByRole(AriaRole.Button, new() { Name = "采纳" }).ClickAsync();
        await second.Locator(".outcome").WaitForAsync();
        (await second.Locator(".outcome").InnerTextAsync()).ShouldBe("已采纳（4 星）。");
        await ShouldBeInViewAsync(office, entries.Nth(2));

        // 退回 the third with a picked reason (r focuses the reason first).
        var third = entries.Nth(2);
        await office.Keyboard.PressAsync("r");
        (await office.EvaluateAsync<bool>("() => document.activeElement.matches('.review-entry.current textarea[name=reason]')")).ShouldBeTrue();
        (await third.GetAttributeAsync("class"))!.ShouldContain("current");
        await third.Locator("label.check", new() { HasText = "缺少佐证材料" }).ClickAsync();
        await third.GetByRole(AriaRole.Button, new() { Name = "退回" }).ClickAsync();
        await third.Locator(".outcome").WaitForAsync();
        (await third.Locator(".outcome").InnerTextAsync()).ShouldContain("退回原因：缺少佐证材料");
        await ShouldBeInViewAsync(office, entries.Nth(3));
        await office.ScreenshotAsync(new() { Path = Path.Combine(AppServer.ArtifactsDirectory, $"review-{width}.png") });

        // From the keyboard: j moves to the fifth, a accepts it unrated.
        await office.Keyboard.PressAsync("j");
        (await entries.Nth(4).GetAttributeAsync("class"))!.ShouldContain("current");
        await office.Keyboard.PressAsync("a");
        await entries.Nth(4).Locator(".outcome").WaitForAsync();
        (await entries.Nth(4).Locator(".outcome").InnerTextAsync()).ShouldBe("已采纳。");
        (await office.EvaluateAsync<string>("() => window.reviewMarker")).ShouldBe("not reloaded");
        (await office.Locator("#review-total").InnerTextAsync()).ShouldNotBeEmpty();
    }

    /// <summary>The page was not sent back to the top and the entry is on screen.</summary>
    private static async Task ShouldBeInViewAsync(IPage page, ILocator entry)
    {
        (await page.EvaluateAsync<double>("() => window.scrollY")).ShouldBeGreaterThan(0);
        var top = await entry.EvaluateAsync<double>("e => e.getBoundingClientRect().top");
        var viewport = await page.EvaluateAsync<double>("() => window.innerHeight");
        top.ShouldBeInRange(-1, viewport - 40);
        (await entry.GetAttributeAsync("class"))!.ShouldContain("current");
    }
}
