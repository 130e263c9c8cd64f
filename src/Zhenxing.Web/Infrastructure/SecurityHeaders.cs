using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Zhenxing.Web.Infrastructure;

/// <summary>
/// The headers every response carries (pages, the API, static files, error pages): a Content-Security-Policy under
/// which a browser runs only the app's own script files — no inline script, no handler attributes, no
/// <c>javascript:</c> addresses — so that text that slipped into a page as HTML cannot run; no framing, no MIME
/// sniffing, no referrer sent to other sites.
/// </summary>
public static partial class SecurityHeaders
{
    /// <summary>The API reference (Scalar) starts itself with an inline script and styles itself with style elements.</summary>
    public const string ApiDocsPath = "/api/docs";

    // Inline style attributes stay allowed: ECharts writes its tooltips as HTML with style attributes, and a few
    // pages set a bar's width or a row's indent with one. Style elements and style sheets from elsewhere are not.
    public const string PagePolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; style-src-attr 'unsafe-inline'; img-src 'self'; "
        + "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app)
    {
        app.Use((context, next) =>
        {
            // Set when the response starts, so that an error page written after the headers were cleared has them too.
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                if (!headers.ContainsKey("Content-Security-Policy"))
                {
                    headers.ContentSecurityPolicy = PagePolicy;
                }
                headers.XContentTypeOptions = "nosniff";
                // Replaces the SAMEORIGIN that anti-forgery writes on pages with a form: no page is meant to be framed.
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "same-origin";
                return Task.CompletedTask;
            });
            return next(context);
        });
        // The reference page itself, not its script and style files (which have an extension).
        return app.UseWhen(
            context => context.Request.Path.StartsWithSegments(ApiDocsPath) && !Path.HasExtension(context.Request.Path.Value),
            docs => docs.Use(AllowOwnInlineScriptsAsync));
    }

    /// <summary>The reference page's policy: its own inline scripts by their hash, style elements, and images as data.</summary>
    public static string ApiDocsPolicy(IEnumerable<string> inlineScripts) =>
        $"default-src 'self'; script-src 'self'{string.Concat(inlineScripts.Select(s => $" 'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(s)))}'"))}; "
        + "style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; "
        + "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    // The page is generated from the app's own OpenAPI options, never from stored data: hashing the scripts it holds
    // allows exactly those, whatever the next Scalar version writes there.
    private static async Task AllowOwnInlineScriptsAsync(HttpContext context, RequestDelegate next)
    {
        var original = context.Response.Body;
        using var page = new MemoryStream();
        context.Response.Body = page;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = original;
        }
        if (context.Response.ContentType?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) == true)
        {
            var html = Encoding.UTF8.GetString(page.GetBuffer(), 0, (int)page.Length);
            context.Response.Headers.ContentSecurityPolicy = ApiDocsPolicy(InlineScript().Matches(html).Select(m => m.Groups["body"].Value));
        }
        page.Position = 0;
        await page.CopyToAsync(original, context.RequestAborted);
    }

    [GeneratedRegex(@"<script(?![^>]*\ssrc\s*=)[^>]*>(?<body>.*?)</script>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();
}
