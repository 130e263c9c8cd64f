using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Zhenxing.Web.Data;
using Zhenxing.Web.Infrastructure;
using Zhenxing.Web.Infrastructure.Mail;

namespace Zhenxing.Web.Features.Digests;

/// <summary>
/// Sends the day's digests: one e-mail per person who has an address and has not opted out, one message per unit group
/// robot; none that would be empty, none twice a China day. A digest is claimed in <see cref="DigestLog"/> before it
/// goes out (the unique index refuses a second claim from any node) and the claim is withdrawn when delivery fails, so
/// that the next run tries again.
/// </summary>
public sealed class SendDigests(ZhenxingDb db, ComposeDigest compose, Mailer mailer, PostToRobot robots, TimeProvider clock,
    IOptions<DigestOptions> options, ILogger<SendDigests> logger)
{
    public sealed record Result(int Emails, int Robots);

    /// <summary>True from the configured hour (China time) on.</summary>
    public bool IsTimeToSend()
    {
        var chinaNow = clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8));
        return TimeOnly.FromDateTime(chinaNow.DateTime) >= options.Value.SendTime;
    }

    public async Task<Result> RunAsync(CancellationToken cancellationToken)
    {
        var today = ChinaTime.Today(clock);
        var emails = 0;
        if (mailer.Enabled)
        {
            var people = await db.Users.AsNoTracking()
                .Where(u => u.IsActive && u.Email != null && u.Email != "" && !u.DigestOptOut
                            && !db.DigestLogs.Any(l => l.UserId == u.Id && l.Day == today))
                .OrderBy(u => u.Id).ToListAsync(cancellationToken);
            foreach (var person in people)
            {
                var digest = await compose.ForUserAsync(person, cancellationToken);
                if (digest.IsEmpty || await ClaimAsync(new DigestLog { UserId = person.Id, Day = today, SentAt = clock.GetUtcNow() }, cancellationToken) is not { } claim)
                {
                    continue;
                }
                var body = digest.ToText($"{person.DisplayName}：") + "\n不想再收到每日摘要，可在平台“修改密码”页取消订阅。";
                if (await mailer.SendAsync([person.Email!], $"【每日摘要】{today:M月d日}", body, cancellationToken))
                {
                    emails++;
                }
                else
                {
                    logger.LogWarning("The digest for user {User} was not delivered; the next run tries again", person.Id);
                    await WithdrawAsync(claim, cancellationToken);
                }
            }
        }

        var sentRobots = 0;
        var channels = await db.UnitChannels.AsNoTracking()
            .Where(c => !db.DigestLogs.Any(l => l.UnitId == c.UnitId && l.Day == today))
            .Join(db.Units, c => c.UnitId, u => u.Id, (c, u) => new { Channel = c, UnitName = u.Name })
            .OrderBy(c => c.Channel.UnitId).ToListAsync(cancellationToken);
        foreach (var (channel, unitName) in channels.Select(c => (c.Channel, c.UnitName)))
        {
            var digest = await compose.ForUnitAsync(channel.UnitId, unitName, cancellationToken);
            if (digest.IsEmpty || await ClaimAsync(new DigestLog { UnitId = channel.UnitId, Day = today, SentAt = clock.GetUtcNow() }, cancellationToken) is not { } claim)
            {
                continue;
            }
            var text = channel.Kind == ChannelKind.Feishu ? digest.ToText() : digest.ToMarkdown();
            var outcome = await robots.RunAsync(channel.Kind, channel.WebhookUrl, channel.WebhookSecret, digest.Title, text, cancellationToken);
            await RecordDeliveryAsync(db, channel.Id, outcome, clock, cancellationToken);
            if (outcome.Ok)
            {
                sentRobots++;
            }
            else
            {
                await WithdrawAsync(claim, cancellationToken);
            }
        }
        return new Result(emails, sentRobots);
    }

    /// <summary>Keeps the last delivery's outcome on the channel, for the unit page (audited like any change).</summary>
    public static async Task RecordDeliveryAsync(ZhenxingDb db, int channelId, PostToRobot.Outcome outcome, TimeProvider clock, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        var channel = await db.UnitChannels.SingleOrDefaultAsync(c => c.Id == channelId, cancellationToken);
        if (channel is null)
        {
            return;
        }
        channel.LastDeliveryAt = clock.GetUtcNow();
        channel.LastDeliveryOk = outcome.Ok;
        channel.LastDeliveryStatus = outcome.Status;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Edited meanwhile: the edit stands, the status is the next delivery's to show.
        }
    }

    private async Task<DigestLog?> ClaimAsync(DigestLog log, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        db.DigestLogs.Add(log);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return log;
        }
        catch (DbUpdateException)
        {
            // Already sent today, perhaps from another node.
            db.ChangeTracker.Clear();
            return null;
        }
    }

    private async Task WithdrawAsync(DigestLog claim, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        db.DigestLogs.Remove(new DigestLog { Id = claim.Id });
        await db.SaveChangesAsync(cancellationToken);
    }
}

/// <summary>The digests' background job: from the configured hour on, each tick sends what has not gone out today.</summary>
public sealed class DigestJob(IServiceScopeFactory scopes, ClusterLock cluster, TimeProvider clock, IOptions<Rounds.ReminderOptions> reminders,
    IOptions<DigestOptions> options, ILogger<DigestJob> logger)
    : ClusterJob(ClusterLock.Digests, scopes, cluster, clock, reminders, logger)
{
    protected override async Task TickAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var send = services.GetRequiredService<SendDigests>();
        if (!options.Value.Enabled || !send.IsTimeToSend())
        {
            return;
        }
        var result = await send.RunAsync(cancellationToken);
        if (result.Emails + result.Robots > 0)
        {
            logger.LogInformation("Sent {Emails} digest e-mails and {Robots} group robot digests", result.Emails, result.Robots);
        }
    }
}

public static class DigestComposition
{
    /// <summary>What sending digests needs, for the web app and the <c>zhenxing digest</c> command alike.</summary>
    public static IServiceCollection AddDigests(this IServiceCollection services)
    {
        services.AddOptions<DigestOptions>().BindConfiguration("Digests")
            .PostConfigure<IConfiguration>((options, configuration) => options.PublicUrl ??= configuration["App:PublicUrl"]);
        services.AddHttpClient(PostToRobot.HttpClientName, (provider, client) =>
        {
            client.Timeout = TimeSpan.FromSeconds(Math.Max(1, provider.GetRequiredService<IOptions<DigestOptions>>().Value.RobotTimeoutSeconds));
        });
        services.AddScoped<PostToRobot>();
        services.AddScoped<ComposeDigest>();
        services.AddScoped<SendDigests>();
        return services;
    }
}
