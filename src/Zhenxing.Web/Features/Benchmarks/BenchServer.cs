using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Zhenxing.Web.Infrastructure;

namespace Zhenxing.Web.Features.Benchmarks;

/// <summary>
/// The real web app, built as <c>zhenxing serve</c> builds it, in this process on a free loopback port:
/// benchmarks measure it over HTTP like any client would.
/// </summary>
public sealed class BenchServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private BenchServer(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<BenchServer> StartAsync(IEnumerable<string> configurationArgs, CancellationToken cancellationToken)
    {
        // Last wins: the benchmark's own settings override whatever the switches say about these.
        string[] args =
        [
            .. configurationArgs,
            "--urls=http://127.0.0.1:0",
            // No reminder job and no first administrator: the measurement sees only its own requests.
            "--Reminders:Enabled=false",
            "--Bootstrap:CreateAdmin=false",
            "--Logging:LogLevel:Default=Warning",
        ];
        var builder = WebApplication.CreateBuilder(args);
        builder.AddZhenxingWeb();
        var app = builder.Build();
        app.UseZhenxingWeb();
        await app.StartAsync(cancellationToken);
        // Kestrel puts the port it bound for ":0" into the addresses once started.
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new BenchServer(app, new Uri(address));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
