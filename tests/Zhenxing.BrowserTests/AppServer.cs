using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Zhenxing.Testing;

namespace Zhenxing.BrowserTests;

/// <summary>
/// The real app, started as `zhenxing serve` on a fresh SQLite database in a temporary folder, exactly as
/// ./run.sh starts it, plus headless Chromium driven by Playwright.
/// </summary>
public sealed partial class AppServer : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "zhenxing-browser", Guid.NewGuid().ToString("N"));
    private readonly StringBuilder _output = new();
    private Process? _process;
    private IPlaywright? _playwright;

    public string BaseUrl { get; private set; } = "";
    public string AdminUserName { get; private set; } = "";
    public string AdminPassword { get; private set; } = "";
    public IBrowser Browser { get; private set; } = null!;

    /// <summary>The SMTP server the app sends reminders to.</summary>
    public SmtpSink Mail { get; } = new();

    public static string ArtifactsDirectory
    {
        get
        {
            var directory = Path.Combine(ZhenxingExecutable.RepositoryRoot(), "artifacts", "screenshots");
            Directory.CreateDirectory(directory);
            return directory;
        }
    }

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        var port = FreePort();
        BaseUrl = $"http://127.0.0.1:{port}";
        // Every page of every test signs in from 127.0.0.1: the sign-in limit per address is raised above the suite's
        // sign-ins (the integration tests prove the limit itself).
        _process = Process.Start(ZhenxingExecutable.StartInfo(
            ["serve", "--urls", BaseUrl, "--Smtp:Host=127.0.0.1", $"--Smtp:Port={Mail.Port}", "--Auth:SignInsPerAddress=1000"], _directory))!;
        _process.OutputDataReceived += (_, e) => { lock (_output) { _output.AppendLine(e.Data); } };
        _process.ErrorDataReceived += (_, e) => { lock (_output) { _output.AppendLine(e.Data); } };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await WaitUntilHealthyAsync();

        var printed = Output;
        AdminUserName = UserNameLine().Match(printed).Groups[1].Value;
        AdminPassword = PasswordLine().Match(printed).Groups[1].Value;
        if (AdminPassword.Length == 0)
        {
            throw new InvalidOperationException("The first start printed no administrator password:\n" + printed);
        }

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });

        // The printed password is temporary: the first sign-in leads to 修改密码, where the suite chooses its own.
        var first = await NewPageAsync();
        await new Pages.LoginPage(first).OpenAsync();
        await new Pages.LoginPage(first).SignInAsync(AdminUserName, AdminPassword);
        if (!first.Url.EndsWith("/account/password", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("The first administrator's first sign-in did not lead to the password page: " + first.Url);
        }
        // Not containing the user name (admin), which the password rules refuse.
        var chosen = "suite-pass-" + Guid.NewGuid().ToString("N")[..8];
        var passwordPage = new Pages.PasswordPage(first);
        await passwordPage.ChangeAsync(AdminPassword, chosen);
        if (!(await passwordPage.Notice.AllInnerTextsAsync()).Any(t => t.Contains("密码已修改", StringComparison.Ordinal)))
        {
            throw new InvalidOperationException("The first administrator's new password was refused: " + await first.Locator(".errors").AllInnerTextsAsync().ContinueWith(t => string.Join(" ", t.Result)));
        }
        AdminPassword = chosen;
        await first.Context.CloseAsync();
    }

    /// <summary>Switches that point a `zhenxing` command at this server's database.</summary>
    public string[] DatabaseSwitches => [$"--ConnectionStrings:Zhenxing=Data Source={Path.Combine(_directory, "data", "zhenxing.db")}"];

    /// <summary>Adds a user through `zhenxing user add`, as an operator would.</summary>
    public async Task AddUserAsync(string userName, string role, string password, string? unit = null, string? email = null)
    {
        string[] unitSwitch = [.. unit is null ? [] : new[] { "--unit", unit }, .. email is null ? [] : new[] { "--email", email }];
        var result = await ZhenxingExecutable.RunAsync(["user", "add", "--name", userName, "--role", role, .. unitSwitch, "--password-stdin", .. DatabaseSwitches], password);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"user add {userName} failed: {result.Output}{result.Error}");
        }
    }

    /// <summary>Imports seed documents through `zhenxing import` (a second import of the same file changes nothing).</summary>
    public async Task ImportSeedsAsync(params string[] prefixes) => await ImportFilesAsync(prefixes.Select(Seeds.Path).ToArray());

    public async Task ImportFilesAsync(params string[] files)
    {
        var result = await ZhenxingExecutable.RunAsync(["import", .. files, .. DatabaseSwitches]);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"import failed: {result.Output}{result.Error}");
        }
    }

    public async Task<IPage> SignedInPageAsync(string userName, string password, int width = 1280)
    {
        var page = await NewPageAsync(width);
        var login = new Pages.LoginPage(page);
        await login.OpenAsync();
        await login.SignInAsync(userName, password);
        return page;
    }

    public string Output
    {
        get { lock (_output) { return _output.ToString(); } }
    }

    public async Task<IPage> NewPageAsync(int width = 1280, int height = 800)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl,
            Locale = "zh-CN",
            ViewportSize = new ViewportSize { Width = width, Height = height },
        });
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }
        _playwright?.Dispose();
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process?.Dispose();
        await Mail.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    private async Task WaitUntilHealthyAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            if (_process!.HasExited)
            {
                throw new InvalidOperationException("zhenxing serve exited:\n" + Output);
            }
            try
            {
                if ((await http.GetAsync(BaseUrl + "/healthz")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }
            await Task.Delay(250);
        }
        throw new TimeoutException("zhenxing serve did not become healthy:\n" + Output);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex(@"用户名：(\S+)")]
    private static partial Regex UserNameLine();

    [GeneratedRegex(@"密\s*码：(\S+)")]
    private static partial Regex PasswordLine();
}

[CollectionDefinition(nameof(AppServer))]
public sealed class AppServerCollection : ICollectionFixture<AppServer>;
