using Microsoft.Playwright;

namespace Zhenxing.BrowserTests.Pages;

/// <summary>修改密码 (/account/password): where a user whose password someone else chose is sent until they choose their own.</summary>
public sealed class PasswordPage(IPage page)
{
    public ILocator ForcedNotice => page.Locator("#forced-change");
    public ILocator Notice => page.Locator(".notice");

    public async Task ChangeAsync(string current, string newPassword)
    {
        await page.Locator("#Current").FillAsync(current);
        await page.Locator("#New").FillAsync(newPassword);
        await page.Locator("#Confirm").FillAsync(newPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "修改密码", Exact = true }).ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
    }
}
