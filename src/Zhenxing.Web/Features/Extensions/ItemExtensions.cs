using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Zhenxing.Web.Data;
using Zhenxing.Web.Features.Items;
using Zhenxing.Web.Features.Users;

namespace Zhenxing.Web.Features.Extensions;

/// <summary>
/// An item's extension requests as its page shows them: the history, newest first; whether the viewer may ask now (and
/// if not, why, for a liaison of a lead unit); for the Office, how many requests wait across the ledger.
/// </summary>
public sealed record ItemExtensions(int ItemId, IReadOnlyList<(ExtensionRequest Request, string UnitName)> History, bool CanRequest, string? Refusal, int? PendingForOffice)
{
    public static async Task<ItemExtensions> LoadAsync(ZhenxingDb db, Item item, IReadOnlyCollection<int> leadUnits, ClaimsPrincipal user, DateOnly today, CancellationToken cancellationToken)
    {
        var history = (await db.ExtensionRequests.AsNoTracking().Where(r => r.ItemId == item.Id).OrderByDescending(r => r.Id)
                .Select(r => new { Request = r, Unit = db.Units.Where(u => u.Id == r.UnitId).Select(u => u.Name).First() })
                .ToListAsync(cancellationToken))
            .Select(r => (r.Request, r.Unit)).ToList();
        var unitId = user.IsInRole(nameof(Role.Liaison)) ? ItemScope.UnitOf(user) : null;
        var isLead = unitId is { } id && leadUnits.Contains(id);
        var refusal = isLead ? RequestExtension.Refusal(item, leadUnits, unitId, today, history.Select(h => h.Request).FirstOrDefault(r => r.State == ExtensionState.Pending)) : null;
        int? pending = user.IsInRole(nameof(Role.Office))
            ? await db.ExtensionRequests.CountAsync(r => r.State == ExtensionState.Pending, cancellationToken)
            : null;
        return new ItemExtensions(item.Id, history, isLead && refusal is null, refusal, pending);
    }
}
