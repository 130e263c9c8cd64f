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
}
