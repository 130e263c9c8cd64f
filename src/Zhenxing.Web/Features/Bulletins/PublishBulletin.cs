using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Zhenxing.Web.Data;
using Zhenxing.Web.Infrastructure;

namespace Zhenxing.Web.Features.Bulletins;

/// <summary>
/// Publishes a draft with the next number (第N期) of the calendar year of publishing. The unique index on year and
/// number decides when two drafts are published at the same moment: the second takes the number after.
/// </summary>
public sealed class PublishBulletin(ZhenxingDb db, TimeProvider clock)
{
    /// <summary>The year and number the next bulletin published today would get.</summary>
    public async Task<(int Year, int Number)> NextIssueAsync(CancellationToken cancellationToken)
    {
        var year = ChinaTime.Today(clock).Year;
        return (year, 1 + (await db.Bulletins.Where(b => b.Year == year).MaxAsync(b => b.Number, cancellationToken) ?? 0));
    }

    /// <returns>The problem in Chinese, or null when published.</returns>
    public async Task<string?> RunAsync(int id, int version, ClaimsPrincipal office, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var bulletin = await db.Bulletins.SingleOrDefaultAsync(b => b.Id == id, cancellationToken);
            if (bulletin is null)
            {
                return "简报不存在。";
            }
            if (bulletin.State == BulletinState.Published)
            {
                return EditBulletin.PublishedProblem(bulletin);
            }
            if (bulletin.Version != version)
            {
                return "发布失败：在您确认期间，该简报已被其他用户修改。请先查看最新内容，再确认发布。";
            }
            var now = clock.GetUtcNow();
            bulletin.State = BulletinState.Published;
            (bulletin.Year, bulletin.Number) = await NextIssueAsync(cancellationToken);
            bulletin.PublishedAt = now;
            bulletin.PublishedByName = office.FindFirstValue(ClaimTypes.GivenName) ?? office.Identity!.Name!;
            bulletin.UpdatedAt = now;
            bulletin.UpdatedByName = bulletin.PublishedByName;
            db.Entry(bulletin).Property(b => b.Version).OriginalValue = version;
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return null;
            }
            catch (DbUpdateConcurrencyException)
            {
                db.ChangeTracker.Clear();
                return "发布失败：在您确认期间，该简报已被其他用户修改。请先查看最新内容，再确认发布。";
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                // Another bulletin took this number a moment ago: take the next one.
                db.ChangeTracker.Clear();
            }
        }
    }
}
