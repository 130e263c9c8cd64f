using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Zhenxing.Web.Features.Assessments;

/// <summary>Where a unit's score comes from: the items, the owed reports, the ratings and the adjustments behind each number.</summary>
public sealed class AssessmentUnitTraceModel(ComputeAssessment compute) : PageModel
{
    public AssessmentResult Result { get; private set; } = null!;
    public UnitAssessment Unit { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int id, int unitId, CancellationToken cancellationToken)
    {
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
