using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Zhenxing.Web.Features.Rounds;
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

/// <summary>What the reports say about an item, for its light: its lead report was returned; it missed the last round.</summary>
public sealed record ReportFacts(bool Returned, bool MissedLastRound, string? MissedMilestone = null, string? StalePeriod = null)
{
    public static readonly ReportFacts None = new(false, false);
}

/// <summary>
/// The one rule set for 红黄绿灯, written once as expressions so that the database filters by it and the
/// pages explain it with the same parts:
/// red — flagged by the Office (督办); or the deadline has passed and the item is not done; or the latest round
/// whose due date has passed got no report from the lead unit, or a milestone (形象进度) is past its date and not
/// achieved, or the item's own frequency (汇报频次) says a report was due and none came (not done items only);
/// yellow — not red, not done, and blocked (受阻), or the deadline is within <see cref="StatusLightOptions.YellowWithinDays"/>
/// days, or the lead unit's report was returned by the Office;
/// green — everything else: done, ongoing (长期坚持), or on track.
/// </summary>
public sealed class StatusLights
{
    private readonly StatusLightOptions _options;
    private readonly IQueryable<ReportingRound> _rounds;
    private readonly IQueryable<ProgressReport> _reports;
    private readonly Func<Item, bool> _flagged;
    private readonly Func<Item, bool> _overdue;
    private readonly Func<Item, bool> _atRisk;

    public StatusLights(StatusLightOptions options, DateOnly today, IQueryable<ReportingRound> rounds, IQueryable<ProgressReport> reports)
    {
        _options = options;
        Today = today;
        _rounds = rounds;
        _reports = reports;
        _flagged = Flagged().Compile();
        _overdue = Overdue().Compile();
        _atRisk = AtRisk().Compile();
    }

    public DateOnly Today { get; }

    private static Expression<Func<Item, bool>> Flagged() => i => i.FlagReason != null;

    /// <summary>Past its deadline and not done (长期坚持 items have no deadline to miss).</summary>
    public Expression<Func<Item, bool>> Overdue()
    {
        var today = Today;
        return i => i.Status != ItemStatus.Done && !i.Ongoing && i.Deadline != null && i.Deadline < today;
    }

    private Expression<Func<Item, bool>> AtRisk()
    {
        var soon = Today.AddDays(_options.YellowWithinDays);
        return i => i.Status != ItemStatus.Done
                    && (i.Status == ItemStatus.Blocked || (!i.Ongoing && i.Deadline != null && i.Deadline <= soon));
    }

    public Expression<Func<Item, bool>> Returned()
    {
        var reports = _reports;
        return i => i.Status != ItemStatus.Done
                    && reports.Any(p => p.ItemId == i.Id && p.Role == ItemUnitRole.Lead && p.State == ReportState.Returned && p.Round!.State == RoundState.Open);
    }

    public Expression<Func<Item, bool>> MissedLastRound()
    {
        var (today, rounds, reports) = (Today, _rounds, _reports);
        return i => i.Status != ItemStatus.Done
                    && i.Units.Any(u => u.Role == ItemUnitRole.Lead)
                    && rounds.Where(r => r.DueOn < today && r.Lists.Any(l => l.ItemListId == i.ItemListId))
                        .OrderByDescending(r => r.DueOn)
                        .Take(1)
                        .Any(r => !reports.Any(p => p.RoundId == r.Id && p.ItemId == i.Id && p.Role == ItemUnitRole.Lead
                                                    && (p.State == ReportState.Submitted || p.State == ReportState.Accepted)));
    }

    public Expression<Func<Item, bool>> MissedMilestone()
    {
        var today = Today;
        return i => i.Status != ItemStatus.Done && i.Milestones.Any(m => m.AchievedAt == null && m.DueOn < today);
    }

