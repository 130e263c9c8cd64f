using Microsoft.EntityFrameworkCore;
using Zhenxing.Web.Data;
using Zhenxing.Web.Features.Notifications;
using Zhenxing.Web.Features.Users;
using Zhenxing.Web.Infrastructure;
using Zhenxing.Web.Infrastructure.Mail;

namespace Zhenxing.Web.Features.Rounds;

/// <summary>
/// 催办: reminds every unit that still owes reports in a round — an in-app notice to the unit and an e-mail to
/// its liaisons when SMTP is configured. Each (round, unit, step) goes out once: the reminder log's unique
/// index refuses a second one, whichever app node tries.
/// </summary>
public sealed class SendReminders(ZhenxingDb db, RoundObligations obligations, Mailer mailer, TimeProvider clock, ILogger<SendReminders> logger)
{
    public async Task<int> RunAsync(int roundId, string step, CancellationToken cancellationToken)
    {
        var round = await db.ReportingRounds.AsNoTracking().SingleOrDefaultAsync(r => r.Id == roundId, cancellationToken);
        if (round is null || round.State == RoundState.Closed)
        {
            return 0;
        }
        var owing = (await obligations.QueryAsync(roundId, null, openOnly: true, cancellationToken))
            .Where(o => o.State is null or ReportState.Draft or ReportState.Returned)
            .GroupBy(o => (o.UnitId, o.UnitName))
            .ToList();
        var today = ChinaTime.Today(clock);
        var sent = 0;
        var alreadySent = (await db.ReminderLogs.AsNoTracking().Where(l => l.RoundId == roundId && l.Step == step).Select(l => l.UnitId).ToListAsync(cancellationToken)).ToHashSet();
        foreach (var unit in owing.Where(u => !alreadySent.Contains(u.Key.UnitId)))
        {
            db.ChangeTracker.Clear();
            db.ReminderLogs.Add(new ReminderLog { RoundId = roundId, UnitId = unit.Key.UnitId, Step = step, SentAt = clock.GetUtcNow() });
            var days = round.DueOn.DayNumber - today.DayNumber;
            var when = days > 0 ? $"距截止（{round.DueOn:yyyy-MM-dd}）还有 {days} 天" : days == 0 ? "今天截止" : $"已逾期 {-days} 天";
            var text = $"催办：“{round.Name}”{when}，您单位尚有 {unit.Count()} 项事项未报送进展。";
            db.Notifications.Add(new Notification { UnitId = unit.Key.UnitId, Text = text, Link = "/inbox", CreatedAt = clock.GetUtcNow() });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // This step already went to this unit (perhaps from another node): nothing more to do.
                continue;
            }
            sent++;
            var addresses = await db.Users.AsNoTracking()
                .Where(u => u.UnitId == unit.Key.UnitId && u.Role == Role.Liaison && u.IsActive && u.Email != null)
                .Select(u => u.Email!).ToListAsync(cancellationToken);
            if (mailer.Enabled && addresses.Count > 0)
            {
                var items = string.Join("\n", unit.Select(o => $"  · 第 {o.ItemNumber} 项 {o.ItemText}"));
                var delivered = await mailer.SendAsync(addresses, $"【催办】{round.Name}进展报送", $"{unit.Key.UnitName}：\n\n{text}\n\n{items}\n\n请登录振兴督查调度平台“待报送”页面填报。", cancellationToken);
                if (!delivered)
                {
                    logger.LogWarning("Reminder e-mail for unit {Unit} in round {Round} was not delivered", unit.Key.UnitId, roundId);
                }
            }
        }
        return sent;
    }
}

/// <summary>When reminders go out by themselves (configuration section <c>Reminders</c>).</summary>
public sealed class ReminderOptions
{
    public bool Enabled { get; set; } = true;
    public int IntervalMinutes { get; set; } = 60;

    /// <summary>Days before the due date on which to remind, e.g. 3.</summary>
    public int[] DaysBefore { get; set; } = [3];

    /// <summary>After the due date, remind again every this many days.</summary>
    public int RepeatEveryDaysAfter { get; set; } = 2;

    /// <summary>The steps due on <paramref name="today"/> for a round due on <paramref name="dueOn"/>, in order.</summary>
    public IEnumerable<string> StepsDue(DateOnly dueOn, DateOnly today)
    {
        var days = dueOn.DayNumber - today.DayNumber;
        foreach (var before in DaysBefore.Where(d => d > 0 && days > 0 && days <= d))
        {
            yield return $"before-{before}";
        }
        if (days <= 0)
        {
            yield return "due";
        }
        if (days < 0 && RepeatEveryDaysAfter > 0 && -days >= RepeatEveryDaysAfter)
        {
            yield return $"after-{-days / RepeatEveryDaysAfter}";
        }
    }
}

/// <summary>Sends the reminder steps that are due, for every open round; run by <see cref="ReminderJob"/>.</summary>
public sealed class ScheduledReminders(ZhenxingDb db, SendReminders send, TimeProvider clock, Microsoft.Extensions.Options.IOptions<ReminderOptions> options)
{
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var today = ChinaTime.Today(clock);
        var rounds = await db.ReportingRounds.AsNoTracking().Where(r => r.State == RoundState.Open && r.OpensOn <= today)
            .Select(r => new { r.Id, r.DueOn }).ToListAsync(cancellationToken);
        var sent = 0;
        foreach (var round in rounds)
        {
            foreach (var step in options.Value.StepsDue(round.DueOn, today))
            {
                sent += await send.RunAsync(round.Id, step, cancellationToken);
            }
        }
        return sent;
    }
}

/// <summary>The reporting reminders' background job (see <see cref="ClusterJob"/>).</summary>
public sealed class ReminderJob(IServiceScopeFactory scopes, ClusterLock cluster, TimeProvider clock, Microsoft.Extensions.Options.IOptions<ReminderOptions> options, ILogger<ReminderJob> logger)
    : ClusterJob(ClusterLock.Reminders, scopes, cluster, clock, options, logger)
{
    protected override async Task TickAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var sent = await services.GetRequiredService<ScheduledReminders>().RunAsync(cancellationToken);
        if (sent > 0)
        {
            logger.LogInformation("Sent {Count} reminders", sent);
        }
    }
}
