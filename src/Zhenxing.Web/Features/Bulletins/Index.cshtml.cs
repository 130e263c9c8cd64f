using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Zhenxing.Web.Data;

namespace Zhenxing.Web.Features.Bulletins;

/// <summary>The published bulletins for every role, newest first; the drafts for the Office.</summary>
public sealed class BulletinsModel(ZhenxingDb db) : PageModel
{
    public sealed record Row(int Id, string Title, string IssueLine, int? Year, DateOnly From, DateOnly To, DateTimeOffset? PublishedAt, string By);

    public List<Row> Published { get; private set; } = [];
    public List<Row> Drafts { get; private set; } = [];
    public bool CanWrite => BulletinAccess.CanWrite(User);

    [Microsoft.AspNetCore.Mvc.TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var bulletins = await db.Bulletins.AsNoTracking().VisibleTo(User)
            .OrderByDescending(b => b.State).ThenByDescending(b => b.Year).ThenByDescending(b => b.Number).ThenByDescending(b => b.Id)
            .ToListAsync(cancellationToken);
        Published = bulletins.Where(b => b.State == BulletinState.Published)
            .Select(b => new Row(b.Id, b.Title, b.IssueLine, b.Year, b.PeriodFrom, b.PeriodTo, b.PublishedAt, b.PublishedByName ?? "")).ToList();
        Drafts = bulletins.Where(b => b.State == BulletinState.Draft)
            .Select(b => new Row(b.Id, b.Title, b.IssueLine, null, b.PeriodFrom, b.PeriodTo, null, b.UpdatedByName)).ToList();
    }
}
