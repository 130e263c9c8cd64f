using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Zhenxing.Testing;

/// <summary>
/// A local HTTP listener on loopback standing in for group robots: keeps every request it gets and answers as a robot does,
/// errcode 0, unless a path was told to answer otherwise.
/// </summary>
public sealed class WebhookSink : IDisposable
{
    private HttpListener _listener = new();
    private readonly Task _loop;

    public sealed record Request(string Path, string Query, string Body);

    public WebhookSink()
    {
        // A free port, asked of the system; another test may take it between the probe and the start, so try again.
        for (var attempt = 1; ; attempt++)
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            Port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
            try
            {
                _listener.Start();
                break;
            }
            catch (HttpListenerException) when (attempt < 10)
            {
                _listener.Close();
                _listener = new HttpListener();
            }
        }
        _loop = Task.Run(ServeAsync);
    }

    public int Port { get; private set; }

    public string Url(string path) => $"http://127.0.0.1:{Port}{path}";

    public List<Request> Requests { get; } = [];

    /// <summary>What a path answers instead of {"errcode":0,"errmsg":"ok"}.</summary>
    public Dictionary<string, string> Answers { get; } = [];

    public List<Request> To(string path)
    {
        lock (Requests)
        {
            return Requests.Where(r => r.Path == path).ToList();
        }
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            var path = context.Request.Url!.AbsolutePath;
            lock (Requests)
            {
                Requests.Add(new Request(path, context.Request.Url.Query, body));
            }
            var answer = Encoding.UTF8.GetBytes(Answers.TryGetValue(path, out var custom) ? custom : """{"errcode":0,"errmsg":"ok"}""");
            context.Response.ContentType = "application/json; charset=utf-8";
            context.Response.ContentLength64 = answer.Length;
            await context.Response.OutputStream.WriteAsync(answer);
            context.Response.Close();
        }
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }
    }
}
