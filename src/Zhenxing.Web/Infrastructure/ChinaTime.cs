namespace Zhenxing.Web.Infrastructure;

/// <summary>Times are stored in UTC and shown in China Standard Time (UTC+8, no daylight saving).</summary>
public static class ChinaTime
{
    private static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().ToOffset(Offset).DateTime);

    public static DateOnly DateOf(DateTimeOffset value) => DateOnly.FromDateTime(value.ToOffset(Offset).DateTime);

    public static string Format(DateTimeOffset? value) =>
        value is { } v ? v.ToOffset(Offset).ToString("yyyy-MM-dd HH:mm") : "";
}
