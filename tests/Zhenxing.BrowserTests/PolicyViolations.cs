using Microsoft.Playwright;

namespace Zhenxing.BrowserTests;

/// <summary>
/// What a page's Content-Security-Policy refused, as Chromium reports it: the <c>securitypolicyviolation</c> event
/// and its console message ("Refused to execute inline script …").
/// </summary>
public sealed class PolicyViolations
{
    private readonly List<string> _refused = [];

    public IReadOnlyList<string> Refused
    {
        get { lock (_refused) { return _refused.ToList(); } }
    }

    /// <summary>Watches every document the page opens from now on.</summary>
    public static async Task<PolicyViolations> WatchAsync(IPage page)
    {
        var violations = new PolicyViolations();
        await page.ExposeFunctionAsync("zhenxingPolicyViolation", (string what) => violations.Add($"{page.Url}: {what}"));
        await page.AddInitScriptAsync(
            """
            document.addEventListener("securitypolicyviolation", (e) =>
              window.zhenxingPolicyViolation(`${e.violatedDirective} refused ${e.blockedURI || "inline"} (${e.sourceFile}:${e.lineNumber})`), true);
            """);
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
            {
                violations.Add($"{page.Url}: {message.Text}");
            }
        };
        return violations;
    }

    private void Add(string what)
    {
        lock (_refused)
        {
            _refused.Add(what);
        }
    }
}
