using System.Diagnostics;
using System.Globalization;

namespace Zhenxing.Importing;

/// <summary>
/// The time one upload's parse may take, counted from its start. The readers look at it as they go (every part they
/// stream, every row), so a document that takes too long stops the parse with <see cref="ParseTimeoutException"/>
/// instead of keeping a core of the server busy.
/// </summary>
public sealed class ParseDeadline(TimeSpan limit)
{
    public static readonly TimeSpan DefaultLimit = TimeSpan.FromSeconds(30);

    private readonly long _started = Stopwatch.GetTimestamp();

    public TimeSpan Limit { get; } = limit;

    public TimeSpan Remaining => Limit - Stopwatch.GetElapsedTime(_started) is { Ticks: > 0 } left ? left : TimeSpan.Zero;

    public bool IsExpired => Stopwatch.GetElapsedTime(_started) > Limit;

    public void ThrowIfExpired()
    {
        if (IsExpired)
        {
            throw new ParseTimeoutException(Message);
        }
    }

    public string Message =>
        $"读取文档超过 {Limit.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} 秒仍未完成，已停止读取。文档可能过大或结构异常，请检查后重新上传。";

    /// <summary>Whether the exception, or one it wraps (the OpenXML SDK wraps what its streams throw), is a deadline passing.</summary>
    public static bool Stopped(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            if (e is ParseTimeoutException)
            {
                return true;
            }
        }
        return false;
    }
}

public sealed class ParseTimeoutException(string message) : TimeoutException(message);
