using System.Text.Json;
using Microsoft.Playwright;
using Zhenxing.BrowserTests.Pages;

namespace Zhenxing.BrowserTests;

/// <summary>
/// The main menu of each role at 1440×900 and 390×844 (and at 1100 and 1024 px, either side of where it folds): no label breaks, nothing overflows sideways, the less used
/// links fold under 更多, and on a phone the whole menu folds behind one 菜单 button.
/// </summary>
[Collection(nameof(AppServer))]
public sealed class MenuTests(AppServer app)
{
    private static readonly string[] Shared = ["工作简报", "对口支援", "北上对接", "指标", "会议"];

    public static TheoryData<string, int, int> RolesAndWidths()
    {
        var data = new TheoryData<string, int, int>();
        foreach (var role in new[] { "Office", "Liaison", "Leader", "Admin" })
        {
            data.Add(role, 1440, 900);
            data.Add(role, 390, 844);
        }
        // Between phone and desktop: at 1100 px the bar still fits on one row; narrower (a 1024 px laptop) it folds.
        data.Add("Office", 1100, 800);
        data.Add("Admin", 1100, 800);
        data.Add("Office", 1024, 768);
        return data;
    }

    private static (string[] Bar, string[] More) ExpectedLinks(string role) => role switch
    {
        "Office" => (["首页", "审核", "领导看板", "事项台账", "报送轮次", "考评"], [.. Shared, "导入清单", "延期申请", "签收情况", "节假日", "单位管理"]),
        "Liaison" => (["首页", "事项台账", "待报送", "考评"], Shared),
        "Leader" => (["首页", "领导看板", "事项台账", "报送轮次", "考评"], Shared),
        _ => (["首页", "领导看板", "事项台账", "报送轮次", "考评"], [.. Shared, "签收情况", "节假日", "单位管理", "用户管理"]),
    };

    [Theory]
    [MemberData(nameof(RolesAndWidths))]
    public async Task EachRolesMenuFitsWithoutBreakingALabelAndFoldsOnAPhone(string role, int width, int height)
    {
        var page = await SignInAsync(role, width, height);
        var refused = await PolicyViolations.WatchAsync(page);
        await page.GotoAsync("/ledger");
        var menu = new MainMenu(page);
        var (bar, more) = ExpectedLinks(role);
        (await menu.LabelsAsync()).ShouldBe([.. bar, .. more]);
        (await page.Locator(".mainnav > a").AllTextContentsAsync()).ShouldBe(bar);
        (await page.Locator(".mainnav [aria-current=page]").AllTextContentsAsync()).ShouldBe(["事项台账"]);
        await ShouldFitAsync(page, $"{role} {width}");

        if (width >= 1100)
        {
            (await menu.Toggle.IsVisibleAsync()).ShouldBeFalse();
            // Brand, menu and account share one row.
            var barHeight = await page.Locator(".topbar").EvaluateAsync<double>("e => e.getBoundingClientRect().height");
            barHeight.ShouldBeLessThan(60, $"{role}: the top bar wraps onto a second row");
            foreach (var label in bar)
            {
                (await page.Locator(".mainnav > a", new() { HasText = label }).IsVisibleAsync()).ShouldBeTrue(label);
            }
            (await page.Locator(".account a", new() { HasText = "修改密码" }).IsVisibleAsync()).ShouldBeTrue();
            (await page.GetByRole(AriaRole.Button, new() { Name = "退出" }).IsVisibleAsync()).ShouldBeTrue();
            (await menu.More.Locator("a").First.IsVisibleAsync()).ShouldBeFalse();

            await menu.MoreSummary.ClickAsync();
            foreach (var label in more)
            {
                (await menu.More.Locator("a", new() { HasText = label }).IsVisibleAsync()).ShouldBeTrue(label);
            }
            await ShouldFitAsync(page, $"{role} {width} 更多");
            await page.ScreenshotAsync(new() { Path = Path.Combine(AppServer.ArtifactsDirectory, $"menu-{width}-{role}.png") });
            await page.Keyboard.PressAsync("Escape");
            (await menu.More.GetAttributeAsync("open")).ShouldBeNull();
            (await page.EvaluateAsync<bool>("() => document.activeElement.matches('details.more summary')")).ShouldBeTrue();
        }
        else
        {
            // Folded: only the brand and the 菜单 button; the brand on one line.
            (await menu.Toggle.IsVisibleAsync()).ShouldBeTrue();
            (await menu.Menu.IsVisibleAsync()).ShouldBeFalse();
            await page.ScreenshotAsync(new() { Path = Path.Combine(AppServer.ArtifactsDirectory, $"menu-{width}-{role}.png") });
            (await page.Locator(".topbar").EvaluateAsync<double>("e => e.getBoundingClientRect().height")).ShouldBeLessThan(64);

            // The keyboard opens it (the toggle is a real button) and the list shows every one of the role's links.
            await menu.Toggle.FocusAsync();
            await page.Keyboard.PressAsync("Enter");
            (await menu.Toggle.GetAttributeAsync("aria-expanded")).ShouldBe("true");
            foreach (var label in bar.Concat(more).Concat(["通知", "修改密码", "API 密钥"]))
            {
                var link = page.Locator(".topbar a", new() { HasText = label }).First;
                (await link.IsVisibleAsync()).ShouldBeTrue(label);
                (await link.EvaluateAsync<double>("e => e.getBoundingClientRect().height")).ShouldBeGreaterThanOrEqualTo(40, label);
            }
            var signOut = page.GetByRole(AriaRole.Button, new() { Name = "退出" });
            (await signOut.IsVisibleAsync()).ShouldBeTrue();
            (await signOut.EvaluateAsync<double>("e => e.getBoundingClientRect().height")).ShouldBeGreaterThanOrEqualTo(40);
            await ShouldFitAsync(page, $"{role} {width} 菜单");
            await page.ScreenshotAsync(new() { Path = Path.Combine(AppServer.ArtifactsDirectory, $"menu-{width}-{role}-open.png") });

            await page.Keyboard.PressAsync("Escape");
            (await menu.Menu.IsVisibleAsync()).ShouldBeFalse();
            (await page.EvaluateAsync<bool>("() => document.activeElement.classList.contains('menu-toggle')")).ShouldBeTrue();

            // A link under 更多 is followed from the phone menu and marked as the current page there.
            await menu.FollowAsync("会议");
            await page.WaitForURLAsync("**/meetings");
            (await page.Locator(".mainnav [aria-current=page]").AllTextContentsAsync()).ShouldBe(["会议"]);
        }
        refused.Refused.ShouldBeEmpty();
    }

