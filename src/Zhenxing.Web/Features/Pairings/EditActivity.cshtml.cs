using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Zhenxing.Web.Data;

namespace Zhenxing.Web.Features.Pairings;

/// <summary>Edits or deletes one activity, based on the version read; only the county's liaison and the Office.</summary>
public sealed class EditActivityModel(ZhenxingDb db, PairingRegistry registry, FilePairingActivity file) : PageModel
{
    public PairingRow Pairing { get; private set; } = null!;
    public PairingActivity Current { get; private set; } = null!;
    public string? Conflict { get; private set; }

    [BindProperty]
    public PairingActivityForm Activity { get; set; } = new();

    [TempData]
    public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } refused)
        {
            return refused;
        }
        Activity = PairingActivityForm.From(Current);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } refused)
        {
            return refused;
        }
        var outcome = await file.UpdateAsync(id, Activity, User, cancellationToken);
        return await AnswerAsync(id, outcome, "已保存修改。", cancellationToken);
    }

    public async Task<IActionResult> OnPostDeleteAsync(int id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } refused)
        {
            return refused;
        }
        var outcome = await file.DeleteAsync(id, Activity.Version, User, cancellationToken);
        return await AnswerAsync(id, outcome, "已删除该条工作动态。", cancellationToken);
    }

    private async Task<IActionResult> AnswerAsync(int id, ActivityOutcome outcome, string done, CancellationToken cancellationToken)
    {
        switch (outcome)
        {
            case ActivityOutcome.Saved:
                Message = done;
                return Redirect($"/pairings/{Pairing.Id}#activities");
            case ActivityOutcome.Invalid invalid:
                foreach (var (field, message) in invalid.Errors)
                {
                    ModelState.AddModelError("Activity." + field, message);
                }
                return Page();
            case ActivityOutcome.Conflict conflict:
                Conflict = conflict.Message;
                await LoadAsync(id, cancellationToken);
                return Page();
            case ActivityOutcome.Forbidden:
                return Forbid();
            default:
                return Redirect($"/pairings/{Pairing.Id}#activities");
        }
    }

    private async Task<IActionResult?> LoadAsync(int id, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        var activity = await db.PairingActivities.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        var pairing = activity is null ? null : await registry.FindAsync(activity.PairingId, cancellationToken);
        if (activity is null || pairing is null)
        {
            return NotFound();
        }
        if (!PairingRegistry.CanFile(User, pairing.CountyUnitId))
        {
            return Forbid();
        }
        (Current, Pairing) = (activity, pairing);
        return null;
    }
}
