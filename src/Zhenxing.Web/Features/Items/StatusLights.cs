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

/// <summary>A list and its latest round whose due date has passed: the round whose report an item must not miss.</summary>
public sealed record LastRound(int ListId, int RoundId);

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
    private readonly IReadOnlyList<LastRound> _lastRounds;
    private IQueryable<ProgressReport> _reports;
    private readonly Func<Item, bool> _flagged;
    private readonly Func<Item, bool> _overdue;
    private readonly Func<Item, bool> _atRisk;

    /// <param name="lastRounds">For each list, its latest round whose due date has passed (<see cref="LastRoundsAsync"/>).</param>
    public StatusLights(StatusLightOptions options, DateOnly today, IReadOnlyList<LastRound> lastRounds, IQueryable<ProgressReport> reports)
    {
        _options = options;
        Today = today;
        _lastRounds = lastRounds;
        _reports = reports;
        _flagged = Flagged().Compile();
        _overdue = Overdue().Compile();
        _atRisk = AtRisk().Compile();
    }

    /// <summary>
    /// For each list (of <paramref name="lists"/>, or every list), the latest round over it whose due date has passed (the
    /// higher id on the same date): a handful of rows.
    /// </summary>
    public static async Task<List<LastRound>> LastRoundsAsync(IQueryable<ReportingRound> rounds, DateOnly today, IReadOnlyCollection<int>? lists, CancellationToken cancellationToken)
    {
        // Grouped in the database: a province's rounds over its lists are tens of thousands of pairs, the answer one per list.
        var pairs = rounds.Where(r => r.DueOn < today).SelectMany(r => r.Lists, (r, l) => new { r.Id, r.DueOn, l.ItemListId });
        if (lists is not null)
        {
            pairs = pairs.Where(x => lists.Contains(x.ItemListId));
        }
        return await pairs
            .GroupBy(x => x.ItemListId)
            .Select(g => new LastRound(g.Key, g.OrderByDescending(x => x.DueOn).ThenByDescending(x => x.Id).Select(x => x.Id).First()))
            .ToListAsync(cancellationToken);
    }

    public DateOnly Today { get; }

    private static Expression<Func<Item, bool>> Flagged() => i => i.FlagReason != null;

    /// <summary>Past its deadline and not done (长期坚持 items have no deadline to miss).</summary>
    public Expression<Func<Item, bool>> Overdue() => OverdueOn(Today);

    /// <summary>Past its deadline on <paramref name="today"/> and not done: the one part of the rules that needs no reports.</summary>
    public static Expression<Func<Item, bool>> OverdueOn(DateOnly today) =>
        ByEffectiveDeadline((i, deadline) => i.Status != ItemStatus.Done && !i.Ongoing && deadline != null && deadline < today);

    private Expression<Func<Item, bool>> AtRisk()
    {
        var soon = Today.AddDays(_options.YellowWithinDays);
        return ByEffectiveDeadline((i, deadline) => i.Status != ItemStatus.Done
                                                    && (i.Status == ItemStatus.Blocked || (!i.Ongoing && deadline != null && deadline <= soon)));
    }

    /// <summary>
    /// A rule over an item and the deadline it is judged by, with that deadline written in as <see cref="Item.EffectiveDeadlineOf"/>
    /// (an approved extension, else the original): every rule on lateness goes through here.
    /// </summary>
    private static Expression<Func<Item, bool>> ByEffectiveDeadline(Expression<Func<Item, DateOnly?, bool>> rule)
    {
        var item = rule.Parameters[0];
        var effective = new ReplaceParameter(Item.EffectiveDeadlineOf.Parameters[0], item).Visit(Item.EffectiveDeadlineOf.Body);
        return Expression.Lambda<Func<Item, bool>>(new ReplaceParameter(rule.Parameters[1], effective).Visit(rule.Body), item);
    }

    /// <summary>"完成时限（2026-06-30）", or after an approved extension "延期后的完成时限（2026-09-30）".</summary>
    private static string DeadlineLabel(Item item) =>
        (item.ExtendedDeadline is null ? "完成时限" : "延期后的完成时限") + $"（{item.EffectiveDeadline:yyyy-MM-dd}）";

    // The report facts are written as "the item's id is in a set" with sets that do not depend on the item, so that
    // the database builds each set once per query (a hashed sub-plan in PostgreSQL) instead of probing per item.

    public Expression<Func<Item, bool>> Returned()
    {
        var returned = _reports
            .Where(p => p.Role == ItemUnitRole.Lead && p.State == ReportState.Returned && p.Round!.State == RoundState.Open)
            .Select(p => p.ItemId);
        return i => i.Status != ItemStatus.Done && returned.Contains(i.Id);
    }

    private Expression<Func<Item, bool>> MissedLastRoundReport()
    {
        var listIds = _lastRounds.Select(l => l.ListId).ToList();
        var roundIds = _lastRounds.Select(l => l.RoundId).Distinct().ToList();
        var reportedInLast = _reports.Where(p => roundIds.Contains(p.RoundId) && p.Role == ItemUnitRole.Lead
                                                 && (p.State == ReportState.Submitted || p.State == ReportState.Accepted));
        if (roundIds.Count > 1)
        {
            // Rounds differ between lists: a report counts only in the last round of its item's own list. (With one last
            // round for all, a report in it always is: a list it covers has no later past-due round.)
            var pairs = _lastRounds.Select(l => (long)l.ListId * PairFactor + l.RoundId).ToList();
            reportedInLast = reportedInLast.Where(p => pairs.Contains((long)p.Item!.ItemListId * PairFactor + p.RoundId));
        }
        var reported = reportedInLast.Select(p => p.ItemId);
        return i => listIds.Contains(i.ItemListId) && !reported.Contains(i.Id);
    }

    /// <summary>The lead unit owed the item's last round a report and none came.</summary>
    public Expression<Func<Item, bool>> MissedLastRound() => And(OwesReports(), MissedLastRoundReport());

    /// <summary>Not done and with a lead unit: only such an item can miss a report.</summary>
    private static Expression<Func<Item, bool>> OwesReports() =>
        i => i.Status != ItemStatus.Done && i.Units.Any(u => u.Role == ItemUnitRole.Lead);

    private const long PairFactor = 1L << 32;

    public Expression<Func<Item, bool>> MissedMilestone()
    {
        var today = Today;
        return i => i.Status != ItemStatus.Done && i.Milestones.Any(m => m.AchievedAt == null && m.DueOn < today);
    }

    /// <summary>The item's own frequency (汇报频次) says a report was due for the last period and none came.</summary>
    public Expression<Func<Item, bool>> Stale() => And(OwesReports(), StaleReport());

    private Expression<Func<Item, bool>> StaleReport()
    {
        var reports = _reports;
        var todayDay = Today.Day;
        // Midnight in China, in UTC: PostgreSQL takes only UTC values for timestamptz.
        DateTimeOffset Start(DateOnly date) => new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(8)).ToUniversalTime();
        var monthStart = Start(ReportingPeriods.PeriodOf(ReportingFrequency.Monthly, Today, null).Start);
        var previousMonthStart = Start(ReportingPeriods.PeriodOf(ReportingFrequency.Monthly, Today.AddMonths(-1), null).Start);
        var quarterStart = Start(ReportingPeriods.LastDuePeriod(ReportingFrequency.Quarterly, Today, null).Start);
        var halfStart = Start(ReportingPeriods.LastDuePeriod(ReportingFrequency.HalfYearly, Today, null).Start);
        // Two conditions with fixed dates rather than one whose date depends on the list: the database can then build
        // each set of reports once instead of looking them up item by item.
        return i => ((i.ReportingFrequency == ReportingFrequency.Monthly && (i.ItemList!.MonthlyReportingDay ?? 99) < todayDay
                         && !reports.Any(p => p.ItemId == i.Id && p.Role == ItemUnitRole.Lead && (p.State == ReportState.Submitted || p.State == ReportState.Accepted)
                                              && p.SubmittedAt >= monthStart))
                        || (i.ReportingFrequency == ReportingFrequency.Monthly && (i.ItemList!.MonthlyReportingDay ?? 99) >= todayDay
                            && !reports.Any(p => p.ItemId == i.Id && p.Role == ItemUnitRole.Lead && (p.State == ReportState.Submitted || p.State == ReportState.Accepted)
                                                 && p.SubmittedAt >= previousMonthStart))
                        || (i.ReportingFrequency == ReportingFrequency.Quarterly
                            && !reports.Any(p => p.ItemId == i.Id && p.Role == ItemUnitRole.Lead && (p.State == ReportState.Submitted || p.State == ReportState.Accepted) && p.SubmittedAt >= quarterStart))
                        || (i.ReportingFrequency == ReportingFrequency.HalfYearly
                            && !reports.Any(p => p.ItemId == i.Id && p.Role == ItemUnitRole.Lead && (p.State == ReportState.Submitted || p.State == ReportState.Accepted) && p.SubmittedAt >= halfStart)));
    }

    // "Owes reports" is written once for both report rules: the database builds its set (every item with a lead unit) once.
    public Expression<Func<Item, bool>> IsRed() =>
        Or(Or(Or(Flagged(), Overdue()), MissedMilestone()), And(OwesReports(), Or(MissedLastRoundReport(), StaleReport())));

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

    /// <summary>
    /// A projection of an item that also carries its light and whether it is overdue, computed by the database with
    /// the rules themselves: <c>items.Select(lights.WithLight((i, light, overdue) => new { i.Id, light, overdue }))</c>.
    /// </summary>
    public Expression<Func<Item, T>> WithLight<T>(Expression<Func<Item, StatusLight, bool, T>> shape)
    {
        var item = shape.Parameters[0];
        var light = LightOf();
        var overdue = Overdue();
        var body = new ReplaceParameter(shape.Parameters[1], new ReplaceParameter(light.Parameters[0], item).Visit(light.Body)).Visit(shape.Body);
        body = new ReplaceParameter(shape.Parameters[2], new ReplaceParameter(overdue.Parameters[0], item).Visit(overdue.Body)).Visit(body);
        return Expression.Lambda<Func<Item, T>>(body, item);
    }

    /// <summary>
    /// The report facts of the given items (a page of the ledger, one item). Their reports alone are looked at: the sets
    /// the rules build once for the whole ledger would be built here for a handful of items.
    /// </summary>
    public async Task<Dictionary<int, ReportFacts>> FactsAsync(IQueryable<Item> allItems, IReadOnlyCollection<int> ids, CancellationToken cancellationToken)
    {
        var scoped = (StatusLights)MemberwiseClone();
        scoped._reports = _reports.Where(p => ids.Contains(p.ItemId));
        return await scoped.FactsOfAsync(allItems.Where(i => ids.Contains(i.Id)), cancellationToken);
    }

    private async Task<Dictionary<int, ReportFacts>> FactsOfAsync(IQueryable<Item> items, CancellationToken cancellationToken)
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
            return new LightVerdict(StatusLight.Red, $"已超过{DeadlineLabel(item)}，尚未落实到位");
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
                : $"距{DeadlineLabel(item)}不足 {_options.YellowWithinDays} 天，尚未落实到位");
        }
        if (facts.Returned)
        {
            return new LightVerdict(StatusLight.Yellow, "牵头单位的报送被振兴办退回，待重新报送");
        }
        return new LightVerdict(StatusLight.Green,
            item.Status == ItemStatus.Done ? "已落实到位"
            : item.Ongoing ? "长期推进事项，按计划推进"
            : item.EffectiveDeadline is not { } deadline ? "无完成时限，按计划推进"
            : $"距{DeadlineLabel(item)}尚有 {deadline.DayNumber - Today.DayNumber} 天，按计划推进");
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
