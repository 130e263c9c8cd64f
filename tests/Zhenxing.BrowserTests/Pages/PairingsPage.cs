using Microsoft.Playwright;

namespace Zhenxing.BrowserTests.Pages;

/// <summary>The pairing registry (/pairings) and a pairing's page with its activity log.</summary>
public sealed class PairingsPage(IPage page)
{
    public async Task OpenAsync() => await page.GotoAsync("/pairings");

    public async Task ViewAsync(string tab)
    {
        await page.Locator(".tabs a", new() { HasText = tab }).ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
    }

    public ILocator Table => page.Locator("#pairings");
    public ILocator Rows => page.Locator("#pairings tbody tr[data-pairing]");
    public ILocator Count => page.Locator("#pairing-count");

    public async Task OpenPairingAsync(string county, string supporter)
    {
        var link = page.Locator($"#pairings tr[data-county='{county}'] a", new() { HasText = supporter });
        await link.ScrollIntoViewIfNeededAsync();
        await link.ClickAsync();
        await page.WaitForURLAsync("**/pairings/*");
    }

    public ILocator Title => page.Locator("#pairing-title");
    public ILocator Activities => page.Locator("#activity-table tbody tr");

    /// <summary>Files a leader's research visit with the activity form.</summary>
    public async Task FileResearchVisitAsync(string date, string leader, bool principal, string topic)
    {
        var form = page.Locator("#activity-form");
        await form.ScrollIntoViewIfNeededAsync();
        await form.Locator("#Activity_Kind").SelectOptionAsync("ResearchVisit");
        await form.Locator("#Activity_OccurredOn").FillAsync(date);
        await form.Locator("#Activity_People").FillAsync(leader);
        await form.Locator("#Activity_LeaderRank").SelectOptionAsync(principal ? "Principal" : "Deputy");
        await form.Locator("#Activity_Title").FillAsync(topic);
        await form.GetByRole(AriaRole.Button, new() { Name = "填报" }).ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
    }

    public ILocator Errors => page.Locator("#activity-form .errors");
    public ILocator Notice => page.Locator(".notice");
}
