using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Zhenxing.Web.Data;
using Zhenxing.Web.Features.Users;

namespace Zhenxing.Web.Features.Bulletins;

/// <summary>Deletes a draft after confirmation; a published bulletin is kept for good.</summary>
[Authorize(Roles = nameof(Role.Office))]
public sealed class DeleteBulletinModel(ZhenxingDb db) : PageModel
{
    public Bulletin Bulletin { get; private set; } = null!;
    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        if (await db.Bulletins.AsNoTracking().SingleOrDefaultAsync(b => b.Id == id, cancellationToken) is not { } bulletin)
        {
            return NotFound();
        }
        Bulletin = bulletin;
        if (bulletin.State == BulletinState.Published)
        {
            Problem = EditBulletin.PublishedProblem(bulletin);
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, [Display(Name = "版本号")] int version, CancellationToken cancellationToken)
    {
        if (await db.Bulletins.Include(b => b.Sections).SingleOrDefaultAsync(b => b.Id == id, cancellationToken) is not { } bulletin)
        {
            return NotFound();
        }
        Bulletin = bulletin;
        if (bulletin.State == BulletinState.Published || bulletin.Version != version)
        {
            Problem = bulletin.State == BulletinState.Published
                ? EditBulletin.PublishedProblem(bulletin)
                : "删除失败：在您确认期间，该草稿已被其他用户修改。请先查看最新内容。";
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }
        db.Entry(bulletin).Property(b => b.Version).OriginalValue = version;
        db.Bulletins.Remove(bulletin);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            Problem = "删除失败：在您确认期间，该草稿已被其他用户修改。请先查看最新内容。";
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }
        TempData["Message"] = $"已删除草稿《{bulletin.Title}》（{BulletinText.Period(bulletin.PeriodFrom, bulletin.PeriodTo)}）。";
        return Redirect("/bulletins");
    }
}
