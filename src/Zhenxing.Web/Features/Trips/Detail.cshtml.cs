using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Zhenxing.Web.Data;
using Zhenxing.Web.Features.Units;
using Zhenxing.Web.Features.Users;

namespace Zhenxing.Web.Features.Trips;

/// <summary>One trip; its unit's liaison and the Office edit or delete it, based on the version read.</summary>
public sealed class TripDetailModel(ZhenxingDb db, TripsQuery trips, TripLog log) : PageModel
{
    public TripRow Current { get; private set; } = null!;
    public List<TripItemRef> Items { get; private set; } = [];
    public List<string> Destinations { get; private set; } = [];
    public bool CanEdit => TripLog.CanLog(User);
    public bool ChooseUnit => User.IsInRole(nameof(Role.Office));
    public string? Conflict { get; private set; }

    [BindProperty]
    public TripForm Trip { get; set; } = new();

    [TempData]
    public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }
        var t = Current;
        Trip = new TripForm
        {
            Unit = t.Unit, TravelledOn = t.TravelledOn.ToString("yyyy-MM-dd"), People = t.People, PrincipalLeaderWent = t.PrincipalLeaderWent, Level = t.Level,
            Destination = t.Destination, Outcome = t.Outcome, Items = t.Items.Select(i => i.Id).ToArray(), Version = t.Version,
        };
        return Page();
    }

    public Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken) =>
        AnswerAsync(id, () => log.UpdateAsync(id, Trip, User, cancellationToken), "已保存修改。", $"/trips/{id}", cancellationToken);

    public Task<IActionResult> OnPostDeleteAsync(int id, CancellationToken cancellationToken) =>
        AnswerAsync(id, () => log.DeleteAsync(id, Trip.Version, User, cancellationToken), "已删除该条北上对接记录。", "/trips", cancellationToken);

    private async Task<IActionResult> AnswerAsync(int id, Func<Task<TripOutcome>> run, string done, string next, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }
        switch (await run())
        {
            case TripOutcome.Saved:
                Message = done;
                return Redirect(next);
            case TripOutcome.Invalid invalid:
                foreach (var (field, message) in invalid.Errors)
                {
                    ModelState.AddModelError("Trip." + field, message);
                }
                return Page();
            case TripOutcome.Conflict conflict:
                Conflict = conflict.Message;
                await LoadAsync(id, cancellationToken);
                return Page();
            case TripOutcome.NotFound:
                return NotFound();
            default:
                return Forbid();
        }
    }

    private async Task<bool> LoadAsync(int id, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        if (await trips.FindAsync(id, User, cancellationToken) is not { } trip)
        {
            return false;
        }
        Current = trip;
        Items = await trips.UnitItemsAsync(trip.UnitId, null, cancellationToken);
        Destinations = await db.Units.AsNoTracking().Where(u => u.Kind == UnitKind.CentralUnit || u.Kind == UnitKind.ProvincialDepartment)
            .OrderBy(u => u.Kind).ThenBy(u => u.Name).Select(u => u.Name).ToListAsync(cancellationToken);
        return true;
    }
}
