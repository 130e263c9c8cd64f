using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Zhenxing.Web.Features.Pairings;

/// <summary>The evaluation of a period (方案 三（三）): per pairing and per county, the activity and results, exportable as .xlsx.</summary>
public sealed class PairingEvaluationModel(PairingEvaluation evaluation, TimeProvider clock) : PageModel
{
    public PairingEvaluationResult Result { get; private set; } = null!;
    public List<string> Errors { get; private set; } = [];

    public async Task OnGetAsync(string? from, string? to, CancellationToken cancellationToken)
    {
        var (start, end, errors) = ReportPeriod.Parse(from, to, Infrastructure.ChinaTime.Today(clock));
        Errors = errors.Values.ToList();
        Result = await evaluation.RunAsync(start, end, cancellationToken);
    }
}
