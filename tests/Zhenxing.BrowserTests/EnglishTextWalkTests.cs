using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Zhenxing.Testing;

namespace Zhenxing.BrowserTests;

/// <summary>
/// The English walk: each role signs in, follows every link of its menu and, from those pages, the links of their first
/// rows and tabs (two steps deep, one page per address shape), and meets the common error states; every page's visible
/// text, its title, placeholder and aria-label attributes and its options must be Chinese. Latin words are allowed only
/// from a short list, from the imported documents (unit names, document numbers), user names and e-mail addresses.
/// Pages are found from the menu, so pages added later are walked too.
/// On a server of its own: seeds 001–004 with the demo reporting history, as ./run.sh sets it up.
/// </summary>
public sealed partial class EnglishTextWalkTests : IAsyncLifetime
{
    private static readonly HashSet<string> Allowed = new(StringComparer.OrdinalIgnoreCase)
    {
        "API", "JSON", "Excel", "Word", "CSV", "PDF", "ID", "URL", "SMTP", "HTTP", "HTTPS",
        // File formats and sizes the upload hints name, text recognition, and the keys of a keyboard shortcut.
        "docx", "doc", "wps", "rtf", "odt", "xlsx", "xls", "et", "ods", "html", "htm", "txt", "JPG", "JPEG", "PNG", "MB", "KB", "OCR", "Ctrl", "Mac",
    };

    private readonly AppServer app = new();
    private readonly HashSet<string> dataWords = new(StringComparer.Ordinal);
    private readonly List<string> userNames = [WriteDemoOfficeUserName];
    private const string WriteDemoOfficeUserName = "demo-office";

    public Task InitializeAsync() => app.InitializeAsync();

    public Task DisposeAsync() => app.DisposeAsync();

    [Fact]
    public async Task NoPageOfAnyRoleShowsEnglishWords()
    {
        string[] seeds = ["001", "002", "003", "004"];
        await app.ImportSeedsAsync(seeds);
        var demo = await ZhenxingExecutable.RunAsync(["demo", .. app.DatabaseSwitches]);
        demo.ExitCode.ShouldBe(0, demo.Output + demo.Error);
        foreach (var seed in seeds)
        {
            foreach (Match word in LatinWord().Matches(await File.ReadAllTextAsync(Seeds.Path(seed))))
            {
                dataWords.Add(word.Value);
            }
        }
        await app.AddUserAsync("walk-office", "Office", "walk-pass-1");
        await app.AddUserAsync("walk-liaison", "Liaison", "walk-pass-1", unit: "区财政局");
        await app.AddUserAsync("walk-leader", "Leader", "walk-pass-1");
        userNames.AddRange(["walk-office", "walk-liaison", "walk-leader", app.AdminUserName]);

        var found = new List<string>();
        var walked = new Dictionary<string, int>();
        foreach (var (role, user, password) in new[]
        {
            ("Office", "walk-office", "walk-pass-1"), ("Liaison", "walk-liaison", "walk-pass-1"),
            ("Leader", "walk-leader", "walk-pass-1"), ("Admin", app.AdminUserName, app.AdminPassword),
        })
        {
            var page = await SignInAsync(user, password, 1440, 900);
            walked[role] = await WalkAsync(page, $"{role} 1440", depth: 2, found);
            await ErrorStatesAsync(page, role, found);
            await page.Context.CloseAsync();
        }
        foreach (var (role, user, password) in new[] { ("Office", "walk-office", "walk-pass-1"), ("Liaison", "walk-liaison", "walk-pass-1") })
        {
            var phone = await SignInAsync(user, password, 390, 844);
            await WalkAsync(phone, $"{role} 390", depth: 0, found);
            await phone.Context.CloseAsync();
        }

        walked["Office"].ShouldBeGreaterThan(30);
        walked["Liaison"].ShouldBeGreaterThan(10);
        found.ShouldBeEmpty($"English words on {found.Count} pages:\n" + string.Join("\n", found));
    }

    private async Task<IPage> SignInAsync(string user, string password, int width, int height)
    {
        var page = await app.NewPageAsync(width, height);
        var login = new Pages.LoginPage(page);
        await login.OpenAsync();
        await CheckAsync(page, $"{width} sign-in page", []);
        await login.SignInAsync(user, password);
        return page;
    }

