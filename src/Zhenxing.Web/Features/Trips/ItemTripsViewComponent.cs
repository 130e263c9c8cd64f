using Microsoft.AspNetCore.Mvc;

namespace Zhenxing.Web.Features.Trips;

/// <summary>The liaison trips that discussed an item, on the item's page.</summary>
public sealed class ItemTripsViewComponent(TripsQuery trips) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(int itemId) =>
        View("/Features/Trips/_ItemTrips.cshtml", await trips.ForItemAsync(itemId, HttpContext.RequestAborted));
}
