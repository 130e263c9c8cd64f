using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Zhenxing.IntegrationTests.Infrastructure;
using Zhenxing.Web.Features.Users;

namespace Zhenxing.IntegrationTests.Security;

/// <summary>
/// Behind nginx terminating TLS: a request the proxy forwards as https gets Secure cookies (sign-in and anti-forgery),
/// when the proxy is loopback or configured; the same headers from any other address are ignored.
/// </summary>
public abstract class ForwardedHeadersTests(ZhenxingAppFactory app) : IntegrationTest(app)
{
    /// <summary>The test server has no network peer: this header says which address the request comes from.</summary>
    private const string PeerHeader = "X-Test-Peer";

    private sealed class PeerAddress : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                context.Connection.RemoteIpAddress = IPAddress.Parse(context.Request.Headers[PeerHeader].ToString());
                return nextMiddleware(context);
            });
            next(app);
        };
    }

    private WebApplicationFactory<Program> BehindProxies() =>
        App.WithWebHostBuilder(builder => builder
            .UseSetting("ForwardedHeaders:KnownProxies", "10.0.0.2")
            .UseSetting("ForwardedHeaders:KnownNetworks:0", "192.168.10.0/24")
            .ConfigureServices(services => services.AddSingleton<IStartupFilter, PeerAddress>()));

    /// <summary>Signs in as a browser behind the proxy would; returns the anti-forgery and sign-in cookies as set.</summary>
    private static async Task<(string Antiforgery, string SignIn)> SignInAsync(HttpClient client, string peer, string? forwardedProto)
    {
        HttpRequestMessage Request(HttpMethod method, string url)
        {
            var request = new HttpRequestMessage(method, url);
            request.Headers.Add(PeerHeader, peer);
            request.Headers.Add("X-Forwarded-For", "203.0.113.50");
            if (forwardedProto is not null)
            {
                request.Headers.Add("X-Forwarded-Proto", forwardedProto);
            }
            return request;
        }

        var form = await client.SendAsync(Request(HttpMethod.Get, "/account/login"));
        var antiforgery = SetCookie(form, ".AspNetCore.Antiforgery.");
        var token = (await form.HtmlAsync()).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var post = Request(HttpMethod.Post, "/account/login");
        // The client keeps no cookies (it would not send a Secure one over the test server's http): sent by hand.
        post.Headers.Add("Cookie", antiforgery.Split(';')[0]);
        post.Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["UserName"] = "office1", ["Password"] = "correct-horse-9", ["__RequestVerificationToken"] = token });
        var signedIn = await client.SendAsync(post);
        signedIn.StatusCode.ShouldBe(HttpStatusCode.Redirect, $"sign-in from {peer}");
        return (antiforgery, SetCookie(signedIn, "zhenxing.auth="));
    }

    private static string SetCookie(HttpResponseMessage response, string prefix) =>
        response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(prefix, StringComparison.Ordinal));

    private static bool IsSecure(string setCookie) =>
        setCookie.Split(';', StringSplitOptions.TrimEntries).Any(a => a.Equals("secure", StringComparison.OrdinalIgnoreCase));

    [Theory]
    [InlineData("10.0.0.2")]
    [InlineData("192.168.10.7")]
    [InlineData("127.0.0.1")]
    public async Task ASignInForwardedAsHttpsByATrustedProxyGetsSecureCookies(string proxy)
    {
        await App.AddUserAsync("office1", Role.Office);
        await using var server = BehindProxies();
        var client = server.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });

        var (antiforgery, signIn) = await SignInAsync(client, proxy, "https");

        IsSecure(antiforgery).ShouldBeTrue(antiforgery);
        IsSecure(signIn).ShouldBeTrue(signIn);
        // Without the header the proxy says the browser came over http.
        var (plainAntiforgery, plainSignIn) = await SignInAsync(client, proxy, null);
        IsSecure(plainAntiforgery).ShouldBeFalse(plainAntiforgery);
        IsSecure(plainSignIn).ShouldBeFalse(plainSignIn);
    }

    [Fact]
    public async Task TheForwardedSchemeFromAnUntrustedAddressIsIgnored()
    {
        await App.AddUserAsync("office1", Role.Office);
        await using var server = BehindProxies();
        var client = server.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });

        var (antiforgery, signIn) = await SignInAsync(client, "198.51.100.7", "https");

        IsSecure(antiforgery).ShouldBeFalse(antiforgery);
        IsSecure(signIn).ShouldBeFalse(signIn);
    }
}

public sealed class ForwardedHeadersTests_Postgres(PostgresApp app) : ForwardedHeadersTests(app), IClassFixture<PostgresApp>;
public sealed class ForwardedHeadersTests_Sqlite(SqliteApp app) : ForwardedHeadersTests(app), IClassFixture<SqliteApp>;
