using Microsoft.Playwright;

namespace Zhenxing.BrowserTests.Pages;

/// <summary>
/// The top bar's menu: at phone width folded behind the 菜单 button, the less used links under 更多.
/// </summary>
public sealed class MainMenu(IPage page)
{
    public ILocator Toggle => page.Locator(".topbar .menu-toggle");
    public ILocator Menu => page.Locator("#menu");
    public ILocator More => page.Locator(".mainnav details.more");
    public ILocator MoreSummary => More.Locator("summary");

    /// <summary>Every menu link's label, those under 更多 included, in their order (whether shown or folded).</summary>
    public async Task<IReadOnlyList<string>> LabelsAsync() =>
        (await page.Locator(".mainnav a").AllTextContentsAsync()).Select(t => t.Trim()).ToList();

    /// <summary>On a phone, opens the folded menu with the 菜单 button; wider, the menu is already shown.</summary>
    public async Task OpenAsync()
    {
        if (await Toggle.IsVisibleAsync() && await Toggle.GetAttributeAsync("aria-expanded") != "true")
        {
            await Toggle.ClickAsync();
        }
    }

    /// <summary>Follows a menu link as a user would: opening the menu on a phone, and 更多 when the link is under it.</summary>
    public async Task FollowAsync(string label)
    {
        await OpenAsync();
        var link = page.Locator(".mainnav a", new() { HasTextRegex = new System.Text.RegularExpressions.Regex($"^{label}$") });
        if (!await link.IsVisibleAsync() && await More.Locator("a", new() { HasTextRegex = new System.Text.RegularExpressions.Regex($"^{label}$") }).CountAsync() > 0)
        {
            await MoreSummary.ClickAsync();
        }
        await link.ClickAsync();
    }
}
