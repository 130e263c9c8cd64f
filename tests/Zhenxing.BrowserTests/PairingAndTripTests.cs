using Microsoft.Playwright;
using Zhenxing.BrowserTests.Pages;

namespace Zhenxing.BrowserTests;

/// <summary>The pairing registry and the liaison trips in the browser, over the imported pairing scheme (seed 003).</summary>
[Collection(nameof(AppServer))]
public sealed class PairingAndTripTests(AppServer app)
{
    private static string Today => DateTime.UtcNow.AddHours(8).ToString("yyyy-MM-dd");

    [Fact]
    public async Task TheRegistrySwitchesViewsOpensAPairingAndTheCountysLiaisonFilesAnActivity()
    {
        await app.ImportSeedsAsync("003");
        await app.AddUserAsync("pairing-office", "Office", "office-pass-1");
        await app.AddUserAsync("pairing-ruijin", "Liaison", "liaison-pass-1", unit: "瑞金市");

        var office = await app.SignedInPageAsync("pairing-office", "office-pass-1", width: 1400);
        var registry = new PairingsPage(office);
        await registry.OpenAsync();
        (await registry.Count.InnerTextAsync()).ShouldBe("61 个结对");
        (await registry.Table.GetAttributeAsync("data-view")).ShouldBe("Unit");

        await registry.ViewAsync("按市");
        (await registry.Table.GetAttributeAsync("data-view")).ShouldBe("City");
        (await office.Locator("#pairings tr.city-row").AllInnerTextsAsync()).Select(t => t.Split('（')[0]).ShouldBe(["赣州市", "吉安市", "抚州市", "龙岩市", "三明市"]);
        await office.ScreenshotAsync(new() { Path = Path.Combine(AppServer.ArtifactsDirectory, "pairings-by-city.png"), FullPage = true });

        // The filter is in the URL and survives a change of view.
        await office.Locator("#pairing-filters input[name=county]").FillAsync("瑞金");
        await office.Locator("#pairing-filters button[type=submit]").ClickAsync();
        await office.WaitForURLAsync("**/pairings?*county=*");
        await registry.ViewAsync("按受援县");
        office.Url.ShouldContain("view=county");
        office.Url.ShouldContain("county=");
        (await registry.Rows.CountAsync()).ShouldBe(2);
        await registry.OpenPairingAsync("瑞金市", "财政部");
        (await registry.Title.InnerTextAsync()).ShouldBe("财政部 对口支援 瑞金市");
        (await office.Locator("#pairing-history tbody tr").CountAsync()).ShouldBe(2);
        var pairingUrl = office.Url;

        // The county's liaison files a research visit; a missing rank is named in Chinese first.
        var liaison = await app.SignedInPageAsync("pairing-ruijin", "liaison-pass-1", width: 1400);
        await liaison.GotoAsync(pairingUrl);
        var page = new PairingsPage(liaison);
        await liaison.Locator("#Activity_Kind").SelectOptionAsync("ResearchVisit");
        (await liaison.Locator("fieldset[data-for='Cadre']").IsHiddenAsync()).ShouldBeTrue();
        (await liaison.Locator("fieldset[data-for='ResearchVisit']").IsVisibleAsync()).ShouldBeTrue();
        await liaison.Locator("#Activity_People").FillAsync("财政部副部长 某某");
        await liaison.Locator("#Activity_OccurredOn").FillAsync(Today);
        await liaison.Locator("#activity-form").GetByRole(AriaRole.Button, new() { Name = "填报" }).ClickAsync();
        (await page.Errors.InnerTextAsync()).ShouldContain("请选择领导职级");
        await page.FileResearchVisitAsync(Today, "财政部副部长 某某", principal: false, "调研革命老区转移支付使用情况");
        (await page.Notice.InnerTextAsync()).ShouldContain("已填报");
        (await page.Activities.CountAsync()).ShouldBe(1);
        (await page.Activities.First.InnerTextAsync()).ShouldContain("财政部副部长 某某（其他负责同志）来调研");
        await liaison.ScreenshotAsync(new() { Path = Path.Combine(AppServer.ArtifactsDirectory, "pairing-activity.png"), FullPage = true });

        // Another county's pairing has no form for this liaison.
        await liaison.GotoAsync("/pairings?view=county&county=" + Uri.EscapeDataString("于都"));
        await new PairingsPage(liaison).OpenPairingAsync("于都县", "国家卫生健康委");
        (await liaison.Locator("#activity-form").CountAsync()).ShouldBe(0);

        // The Office sees the figures count it.
        await office.GotoAsync("/pairings/figures");
        (await office.Locator("[data-figure=leaders]").InnerTextAsync()).ShouldBe("1");
        await office.ScreenshotAsync(new() { Path = Path.Combine(AppServer.ArtifactsDirectory, "pairing-figures.png"), FullPage = true });
        await office.GotoAsync("/pairings/evaluation");
        (await office.Locator("#by-county tr[data-row='瑞金市']").InnerTextAsync()).ShouldContain("瑞金市");
        await office.ScreenshotAsync(new() { Path = Path.Combine(AppServer.ArtifactsDirectory, "pairing-evaluation.png"), FullPage = false });
    }

