using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Zhenxing.Web.Data;
using Zhenxing.Web.Infrastructure;

namespace Zhenxing.Web.Features.Bulletins;

/// <summary>A bulletin laid out like the document. Every role reads the published ones; a draft is there only for the Office.</summary>
public sealed class BulletinDetailModel(ZhenxingDb db, ConvertToPdf pdf, TimeProvider clock) : PageModel
{
    public Bulletin Bulletin { get; private set; } = null!;
    public DateOnly Today => ChinaTime.Today(clock);
    public bool CanWrite => BulletinAccess.CanWrite(User);
    public bool PdfAvailable => pdf.Available;

    [TempData]
    public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        var bulletin = await db.Bulletins.AsNoTracking().Include(b => b.Sections).VisibleTo(User).SingleOrDefaultAsync(b => b.Id == id, cancellationToken);
        if (bulletin is null)
        {
            return NotFound();
        }
        Bulletin = bulletin;
        return Page();
    }
}