    [Fact]
    public async Task WithoutScriptThePhoneMenuIsShownAsAList()
    {
        await app.AddUserAsync("menu-noscript", "Office", "office-pass-1");
        var context = await app.Browser.NewContextAsync(new() { BaseURL = app.BaseUrl, Locale = "zh-CN", JavaScriptEnabled = false, ViewportSize = new() { Width = 390, Height = 844 } });
        var page = await context.NewPageAsync();
        await new LoginPage(page).OpenAsync();
        await new LoginPage(page).SignInAsync("menu-noscript", "office-pass-1");
        var menu = new MainMenu(page);
        (await menu.Toggle.IsVisibleAsync()).ShouldBeFalse();
        (await page.Locator(".mainnav > a", new() { HasText = "事项台账" }).IsVisibleAsync()).ShouldBeTrue();
        await menu.MoreSummary.ClickAsync();
        (await menu.More.Locator("a", new() { HasText = "单位管理" }).IsVisibleAsync()).ShouldBeTrue();
        await ShouldFitAsync(page, "no script 390");
    }

    private async Task<IPage> SignInAsync(string role, int width, int height)
    {
        var userName = $"menu-{role.ToLowerInvariant()}-{width}";
        if (role == "Admin")
        {
            userName = app.AdminUserName;
        }
        else
        {
            await app.ImportSeedsAsync("001");
            await app.AddUserAsync(userName, role, "menu-pass-1", unit: role == "Liaison" ? "区财政局" : null);
        }
        var page = await app.NewPageAsync(width, height);
        await new LoginPage(page).OpenAsync();
        await new LoginPage(page).SignInAsync(userName, role == "Admin" ? app.AdminPassword : "menu-pass-1");
        return page;
    }

    /// <summary>
    /// Every shown label of the top bar sits on one line (its text no taller than 1.6 line heights), and neither the
    /// bar nor the document scrolls sideways.
    /// </summary>
    private static async Task ShouldFitAsync(IPage page, string where)
    {
        var broken = await page.EvaluateAsync<JsonElement>(
            """
            () => [...document.querySelectorAll(".topbar a, .topbar summary, .topbar button, .topbar .who")]
              .filter(e => e.getClientRects().length > 0 && e.offsetParent !== null)
              .map(e => {
                const range = document.createRange();
                range.selectNodeContents(e);
                const style = getComputedStyle(e);
                const lineHeight = style.lineHeight === "normal" ? parseFloat(style.fontSize) * 1.5 : parseFloat(style.lineHeight);
                return { text: e.textContent.trim(), height: range.getBoundingClientRect().height, lineHeight };
              })
              .filter(l => l.text.length > 0 && (l.height > 1.6 * l.lineHeight))
              .map(l => `${l.text} (${l.height}px)`)
            """);
        broken.EnumerateArray().Select(e => e.GetString()).ShouldBeEmpty($"{where}: labels broken over lines");
        var bar = await page.Locator(".topbar").EvaluateAsync<JsonElement>("e => [e.scrollWidth, e.clientWidth]");
        bar[0].GetDouble().ShouldBeLessThanOrEqualTo(bar[1].GetDouble(), $"{where}: the top bar overflows sideways");
        var document = await page.EvaluateAsync<JsonElement>("() => [document.documentElement.scrollWidth, window.innerWidth]");
        document[0].GetDouble().ShouldBeLessThanOrEqualTo(document[1].GetDouble(), $"{where}: the page scrolls sideways");
    }
}
