using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Zhenxing.Web.Features.Digests;

/// <summary>
/// Posts a message to a group robot in its public format — 企业微信 and 钉钉 markdown, 飞书 text — signed when the
/// robot has a secret, and reads the robot's answer. Failures come back as a Chinese status, never as an exception.
/// </summary>
public sealed class PostToRobot(IHttpClientFactory clients, TimeProvider clock, ILogger<PostToRobot> logger)
{
    public const string HttpClientName = "robots";

    public sealed record Outcome(bool Ok, string Status);

    // Chinese stays as UTF-8 text in the body rather than \uXXXX escapes: smaller, and readable in a robot's logs.
    private static readonly JsonSerializerOptions Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All) };

    public async Task<Outcome> RunAsync(ChannelKind kind, string url, string? secret, string title, string text, CancellationToken cancellationToken)
    {
        var (target, body) = Build(kind, url, secret, title, text, clock.GetUtcNow());
        var host = Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.Host : "?";
        try
        {
            using var client = clients.CreateClient(HttpClientName);
            using var content = new StringContent(body.ToJsonString(Json), Encoding.UTF8, "application/json");
            using var response = await client.PostAsync(target, content, cancellationToken);
            var answer = await response.Content.ReadAsStringAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                logger.LogWarning("The {Kind} robot at {Host} answered HTTP {Status}", kind, host, (int)response.StatusCode);
                return new(false, $"发送失败：{kind.ToChinese()}服务器返回 HTTP {(int)response.StatusCode}。");
            }
            var (code, message) = ReadAnswer(answer);
            if (code != 0)
            {
                logger.LogWarning("The {Kind} robot at {Host} refused the message: {Code} {Message}", kind, host, code, message);
                return new(false, $"发送失败：{kind.ToChinese()}机器人返回错误 {code}：{message}");
            }
            return new(true, $"发送成功（{kind.ToChinese()}机器人已接收）。");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("The {Kind} robot at {Host} could not be reached: {Error}", kind, host, e.GetType().Name);
            return new(false, e is TaskCanceledException ? $"发送失败：{kind.ToChinese()}机器人在规定时间内没有应答。" : $"发送失败：无法连接{kind.ToChinese()}机器人地址。");
        }
    }

    /// <summary>The address to post to and the JSON body, signed as the robot's kind wants it when a secret is set.</summary>
    public static (string Url, JsonObject Body) Build(ChannelKind kind, string url, string? secret, string title, string text, DateTimeOffset now)
    {
        var signed = !string.IsNullOrEmpty(secret);
        switch (kind)
        {
            case ChannelKind.WeCom:
                return (url, new JsonObject { ["msgtype"] = "markdown", ["markdown"] = new JsonObject { ["content"] = text } });
            case ChannelKind.DingTalk:
                var body = new JsonObject { ["msgtype"] = "markdown", ["markdown"] = new JsonObject { ["title"] = title, ["text"] = text } };
                if (!signed)
                {
                    return (url, body);
                }
                var milliseconds = now.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
                var sign = DingTalkSign(milliseconds, secret!);
                return ($"{url}{(url.Contains('?') ? '&' : '?')}timestamp={milliseconds}&sign={Uri.EscapeDataString(sign)}", body);
            default:
                var feishu = new JsonObject { ["msg_type"] = "text", ["content"] = new JsonObject { ["text"] = text } };
                if (signed)
                {
                    var seconds = now.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
                    feishu["timestamp"] = seconds;
                    feishu["sign"] = FeishuSign(seconds, secret!);
                }
                return (url, feishu);
        }
    }

    /// <summary>钉钉: HmacSHA256 keyed with the secret over "timestamp\nsecret", base64.</summary>
    public static string DingTalkSign(string timestamp, string secret) =>
        Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}\n{secret}")));

    /// <summary>飞书: HmacSHA256 keyed with "timestamp\nsecret" over no bytes, base64.</summary>
    public static string FeishuSign(string timestamp, string secret) =>
        Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes($"{timestamp}\n{secret}"), Array.Empty<byte>()));

    /// <summary>企业微信 and 钉钉 answer errcode/errmsg, 飞书 code/msg (older robots StatusCode/StatusMessage).</summary>
    private static (int Code, string Message) ReadAnswer(string answer)
    {
        try
        {
            using var json = JsonDocument.Parse(answer);
            var root = json.RootElement;
            foreach (var (codeName, messageName) in new[] { ("errcode", "errmsg"), ("code", "msg"), ("StatusCode", "StatusMessage") })
            {
                if (root.TryGetProperty(codeName, out var code) && code.ValueKind == JsonValueKind.Number)
                {
                    var message = root.TryGetProperty(messageName, out var m) ? m.ToString() : "";
                    return (code.GetInt32(), message);
                }
            }
            return (-1, "应答中没有结果代码");
        }
        catch (JsonException)
        {
            return (-1, "应答不是 JSON");
        }
    }
}
