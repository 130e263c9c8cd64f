using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using Zhenxing.Testing;

namespace Zhenxing.IntegrationTests.Infrastructure;

/// <summary>
/// One app node: the published app started as <c>zhenxing serve</c> in a process of its own on a loopback port, as an
/// operator starts a node behind a load balancer. It can be stopped hard (kill -9) and started again on the same port.
/// </summary>
public sealed class AppNode : IAsyncDisposable
{
    private readonly string[] _arguments;
    private readonly StringBuilder _output = new();
    private readonly string _directory = Directory.CreateTempSubdirectory("zhenxing-node-").FullName;
    private Process? _process;

    public AppNode(IEnumerable<string> arguments)
    {
        Port = FreePort();
        BaseAddress = new Uri($"http://127.0.0.1:{Port}");
        _arguments = ["serve", "--urls", BaseAddress.ToString().TrimEnd('/'), .. arguments];
    }

    public int Port { get; }

    public Uri BaseAddress { get; }

    public string Output
    {
        get { lock (_output) { return _output.ToString(); } }
    }

    public async Task StartAsync()
    {
        _process = Process.Start(ZhenxingExecutable.StartInfo(_arguments, _directory))!;
        _process.OutputDataReceived += (_, e) => { lock (_output) { _output.AppendLine(e.Data); } };
        _process.ErrorDataReceived += (_, e) => { lock (_output) { _output.AppendLine(e.Data); } };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await WaitUntilHealthyAsync();
    }

    /// <summary>SIGKILL: no shutdown, no flushing, whatever was in flight is cut off.</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process?.Dispose();
        _process = null;
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
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
                if ((await http.GetAsync(new Uri(BaseAddress, "/healthz"))).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
            }
            await Task.Delay(200);
        }
        throw new TimeoutException("zhenxing serve did not become healthy:\n" + Output);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>The smallest load balancer: sends each request to the next node in turn, as round-robin nginx would.</summary>
public sealed class RoundRobin(IReadOnlyList<AppNode> nodes) : DelegatingHandler(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true })
{
    private int _next;

    /// <summary>Which node served each request, in order.</summary>
    public List<int> Served { get; } = [];

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var index = Interlocked.Increment(ref _next) % nodes.Count;
        lock (Served)
        {
            Served.Add(index);
        }
        request.RequestUri = new UriBuilder(request.RequestUri!) { Port = nodes[index].Port }.Uri;
        return base.SendAsync(request, cancellationToken);
    }
}
