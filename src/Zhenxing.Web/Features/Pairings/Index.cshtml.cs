using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Zhenxing.Web.Data;

namespace Zhenxing.Web.Features.Pairings;

/// <summary>The pairing registry by supporting unit, by recipient county or by city; the filters live in the URL. Every signed-in role reads.</summary>
public sealed class PairingsModel(PairingRegistry registry, ZhenxingDb db) : PageModel
{
    public PairingFilter Filter { get; private set; } = new();
    public List<PairingRow> Rows { get; private set; } = [];
    public int Total { get; private set; }
    public Dictionary<int, int> ActivityCounts { get; private set; } = [];
    public List<string> Cities { get; private set; } = [];
    public List<PairingScheme> Schemes { get; private set; } = [];
    public bool CanEdit => PairingRegistry.CanEditRegistry(User);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Filter = PairingFilter.From(Request.Query);
        var all = await registry.AllAsync(cancellationToken);
        Total = all.Count;
        Cities = PairingRegistry.ByCity(all).Select(g => g.Key).ToList();
        Rows = Filter.Apply(all).ToList();
        ActivityCounts = await db.PairingActivities.AsNoTracking().GroupBy(a => a.PairingId).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        Schemes = await db.PairingSchemes.AsNoTracking().OrderBy(s => s.Id).ToListAsync(cancellationToken);
    }
}