    /// <summary>The item's own frequency (汇报频次) says a report was due for the last period and none came.</summary>
    public Expression<Func<Item, bool>> Stale()
    {
        var reports = _reports;
        var todayDay = Today.Day;
        // Midnight in China, in UTC: PostgreSQL takes only UTC values for timestamptz.
        DateTimeOffset Start(DateOnly date) => new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(8)).ToUniversalTime();
        var monthStart = Start(ReportingPeriods.PeriodOf(ReportingFrequency.Monthly, Today, null).Start);
        var previousMonthStart = Start(ReportingPeriods.PeriodOf(ReportingFrequency.Monthly, Today.AddMonths(-1), null).Start);
        var quarterStart = Start(ReportingPeriods.LastDuePeriod(ReportingFrequency.Quarterly, Today, null).Start);
        var halfStart = Start(ReportingPeriods.LastDuePeriod(ReportingFrequency.HalfYearly, Today, null).Start);
        return i => i.Status != ItemStatus.Done
                    && i.Units.Any(u => u.Role == ItemUnitRole.Lead)
                    && ((i.ReportingFrequency == ReportingFrequency.Monthly
                         && !reports.Any(p => p.ItemId == i.Id && p.Role == ItemUnitRole.Lead && (p.State == ReportState.Submitted || p.State == ReportState.Accepted)
                                              && p.SubmittedAt >= ((i.ItemList!.MonthlyReportingDay ?? 99) < todayDay ? monthStart : previousMonthStart)))
                        || (i.ReportingFrequency == ReportingFrequency.Quarterly
                            && !reports.Any(p => p.ItemId == i.Id && p.Role == ItemUnitRole.Lead && (p.State == ReportState.Submitted || p.State == ReportState.Accepted) && p.SubmittedAt >= quarterStart))
                        || (i.ReportingFrequency == ReportingFrequency.HalfYearly
                            && !reports.Any(p => p.ItemId == i.Id && p.Role == ItemUnitRole.Lead && (p.State == ReportState.Submitted || p.State == ReportState.Accepted) && p.SubmittedAt >= halfStart)));
    }

    public Expression<Func<Item, bool>> IsRed() => Or(Or(Or(Or(Flagged(), Overdue()), MissedLastRound()), MissedMilestone()), Stale());

    public Expression<Func<Item, bool>> IsYellow() => And(Not(IsRed()), Or(AtRisk(), Returned()));

    public Expression<Func<Item, bool>> IsGreen() => And(Not(IsRed()), Not(Or(AtRisk(), Returned())));

    public Expression<Func<Item, bool>> Is(StatusLight light) => light switch
    {
        StatusLight.Red => IsRed(),
        StatusLight.Yellow => IsYellow(),
        _ => IsGreen(),
    };

    /// <summary>The light of an item as one SQL expression, for grouping and counting in the database.</summary>
    public Expression<Func<Item, StatusLight>> LightOf()
    {
        var red = IsRed();
        var warn = Or(AtRisk(), Returned());
        var body = Expression.Condition(red.Body, Expression.Constant(StatusLight.Red),
            Expression.Condition(new ReplaceParameter(warn.Parameters[0], red.Parameters[0]).Visit(warn.Body),
                Expression.Constant(StatusLight.Yellow), Expression.Constant(StatusLight.Green)));
        return Expression.Lambda<Func<Item, StatusLight>>(body, red.Parameters);
    }

    /// <summary>A projection of an item that also carries its light: <c>items.Select(lights.WithLight((i, light) => new { i.Id, light }))</c>.</summary>
    public Expression<Func<Item, T>> WithLight<T>(Expression<Func<Item, StatusLight, T>> shape)
    {
        var light = LightOf();
        var lightBody = new ReplaceParameter(light.Parameters[0], shape.Parameters[0]).Visit(light.Body);
        var body = new ReplaceParameter(shape.Parameters[1], lightBody).Visit(shape.Body);
        return Expression.Lambda<Func<Item, T>>(body, shape.Parameters[0]);
    }

    /// <summary>The report facts of the given items, in two queries.</summary>
    public async Task<Dictionary<int, ReportFacts>> FactsAsync(IQueryable<Item> items, CancellationToken cancellationToken)
    {
        var returned = (await items.Where(Returned()).Select(i => i.Id).ToListAsync(cancellationToken)).ToHashSet();
        var missed = (await items.Where(MissedLastRound()).Select(i => i.Id).ToListAsync(cancellationToken)).ToHashSet();
        var today = Today;
        var milestones = (await items.Where(MissedMilestone())
                .Select(i => new { i.Id, First = i.Milestones.Where(m => m.AchievedAt == null && m.DueOn < today).OrderBy(m => m.DueOn).Select(m => new { m.Description, m.DueOn }).First() })
                .ToListAsync(cancellationToken))
            .ToDictionary(m => m.Id, m => $"{m.First.Description}（应于 {m.First.DueOn:yyyy-MM-dd} 前完成）");
        var stale = (await items.Where(Stale()).Select(i => new { i.Id, i.ReportingFrequency, i.ItemList!.MonthlyReportingDay }).ToListAsync(cancellationToken))
            .ToDictionary(i => i.Id, i => ReportingPeriods.LastDuePeriod(i.ReportingFrequency, today, i.MonthlyReportingDay).Name);
        return returned.Union(missed).Union(milestones.Keys).Union(stale.Keys)
            .ToDictionary(id => id, id => new ReportFacts(returned.Contains(id), missed.Contains(id), milestones.GetValueOrDefault(id), stale.GetValueOrDefault(id)));
    }

    /// <summary>The light of one item and the reason shown beside it.</summary>
    public LightVerdict Evaluate(Item item, ReportFacts facts)
    {
        if (_flagged(item))
        {
            return new LightVerdict(StatusLight.Red, $"振兴办督办：{item.FlagReason}");
        }
        if (_overdue(item))
        {
            return new LightVerdict(StatusLight.Red, $"已超过完成时限（{item.Deadline:yyyy-MM-dd}），尚未落实到位");
        }
        if (facts.MissedMilestone is { } milestone)
        {
            return new LightVerdict(StatusLight.Red, $"形象进度未完成：{milestone}");
        }
        if (facts.StalePeriod is { } period)
        {
            return new LightVerdict(StatusLight.Red, $"按{item.ReportingFrequency.ToChinese()}汇报，{period}的进展未报送");
        }
        if (facts.MissedLastRound)
        {
            return new LightVerdict(StatusLight.Red, "上一轮报送截止后，牵头单位未报送进展");
        }
        if (_atRisk(item))
        {
            return new LightVerdict(StatusLight.Yellow, item.Status == ItemStatus.Blocked
                ? "进展受阻"
                : $"距完成时限（{item.Deadline:yyyy-MM-dd}）不足 {_options.YellowWithinDays} 天，尚未落实到位");
        }
        if (facts.Returned)
        {
            return new LightVerdict(StatusLight.Yellow, "牵头单位的报送被振兴办退回，待重新报送");
        }
        return new LightVerdict(StatusLight.Green,
            item.Status == ItemStatus.Done ? "已落实到位"
            : item.Ongoing ? "长期推进事项，按计划推进"
            : item.Deadline is null ? "无完成时限，按计划推进"
            : $"距完成时限（{item.Deadline:yyyy-MM-dd}）尚有 {item.Deadline.Value.DayNumber - Today.DayNumber} 天，按计划推进");
    }

    private static Expression<Func<Item, bool>> Or(Expression<Func<Item, bool>> a, Expression<Func<Item, bool>> b) =>
        Combine(a, b, Expression.OrElse);

    private static Expression<Func<Item, bool>> And(Expression<Func<Item, bool>> a, Expression<Func<Item, bool>> b) =>
        Combine(a, b, Expression.AndAlso);

    private static Expression<Func<Item, bool>> Not(Expression<Func<Item, bool>> a) =>
        Expression.Lambda<Func<Item, bool>>(Expression.Not(a.Body), a.Parameters);

    private static Expression<Func<Item, bool>> Combine(Expression<Func<Item, bool>> a, Expression<Func<Item, bool>> b, Func<Expression, Expression, BinaryExpression> join)
    {
        var body = new ReplaceParameter(b.Parameters[0], a.Parameters[0]).Visit(b.Body);
        return Expression.Lambda<Func<Item, bool>>(join(a.Body, body), a.Parameters);
    }

    private sealed class ReplaceParameter(ParameterExpression from, Expression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : node;
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
