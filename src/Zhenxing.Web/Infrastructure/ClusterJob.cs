using Microsoft.Extensions.Options;
using Zhenxing.Web.Features.Rounds;

namespace Zhenxing.Web.Infrastructure;

/// <summary>
/// A background job that ticks every <see cref="ReminderOptions.IntervalMinutes"/> (off with <c>Reminders:Enabled=false</c>),
/// the first tick at start. Of several app nodes, the one that holds the job's <see cref="ClusterLock"/> lease runs a tick
/// and the others skip it; a failed tick is logged and the next one tries again.
/// </summary>
public abstract class ClusterJob(long leaseKey, IServiceScopeFactory scopes, ClusterLock cluster, TimeProvider clock, IOptions<ReminderOptions> options, ILogger logger)
    : BackgroundService
{
    /// <summary>One tick's work, with a fresh scope; runs on one node at a time.</summary>
    protected abstract Task TickAsync(IServiceProvider services, CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(Math.Max(1, options.Value.IntervalMinutes)), clock);
        do
        {
            try
            {
                await using var lease = await cluster.TryAcquireAsync(leaseKey, stoppingToken);
                if (lease is null)
                {
                    logger.LogDebug("Another app node holds the lease of {Job}; this tick is skipped", GetType().Name);
                    continue;
                }
                await using var scope = scopes.CreateAsyncScope();
                await TickAsync(scope.ServiceProvider, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "A tick of {Job} failed; the next tick tries again", GetType().Name);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
