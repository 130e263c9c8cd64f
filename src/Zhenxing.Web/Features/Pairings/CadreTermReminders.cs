using Microsoft.EntityFrameworkCore;
using Zhenxing.Web.Data;
using Zhenxing.Web.Features.Notifications;
using Zhenxing.Web.Features.Users;
using Zhenxing.Web.Infrastructure;

namespace Zhenxing.Web.Features.Pairings;

/// <summary>
/// A seconded cadre's term that ends within <see cref="WithinDays"/> days is reminded once: a notice to the county's
/// liaisons and to the Office. The reminder mark is set by one conditional update, so two app nodes never send it twice.
/// </summary>
public sealed class CadreTermReminders(ZhenxingDb db, TimeProvider clock)
{
    public const int WithinDays = 30;

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var today = ChinaTime.Today(clock);
        var until = today.AddDays(WithinDays);
        var due = await (
                from a in db.PairingActivities.AsNoTracking()
                where a.Kind == PairingActivityKind.Cadre && a.TermEndRemindedAt == null && a.TermEndsOn != null && a.TermEndsOn >= today && a.TermEndsOn <= until
                join p in db.Pairings on a.PairingId equals p.Id
                select new { a.Id, a.People, a.Post, a.TermEndsOn, p.CountyUnitId, County = p.County!.Name, Supporter = p.SupportingUnit!.Name, a.PairingId })
            .ToListAsync(cancellationToken);
        if (due.Count == 0)
        {
            return 0;
        }
        var office = await db.Users.AsNoTracking().Where(u => u.Role == Role.Office && u.IsActive).Select(u => u.Id).ToListAsync(cancellationToken);
        var sent = 0;
        foreach (var cadre in due)
        {
            var now = clock.GetUtcNow();
            // The claim and its notifications are one transaction: a node dying in between leaves the cadre unclaimed
            // for the next tick rather than marked as reminded without anybody having been told.
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var claimed = await db.PairingActivities
                .Where(a => a.Id == cadre.Id && a.TermEndRemindedAt == null)
                .ExecuteUpdateAsync(set => set.SetProperty(a => a.TermEndRemindedAt, now), cancellationToken);
            if (claimed == 0)
            {
                continue;
            }
            var days = cadre.TermEndsOn!.Value.DayNumber - today.DayNumber;
            var text = $"挂职期满提醒：{cadre.Supporter}挂职{cadre.County}的干部{cadre.People}（{cadre.Post}）将于 {cadre.TermEndsOn:yyyy-MM-dd} 挂职期满（{(days == 0 ? "今天" : $"还有 {days} 天")}），请做好接续安排。";
            var link = $"/pairings/{cadre.PairingId}#activities";
            db.Notifications.Add(new Notification { UnitId = cadre.CountyUnitId, Text = text, Link = link, CreatedAt = now });
            foreach (var user in office)
            {
                db.Notifications.Add(new Notification { UserId = user, Text = text, Link = link, CreatedAt = now });
            }
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            sent++;
        }
        return sent;
    }
}

/// <summary>
/// Checks the cadres' terms with the reminder job's interval (<c>Reminders:IntervalMinutes</c>); off with
/// <c>Reminders:Enabled=false</c>. One node a tick; the claim per cadre (a conditional update) also keeps two from reminding twice.
/// </summary>
public sealed class CadreTermReminderJob(IServiceScopeFactory scopes, ClusterLock cluster, TimeProvider clock, Microsoft.Extensions.Options.IOptions<Rounds.ReminderOptions> options, ILogger<CadreTermReminderJob> logger)
    : ClusterJob(ClusterLock.CadreTerms, scopes, cluster, clock, options, logger)
{
    protected override async Task TickAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var sent = await services.GetRequiredService<CadreTermReminders>().RunAsync(cancellationToken);
        if (sent > 0)
        {
            logger.LogInformation("Sent {Count} cadre term reminders", sent);
        }
    }
}
