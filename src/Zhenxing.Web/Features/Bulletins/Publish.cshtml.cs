using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Zhenxing.Web.Data;
using Zhenxing.Web.Features.Users;

namespace Zhenxing.Web.Features.Bulletins;

/// <summary>Asks the Office to confirm publishing (the number it will get, and that it can no longer be edited), then publishes.</summary>
[Authorize(Roles = nameof(Role.Office))]
public sealed class PublishBulletinModel(ZhenxingDb db, PublishBulletin publish) : PageModel
{
    public Bulletin Bulletin { get; private set; } = null!;
    public (int Year, int Number) Next { get; private set; }
    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(int id, [Display(Name = "版本号")] int version, CancellationToken cancellationToken)
    {
        if (await publish.RunAsync(id, version, User, cancellationToken) is { } problem)
        {
            if (!await LoadAsync(id, cancellationToken))
            {
                return NotFound();
            }
            Problem = problem;
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }
        var bulletin = await db.Bulletins.AsNoTracking().SingleAsync(b => b.Id == id, cancellationToken);
        TempData["Message"] = $"已发布：{bulletin.Title} {bulletin.Year}年{bulletin.IssueLine}。各角色均可阅读。";
        return Redirect($"/bulletins/{id}");
    }

    private async Task<bool> LoadAsync(int id, CancellationToken cancellationToken)
    {
        var bulletin = await db.Bulletins.AsNoTracking().Include(b => b.Sections).SingleOrDefaultAsync(b => b.Id == id, cancellationToken);
        if (bulletin is null)
        {
            return false;
        }
        Bulletin = bulletin;
        Next = await publish.NextIssueAsync(cancellationToken);
        if (bulletin.State == BulletinState.Draft && bulletin.Number is { } chosen)
        {
            Next = (Next.Year, chosen);
        }
        if (bulletin.State == BulletinState.Published)
        {
            Problem ??= EditBulletin.PublishedProblem(bulletin);
        }
        return true;
    }
}
