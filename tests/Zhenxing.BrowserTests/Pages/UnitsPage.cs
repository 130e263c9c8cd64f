using Microsoft.Playwright;

namespace Zhenxing.BrowserTests.Pages;

public sealed class UnitsPage(IPage page)
{
    public async Task OpenAsync() => await page.GotoAsync("/admin/units");

    public async Task AddAsync(string name, string kind, string aliases)
    {
        var form = page.Locator("#add-unit");
        await form.GetByLabel("单位名称").FillAsync(name);
        await form.GetByLabel("单位类别").SelectOptionAsync(new SelectOptionValue { Label = kind });
        await form.GetByLabel("简称 / 别名").FillAsync(aliases);
        await form.GetByRole(AriaRole.Button, new() { Name = "添加" }).ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
    }

    public ILocator Notice => page.Locator(".notice");
    public ILocator Directory => page.Locator("#units");
}
