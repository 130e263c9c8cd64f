using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Zhenxing.Web.Features.Users;

namespace Zhenxing.Web.Features.Assessments;

/// <summary>A method's ranking; the Office adds bonuses and deductions with their reasons. Every signed-in role reads the ranking.</summary>
public sealed class AssessmentDetailModel(ComputeAssessment compute, AdjustAssessment adjust) : PageModel
{
    public AssessmentResult Result { get; private set; } = null!;
    public bool CanEdit => User.IsInRole(nameof(Role.Office));

    /// <summary>The ranking is for everyone; the trace behind a unit's score only for those who may see that unit.</summary>
    public bool CanTrace(int unitId) => Items.ItemScope.CanSeeUnit(User, unitId);

    [BindProperty]
    public string? UnitName { get; set; }

    [BindProperty]
    public string? Points { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    [TempData]
    public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAdjustAsync(int id, CancellationToken cancellationToken)
    {
        if (!CanEdit)
        {
            return Forbid();
        }
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }
        var (adjustment, errors) = await adjust.RunAsync(id, UnitName, Points, Reason, User, cancellationToken);
        if (adjustment is null)
        {
            foreach (var (field, message) in errors)
            {
                ModelState.AddModelError(field, message);
            }
            return Page();
        }
        Message = $"已记录{(adjustment.Points > 0 ? "加分" : "减分")} {adjustment.Points:+0.0;-0.0}：{adjustment.Reason}";
        return Redirect($"/assessments/{id}");
    }

    private async Task<bool> LoadAsync(int id, CancellationToken cancellationToken)
    {
        var result = await compute.RunAsync(id, cancellationToken);
        if (result is null)
        {
            return false;
        }
        Result = result;
        return true;
    }
}
