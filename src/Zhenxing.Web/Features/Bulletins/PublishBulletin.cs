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

    /// <summary>Why <paramref name="number"/> cannot be this year's number of bulletin <paramref name="id"/>: another bulletin has it.</summary>
    public async Task<string?> TakenProblemAsync(int id, int number, CancellationToken cancellationToken)
    {
        var year = ChinaTime.Today(clock).Year;
        var other = await db.Bulletins.AsNoTracking().Where(b => b.Id != id && b.Year == year && b.Number == number)
            .Select(b => new { b.Title, b.PublishedAt }).FirstOrDefaultAsync(cancellationToken);
        if (other is null)
        {
            return null;
        }
        var next = (await NextIssueAsync(cancellationToken)).Number;
        return $"期号第{number}期已被{year}年已发布的《{other.Title}》（{ChinaTime.Format(other.PublishedAt)} 发布）使用，请改用未用的期号，如第{next}期。";
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
            // A number the Office set on the draft is kept as it is; otherwise the next one of the year.
            var chosen = bulletin.Number;
            if (chosen is { } number && await TakenProblemAsync(id, number, cancellationToken) is { } taken)
            {
                return taken;
            }
            bulletin.State = BulletinState.Published;
            (bulletin.Year, bulletin.Number) = chosen is { } kept ? (ChinaTime.Today(clock).Year, kept) : await NextIssueAsync(cancellationToken);
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
            catch (DbUpdateException) when (chosen is { } clash)
            {
                db.ChangeTracker.Clear();
                return await TakenProblemAsync(id, clash, cancellationToken) ?? "发布失败：期号冲突，请刷新后重试。";
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                // Another bulletin took this number a moment ago: take the next one.
                db.ChangeTracker.Clear();
            }
        }
    }
}