    [Fact]
    public async Task ALiaisonLogsTripsAndItsUnitTurnsGreenInTheMonthlyView()
    {
        await app.ImportSeedsAsync("003");
        await app.AddUserAsync("trips-ningdu", "Liaison", "liaison-pass-1", unit: "宁都县");
        var month = Today[..7];

        var liaison = await app.SignedInPageAsync("trips-ningdu", "liaison-pass-1", width: 1400);
        var trips = new TripsPage(liaison);
        await trips.OpenComplianceAsync(month);
        (await trips.ComplianceRow("宁都县").GetAttributeAsync("data-verdict")).ShouldBe("red");
        (await trips.ComplianceRow("宁都县").InnerTextAsync()).ShouldContain("本月主要负责同志赴省直厅局对接 0 次");

        await trips.OpenAsync();
        await trips.LogAsync(Today, "县委书记 某某、县长 某某", principal: true, "省直部门", "省发展改革委");
        (await trips.Notice.InnerTextAsync()).ShouldContain("赴省发展改革委对接");
        await trips.OpenComplianceAsync(month);
        var row = trips.ComplianceRow("宁都县");
        (await row.GetAttributeAsync("data-verdict")).ShouldBe("red");
        (await row.Locator(".reasons").InnerTextAsync()).ShouldContain("赴国家部委对接 0 次");

        await trips.OpenAsync();
        await trips.LogAsync(Today, "县长 某某", principal: true, "国家部委", "人力资源社会保障部");
        (await trips.Trips.CountAsync()).ShouldBe(2);
        (await liaison.Locator("#trip-list").InnerTextAsync()).ShouldContain("人力资源社会保障部（国家部委）");
        await trips.OpenComplianceAsync(month);
        (await trips.ComplianceRow("宁都县").GetAttributeAsync("data-verdict")).ShouldBe("green");
        (await trips.ComplianceRow("宁都县").Locator(".verdict").InnerTextAsync()).ShouldBe("达标");
        await liaison.ScreenshotAsync(new() { Path = Path.Combine(AppServer.ArtifactsDirectory, "trips-compliance.png"), FullPage = true });

        // Deleting a trip asks first; answering no keeps it.
        await trips.OpenAsync();
        await liaison.Locator("#trip-list tbody tr a[href^='/trips/']").First.ClickAsync();
        var asked = new List<string>();
        liaison.Dialog += (_, dialog) =>
        {
            asked.Add(dialog.Message);
            dialog.DismissAsync();
        };
        await liaison.GetByRole(AriaRole.Button, new() { Name = "删除" }).ClickAsync();
        asked.ShouldBe(["确定删除这条北上对接记录？"]);
        await trips.OpenAsync();
        (await trips.Trips.CountAsync()).ShouldBe(2);
    }
}
