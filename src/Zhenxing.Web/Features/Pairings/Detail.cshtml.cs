using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Zhenxing.Web.Data;
using Zhenxing.Web.Infrastructure;
using Zhenxing.Web.Infrastructure.Audit;

namespace Zhenxing.Web.Features.Pairings;

/// <summary>
/// One pairing: its parties and period, the county's pairing history in the scheme, the activity log and its change history.
/// The county's liaison and the Office file activities; the Office changes the partner or ends the period.
/// </summary>
public sealed class PairingDetailModel(ZhenxingDb db, PairingRegistry registry, FilePairingActivity file, EditPairings edit) : PageModel
{
    public PairingRow Pairing { get; private set; } = null!;
    public List<PairingRow> History { get; private set; } = [];
    public List<PairingActivity> Activities { get; private set; } = [];
    public sealed record ChangeRow(string At, string Actor, string What, string Changes);

    public List<ChangeRow> Changes { get; private set; } = [];
    public bool CanFile => PairingRegistry.CanFile(User, Pairing.CountyUnitId);
    public bool CanEdit => PairingRegistry.CanEditRegistry(User);
    public List<string> Supporters { get; private set; } = [];

    /// <summary>The errors on the page are the registry edit's, not the activity form's.</summary>
    public bool RegistryFailed { get; private set; }

    [BindProperty]
    public PairingActivityForm Activity { get; set; } = new();

    [BindProperty]
    public string? NewUnit { get; set; }

    [BindProperty]
    public string? ChangesOn { get; set; }

    [BindProperty]
    public string? EndsOn { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    [BindProperty, Display(Name = "版本号")]
    public int Version { get; set; }

    [TempData]
    public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }
        Activity = new PairingActivityForm { OccurredOn = registry.Today.ToString("yyyy-MM-dd") };
        return Page();
    }

    public async Task<IActionResult> OnPostFileAsync(int id, CancellationToken cancellationToken)
    {
        var outcome = await file.CreateAsync(id, Activity, User, cancellationToken);
        switch (outcome)
        {
            case ActivityOutcome.Saved saved:
                Message = $"已填报：{saved.Activity.Describe()}";
                return Redirect($"/pairings/{id}#activities");
            case ActivityOutcome.Invalid invalid:
                foreach (var (field, message) in invalid.Errors)
                {
                    ModelState.AddModelError("Activity." + field, message);
                }
                return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
            case ActivityOutcome.Forbidden:
                return Forbid();
            default:
                return NotFound();
        }
    }

    public async Task<IActionResult> OnPostChangePartnerAsync(int id, CancellationToken cancellationToken)
    {
        if (!CanEdit)
        {
            return Forbid();
        }
        var outcome = await edit.ChangePartnerAsync(id, Version, NewUnit, ChangesOn, Reason, cancellationToken);
        if (outcome.Ok)
        {
            Message = "已调整支援单位：原结对已结束并保留在结对历史中。";
            return Redirect($"/pairings/{outcome.Id}");
        }
        return await InvalidAsync(id, outcome, cancellationToken);
    }

    public async Task<IActionResult> OnPostEndAsync(int id, CancellationToken cancellationToken)
    {
        if (!CanEdit)
        {
            return Forbid();
        }
        var outcome = await edit.EndAsync(id, Version, EndsOn, Reason, cancellationToken);
        if (outcome.Ok)
        {
            Message = $"结对已于 {EndsOn} 结束。";
            return Redirect($"/pairings/{id}");
        }
        return await InvalidAsync(id, outcome, cancellationToken);
    }

    private async Task<IActionResult> InvalidAsync(int id, EditPairings.Outcome outcome, CancellationToken cancellationToken)
    {
        RegistryFailed = true;
        foreach (var (field, message) in outcome.Errors)
        {
            ModelState.AddModelError(field, message);
        }
        return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(int id, CancellationToken cancellationToken)
    {
        var all = await registry.AllAsync(cancellationToken);
        var pairing = all.SingleOrDefault(p => p.Id == id);
        if (pairing is null)
        {
            return false;
        }
        Pairing = pairing;
        Version = pairing.Version;
        History = PairingsApi.History(all, pairing);
        Activities = await db.PairingActivities.AsNoTracking().Where(a => a.PairingId == id)
            .OrderByDescending(a => a.OccurredOn).ThenByDescending(a => a.Id).ToListAsync(cancellationToken);
        var key = id.ToString();
        var marker = $"\"PairingId\":{id},";
        var entries = await db.AuditEntries.AsNoTracking()
            .Where(a => (a.EntityType == nameof(Pairings.Pairing) && a.EntityId == key) || (a.EntityType == nameof(PairingActivity) && ((a.After != null && a.After.Contains(marker)) || (a.Before != null && a.Before.Contains(marker)))))
            .OrderByDescending(a => a.Id).Take(50).ToListAsync(cancellationToken);
        var unitIds = ChangeHistory.UnitIds(entries).ToList();
        var unitNames = await db.Units.AsNoTracking().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, cancellationToken);
        Changes = entries.Select(e => new ChangeRow(ChinaTime.Format(e.At), e.Actor, ChangeHistory.Describe(e.EntityType, e.Action), ChangeHistory.Changes(db.Model, e, unitNames))).ToList();
        if (CanEdit)
        {
            Supporters = await db.Units.AsNoTracking().Where(u => u.Kind == Units.UnitKind.CentralUnit || u.Kind == Units.UnitKind.StateOwnedEnterprise)
                .OrderBy(u => u.Name).Select(u => u.Name).ToListAsync(cancellationToken);
        }
        return true;
    }
}
