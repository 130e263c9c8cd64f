using Zhenxing.BrowserTests.Pages;
using Zhenxing.Testing;

namespace Zhenxing.BrowserTests;

[Collection(nameof(AppServer))]
public sealed class ImportTests(AppServer app)
{
    [Fact]
    public async Task TheOfficeUploadsSeed002_ChecksThePreviewAndConfirms()
    {
        await app.AddUserAsync("office-import", "Office", "office-pass-1");
        var page = await app.NewPageAsync();
        await new LoginPage(page).OpenAsync();
        await new LoginPage(page).SignInAsync("office-import", "office-pass-1");
        var imports = new ImportPages(page);
        await imports.OpenAsync();

        await imports.UploadAsync(Seeds.Path("002"));

        (await imports.ListPreviews.CountAsync()).ShouldBe(2);
        (await imports.ListPreviews.Nth(1).InnerTextAsync()).ShouldContain("声明共 113 项，识别 113 项");
        (await page.Locator("table.categories tr.bad").CountAsync()).ShouldBe(0);
        await page.ScreenshotAsync(new() { Path = Path.Combine(AppServer.ArtifactsDirectory, "import-preview-002.png") });

        await imports.ConfirmAsync();

        (await imports.Notice.InnerTextAsync()).ShouldContain("新增事项 134 项");
        (await imports.History.InnerTextAsync()).ShouldContain("已导入");
    }

    [Theory]
    [InlineData(1440)]
    [InlineData(390)]
    public async Task TheOfficeUploadsANoticeWithNoList_SeesTheLayoutsTriedAndTheFirstLines(int width)
    {
        await app.AddUserAsync($"office-nolist-{width}", "Office", "office-pass-1");
        var page = await app.SignedInPageAsync($"office-nolist-{width}", "office-pass-1", width: width);
        var file = Path.Combine(Path.GetTempPath(), $"关于做好年度总结的通知-{width}.txt");
        await File.WriteAllTextAsync(file, string.Join("\n", Enumerable.Range(1, 12).Select(i => $"第{i}段：请各科室于12月20日前报送年度工作总结，总结应包括全年工作完成情况、存在的问题和明年工作打算。")));
        var imports = new ImportPages(page);
        await imports.OpenAsync();

        try
        {
            await imports.UploadAsync(file);
        }
        finally
        {
            File.Delete(file);
        }

        (await page.Locator("#errors").InnerTextAsync()).ShouldContain("已尝试的版式");
        (await page.Locator("#first-lines li").CountAsync()).ShouldBe(8);
        (await page.Locator("#first-lines li").Last.InnerTextAsync()).ShouldStartWith("第8段");
        (await page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "确认导入" }).CountAsync()).ShouldBe(0);
        (await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth")).ShouldBeTrue("the page must not scroll sideways");
        await page.ScreenshotAsync(new() { Path = Path.Combine(AppServer.ArtifactsDirectory, $"import-no-list-{width}.png"), FullPage = true });
    }
}
