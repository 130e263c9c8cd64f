using Microsoft.Playwright;

namespace Zhenxing.BrowserTests.Pages;

public sealed class ImportPages(IPage page)
{
    public async Task OpenAsync() => await page.GotoAsync("/imports");

    public async Task UploadAsync(string path)
    {
        await page.Locator("#Upload").SetInputFilesAsync(path);
        await page.GetByRole(AriaRole.Button, new() { Name = "上传并预览" }).ClickAsync();
        await page.WaitForURLAsync("**/imports/*");
    }

    public async Task ConfirmAsync()
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "确认导入" }).ClickAsync();
        await page.WaitForURLAsync("**/imports");
    }

    public ILocator ListPreviews => page.Locator(".list-preview");
    public ILocator Diff => page.Locator(".list-preview .diff");
    public ILocator ExportMatch => page.Locator(".list-preview .export-match");
    public ILocator Notice => page.Locator(".notice");
    public ILocator History => page.Locator("#history");
}
