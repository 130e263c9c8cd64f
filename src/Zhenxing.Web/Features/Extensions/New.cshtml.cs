using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Zhenxing.Web.Data;
using Zhenxing.Web.Features.Items;
using Zhenxing.Web.Features.Users;
using Zhenxing.Web.Infrastructure;

namespace Zhenxing.Web.Features.Extensions;

/// <summary>A liaison of the item's lead unit asks for a later deadline (延期申请).</summary>
public sealed class NewExtensionModel(ZhenxingDb db, RequestExtension request, TimeProvider clock) : PageModel
{
    public Item Item { get; private set; } = null!;

    /// <summary>Why no request can be made now; the form is not shown then.</summary>
    public string? Refusal { get; private set; }

    [BindProperty, Display(Name = "申请延期至")]
    public DateOnly? RequestedDeadline { get; set; }

    [BindProperty, Display(Name = "延期理由")]
    public string? Reason { get; set; }

    [BindProperty, Display(Name = "目前进展")]
    public string? Progress { get; set; }

    [BindProperty, Display(Name = "版本号")]
    public int ItemVersion { get; set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }
        ItemVersion = Item.Version;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken)
    {
        if (!User.IsInRole(nameof(Role.Liaison)))
        {
            return Forbid();
        }
        if (!ModelState.IsValid)
        {
            return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
        }
        var outcome = await request.RunAsync(id, new ExtensionAsk(RequestedDeadline, Reason, Progress, ItemVersion), User, cancellationToken);
        switch (outcome)
        {
            case ExtensionOutcome.Done done:
                TempData["Message"] = $"延期申请已提交（申请延期至 {done.Request.RequestedDeadline:yyyy-MM-dd}），振兴办审批后将通知您单位。";
                return Redirect($"/items/{id}#extensions");
            case ExtensionOutcome.NotFound:
                return NotFound();
            case ExtensionOutcome.Invalid invalid:
                foreach (var (field, message) in invalid.Errors)
                {
                    ModelState.AddModelError(field, message);
                }
                break;
            case ExtensionOutcome.Refused refused:
                ModelState.AddModelError("", refused.Problem);
                break;
            case ExtensionOutcome.Conflict conflict:
                ModelState.AddModelError("", conflict.Problem);
                Response.StatusCode = StatusCodes.Status409Conflict;
                break;
        }
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }
        if (outcome is ExtensionOutcome.Conflict)
        {
            ModelState.Remove(nameof(ItemVersion));
            ItemVersion = Item.Version;
        }
        return Page();
    }

    private async Task<bool> LoadAsync(int id, CancellationToken cancellationToken)
    {
        var found = await db.Items.VisibleTo(User).AsNoTracking().Include(i => i.Units).SingleOrDefaultAsync(i => i.Id == id, cancellationToken);
        if (found is null)
        {
            return false;
        }
        Item = found;
        var pending = await db.ExtensionRequests.AsNoTracking().SingleOrDefaultAsync(r => r.ItemId == id && r.State == ExtensionState.Pending, cancellationToken);
        var unitId = User.IsInRole(nameof(Role.Liaison)) ? ItemScope.UnitOf(User) : null;
        Refusal = RequestExtension.Refusal(found, found.Units.Where(u => u.Role == ItemUnitRole.Lead).Select(u => u.UnitId).ToList(), unitId, ChinaTime.Today(clock), pending);
        return true;
    }
}
