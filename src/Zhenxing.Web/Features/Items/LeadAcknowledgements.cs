using Microsoft.EntityFrameworkCore;
using Zhenxing.Web.Data;

namespace Zhenxing.Web.Features.Items;

/// <summary>An assignment that waits for 签收: the item and its lead unit, since when, and whether it was chased.</summary>
public sealed record PendingAcknowledgement(int ItemId, string ItemNumber, string ItemText, string ListTitle, int UnitId, string UnitName, DateTimeOffset AssignedAt, DateTimeOffset? ChasedAt);

/// <summary>签收: lead assignments waiting for the unit's acknowledgement, and the acknowledgement itself.</summary>
public sealed class LeadAcknowledgements(ZhenxingDb db, TimeProvider clock)
{
    /// <summary>The unacknowledged lead assignments of one unit, or of every unit when <paramref name="unitId"/> is null.</summary>
    public async Task<List<PendingAcknowledgement>> PendingAsync(int? unitId, CancellationToken cancellationToken) =>
        await db.ItemUnits.AsNoTracking()
            .Where(u => u.Role == ItemUnitRole.Lead && u.AssignedAt != null && u.AcknowledgedAt == null && (unitId == null || u.UnitId == unitId))
            .Join(db.Items.Where(i => i.WithdrawnAt == null), u => u.ItemId, i => i.Id, (u, i) => new { u, i })
            .OrderBy(x => x.u.Unit!.Name).ThenBy(x => x.i.ItemListId).ThenBy(x => x.i.Position)
            .Select(x => new PendingAcknowledgement(x.i.Id, x.i.Number, x.i.ShortTitle ?? x.i.Text, x.i.ItemList!.Title, x.u.UnitId, x.u.Unit!.Name, x.u.AssignedAt!.Value, x.u.AcknowledgementChasedAt))
            .ToListAsync(cancellationToken);

    /// <summary>Acknowledges the unit's pending assignments: one item's, or all of them. Returns how many.</summary>
    public async Task<int> AcknowledgeAsync(int unitId, int? itemId, string who, CancellationToken cancellationToken)
    {
        var rows = await db.ItemUnits
            .Where(u => u.UnitId == unitId && u.Role == ItemUnitRole.Lead && u.AssignedAt != null && u.AcknowledgedAt == null && (itemId == null || u.ItemId == itemId))
            .Where(u => db.Items.Any(i => i.Id == u.ItemId && i.WithdrawnAt == null))
            .ToListAsync(cancellationToken);
        var now = clock.GetUtcNow();
        foreach (var row in rows)
        {
            row.AcknowledgedAt = now;
            row.AcknowledgedByName = who;
        }
        await db.SaveChangesAsync(cancellationToken);
        return rows.Count;
    }
}
