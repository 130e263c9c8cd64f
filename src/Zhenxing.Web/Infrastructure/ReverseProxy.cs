using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Zhenxing.Web.Infrastructure;

/// <summary>
/// Behind a reverse proxy that terminates TLS (README: Deployment), a request is https and comes from the browser's
/// address when the proxy says so in <c>X-Forwarded-Proto</c> and <c>X-Forwarded-For</c> — believed only from the
/// proxies the configuration names (<c>ForwardedHeaders:KnownProxies</c>, <c>ForwardedHeaders:KnownNetworks</c>) and
/// from the loopback address. The sign-in and anti-forgery cookies of a request forwarded as https are then Secure.
/// </summary>
public static class ReverseProxy
{
    public const string Section = "ForwardedHeaders";

    public static IServiceCollection AddReverseProxy(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        var proxies = Values(section.GetSection("KnownProxies"))
            .Select(value => IPAddress.TryParse(value, out var address) ? address
                : throw new InvalidOperationException($"配置项 {Section}:KnownProxies 中的“{value}”不是 IP 地址（例如 10.0.0.2）。"))
            .ToList();
        var networks = Values(section.GetSection("KnownNetworks"))
            .Select(value => System.Net.IPNetwork.TryParse(value, out var network) ? network
                : throw new InvalidOperationException($"配置项 {Section}:KnownNetworks 中的“{value}”不是网段（例如 10.0.0.0/24）。"))
            .ToList();
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // The defaults (127.0.0.0/8 and ::1) stay: a proxy on the same machine is trusted without configuration.
            proxies.ForEach(options.KnownProxies.Add);
            networks.ForEach(options.KnownIPNetworks.Add);
        });
        services.AddAntiforgery(options => options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);
        return services;
    }

    /// <summary>A list given as entries (<c>KnownProxies:0</c>, <c>KnownProxies__1</c>) or as one value separated by commas.</summary>
    private static IEnumerable<string> Values(IConfigurationSection section) =>
        (section.Value ?? "").Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Concat(section.GetChildren().Select(child => child.Value?.Trim()).OfType<string>().Where(value => value.Length > 0));
}
