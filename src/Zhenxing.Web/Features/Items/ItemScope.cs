using System.Security.Claims;
using Zhenxing.Web.Features.Users;
using Zhenxing.Web.Infrastructure.Auth;

namespace Zhenxing.Web.Features.Items;

/// <summary>Which items a user may see: a liaison only those where its unit leads or is responsible; the other roles all.</summary>
public static class ItemScope
{
    public static IQueryable<Item> VisibleTo(this IQueryable<Item> items, ClaimsPrincipal user)
    {
        if (SeesEveryUnit(user))
        {
            return items;
        }
        if (user.IsInRole(nameof(Role.Liaison)) && UnitOf(user) is { } unitId)
        {
            return items.Where(i => i.Units.Any(u => u.UnitId == unitId));
        }
        return items.Where(_ => false);
    }

    /// <summary>
    /// Whether a user may open what concerns one unit in detail (its items, its reporting record, the trace of its
    /// assessment score): a liaison only its own unit; the other roles every unit. Otherwise the answer is 404, as for an item.
    /// </summary>
    public static bool CanSeeUnit(ClaimsPrincipal user, int unitId) =>
        SeesEveryUnit(user) || (user.IsInRole(nameof(Role.Liaison)) && UnitOf(user) == unitId);

    private static bool SeesEveryUnit(ClaimsPrincipal user) =>
        user.IsInRole(nameof(Role.Office)) || user.IsInRole(nameof(Role.Leader)) || user.IsInRole(nameof(Role.Admin));

    public static int? UnitOf(ClaimsPrincipal user) =>
        int.TryParse(user.FindFirstValue(ZhenxingClaims.UnitId), out var unitId) ? unitId : null;

    public static bool CanEdit(ClaimsPrincipal user) => user.IsInRole(nameof(Role.Office));

    public static bool CanInstruct(ClaimsPrincipal user) => user.IsInRole(nameof(Role.Leader));
}
