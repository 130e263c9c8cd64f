using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Zhenxing.Web.Data;

namespace Zhenxing.Web.Features.Trips;

/// <summary>A trip as lists and the API show it, with the items discussed.</summary>
public sealed record TripRow(
    int Id, int UnitId, string Unit, DateOnly TravelledOn, string People, bool PrincipalLeaderWent, DestinationLevel Level, string LevelText,
    int? DestinationUnitId, string Destination, string? Outcome, IReadOnlyList<TripItemRef> Items, string CreatedByName, int Version);

public sealed record TripItemRef(int Id, string Number, string Title);

/// <summary>The trips list's filters, as the URL carries them: unit (id), level, principal, from, to.</summary>
public sealed class TripFilter
{
    public int? Unit { get; set; }
    public DestinationLevel? Level { get; set; }
    public bool? Principal { get; set; }
    public DateOnly? From { get; set; }
    public DateOnly? To { get; set; }

    public static TripFilter Parse(IQueryCollection query)
    {
        static DateOnly? Date(string? text) =>
            DateOnly.TryParseExact(text?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
        return new TripFilter
        {
            Unit = int.TryParse(query["unit"], out var unit) ? unit : null,
            Level = Enum.TryParse<DestinationLevel>(query["level"], ignoreCase: true, out var level) ? level : null,
            Principal = bool.TryParse(query["principal"], out var principal) ? principal : null,
            From = Date(query["from"]),
            To = Date(query["to"]),
        };
    }
}

public sealed class TripsQuery(ZhenxingDb db)
{
    public async Task<List<TripRow>> ListAsync(TripFilter filter, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var trips = TripLog.VisibleTo(db.LiaisonTrips.AsNoTracking(), user);
        if (filter.Unit is { } unit)
        {
            trips = trips.Where(t => t.UnitId == unit);
        }
        if (filter.Level is { } level)
        {
            trips = trips.Where(t => t.Level == level);
        }
        if (filter.Principal is { } principal)
        {
            trips = trips.Where(t => t.PrincipalLeaderWent == principal);
        }
        if (filter.From is { } from)
        {
            trips = trips.Where(t => t.TravelledOn >= from);
        }
        if (filter.To is { } to)
        {
            trips = trips.Where(t => t.TravelledOn <= to);
        }
        return await RowsAsync(trips.OrderByDescending(t => t.TravelledOn).ThenByDescending(t => t.Id), cancellationToken);
    }

    public async Task<TripRow?> FindAsync(int id, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        (await RowsAsync(TripLog.VisibleTo(db.LiaisonTrips.AsNoTracking(), user).Where(t => t.Id == id), cancellationToken)).SingleOrDefault();

    /// <summary>The trips that discussed an item, newest first (the item page shows them).</summary>
    public async Task<List<TripRow>> ForItemAsync(int itemId, CancellationToken cancellationToken) =>
        await RowsAsync(db.LiaisonTrips.AsNoTracking().Where(t => t.Items.Any(i => i.ItemId == itemId)).OrderByDescending(t => t.TravelledOn).ThenByDescending(t => t.Id), cancellationToken);

    private async Task<List<TripRow>> RowsAsync(IQueryable<LiaisonTrip> trips, CancellationToken cancellationToken)
    {
        var rows = await trips.Select(t => new
        {
            t.Id, t.UnitId, Unit = t.Unit!.Name, t.TravelledOn, t.People, t.PrincipalLeaderWent, t.Level, t.DestinationUnitId, t.Destination, t.Outcome, t.CreatedByName, t.Version,
        }).ToListAsync(cancellationToken);
        var ids = rows.Select(r => r.Id).ToList();
        var items = (await (
                from link in db.TripItems.AsNoTracking()
                where ids.Contains(link.TripId)
                join item in db.Items on link.ItemId equals item.Id
                select new { link.TripId, item.Id, item.Number, Title = item.ShortTitle ?? item.Text, ListId = item.ItemListId })
            .ToListAsync(cancellationToken))
            .ToLookup(i => i.TripId);
        return rows.Select(r => new TripRow(r.Id, r.UnitId, r.Unit, r.TravelledOn, r.People, r.PrincipalLeaderWent, r.Level, r.Level.ToChinese(),
                r.DestinationUnitId, r.Destination, r.Outcome,
                items[r.Id].OrderBy(i => i.ListId).ThenBy(i => i.Id).Select(i => new TripItemRef(i.Id, i.Number, Shorten(i.Title))).ToList(),
                r.CreatedByName, r.Version))
            .ToList();
    }

    public static string Shorten(string text) => text.Length <= 60 ? text : text[..60] + "……";

    /// <summary>The items of a unit (as lead or responsible) a trip can name, matching <paramref name="q"/> in their text.</summary>
    public async Task<List<TripItemRef>> UnitItemsAsync(int unitId, string? q, CancellationToken cancellationToken)
    {
        var items = db.Items.AsNoTracking().Where(i => i.WithdrawnAt == null && i.Units.Any(u => u.UnitId == unitId));
        if (!string.IsNullOrWhiteSpace(q))
        {
            var text = q.Trim();
            items = items.Where(i => i.Text.Contains(text) || (i.ShortTitle != null && i.ShortTitle.Contains(text)));
        }
        return (await items.OrderBy(i => i.ItemListId).ThenBy(i => i.Position).Take(500)
                .Select(i => new { i.Id, i.Number, Title = i.ShortTitle ?? i.Text }).ToListAsync(cancellationToken))
            .Select(i => new TripItemRef(i.Id, i.Number, Shorten(i.Title))).ToList();
    }
}
