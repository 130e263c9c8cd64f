using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using Zhenxing.Testing;

namespace Zhenxing.IntegrationTests.Infrastructure;

/// <summary>
/// One app node: the published app started as <c>zhenxing serve</c> in a process of its own on a loopback port, as an
/// operator starts a node behind a load balancer. It can be stopped hard (kill -9) and started again on the same port.
/// </summary>
/// <remarks>
/// The first start lets the node take a free port from the system (<c>--urls http://127.0.0.1:0</c>) and reads it from
/// the node's "Now listening on" line: a port picked beforehand by the test could be taken by another test's node in
/// between, whose /healthz would then answer for this one.
/// </remarks>
public sealed partial class AppNode : IAsyncDisposable
{
    private readonly string[] _arguments;
    private readonly StringBuilder _output = new();
    private readonly string _directory = Directory.CreateTempSubdirectory("zhenxing-node-").FullName;
    private Process? _process;
    private int _port;

    public AppNode(IEnumerable<string> arguments)
    {
        _arguments = [.. arguments];
    }

    /// <summary>The node's port, from its first start on.</summary>
    public int Port => _port != 0 ? _port : throw new InvalidOperationException("The node has not been started yet.");

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}");

    public string Output
    {
        get { lock (_output) { return _output.ToString(); } }
    }

    [GeneratedRegex(@"Now listening on: http://127\.0\.0\.1:(\d+)")]
    private static partial Regex Listening();

    /// <summary>Starts the node (again on the same port after a kill) and waits until it is listening and healthy.</summary>
    public async Task StartAsync()
    {
        int from;
        lock (_output)
        {
            from = _output.Length;
        }
        _process = Process.Start(ZhenxingExecutable.StartInfo(["serve", "--urls", $"http://127.0.0.1:{_port}", .. _arguments], _directory))!;
        _process.OutputDataReceived += (_, e) => { lock (_output) { _output.AppendLine(e.Data); } };
        _process.ErrorDataReceived += (_, e) => { lock (_output) { _output.AppendLine(e.Data); } };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var port = await WaitUntilListeningAsync(from);
        if (_port != 0 && port != _port)
        {
            throw new InvalidOperationException($"The node listens on {port}, not on its port {_port}:\n" + Output);
        }
        _port = port;
        await WaitUntilHealthyAsync();
    }

    /// <summary>The node's process id while it runs.</summary>
    public int ProcessId => _process?.Id ?? throw new InvalidOperationException("The node is not running.");

    /// <summary>SIGTERM, as systemctl stop sends it: the node shuts down in order and exits.</summary>
    public async Task StopAsync()
    {
        if (_process is { HasExited: false })
        {
            using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
            }
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await _process.WaitForExitAsync(timeout.Token);
        }
        _process?.Dispose();
        _process = null;
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

    /// <summary>The port of this start's "Now listening on" line, written once the node has bound it.</summary>
    private async Task<int> WaitUntilListeningAsync(int from)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            var output = Output;
            if (Listening().Match(output, Math.Min(from, output.Length)) is { Success: true } match)
            {
                return int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            }
            if (_process!.HasExited)
            {
                throw new InvalidOperationException("zhenxing serve exited:\n" + Output);
            }
            await Task.Delay(100);
        }
        throw new TimeoutException("zhenxing serve did not start listening:\n" + Output);
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
