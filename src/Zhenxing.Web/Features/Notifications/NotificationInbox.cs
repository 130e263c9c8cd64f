using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Zhenxing.Web.Data;
using Zhenxing.Web.Features.Items;

namespace Zhenxing.Web.Features.Notifications;

/// <summary>The notifications a user reads: those addressed to the user and, for a liaison, to its unit.</summary>
public sealed class NotificationInbox(ZhenxingDb db)
{
    public IQueryable<Notification> For(ClaimsPrincipal user)
    {
        var userId = int.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : -1;
        var unitId = user.IsInRole(nameof(Users.Role.Liaison)) ? ItemScope.UnitOf(user) ?? -1 : -1;
        return db.Notifications.Where(n => n.UserId == userId || n.UnitId == unitId);
    }

    public Task<int> UnreadAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default) =>
        For(user).CountAsync(n => n.ReadAt == null, cancellationToken);
}
