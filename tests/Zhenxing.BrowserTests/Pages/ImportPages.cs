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

    /// <summary>"这一列是…": picks the meaning of the column with that header and reads the document again.</summary>
    public async Task ChooseColumnAsync(string header, string role)
    {
        await page.Locator("#columns label.column-role", new() { HasText = $"“{header}”" }).Locator("select").SelectOptionAsync(new SelectOptionValue { Label = role });
        await ReloadedAfterAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "按所选含义重新读取" }).ClickAsync());
    }

    /// <summary>Opens the item's "更正单位", types its units and saves them.</summary>
    public async Task CorrectUnitsAsync(string itemText, string lead, string responsible)
    {
        var row = ItemRow(itemText);
        await row.Locator("details.correct-units summary").ClickAsync();
        await row.GetByLabel("牵头单位").FillAsync(lead);
        await row.GetByLabel("责任单位").FillAsync(responsible);
        await ReloadedAfterAsync(() => row.GetByRole(AriaRole.Button, new() { Name = "保存更正" }).ClickAsync());
    }

    /// <summary>The preview posts and comes back to its own address: wait for that page, not the one it replaces.</summary>
    private async Task ReloadedAfterAsync(Func<Task> click)
    {
        await page.RunAndWaitForResponseAsync(click, r => r.Request.Method == "GET" && r.Request.ResourceType == "document");
        await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
    }

    public ILocator ItemRow(string text) => page.Locator("table.items tbody tr", new() { HasText = text });
    public ILocator DoubtsSummary => page.Locator("#doubts-summary");
    public ILocator ReadingMessage => page.Locator("#reading-message");
    public ILocator ListPreviews => page.Locator(".list-preview");
    public ILocator Diff => page.Locator(".list-preview .diff");
    public ILocator ExportMatch => page.Locator(".list-preview .export-match");
    public ILocator Notice => page.Locator(".notice");
    public ILocator History => page.Locator("#history");
}
