using Microsoft.Playwright;
using Zhenxing.Testing;

namespace Zhenxing.BrowserTests;

/// <summary>On a server of its own: seeds 001–004 with the demo history, whose targets come from seeds 002 and 004.</summary>
public sealed class TargetsTests : IAsyncLifetime
{
    private readonly AppServer app = new();

    public Task InitializeAsync() => app.InitializeAsync();

    public Task DisposeAsync() => app.DisposeAsync();

    [Fact]
    public async Task TheOfficeSeesTheTargetsOpensOneAndConfirmsACandidateFromSeed004()
    {
        await app.ImportSeedsAsync("001", "002", "003", "004");
        var demo = await ZhenxingExecutable.RunAsync(["demo", .. app.DatabaseSwitches]);
        demo.ExitCode.ShouldBe(0, demo.Output + demo.Error);
        await app.AddUserAsync("targets-office", "Office", "office-pass-1");

        var page = await app.SignedInPageAsync("targets-office", "office-pass-1", width: 1400);
        await new Pages.MainMenu(page).FollowAsync("指标");
        await page.WaitForURLAsync("**/targets");
        (await page.Locator("#targets tr[data-target]").CountAsync()).ShouldBe(9);
        (await page.Locator("[data-count=OnTrack] b").InnerTextAsync()).ShouldBe("4");
        (await page.Locator("[data-count=Behind] b").InnerTextAsync()).ShouldBe("4");
        (await page.Locator("[data-count=NoData] b").InnerTextAsync()).ShouldBe("1");
        (await page.Locator("#targets tr.group").AllInnerTextsAsync()).ShouldContain(t => t.Contains("市财政局") && t.Contains("2 项"));
        await page.ScreenshotAsync(new() { Path = Path.Combine(AppServer.ArtifactsDirectory, "targets.png"), FullPage = true });

        // Grouped by source document, filtered to those behind: the URL carries the view.
        await page.GotoAsync("/targets?group=source&state=Behind");
        (await page.Locator("#targets tr[data-target]").CountAsync()).ShouldBe(4);
        (await page.Locator("#targets tr.group").AllInnerTextsAsync()).ShouldContain(t => t.Contains("赣苏振领发〔2020〕1号"));

        // One target: the trajectory against the accepted values, and every value with its round.
        await page.GotoAsync("/targets");
        await page.Locator("#targets a", new() { HasText = "地区生产总值" }).ClickAsync();
        await page.WaitForURLAsync("**/targets/*");
        (await page.Locator("#target-state").InnerTextAsync()).ShouldContain("滞后");
        (await page.Locator("#target-state").InnerTextAsync()).ShouldContain("进度应达 5500.34");
        (await page.Locator("#trajectory-chart circle.on").CountAsync()).ShouldBe(1);
        (await page.Locator("#trajectory-chart circle.behind").CountAsync()).ShouldBe(2);
        (await page.Locator("#target-values tbody tr").CountAsync()).ShouldBe(4);
        (await page.Locator("#target-source").InnerTextAsync()).ShouldContain("经济总量向6000亿元迈进");
        await page.ScreenshotAsync(new() { Path = Path.Combine(AppServer.ArtifactsDirectory, "target-detail.png"), FullPage = true });

        // Candidates from the imported seed 004: nothing stored until the Office confirms the one it keeps.
        await page.GotoAsync("/targets");
        await page.Locator("#candidates-link").ClickAsync();
        await page.Locator("#DocumentId").SelectOptionAsync(new SelectOptionValue { Label = "八大行动" });
        await page.Locator("#SourceName").FillAsync("市第六次党代会报告");
        await page.GetByRole(AriaRole.Button, new() { Name = "提取候选指标" }).ClickAsync();
        var row = page.Locator("#candidates tr[data-candidate]").Filter(new() { Has = page.Locator("input[name$='.Title'][value='赣州经开区营收']") });
        (await row.CountAsync()).ShouldBe(1);
        (await row.Locator("input[name$='.TargetValue']").InputValueAsync()).ShouldBe("2000");
        (await row.Locator("input[name$='.MeasureUnit']").InputValueAsync()).ShouldBe("亿元");
        (await row.Locator("input[name$='.TargetYear']").InputValueAsync()).ShouldBe("2025");
        await page.ScreenshotAsync(new() { Path = Path.Combine(AppServer.ArtifactsDirectory, "target-candidates.png"), FullPage = true });
        await row.Locator("input[name$='.Selected']").CheckAsync();
        await row.Locator("input[name$='.OwnerUnit']").FillAsync("市工信局");
        await row.Locator("input[name$='.BaselineValue']").FillAsync("1300");
        await page.Locator("#confirm-candidates").ClickAsync();
        await page.WaitForURLAsync("**/targets/*");
        (await page.Locator("h1").InnerTextAsync()).ShouldBe("赣州经开区营收");
        (await page.Locator("#target-facts").InnerTextAsync()).ShouldContain("2025 年 不低于 2000 亿元");
        (await page.Locator("#target-source").InnerTextAsync()).ShouldContain("市第六次党代会报告");
        (await page.Locator("#target-source").InnerTextAsync()).ShouldContain("赣州经开区营收突破2000亿元");
        await page.GotoAsync("/targets");
        (await page.Locator("#targets tr[data-target]").CountAsync()).ShouldBe(10);
    }
}
