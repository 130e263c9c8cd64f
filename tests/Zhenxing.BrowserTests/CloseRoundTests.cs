using Microsoft.Playwright;

namespace Zhenxing.BrowserTests;

/// <summary>Closing a round while reports wait for review: the page lists them and asks 先去审核 or 仍然关闭 (1440×900 and 390×844).</summary>
[Collection(nameof(AppServer))]
public sealed class CloseRoundTests(AppServer app)
{
    [Theory]
    [InlineData(1440, 900)]
    [InlineData(390, 844)]
    public async Task ClosingWithUnreviewedReportsListsThemAndClosesOnlyWhenAskedTwice(int width, int height)
    {
        var unit = $"关闭测试{width}局";
        var file = Path.Combine(Path.GetTempPath(), $"zhenxing-close-{Guid.NewGuid():N}.txt");
        await File.WriteAllTextAsync(file, $"""
            关闭测试{width}区 2026 年重点事项清单

            (共 2 项)

            序号	事项名称	牵头单位	责任单位	完成时限
            一、第一类 (2 项)				
            1	推进关闭测试园区建设。	{unit}		12月底前
            2	完善关闭测试配套政策。	{unit}		12月底前
            """);
        await app.ImportFilesAsync(file);
        File.Delete(file);
        await app.AddUserAsync($"close-office-{width}", "Office", "office-pass-1");
        await app.AddUserAsync($"close-liaison-{width}", "Liaison", "liaison-pass-1", unit: unit);

        var office = await SignInAsync($"close-office-{width}", "office-pass-1", width, height);
        await new Pages.MainMenu(office).FollowAsync("报送轮次");
        await office.Locator("#Form_Name").FillAsync($"关闭测试轮次{width}");
        var today = DateTime.UtcNow.AddHours(8).Date;
        await office.Locator("#Form_OpensOn").FillAsync(today.ToString("yyyy-MM-dd"));
        await office.Locator("#Form_DueOn").FillAsync(today.AddDays(10).ToString("yyyy-MM-dd"));
        await office.Locator("#open-round label.check", new() { HasText = $"关闭测试{width}区" }).Locator("input").CheckAsync();
        await office.GetByRole(AriaRole.Button, new() { Name = "开启轮次" }).ClickAsync();
        await office.WaitForURLAsync("**/rounds/*");
        var roundUrl = office.Url;
        var roundId = roundUrl.Split('/').Last();

        // The liaison submits both items; nobody reviews them.
        var liaison = await SignInAsync($"close-liaison-{width}", "liaison-pass-1", width, height);
        for (var i = 0; i < 2; i++)
        {
            await liaison.GotoAsync("/inbox");
            await liaison.Locator("#inbox a", new() { HasText = "填报" }).First.ClickAsync();
            await liaison.Locator("#Status").SelectOptionAsync("InProgress");
            await liaison.Locator("#Narrative").FillAsync("按计划推进。");
            await liaison.GetByRole(AriaRole.Button, new() { Name = "提交" }).ClickAsync();
            await liaison.Locator(".notice").WaitForAsync();
        }

        var asked = new List<string>();
        office.Dialog += (_, dialog) =>
        {
            asked.Add(dialog.Message);
            dialog.AcceptAsync();
        };
        await office.GotoAsync(roundUrl);
        (await office.Locator("#round-counts [data-count=pending]").InnerTextAsync()).ShouldBe("2");
        await office.GetByRole(AriaRole.Button, new() { Name = "关闭轮次" }).ClickAsync();
        var confirm = office.Locator("#close-confirm");
        await confirm.WaitForAsync();
        asked.ShouldBeEmpty();
        (await office.Locator("#close-round").CountAsync()).ShouldBe(0, "the page asks one question: 先去审核 or 仍然关闭");
        (await confirm.Locator("h2").InnerTextAsync()).ShouldBe("还有 2 份报送待审核");
        (await confirm.Locator("#close-unreviewed li").AllInnerTextsAsync())
            .ShouldBe([$"{unit}（牵头）：《关闭测试{width}区2026年重点事项清单》第1项", $"{unit}（牵头）：《关闭测试{width}区2026年重点事项清单》第2项"]);
        (await confirm.Locator("#review-first").GetAttributeAsync("href")).ShouldBe($"/review?round={roundId}");
        await confirm.ScrollIntoViewIfNeededAsync();
        await office.ScreenshotAsync(new() { Path = Path.Combine(AppServer.ArtifactsDirectory, $"close-round-confirm-{width}.png") });
        (await office.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth")).ShouldBeTrue("nothing overflows sideways");

        await office.GetByRole(AriaRole.Button, new() { Name = "仍然关闭" }).ClickAsync();
        await office.WaitForURLAsync("**/status");
        asked.ShouldBe(["这 2 份报送将保持“待审核”，确定仍然关闭本轮次？"]);
        (await office.Locator(".notice").InnerTextAsync()).ShouldContain("关闭时仍有 2 份报送未经审核，保持“待审核”");
        (await office.Locator("#round-counts [data-count=pending]").InnerTextAsync()).ShouldBe("2");
        await office.ScreenshotAsync(new() { Path = Path.Combine(AppServer.ArtifactsDirectory, $"close-round-closed-{width}.png") });
    }

    private async Task<IPage> SignInAsync(string userName, string password, int width, int height)
    {
        var page = await app.NewPageAsync(width, height);
        var login = new Pages.LoginPage(page);
        await login.OpenAsync();
        await login.SignInAsync(userName, password);
        return page;
    }
}
