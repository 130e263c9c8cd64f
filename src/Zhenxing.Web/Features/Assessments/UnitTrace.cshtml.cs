using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Zhenxing.Web.Features.Items;

namespace Zhenxing.Web.Features.Assessments;

/// <summary>Where a unit's score comes from: the items, the owed reports, the ratings and the adjustments behind each number. A liaison sees its own unit's only.</summary>
public sealed class AssessmentUnitTraceModel(ComputeAssessment compute) : PageModel
{
    public AssessmentResult Result { get; private set; } = null!;
    public UnitAssessment Unit { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int id, int unitId, CancellationToken cancellationToken)
    {
        // The trace names the unit's items and reports one by one: a liaison sees only its own unit's, like /units/{id}.
        if (!ItemScope.CanSeeUnit(User, unitId))
        {
            return NotFound();
        }
        var result = await compute.RunAsync(id, cancellationToken);
        var unit = result?.Units.SingleOrDefault(u => u.UnitId == unitId);
        if (result is null || unit is null)
        {
            return NotFound();
        }
        (Result, Unit) = (result, unit);
        return Page();
    }
}
