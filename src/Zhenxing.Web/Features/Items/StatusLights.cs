using System.Linq.Expressions;
using Zhenxing.Web.Infrastructure;

namespace Zhenxing.Web.Features.Items;

public enum StatusLight
{
    Green,
    Yellow,
    Red,
}

/// <summary>Thresholds of the light rules (configuration section <c>Lights</c>).</summary>
public sealed class StatusLightOptions
{
    /// <summary>An item not done whose deadline is this many days away or fewer is yellow.</summary>
    public int YellowWithinDays { get; set; } = 30;
}

public sealed record LightVerdict(StatusLight Light, string Reason);

/// <summary>
/// The one rule set for 红黄绿灯, written once as expressions so that the database filters by it and the
/// pages explain it with the same logic:
/// red — flagged by the Office, or the deadline has passed and the item is not done;
/// yellow — not red, not done, and blocked (受阻) or the deadline is within <see cref="StatusLightOptions.YellowWithinDays"/> days;
/// green — everything else: done, ongoing (长期坚持), or on track.
/// </summary>
public sealed class StatusLights(StatusLightOptions options, DateOnly today)
{
    private Func<Item, bool>? _isRed;
    private Func<Item, bool>? _isYellow;

    public DateOnly Today { get; } = today;

    public static StatusLights For(TimeProvider clock, StatusLightOptions options) => new(options, ChinaTime.Today(clock));

    public Expression<Func<Item, bool>> IsRed()
    {
        var today = Today;
        return i => i.FlagReason != null
                    || (i.Status != ItemStatus.Done && !i.Ongoing && i.Deadline != null && i.Deadline < today);
    }

    public Expression<Func<Item, bool>> IsYellow()
    {
        var today = Today;
        var soon = Today.AddDays(options.YellowWithinDays);
        return i => i.FlagReason == null
                    && i.Status != ItemStatus.Done
                    && !(!i.Ongoing && i.Deadline != null && i.Deadline < today)
                    && (i.Status == ItemStatus.Blocked || (!i.Ongoing && i.Deadline != null && i.Deadline <= soon));
    }

    public Expression<Func<Item, bool>> IsGreen()
    {
        var today = Today;
        var soon = Today.AddDays(options.YellowWithinDays);
        return i => i.FlagReason == null
                    && (i.Status == ItemStatus.Done
                        || (i.Status != ItemStatus.Blocked && (i.Ongoing || i.Deadline == null || i.Deadline > soon)));
    }

    public Expression<Func<Item, bool>> Is(StatusLight light) => light switch
    {
        StatusLight.Red => IsRed(),
        StatusLight.Yellow => IsYellow(),
        _ => IsGreen(),
    };

    /// <summary>The light of one item and the reason shown beside it.</summary>
    public LightVerdict Evaluate(Item item)
    {
        _isRed ??= IsRed().Compile();
        _isYellow ??= IsYellow().Compile();
        if (_isRed(item))
        {
            return new LightVerdict(StatusLight.Red, item.FlagReason is { } flag
                ? $"振兴办督办：{flag}"
                : $"已超过完成时限（{item.Deadline:yyyy-MM-dd}），尚未落实到位");
        }
        if (_isYellow(item))
        {
            return new LightVerdict(StatusLight.Yellow, item.Status == ItemStatus.Blocked
                ? "进展受阻"
                : $"距完成时限（{item.Deadline:yyyy-MM-dd}）不足 {options.YellowWithinDays} 天，尚未落实到位");
        }
        return new LightVerdict(StatusLight.Green,
            item.Status == ItemStatus.Done ? "已落实到位"
            : item.Ongoing ? "长期推进事项，按计划推进"
            : item.Deadline is null ? "无完成时限，按计划推进"
            : $"距完成时限（{item.Deadline:yyyy-MM-dd}）尚有 {item.Deadline.Value.DayNumber - Today.DayNumber} 天，按计划推进");
    }
}

public static class StatusLightNames
{
    public static string ToChinese(this StatusLight light) => light switch
    {
        StatusLight.Red => "红灯",
        StatusLight.Yellow => "黄灯",
        _ => "绿灯",
    };

    public static string CssClass(this StatusLight light) => light.ToString().ToLowerInvariant();
}
