using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Zhenxing.Web.Features.Pairings;

/// <summary>The figures of a period in the office's sentence form (seed 000), each number opening the records behind it.</summary>
public sealed class PairingFiguresModel(PairingFigures figures, TimeProvider clock) : PageModel
{
    public PairingPeriodFigures Figures { get; private set; } = null!;
    public List<string> Errors { get; private set; } = [];

    public async Task OnGetAsync(string? from, string? to, CancellationToken cancellationToken)
    {
        var (start, end, errors) = ReportPeriod.Parse(from, to, Infrastructure.ChinaTime.Today(clock));
        Errors = errors.Values.ToList();
        Figures = await figures.ForPeriodAsync(start, end, cancellationToken: cancellationToken);
    }
}
