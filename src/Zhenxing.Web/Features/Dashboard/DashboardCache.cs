using Microsoft.Extensions.Caching.Memory;

namespace Zhenxing.Web.Features.Dashboard;

/// <summary>
/// The dashboard's figures, kept in memory while the ledger does not change. Every write goes through the audited
/// <c>SaveChangesAsync</c>, so the newest audit entry's id is the ledger's version: a request first reads it (one index
/// lookup) and recomputes only when it moved, on whichever app node it lands. An entry also expires after
/// <see cref="MaxAge"/>, which bounds how long a transaction that committed after a later-numbered one can go unseen.
/// </summary>
public sealed class DashboardCache : IDisposable
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(60);

    private readonly MemoryCache _entries = new(new MemoryCacheOptions { SizeLimit = 500 });

    // Figures of closed rounds: the statuses kept at closing never change, so they are computed once per node.
    private readonly MemoryCache _closedRounds = new(new MemoryCacheOptions { SizeLimit = 500 });

    public async Task<DashboardData> GetAsync(string view, long ledgerVersion, Func<Task<DashboardData>> compute)
    {
        var key = $"{view}|{ledgerVersion}";
        if (_entries.TryGetValue(key, out DashboardData? cached) && cached is not null)
        {
            return cached;
        }
        var data = await compute();
        _entries.Set(key, data, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = MaxAge, Size = 1 });
        return data;
    }

    /// <summary>Figures that depend only on closed rounds, kept for a day whatever happens to the ledger.</summary>
    public async Task<T> ClosedRoundsAsync<T>(string key, Func<Task<T>> compute) where T : class
    {
        if (_closedRounds.TryGetValue(key, out T? cached) && cached is not null)
        {
            return cached;
        }
        var value = await compute();
        _closedRounds.Set(key, value, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = TimeSpan.FromDays(1), Size = 1 });
        return value;
    }

    /// <summary>Forgets the views of the ledger (a benchmark measuring them as after a change); closed rounds stay.</summary>
    public void ForgetViews() => _entries.Compact(1.0);

    /// <summary>Forgets everything (tests that empty the tables behind the app's back).</summary>
    public void Clear()
    {
        _entries.Compact(1.0);
        _closedRounds.Compact(1.0);
    }

    public void Dispose()
    {
        _entries.Dispose();
        _closedRounds.Dispose();
    }
}
