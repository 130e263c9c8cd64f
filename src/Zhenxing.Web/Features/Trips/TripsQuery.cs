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

/// <summary>One page of the trips list and how many trips match in all.</summary>
public sealed record TripPage(int Total, IReadOnlyList<TripRow> Rows);

/// <summary>The trips list's filters, as the URL carries them: unit (id), level, principal, from, to, page.</summary>
public sealed class TripFilter
{
    public const int PageSize = 50;

    public int? Unit { get; set; }
    public DestinationLevel? Level { get; set; }
    public bool? Principal { get; set; }
    public DateOnly? From { get; set; }
    public DateOnly? To { get; set; }
    public int Page { get; set; } = 1;

    /// <summary>The query string of these filters for the given page (paging links keep the filters).</summary>
    public string ToQueryString(int page)
    {
        var pairs = new List<KeyValuePair<string, string?>>();
        Add("unit", Unit?.ToString(CultureInfo.InvariantCulture));
        Add("level", Level?.ToString());
        Add("principal", Principal is { } p ? (p ? "true" : "false") : null);
        Add("from", From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add("to", To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add("page", page > 1 ? page.ToString(CultureInfo.InvariantCulture) : null);
        return QueryString.Create(pairs).ToString();

        void Add(string key, string? value)
        {
            if (value is not null)
            {
                pairs.Add(new(key, value));
            }
        }
    }

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
            Page = int.TryParse(query["page"], out var page) && page > 1 ? page : 1,
        };
    }
}

public sealed class TripsQuery(ZhenxingDb db)
{
    public async Task<List<TripRow>> ListAsync(TripFilter filter, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        await RowsAsync(Filtered(filter, user), cancellationToken);

    /// <summary>One page (<see cref="TripFilter.PageSize"/> trips) of the filtered list; a page past the end shows the last one.</summary>
    public async Task<TripPage> PageAsync(TripFilter filter, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var trips = Filtered(filter, user);
        var total = await trips.CountAsync(cancellationToken);
        var pages = Math.Max(1, (total + TripFilter.PageSize - 1) / TripFilter.PageSize);
        filter.Page = Math.Clamp(filter.Page, 1, pages);
        return new TripPage(total, await RowsAsync(trips.Skip((filter.Page - 1) * TripFilter.PageSize).Take(TripFilter.PageSize), cancellationToken));
    }

    private IQueryable<LiaisonTrip> Filtered(TripFilter filter, ClaimsPrincipal user)
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
        return trips.OrderByDescending(t => t.TravelledOn).ThenByDescending(t => t.Id);
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
