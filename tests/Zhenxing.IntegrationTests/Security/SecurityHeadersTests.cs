using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Zhenxing.IntegrationTests.Infrastructure;
using Zhenxing.Web.Features.Users;

namespace Zhenxing.IntegrationTests.Security;

/// <summary>
/// Every response — page, API answer, static file, error page — carries a policy under which a browser runs only the
/// app's script files, and refuses framing, MIME sniffing and referrers to other sites.
/// </summary>
public abstract class SecurityHeadersTests(ZhenxingAppFactory app) : IntegrationTest(app)
{
    private static void ShouldCarryTheHeaders(HttpResponseMessage response, string what)
    {
        var policy = Header(response, "Content-Security-Policy", what);
        var directives = policy.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .ToDictionary(d => d.Split(' ')[0], d => d);
        directives["script-src"].ShouldBe("script-src 'self'", what);
        directives["object-src"].ShouldBe("object-src 'none'", what);
        directives["base-uri"].ShouldBe("base-uri 'self'", what);
        directives["frame-ancestors"].ShouldBe("frame-ancestors 'none'", what);
        directives["default-src"].ShouldBe("default-src 'self'", what);
        directives["style-src"].ShouldBe("style-src 'self'", what);
        Header(response, "X-Content-Type-Options", what).ShouldBe("nosniff", what);
        Header(response, "X-Frame-Options", what).ShouldBe("DENY", what);
        Header(response, "Referrer-Policy", what).ShouldBe("same-origin", what);
    }

    private static string Header(HttpResponseMessage response, string name, string what)
    {
        var values = response.Headers.TryGetValues(name, out var found) ? found.ToList()
            : response.Content.Headers.TryGetValues(name, out var content) ? content.ToList() : [];
        values.Count.ShouldBe(1, $"{what}: {name}");
        return values[0];
    }

    [Fact]
    public async Task PagesApiAnswersStaticFilesAndErrorPagesCarryTheHeaders()
    {
        await App.AddUserAsync("office1", Role.Office);
        var anonymous = App.CreateBrowser();
        var office = await App.SignInAsync("office1");

        // The sign-in page has a form, on which anti-forgery would say SAMEORIGIN.
        ShouldCarryTheHeaders(await anonymous.GetAsync("/account/login"), "sign-in page");
        var ledger = await office.GetAsync("/ledger");
        ledger.StatusCode.ShouldBe(HttpStatusCode.OK);
        ShouldCarryTheHeaders(ledger, "ledger page");
        var api = await office.GetAsync("/api/v1/units");
        api.StatusCode.ShouldBe(HttpStatusCode.OK);
        ShouldCarryTheHeaders(api, "API answer");
        ShouldCarryTheHeaders(await anonymous.GetAsync("/api/v1/items"), "API 401 problem");
        var script = await anonymous.GetAsync("/js/dashboard.js");
        script.StatusCode.ShouldBe(HttpStatusCode.OK);
        ShouldCarryTheHeaders(script, "static file");
        var missing = await office.GetAsync("/no-such-page");
        missing.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        ShouldCarryTheHeaders(missing, "404 page");
        ShouldCarryTheHeaders(await anonymous.GetAsync("/healthz"), "health check");
    }

    [Fact]
    public async Task TheErrorPageOfAnUnexpectedErrorCarriesTheHeadersToo()
    {
        await App.AddUserAsync("office1", Role.Office);
        // The exception handler clears the headers of the failed response before it writes the error page.
        await using var broken = App.WithWebHostBuilder(builder => builder.ConfigureServices(services =>
            services.AddScoped<Zhenxing.Web.Features.Ledger.LedgerQuery>(_ => throw new InvalidOperationException("broken on purpose"))));
        var office = broken.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        await office.PostFormAsync("/account/login", new() { ["UserName"] = "office1", ["Password"] = "correct-horse-9" });

        var page = await office.GetAsync("/ledger");

        page.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
        ShouldCarryTheHeaders(page, "500 page");
    }

    [Fact]
    public async Task TheApiReferenceAllowsItsOwnInlineScriptByItsHashOnly()
    {
        var anonymous = App.CreateBrowser();

        var response = await anonymous.GetAsync("/api/docs/");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var inline = (await response.HtmlAsync()).QuerySelectorAll("script:not([src])").Select(s => s.TextContent).ToList();
        inline.ShouldNotBeEmpty();
        var scriptSrc = Header(response, "Content-Security-Policy", "API reference").Split(';', StringSplitOptions.TrimEntries)
            .Single(d => d.StartsWith("script-src ", StringComparison.Ordinal));
        scriptSrc.ShouldBe("script-src 'self' " + string.Join(" ", inline.Select(s => $"'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(s)))}'")));
        Header(response, "X-Frame-Options", "API reference").ShouldBe("DENY");
        // Its script files have the pages' policy.
        ShouldCarryTheHeaders(await anonymous.GetAsync("/api/docs/scalar.js"), "API reference script");
    }
}

public sealed class SecurityHeadersTests_Postgres(PostgresApp app) : SecurityHeadersTests(app), IClassFixture<PostgresApp>;
public sealed class SecurityHeadersTests_Sqlite(SqliteApp app) : SecurityHeadersTests(app), IClassFixture<SqliteApp>;
