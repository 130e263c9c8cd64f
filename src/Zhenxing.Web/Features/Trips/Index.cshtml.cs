using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Zhenxing.Web.Data;
using Zhenxing.Web.Features.Items;
using Zhenxing.Web.Features.Units;
using Zhenxing.Web.Features.Users;

namespace Zhenxing.Web.Features.Trips;

/// <summary>
/// Liaison trips (北上对接): a liaison sees and logs its own unit's, the Office any unit's; leaders and administrators read all.
/// The filters live in the URL.
/// </summary>
public sealed class TripsModel(ZhenxingDb db, TripsQuery trips, TripLog log, TimeProvider clock) : PageModel
{
    public TripFilter Filter { get; private set; } = new();
    public TripPage Trips { get; private set; } = new(0, []);
    public int PageCount => Math.Max(1, (Trips.Total + TripFilter.PageSize - 1) / TripFilter.PageSize);
    public List<(int Id, string Name)> Units { get; private set; } = [];
    public List<TripItemRef> Items { get; private set; } = [];
    public List<string> Destinations { get; private set; } = [];
    public bool CanLog => TripLog.CanLog(User);
    public bool ChooseUnit => User.IsInRole(nameof(Role.Office));

    [BindProperty]
    public TripForm Trip { get; set; } = new();

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        Trip = new TripForm { TravelledOn = Infrastructure.ChinaTime.Today(clock).ToString("yyyy-MM-dd"), Unit = Units.FirstOrDefault(u => u.Id == Filter.Unit).Name };
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var outcome = await log.CreateAsync(Trip, User, cancellationToken);
        switch (outcome)
        {
            case TripOutcome.Saved saved:
                Message = $"已登记 {saved.Trip.TravelledOn:yyyy-MM-dd} 赴{saved.Trip.Destination}对接。";
                return Redirect($"/trips?unit={saved.Trip.UnitId}");
            case TripOutcome.Invalid invalid:
                foreach (var (field, message) in invalid.Errors)
                {
                    ModelState.AddModelError("Trip." + field, message);
                }
                await LoadAsync(cancellationToken);
                return Page();
            default:
                return Forbid();
        }
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Filter = TripFilter.Parse(Request.Query);
        Trips = await trips.PageAsync(Filter, User, cancellationToken);
        var own = User.IsInRole(nameof(Role.Liaison)) ? ItemScope.UnitOf(User) : null;
        Units = (await db.Units.AsNoTracking()
                .Where(u => own == null ? TripCompliance.CheckedKinds.Contains(u.Kind) || db.Pairings.Any(p => p.CountyUnitId == u.Id) || db.LiaisonTrips.Any(t => t.UnitId == u.Id) : u.Id == own)
                .Select(u => new { u.Id, u.Name, u.Kind }).ToListAsync(cancellationToken))
            .OrderBy(u => u.Kind).ThenBy(u => u.Name, UnitChoices.PinyinOrder).Select(u => (u.Id, u.Name)).ToList();
        var itemsUnit = own ?? Filter.Unit;
        Items = itemsUnit is { } unit ? await trips.UnitItemsAsync(unit, null, cancellationToken) : [];
        Destinations = (await db.Units.AsNoTracking().Where(u => u.Kind == UnitKind.CentralUnit || u.Kind == UnitKind.ProvincialDepartment)
            .Select(u => new { u.Name, u.Kind }).ToListAsync(cancellationToken))
            .OrderBy(u => u.Kind).ThenBy(u => u.Name, UnitChoices.PinyinOrder).Select(u => u.Name).ToList();
    }
}
