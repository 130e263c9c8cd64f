using System.Text.Json;
using Microsoft.Playwright;

namespace Zhenxing.BrowserTests;

/// <summary>
/// The daily screens' layout at 1440×900 and 390×844: action buttons never break a label, long tables keep their
/// header in view and /trips pages by 50, and the ledger, an item and a round print on A4 without the menu and
/// without cutting a column.
/// </summary>
[Collection(nameof(AppServer))]
public sealed class LayoutTests(AppServer app)
{
    public static TheoryData<int, int> Widths() => new() { { 1440, 900 }, { 390, 844 } };

    /// <summary>A list of three items whose lead units are named after the width, so that each run has its own units.</summary>
    /// <returns>The lead unit and the words that name the list (in the round form, among others).</returns>
    private async Task<(string Lead, string ListTitle)> ImportListAsync(int width)
    {
        var title = $"布局测试{width}区 2026 年重点事项清单";
        var lead = $"布局测试{width}区经发局";
        var text = $"""
            {title}

            (共 3 项)

            序号	事项名称	牵头单位	责任单位	完成时限
            一、第一类 (3 项)				
            1	事项甲：推进布局测试园区建设，完成标准厂房、道路管网、污水处理等配套设施，争取列入省级重点项目。	{lead}	布局测试{width}区财政局	12月底前
            2	事项乙：完善布局测试财政支持政策。	{lead}		12月底前
            3	事项丙：开展布局测试党建宣传。	布局测试{width}区财政局		12月底前
            """;
        var file = Path.Combine(Path.GetTempPath(), $"zhenxing-layout-{Guid.NewGuid():N}.txt");
        await File.WriteAllTextAsync(file, text);
        await app.ImportFilesAsync(file);
        File.Delete(file);
        return (lead, $"布局测试{width}区");
    }

