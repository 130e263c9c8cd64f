using Microsoft.EntityFrameworkCore;
using Zhenxing.Web.Data;
using Zhenxing.Web.Features.Notifications;
using Zhenxing.Web.Features.Users;
using Zhenxing.Web.Infrastructure;
using Zhenxing.Web.Infrastructure.Mail;

namespace Zhenxing.Web.Features.Rounds;

/// <summary>One unit a manual 催办 goes to: its liaisons, the reports it owes, and when it may be chased again.</summary>
public sealed record ChaseRecipient(int UnitId, string UnitName, List<string> Liaisons, List<Obligation> Owed, DateTimeOffset? LastChasedAt, DateOnly? NextAllowedOn)
{
    public bool Allowed(DateOnly today) => NextAllowedOn is not { } next || today >= next;
}

/// <summary>
/// 催办: reminds the units that still owe reports in a round — all of them, one unit, or the units owing one item —
/// with the Office's optional message, as an in-app notice to the unit and an e-mail to its liaisons when SMTP is
/// configured. The recipients are shown first (<see cref="PreviewAsync"/>). A unit is chased by hand at most once a
/// working day: the reminder log's unique index on (round, unit, "manual-date") refuses a second one, whichever app
/// node tries, and a unit chased on a day may be chased again from the next working day.
/// </summary>
public sealed class SendReminders(ZhenxingDb db, RoundObligations obligations, Mailer mailer, TimeProvider clock, ILogger<SendReminders> logger)
{
    public const int MaxMessageLength = 500;

    public bool MailEnabled => mailer.Enabled;

    public async Task<List<ChaseRecipient>> PreviewAsync(int roundId, int? unitId, int? itemId, CancellationToken cancellationToken)
    {
        var owing = (await obligations.QueryAsync(roundId, unitId, openOnly: true, cancellationToken))
            .Where(o => (o.State is null or ReportState.Draft or ReportState.Returned) && (itemId == null || o.ItemId == itemId))
            .GroupBy(o => (o.UnitId, o.UnitName))
            .ToList();
        var unitIds = owing.Select(u => u.Key.UnitId).ToList();
        var liaisons = (await db.Users.AsNoTracking().Where(u => u.UnitId != null && unitIds.Contains(u.UnitId.Value) && u.Role == Role.Liaison && u.IsActive)
                .Select(u => new { u.UnitId, u.DisplayName }).ToListAsync(cancellationToken))
            .ToLookup(u => u.UnitId!.Value, u => u.DisplayName);
        var last = (await db.ReminderLogs.AsNoTracking().Where(l => l.RoundId == roundId && unitIds.Contains(l.UnitId) && l.Step.StartsWith("manual-"))
                .Select(l => new { l.UnitId, l.SentAt }).ToListAsync(cancellationToken))
            .GroupBy(l => l.UnitId).ToDictionary(g => g.Key, g => g.Max(l => l.SentAt));
        var calendar = last.Count > 0 ? await Holidays.WorkingDays.LoadAsync(db, cancellationToken) : null;
        return owing.Select(u =>
        {
            DateTimeOffset? at = last.TryGetValue(u.Key.UnitId, out var sent) ? sent : null;
            DateOnly? next = at is { } chased ? calendar!.AddWorkingDays(ChinaTime.DateOf(chased), 1) : null;
            return new ChaseRecipient(u.Key.UnitId, u.Key.UnitName, liaisons[u.Key.UnitId].ToList(), u.ToList(), at, next);
        }).ToList();
    }

    /// <summary>The Office's 催办 from the round page; returns the units reached and those chased too recently.</summary>
    public async Task<(List<ChaseRecipient> Sent, List<ChaseRecipient> TooSoon)> ChaseAsync(int roundId, int? unitId, int? itemId, string? message, CancellationToken cancellationToken)
    {
        var today = ChinaTime.Today(clock);
        var recipients = await PreviewAsync(roundId, unitId, itemId, cancellationToken);
        var tooSoon = recipients.Where(r => !r.Allowed(today)).ToList();
        var sent = await SendAsync(roundId, $"manual-{today:yyyyMMdd}", recipients.Where(r => r.Allowed(today)).ToList(), message, cancellationToken);
        return (sent, tooSoon);
    }

    private async Task<List<ChaseRecipient>> SendAsync(int roundId, string step, List<ChaseRecipient> recipients, string? message, CancellationToken cancellationToken)
    {
        var round = await db.ReportingRounds.AsNoTracking().SingleOrDefaultAsync(r => r.Id == roundId, cancellationToken);
        if (round is null || round.State == RoundState.Closed)
        {
            return [];
        }
        var today = ChinaTime.Today(clock);
        var sent = new List<ChaseRecipient>();
        var note = string.IsNullOrWhiteSpace(message) ? "" : $"振兴办留言：{message.Trim()}";
        foreach (var unit in recipients)
        {
            db.ChangeTracker.Clear();
            db.ReminderLogs.Add(new ReminderLog { RoundId = roundId, UnitId = unit.UnitId, Step = step, SentAt = clock.GetUtcNow() });
            var days = round.DueOn.DayNumber - today.DayNumber;
            var when = days > 0 ? $"距截止（{round.DueOn:yyyy-MM-dd}）还有 {days} 天" : days == 0 ? "今天截止" : $"已逾期 {-days} 天";
            var what = unit.Owed.Count == 1 ? $"事项“第 {unit.Owed[0].ItemNumber} 项”未报送进展" : $"尚有 {unit.Owed.Count} 项事项未报送进展";
            var text = $"催办：“{round.Name}”{when}，您单位{what}。{note}";
            db.Notifications.Add(new Notification { UnitId = unit.UnitId, Text = text, Link = "/inbox", CreatedAt = clock.GetUtcNow() });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // This step already went to this unit (perhaps from another node): nothing more to do.
                continue;
            }
            sent.Add(unit);
            var addresses = await db.Users.AsNoTracking()
                .Where(u => u.UnitId == unit.UnitId && u.Role == Role.Liaison && u.IsActive && u.Email != null)
                .Select(u => u.Email!).ToListAsync(cancellationToken);
            if (mailer.Enabled && addresses.Count > 0)
            {
                var items = string.Join("\n", unit.Owed.Select(o => $"  · 第 {o.ItemNumber} 项 {o.ItemText}"));
                var delivered = await mailer.SendAsync(addresses, $"【催办】{round.Name}进展报送", $"{unit.UnitName}：\n\n{text}\n\n{items}\n\n请登录振兴督查调度平台“待报送”页面填报。", cancellationToken);
                if (!delivered)
                {
                    logger.LogWarning("Reminder e-mail for unit {Unit} in round {Round} was not delivered", unit.UnitId, roundId);
                }
            }
        }
        db.ChangeTracker.Clear();
        return sent;
    }
}

/// <summary>When reminders go out by themselves (configuration section <c>Reminders</c>).</summary>
public sealed class ReminderOptions
{
    public bool Enabled { get; set; } = true;
    public int IntervalMinutes { get; set; } = 60;
}

/// <summary>What the reminder job does on each tick: the escalation ladder and the chasing of 签收.</summary>
public sealed class ScheduledReminders(EscalationLadder ladder, ChaseAcknowledgements acknowledgements)
{
    public async Task<int> RunAsync(CancellationToken cancellationToken) =>
        await ladder.RunAsync(cancellationToken) + await acknowledgements.RunAsync(cancellationToken);
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
