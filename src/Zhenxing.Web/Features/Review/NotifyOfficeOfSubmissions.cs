using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Zhenxing.Web.Data;
using Zhenxing.Web.Features.Notifications;
using Zhenxing.Web.Features.Rounds;
using Zhenxing.Web.Features.Users;
using Zhenxing.Web.Infrastructure;

namespace Zhenxing.Web.Features.Review;

/// <summary>
/// Tells each Office user that reports arrived: one notice per unit and batch, "X 报送了 N 份进展，待审核", linking to the
/// review queue filtered by the unit. A user gets no second notice for a unit while the previous one is unread, nor
/// more than one an hour; N counts the unit's waiting reports submitted since the previous notice.
/// </summary>
public sealed class NotifyOfficeOfSubmissions(ZhenxingDb db, TimeProvider clock)
{
    public static readonly TimeSpan MinimumGap = TimeSpan.FromHours(1);

    public static string LinkFor(int unitId) => $"/review?unit={unitId}";

    /// <returns>How many notices were written.</returns>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var waiting = await db.ProgressReports.AsNoTracking()
            .Where(p => p.State == ReportState.Submitted && p.Round!.State == RoundState.Open)
            .Select(p => new { p.UnitId, p.SubmittedAt })
            .ToListAsync(cancellationToken);
        if (waiting.Count == 0)
        {
            return 0;
        }
        var officeUsers = await db.Users.AsNoTracking().Where(u => u.Role == Role.Office && u.IsActive).Select(u => u.Id).ToListAsync(cancellationToken);
        var unitIds = waiting.Select(w => w.UnitId).Distinct().ToList();
        var unitNames = await db.Units.AsNoTracking().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, cancellationToken);
        var links = unitIds.Select(LinkFor).ToList();
        var previous = (await db.Notifications.AsNoTracking()
                .Where(n => n.UserId != null && officeUsers.Contains(n.UserId.Value) && n.Link != null && links.Contains(n.Link))
                .Select(n => new { UserId = n.UserId!.Value, Link = n.Link!, n.CreatedAt, n.ReadAt })
                .ToListAsync(cancellationToken))
            .GroupBy(n => (n.UserId, n.Link))
            .ToDictionary(g => g.Key, g => g.OrderByDescending(n => n.CreatedAt).First());

        var written = 0;
        foreach (var unitId in unitIds)
        {
            var link = LinkFor(unitId);
            foreach (var userId in officeUsers)
            {
                var last = previous.GetValueOrDefault((userId, link));
                if (last is not null && (last.ReadAt is null || now - last.CreatedAt < MinimumGap))
                {
                    continue;
                }
                var arrived = waiting.Count(w => w.UnitId == unitId && (last is null || w.SubmittedAt > last.CreatedAt));
                if (arrived == 0)
                {
                    continue;
                }
                db.Notifications.Add(new Notification
                {
                    UserId = userId,
                    Text = $"{unitNames.GetValueOrDefault(unitId, "")} 报送了 {arrived} 份进展，待审核。",
                    Link = link,
                    CreatedAt = now,
                });
                written++;
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        return written;
    }
}

/// <summary>
/// The Office's arrival notices as a background job (see <see cref="ClusterJob"/>): it ticks at the reminders' interval,
/// but at least every 10 minutes, so that a batch of submissions is announced soon after it arrives.
/// </summary>
public sealed class ReviewNoticeJob(IServiceScopeFactory scopes, ClusterLock cluster, TimeProvider clock, IOptions<ReminderOptions> options, ILogger<ReviewNoticeJob> logger)
    : ClusterJob(ClusterLock.ReviewNotices, scopes, cluster, clock,
        Options.Create(new ReminderOptions { Enabled = options.Value.Enabled, IntervalMinutes = Math.Min(10, options.Value.IntervalMinutes) }), logger)
{
    protected override async Task TickAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var written = await services.GetRequiredService<NotifyOfficeOfSubmissions>().RunAsync(cancellationToken);
        if (written > 0)
        {
            logger.LogInformation("Told the Office of arrived reports in {Count} notices", written);
        }
    }
}

public static class ReviewComposition
{
    public static IServiceCollection AddReview(this IServiceCollection services) => services
        .AddScoped<ReviewQueue>()
        .AddScoped<NotifyOfficeOfSubmissions>()
        .AddHostedService<ReviewNoticeJob>();
}
