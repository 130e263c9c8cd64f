using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Zhenxing.Web.Data;
using Zhenxing.Web.Features.Users;

namespace Zhenxing.Web.Features.Dashboard;

/// <summary>The leaders' and the Office's dashboard (<c>/dashboard</c>) and its wall mode (<c>/dashboard/wall</c>).</summary>
[Authorize(Roles = $"{nameof(Role.Office)},{nameof(Role.Leader)},{nameof(Role.Admin)}")]
public class DashboardModel(DashboardQuery dashboard, ZhenxingDb db, IOptions<JsonOptions> json) : PageModel
{
    /// <summary>Seconds between the wall's refreshes when the address does not say (<c>refresh=</c>).</summary>
    public const int DefaultRefreshSeconds = 60;

    public DashboardFilter Filter { get; private set; } = new();
    public DashboardData? Data { get; private set; }
    public List<string> Errors { get; } = [];
    public List<DashboardList> Lists { get; private set; } = [];
    public List<DashboardRound> Rounds { get; private set; } = [];
    public int RefreshSeconds { get; private set; } = DefaultRefreshSeconds;

    /// <summary>The data as JSON for the charts (the same document as GET /api/v1/dashboard).</summary>
    /// <remarks>
    /// The page writes it raw into a script element: the API's encoder escapes &lt; &gt; &amp; and quotes (it is not the
    /// "unsafe relaxed" one), so a unit named "…&lt;/script&gt;…" cannot end that element.
    /// </remarks>
    public string DataJson => JsonSerializer.Serialize(Data, json.Value.SerializerOptions);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var (filter, errors) = DashboardFilter.Parse(Request.Query);
        Filter = filter;
        if (int.TryParse(Request.Query["refresh"], out var refresh))
        {
            RefreshSeconds = Math.Clamp(refresh, 10, 3600);
        }
        Lists = await db.ItemLists.AsNoTracking().OrderBy(l => l.Id).Select(l => new DashboardList(l.Id, l.Title)).ToListAsync(cancellationToken);
        Rounds = await db.ReportingRounds.AsNoTracking().OrderByDescending(r => r.DueOn).ThenByDescending(r => r.Id)
            .Select(r => new DashboardRound(r.Id, r.Name, r.DueOn, r.State)).ToListAsync(cancellationToken);
        if (errors.Count == 0)
        {
            errors = await dashboard.ValidateAsync(filter, cancellationToken);
        }
        Errors.AddRange(errors.SelectMany(e => e.Value));
        if (Errors.Count == 0)
        {
            Data = await dashboard.GetAsync(filter, User, cancellationToken);
        }
    }
}

public sealed class DashboardWallModel(DashboardQuery dashboard, ZhenxingDb db, IOptions<JsonOptions> json) : DashboardModel(dashboard, db, json);
