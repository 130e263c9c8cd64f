using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Zhenxing.Web.Data;

namespace Zhenxing.Web.Features.Notifications;

public sealed class NotificationsModel(ZhenxingDb db, NotificationInbox inbox, TimeProvider clock) : PageModel
{
    public List<Notification> Items { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Items = await inbox.For(User).AsNoTracking().OrderByDescending(n => n.Id).Take(200).ToListAsync(cancellationToken);

    public async Task<IActionResult> OnPostReadAllAsync(CancellationToken cancellationToken)
    {
        var unread = await inbox.For(User).Where(n => n.ReadAt == null).ToListAsync(cancellationToken);
        foreach (var notification in unread)
        {
            notification.ReadAt = clock.GetUtcNow();
        }
        await db.SaveChangesAsync(cancellationToken);
        return Redirect("/notifications");
    }
}
