using Microsoft.Playwright;

namespace Zhenxing.BrowserTests.Pages;

/// <summary>The liaison trips page (/trips) and the monthly compliance view (/trips/compliance).</summary>
public sealed class TripsPage(IPage page)
{
    public async Task OpenAsync() => await page.GotoAsync("/trips");

    public async Task LogAsync(string date, string people, bool principal, string level, string destination, string? itemSearch = null)
    {
        var form = page.Locator("#trip-form");
        await form.ScrollIntoViewIfNeededAsync();
        await form.Locator("#Trip_TravelledOn").FillAsync(date);
        await form.Locator("#Trip_People").FillAsync(people);
        await form.Locator("#Trip_PrincipalLeaderWent").SetCheckedAsync(principal);
        await form.Locator("#Trip_Level").SelectOptionAsync(new SelectOptionValue { Label = level });
        await form.Locator("#Trip_Destination").FillAsync(destination);
        if (itemSearch is not null)
        {
            await form.Locator("#item-search").FillAsync(itemSearch);
            var item = form.Locator("#item-picker label:not([hidden]) input").First;
            await item.ScrollIntoViewIfNeededAsync();
            await item.CheckAsync();
        }
        await form.GetByRole(AriaRole.Button, new() { Name = "登记" }).ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
    }

    public ILocator Notice => page.Locator(".notice");
    public ILocator Trips => page.Locator("#trip-list tbody tr");

    public async Task OpenComplianceAsync(string month) => await page.GotoAsync($"/trips/compliance?month={month}");

    public ILocator ComplianceRow(string unit) => page.Locator($"#compliance tr[data-unit='{unit}']");
}
