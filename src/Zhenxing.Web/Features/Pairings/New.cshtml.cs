using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Zhenxing.Web.Data;
using Zhenxing.Web.Features.Units;
using Zhenxing.Web.Features.Users;

namespace Zhenxing.Web.Features.Pairings;

/// <summary>The Office creates a pairing scheme or adds a pairing to one.</summary>
[Authorize(Roles = nameof(Role.Office))]
public sealed class NewPairingModel(ZhenxingDb db, EditPairings edit) : PageModel
{
    public sealed class SchemeForm
    {
        public string? Title { get; set; }
        public string? DocumentNumber { get; set; }
        public string? StartYear { get; set; }
        public string? EndYear { get; set; }
    }

    public sealed class PairingForm
    {
        [Display(Name = "对口支援方案")]
        public int? SchemeId { get; set; }
        public string? SupportingUnit { get; set; }
        public string? County { get; set; }
        public string? City { get; set; }
        public string? CountyNote { get; set; }
        public string? StartsOn { get; set; }
    }

    [BindProperty]
    public SchemeForm Scheme { get; set; } = new();

    [BindProperty]
    public PairingForm Pairing { get; set; } = new();

    [TempData]
    public string? Message { get; set; }

    public List<PairingScheme> Schemes { get; private set; } = [];
    public List<string> Counties { get; private set; } = [];
    public List<string> Supporters { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostSchemeAsync(CancellationToken cancellationToken)
    {
        var outcome = await edit.CreateSchemeAsync(Scheme.Title, Scheme.DocumentNumber, Scheme.StartYear, Scheme.EndYear, cancellationToken);
        if (!outcome.Ok)
        {
            return await InvalidAsync("Scheme.", outcome.Errors, cancellationToken);
        }
        Message = $"已新建对口支援方案“{Scheme.Title!.Trim()}”，可在下方为其新增结对。";
        return Redirect("/pairings/new");
    }

    public async Task<IActionResult> OnPostPairingAsync(CancellationToken cancellationToken)
    {
        var outcome = await edit.AddPairingAsync(Pairing.SchemeId, Pairing.SupportingUnit, Pairing.County, Pairing.City, Pairing.CountyNote, Pairing.StartsOn, cancellationToken);
        if (!outcome.Ok)
        {
            return await InvalidAsync("Pairing.", outcome.Errors, cancellationToken);
        }
        return Redirect($"/pairings/{outcome.Id}");
    }

    private async Task<IActionResult> InvalidAsync(string prefix, Dictionary<string, string> errors, CancellationToken cancellationToken)
    {
        foreach (var (field, message) in errors)
        {
            ModelState.AddModelError(prefix + field, message);
        }
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Schemes = await db.PairingSchemes.AsNoTracking().OrderByDescending(s => s.Id).ToListAsync(cancellationToken);
        Counties = (await db.Units.AsNoTracking().Where(u => u.Kind == Units.UnitKind.County).Select(u => u.Name).ToListAsync(cancellationToken)).InPinyinOrder().ToList();
        Supporters = (await db.Units.AsNoTracking().Where(u => u.Kind == Units.UnitKind.CentralUnit || u.Kind == Units.UnitKind.StateOwnedEnterprise || u.Kind == Units.UnitKind.ProvincialDepartment)
            .Select(u => u.Name).ToListAsync(cancellationToken)).InPinyinOrder().ToList();
    }
}