    private async Task<string> OpenRoundAsync(IPage office, string listTitle, int width)
    {
        await office.GotoAsync("/rounds");
        await office.Locator("#Form_Name").FillAsync($"布局测试轮次{width}");
        var today = DateTime.UtcNow.AddHours(8).Date;
        await office.Locator("#Form_OpensOn").FillAsync(today.AddDays(-1).ToString("yyyy-MM-dd"));
        await office.Locator("#Form_DueOn").FillAsync(today.AddDays(10).ToString("yyyy-MM-dd"));
        await office.Locator("#open-round label.check", new() { HasText = listTitle }).Locator("input").CheckAsync();
        await office.GetByRole(AriaRole.Button, new() { Name = "开启轮次" }).ClickAsync();
        await office.WaitForURLAsync("**/rounds/*");
        return new Uri(office.Url).AbsolutePath;
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public async Task FormButtonsKeepTheirLabelsOnOneLine(int width, int height)
    {
        var (lead, listTitle) = await ImportListAsync(width);
        await app.AddUserAsync($"layout-office-{width}", "Office", "office-pass-1");
        await app.AddUserAsync($"layout-liaison-{width}", "Liaison", "liaison-pass-1", unit: lead);
        var office = await app.SignedInPageAsync($"layout-office-{width}", "office-pass-1", width);
        await office.SetViewportSizeAsync(width, height);
        var roundPath = await OpenRoundAsync(office, listTitle, width);

        // The liaison's report form: 保存草稿 and 提交 side by side, each on one line.
        var liaison = await app.NewPageAsync(width, height);
        await liaison.GotoAsync("/account/login");
        await new Pages.LoginPage(liaison).SignInAsync($"layout-liaison-{width}", "liaison-pass-1");
        await liaison.GotoAsync("/inbox");
        await liaison.Locator("#inbox a", new() { HasText = "填报" }).First.ClickAsync();
        await liaison.WaitForURLAsync("**/report");
        await ButtonsShouldFitAsync(liaison, $"填报 {width}");
        var draft = await liaison.GetByRole(AriaRole.Button, new() { Name = "保存草稿" }).BoundingBoxAsync();
        var submit = await liaison.GetByRole(AriaRole.Button, new() { Name = "提交", Exact = true }).BoundingBoxAsync();
        draft.ShouldNotBeNull();
        submit.ShouldNotBeNull();
        submit.Y.ShouldBe(draft.Y, 1, "保存草稿 and 提交 share one row");
        await liaison.Locator(".form-actions").ScrollIntoViewIfNeededAsync();
        await liaison.ScreenshotAsync(new() { Path = Path.Combine(AppServer.ArtifactsDirectory, $"layout-report-{width}.png") });

        // The Office's forms: the item editor, the ledger's filters and bulk bar, the round, the trips form.
        await office.GotoAsync("/ledger?q=" + Uri.EscapeDataString("布局测试园区"));
        var itemPath = await office.Locator("#ledger td.text a").First.GetAttributeAsync("href");
        foreach (var path in new[] { $"{itemPath}/edit", itemPath!, "/ledger", roundPath, "/rounds", "/trips", "/dashboard" })
        {
            await office.GotoAsync(path);
            await ButtonsShouldFitAsync(office, $"{path} {width}");
        }
        await office.GotoAsync($"{itemPath}/edit");
        await office.ScreenshotAsync(new() { Path = Path.Combine(AppServer.ArtifactsDirectory, $"layout-item-edit-{width}.png"), FullPage = true });
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public async Task TripsArePagedByFiftyAndLongTablesKeepTheirHeaderInView(int width, int height)
    {
        var (lead, _) = await ImportListAsync(width + 1);
        await app.AddUserAsync($"layout-trips-{width}", "Office", "office-pass-1");
        var office = await app.SignedInPageAsync($"layout-trips-{width}", "office-pass-1", width);
        await office.SetViewportSizeAsync(width, height);
        await office.GotoAsync("/trips");
        var created = await office.EvaluateAsync<int>(
            """
            async unit => {
              const token = document.querySelector('#trip-form input[name=__RequestVerificationToken]').value;
              let created = 0;
              for (let i = 0; i < 60; i++) {
                const day = new Date(Date.UTC(2025, 0, 1 + i)).toISOString().slice(0, 10);
                const response = await fetch('/api/v1/trips', {
                  method: 'POST',
                  headers: { 'Content-Type': 'application/json', RequestVerificationToken: token },
                  body: JSON.stringify({ unit, travelledOn: day, people: '局长 布局' + i, principalLeaderWent: i % 2 === 0, level: 'Provincial', destination: '省发展改革委' }),
                });
                if (response.status === 201) created++;
              }
              return created;
            }
            """, lead);
        created.ShouldBe(60);
        await office.GotoAsync("/trips");

        await office.Locator("#trip-filters select[name=unit]").SelectOptionAsync(new SelectOptionValue { Label = lead });
        await office.GetByRole(AriaRole.Button, new() { Name = "筛选" }).ClickAsync();
        await office.WaitForURLAsync("**/trips?*unit=*");
        (await office.Locator("#trip-total").InnerTextAsync()).ShouldBe("60");
        (await office.Locator("#trip-list tr[data-trip]").CountAsync()).ShouldBe(50);
        (await office.Locator("#trip-pager").InnerTextAsync()).ShouldContain("第 1 / 2 页");

        // The header stays at the top of the table's box while the rows scroll under it.
        var stuck = await office.Locator("#trip-list .table-wrap").EvaluateAsync<JsonElement>(
            """
            wrap => {
              wrap.scrollIntoView();
              wrap.scrollTop = 600;
              const head = wrap.querySelector('thead th').getBoundingClientRect().top;
              return [wrap.scrollTop, head - wrap.getBoundingClientRect().top];
            }
            """);
        stuck[0].GetDouble().ShouldBeGreaterThan(0, "the table scrolls inside its box");
        stuck[1].GetDouble().ShouldBe(0, 1.5, "the header stays at the top of the box");
        await office.ScreenshotAsync(new() { Path = Path.Combine(AppServer.ArtifactsDirectory, $"layout-trips-{width}.png") });

        await office.Locator("#trip-pager a[rel=next]").ClickAsync();
        await office.WaitForURLAsync("**/trips?*page=2*");
        new Uri(office.Url).Query.ShouldContain("unit=");
        (await office.Locator("#trip-list tr[data-trip]").CountAsync()).ShouldBe(10);
        (await office.Locator("#trip-pager").InnerTextAsync()).ShouldContain("第 2 / 2 页");
        await ButtonsShouldFitAsync(office, $"/trips page 2 {width}");
        await office.Locator("#trip-pager").ScrollIntoViewIfNeededAsync();
        await office.ScreenshotAsync(new() { Path = Path.Combine(AppServer.ArtifactsDirectory, $"layout-trips-page2-{width}.png") });
    }

    [Fact]
    public async Task TheLedgerAnItemAndARoundPrintOnA4WithoutTheMenuAndWithEveryColumn()
    {
        var (_, listTitle) = await ImportListAsync(7);
        await app.AddUserAsync("layout-print", "Office", "office-pass-1");
        var office = await app.SignedInPageAsync("layout-print", "office-pass-1", 1440);
        var roundPath = await OpenRoundAsync(office, listTitle, 7);
        await office.GotoAsync("/ledger?q=" + Uri.EscapeDataString("布局测试园区"));
        var itemPath = await office.Locator("#ledger td.text a").First.GetAttributeAsync("href");
        (await office.GetByRole(AriaRole.Button, new() { Name = "打印" }).IsVisibleAsync()).ShouldBeTrue();

        // A4 is 210 mm wide; less the 10 mm margins that leaves 190 mm, 718 CSS pixels.
        const int printable = 718;
        foreach (var (name, path, table) in new[] { ("ledger", "/ledger", "#ledger"), ("item", itemPath!, "#history"), ("round", roundPath, "#obligations") })
        {
            var page = office;
            await page.SetViewportSizeAsync(1440, 900);
            await page.EmulateMediaAsync(new() { Media = Media.Screen });
            await page.GotoAsync(path);
            (await page.GetByRole(AriaRole.Button, new() { Name = "打印" }).IsVisibleAsync()).ShouldBeTrue($"{name}: a 打印 button");
            var columns = await page.Locator($"{table} thead th").CountAsync();

            await page.SetViewportSizeAsync(printable, 1000);
            await page.EmulateMediaAsync(new() { Media = Media.Print });
            (await page.Locator(".topbar").IsVisibleAsync()).ShouldBeFalse($"{name}: the menu is not printed");
            (await page.Locator("main button:visible, main .filters:visible, main .pager:visible").CountAsync()).ShouldBe(0, $"{name}: no buttons or filters");
            var fit = await page.Locator(table).EvaluateAsync<JsonElement>(
                """
                t => {
                  const heads = [...t.querySelectorAll('thead th')].filter(th => getComputedStyle(th).display !== 'none');
                  return { table: t.scrollWidth, wrap: t.parentElement.scrollWidth, page: document.documentElement.scrollWidth,
                           right: Math.max(...heads.map(th => th.getBoundingClientRect().right)), shown: heads.length,
                           group: getComputedStyle(t.querySelector('thead')).display, font: parseFloat(getComputedStyle(t).fontSize) };
                }
                """);
            fit.GetProperty("table").GetDouble().ShouldBeLessThanOrEqualTo(printable, $"{name}: the table fits the A4 width");
            fit.GetProperty("page").GetDouble().ShouldBeLessThanOrEqualTo(printable, $"{name}: nothing is cut at the right");
            fit.GetProperty("right").GetDouble().ShouldBeLessThanOrEqualTo(printable, $"{name}: the last column is on the page");
            fit.GetProperty("group").GetString().ShouldBe("table-header-group", $"{name}: the header repeats on every page");
            fit.GetProperty("font").GetDouble().ShouldBeLessThan(12, $"{name}: small type");
            // Every column but the selection boxes is printed.
            var selection = await page.Locator($"{table} thead th.select").CountAsync();
            fit.GetProperty("shown").GetInt32().ShouldBe(columns - selection, $"{name}: every column is printed");

            var pdf = Path.Combine(AppServer.ArtifactsDirectory, $"print-{name}.pdf");
            var bytes = await page.PdfAsync(new() { Path = pdf, Format = "A4", PrintBackground = true });
            bytes.Length.ShouldBeGreaterThan(1000);
            await page.ScreenshotAsync(new() { Path = Path.Combine(AppServer.ArtifactsDirectory, $"print-{name}.png"), FullPage = true });
            await page.EmulateMediaAsync(new() { Media = Media.Screen });
        }
    }

    /// <summary>Every shown button (and button-styled link) of the page keeps its label on one line and inside the page.</summary>
    internal static async Task ButtonsShouldFitAsync(IPage page, string where)
    {
        var broken = await page.EvaluateAsync<JsonElement>(
            """
            () => [...document.querySelectorAll("main button, main .button, main input[type=submit]")]
              .filter(e => e.getClientRects().length > 0 && e.offsetParent !== null)
              .map(e => {
                const range = document.createRange();
                range.selectNodeContents(e);
                const style = getComputedStyle(e);
                const lineHeight = style.lineHeight === "normal" ? parseFloat(style.fontSize) * 1.5 : parseFloat(style.lineHeight);
                const box = e.getBoundingClientRect();
                return { text: (e.textContent || e.value || "").trim(), height: e.tagName === "INPUT" ? 0 : range.getBoundingClientRect().height, lineHeight, right: box.right };
              })
              .filter(b => b.text.length > 0 && (b.height > 1.6 * b.lineHeight || b.right > document.documentElement.clientWidth + 0.5))
              .map(b => `${b.text} (${b.height}px, right ${b.right})`)
            """);
        broken.EnumerateArray().Select(e => e.GetString()).ShouldBeEmpty($"{where}: buttons whose label breaks or that stick out");
    }
}