    /// <summary>
    /// Visits the menu's pages, then (up to <paramref name="depth"/> steps) the links found on them, one page per address
    /// shape (digits taken for ids): the first row of each list stands for all. Returns how many pages were walked.
    /// </summary>
    private async Task<int> WalkAsync(IPage page, string who, int depth, List<string> found)
    {
        await page.GotoAsync("/");
        var menu = await page.Locator(".topbar a[href^='/']").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))");
        var shapes = new HashSet<string>(StringComparer.Ordinal);
        var queue = new Queue<(string Url, int Depth)>(menu.Where(Walkable).Distinct().Select(u => (u, 0)));
        foreach (var (url, _) in queue)
        {
            shapes.Add(Shape(url));
        }
        var walked = 0;
        while (queue.Count > 0 && walked < 90)
        {
            var (url, level) = queue.Dequeue();
            IResponse? response;
            try
            {
                response = await page.GotoAsync(url);
            }
            catch (PlaywrightException e) when (e.Message.Contains("Download is starting", StringComparison.Ordinal))
            {
                continue;
            }
            if (response is null || !(response.Headers.GetValueOrDefault("content-type") ?? "").StartsWith("text/html", StringComparison.Ordinal))
            {
                continue;
            }
            walked++;
            await CheckAsync(page, $"{who} {url}", found);
            if (level >= depth)
            {
                continue;
            }
            var links = await page.Locator("main a[href^='/']").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))");
            foreach (var link in links.Where(Walkable))
            {
                if (shapes.Add(Shape(link)))
                {
                    queue.Enqueue((link, level + 1));
                }
            }
        }
        return walked;
    }

    /// <summary>404, 403, a form sent empty, a bad date and a bad number, a malformed and a stale version.</summary>
    private async Task ErrorStatesAsync(IPage page, string role, List<string> found)
    {
        await page.GotoAsync("/no-such-page");
        await CheckAsync(page, $"{role} 404", found);
        if (role == "Liaison")
        {
            await page.GotoAsync("/admin/users");
            await CheckAsync(page, $"{role} 403", found);
        }
        if (role != "Office")
        {
            return;
        }

        await page.GotoAsync("/rounds");
        await NoBrowserChecksAsync(page);
        await page.Locator("#open-round button[type=submit]").First.ClickAsync();
        await CheckAsync(page, "Office round form sent empty", found);
        (await page.Locator("#open-round .errors").InnerTextAsync()).ShouldContain("请填写");
        await page.ScreenshotAsync(new() { Path = Path.Combine(AppServer.ArtifactsDirectory, "chinese-form-errors-1440.png"), FullPage = true });

        await page.GotoAsync("/rounds");
        await NoBrowserChecksAsync(page);
        await page.Locator("#Form_OpensOn").FillAsync("2026-02-30");
        await page.Locator("#open-round button[type=submit]").First.ClickAsync();
        await CheckAsync(page, "Office round form with an impossible date", found);
        (await page.Locator("#open-round .errors").InnerTextAsync()).ShouldContain("开始日期“2026-02-30”无效");

        await page.GotoAsync("/ledger");
        var item = await page.Locator("#ledger td.text a").First.GetAttributeAsync("href");
        foreach (var (version, what) in new[] { ("abc", "a malformed version"), ("9999", "a stale version") })
        {
            await page.GotoAsync(item + "/edit");
            await NoBrowserChecksAsync(page);
            await page.Locator("input[name='Form.Version']").EvaluateAsync("(e, v) => e.value = v", version);
            await page.Locator("#edit-item button[type=submit]").First.ClickAsync();
            await CheckAsync(page, $"Office item edit with {what}", found);
            (await page.Locator("main").InnerTextAsync()).ShouldNotContain("Version");
        }
        (await page.Locator("#conflict").IsVisibleAsync()).ShouldBeTrue("a stale version shows the conflict");

        await page.GotoAsync("/ledger");
        await page.Locator("#ledger td.text a").First.ClickAsync();
        await page.Locator("#history").ScrollIntoViewIfNeededAsync();
        await page.Locator("#history").ScreenshotAsync(new() { Path = Path.Combine(AppServer.ArtifactsDirectory, "chinese-history-1440.png") });
    }

    /// <summary>Turns every input into plain text and drops the browser's own checks, so the server's messages show.</summary>
    private static async Task NoBrowserChecksAsync(IPage page) => await page.EvaluateAsync(
        """
        () => {
          document.querySelectorAll("form").forEach(f => f.noValidate = true);
          document.querySelectorAll("input[type=date], input[type=number]").forEach(i => i.type = "text");
        }
        """);

    private async Task CheckAsync(IPage page, string where, List<string> found)
    {
        var text = await page.EvaluateAsync<string>(
            """
            () => {
              // Code, commands and keys are not prose: hidden while the text is read (a key "a" must not cut every "a" out).
              const code = [...document.querySelectorAll("code, pre, kbd")];
              const shown = code.map(e => e.style.display);
              code.forEach(e => e.style.display = "none");
              const parts = [document.title, document.body.innerText];
              code.forEach((e, i) => e.style.display = shown[i]);
              for (const e of document.querySelectorAll("[title], [placeholder], [aria-label], img[alt]")) {
                for (const name of ["title", "placeholder", "aria-label", "alt"]) {
                  const value = e.getAttribute(name);
                  if (value && e.tagName.toLowerCase() !== "svg") parts.push(value);
                }
              }
              document.querySelectorAll("option").forEach(o => parts.push(o.textContent));
              document.querySelectorAll("input[type=submit], input[type=button]").forEach(i => parts.push(i.value));
              let all = parts.join("\n");
              return all;
            }
            """);
        text = Email().Replace(text, " ");
        text = FileName().Replace(text, " ");
        text = Address().Replace(text, " ");
        foreach (var name in userNames.OrderByDescending(n => n.Length))
        {
            text = text.Replace(name, " ", StringComparison.Ordinal);
        }
        var words = LatinWord().Matches(text).Select(m => m.Value)
            .Where(w => !Allowed.Contains(w) && !dataWords.Contains(w))
            .Distinct().ToList();
        if (words.Count > 0)
        {
            // Each word with the text around it, so that the failure says where on the page it stands.
            found.Add($"{where}: {string.Join("；", words.Select(w => Around(text, w)))}");
        }
    }

    private static string Around(string text, string word)
    {
        var at = Regex.Match(text, $@"\b{Regex.Escape(word)}\b").Index;
        var from = Math.Max(0, at - 15);
        return $"{word}（“{text.Substring(from, Math.Min(text.Length - from, word.Length + 30)).ReplaceLineEndings(" ")}”）";
    }

    /// <summary>Pages of the app: not the API (its reference is a third-party viewer), files or signing out.</summary>
    private static bool Walkable(string href) =>
        !href.StartsWith("/api", StringComparison.Ordinal) && !href.StartsWith("/account/logout", StringComparison.Ordinal)
        && !FileLink().IsMatch(href);

    private static string Shape(string href)
    {
        var path = href.Split('#')[0];
        var query = path.Contains('?') ? path[(path.IndexOf('?') + 1)..] : "";
        path = path.Split('?')[0];
        var keys = query.Split('&', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=')[0]).Order(StringComparer.Ordinal);
        return Digits().Replace(path, "{n}") + "?" + string.Join("&", keys);
    }

    [GeneratedRegex(@"[A-Za-z]{2,}")]
    private static partial Regex LatinWord();

    [GeneratedRegex(@"[\w.+-]+@[\w-]+(\.[\w-]+)+")]
    private static partial Regex Email();

    /// <summary>An uploaded file's name (data, like "001_55351cf2987fb478.txt").</summary>
    [GeneratedRegex(@"[\w\-\u4e00-\u9fff]+\.(txt|docx?|xlsx?|pdf|wps|rtf|odt|et|ods|html?|jpe?g|png)\b", RegexOptions.IgnoreCase)]
    private static partial Regex FileName();

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex Address();

    [GeneratedRegex(@"\d+")]
    private static partial Regex Digits();

    [GeneratedRegex(@"(\.(xlsx|docx|pdf|csv|zip|json)(\?|$))|/export|/download|/evidence|/files?/", RegexOptions.IgnoreCase)]
    private static partial Regex FileLink();
}
