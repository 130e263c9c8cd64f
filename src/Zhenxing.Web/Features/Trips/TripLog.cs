using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Zhenxing.Web.Data;
using Zhenxing.Web.Features.Items;
using Zhenxing.Web.Features.Pairings;
using Zhenxing.Web.Features.Units;
using Zhenxing.Web.Features.Users;

namespace Zhenxing.Web.Features.Trips;

/// <summary>A trip as typed in the form or sent to the API.</summary>
public sealed class TripForm
{
    /// <summary>The travelling unit, by name or alias; a liaison's is always its own.</summary>
    public string? Unit { get; set; }
    public string? TravelledOn { get; set; }
    public string? People { get; set; }
    [Display(Name = "主要负责同志带队")]
    public bool PrincipalLeaderWent { get; set; }
    [Display(Name = "对接层级")]
    public DestinationLevel? Level { get; set; }

    /// <summary>The ministry or department: a name of the unit directory, or free text.</summary>
    public string? Destination { get; set; }
    public string? Outcome { get; set; }
    [Display(Name = "对接的事项")]
    public int[] Items { get; set; } = [];
    [Display(Name = "版本号")]
    public int Version { get; set; }
}

public abstract record TripOutcome
{
    public sealed record Saved(LiaisonTrip Trip) : TripOutcome;

    public sealed record Invalid(Dictionary<string, string> Errors) : TripOutcome;

    public sealed record Forbidden(string Reason) : TripOutcome;

    public sealed record NotFound : TripOutcome;

    public sealed record Conflict(string Message) : TripOutcome;
}

/// <summary>
/// Logs a unit's liaison trips (北上对接). A liaison logs, edits and deletes its own unit's trips; the Office any unit's.
/// Linked items must be items of the travelling unit (as lead or responsible).
/// </summary>
public sealed class TripLog(ZhenxingDb db, TimeProvider clock)
{
    public static bool CanLog(ClaimsPrincipal user) => user.IsInRole(nameof(Role.Office)) || (user.IsInRole(nameof(Role.Liaison)) && ItemScope.UnitOf(user) is not null);

    /// <summary>Which trips a user reads: a liaison its unit's, the other roles all.</summary>
    public static IQueryable<LiaisonTrip> VisibleTo(IQueryable<LiaisonTrip> trips, ClaimsPrincipal user)
    {
        if (user.IsInRole(nameof(Role.Liaison)))
        {
            var unit = ItemScope.UnitOf(user) ?? -1;
            return trips.Where(t => t.UnitId == unit);
        }
        return trips;
    }

    public async Task<TripOutcome> CreateAsync(TripForm form, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (!CanLog(user))
        {
            return new TripOutcome.Forbidden("只有单位联络员（本单位）和振兴办可以登记北上对接。");
        }
        var trip = new LiaisonTrip { People = "", Destination = "", CreatedAt = clock.GetUtcNow(), CreatedByName = user.FindFirstValue(ClaimTypes.GivenName) ?? user.Identity?.Name ?? "" };
        var errors = await ApplyAsync(trip, form, user, cancellationToken);
        if (errors.Count > 0)
        {
            return new TripOutcome.Invalid(errors);
        }
        db.LiaisonTrips.Add(trip);
        await db.SaveChangesAsync(cancellationToken);
        return new TripOutcome.Saved(trip);
    }

    public async Task<TripOutcome> UpdateAsync(int id, TripForm form, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var (trip, refused) = await LoadAsync(id, user, cancellationToken);
        if (refused is not null)
        {
            return refused;
        }
        var errors = await ApplyAsync(trip!, form, user, cancellationToken);
        if (errors.Count > 0)
        {
            return new TripOutcome.Invalid(errors);
        }
        db.Entry(trip!).Property(t => t.Version).OriginalValue = form.Version;
        // The linked items are part of the trip: a change to them alone is still a change of the trip's version.
        db.Entry(trip!).Property(t => t.Version).IsModified = true;
        return await SaveAsync(trip!, cancellationToken);
    }

    public async Task<TripOutcome> DeleteAsync(int id, int version, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var (trip, refused) = await LoadAsync(id, user, cancellationToken);
        if (refused is not null)
        {
            return refused;
        }
        db.Entry(trip!).Property(t => t.Version).OriginalValue = version;
        db.LiaisonTrips.Remove(trip!);
        return await SaveAsync(trip!, cancellationToken);
    }

    private async Task<TripOutcome> SaveAsync(LiaisonTrip trip, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return new TripOutcome.Saved(trip);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new TripOutcome.Conflict("这条北上对接记录已被其他用户修改或删除，请刷新后查看最新内容再操作。");
        }
    }

    private async Task<(LiaisonTrip?, TripOutcome?)> LoadAsync(int id, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var trip = await VisibleTo(db.LiaisonTrips, user).Include(t => t.Items).SingleOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (trip is null)
        {
            return (null, new TripOutcome.NotFound());
        }
        if (!CanLog(user))
        {
            return (null, new TripOutcome.Forbidden("只有单位联络员（本单位）和振兴办可以修改北上对接记录。"));
        }
        return (trip, null);
    }

    private async Task<Dictionary<string, string>> ApplyAsync(LiaisonTrip trip, TripForm form, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string>();
        int? unitId = null;
        if (user.IsInRole(nameof(Role.Liaison)))
        {
            unitId = ItemScope.UnitOf(user);
        }
        else if (string.IsNullOrWhiteSpace(form.Unit))
        {
            errors["Unit"] = "请填写对接单位（本次北上的单位）。";
        }
        else if (await db.Units.AsNoTracking().FindByNameAsync(form.Unit, cancellationToken) is { } unit)
        {
            unitId = unit.Id;
        }
        else
        {
            errors["Unit"] = $"对接单位“{form.Unit.Trim()}”不在单位名录中。";
        }

        var date = EditPairings.Date(form.TravelledOn, "TravelledOn", "对接日期", errors, required: true);
        if (date is { } d && d > Infrastructure.ChinaTime.Today(clock))
        {
            errors["TravelledOn"] = $"对接日期（{d:yyyy-MM-dd}）不能晚于今天：请在对接之后登记。";
        }
        var people = form.People?.Trim() ?? "";
        if (people.Length == 0)
        {
            errors["People"] = "请填写参加人员（姓名、职务）。";
        }
        else if (people.Length > 500)
        {
            errors["People"] = "参加人员不超过 500 字。";
        }
        if (form.Level is not { } level || !Enum.IsDefined(level))
        {
            errors["Level"] = "请选择对接层级：国家部委或省直部门。";
        }
        var destination = form.Destination?.Trim() ?? "";
        Unit? destinationUnit = null;
        if (destination.Length == 0)
        {
            errors["Destination"] = "请填写对接的部委或省直部门。";
        }
        else if (destination.Length > 200)
        {
            errors["Destination"] = "对接部门不超过 200 字。";
        }
        else
        {
            destinationUnit = await db.Units.AsNoTracking().FindByNameAsync(destination, cancellationToken);
        }
        var outcome = form.Outcome?.Trim() ?? "";
        if (outcome.Length > 4000)
        {
            errors["Outcome"] = "对接成效不超过 4000 字。";
        }

        var itemIds = form.Items.Distinct().ToList();
        if (unitId is { } owner && itemIds.Count > 0)
        {
            var own = await db.ItemUnits.AsNoTracking().Where(u => u.UnitId == owner && itemIds.Contains(u.ItemId)).Select(u => u.ItemId).Distinct().ToListAsync(cancellationToken);
            var foreign = itemIds.Except(own).ToList();
            if (foreign.Count > 0)
            {
                errors["Items"] = $"对接事项中有不属于本单位的事项（编号 {string.Join("、", foreign)}）：只能关联本单位牵头或负责的事项。";
            }
        }
        if (errors.Count > 0)
        {
            return errors;
        }

        trip.UnitId = unitId!.Value;
        trip.TravelledOn = date!.Value;
        trip.People = people;
        trip.PrincipalLeaderWent = form.PrincipalLeaderWent;
        trip.Level = form.Level!.Value;
        trip.DestinationUnitId = destinationUnit?.Id;
        trip.Destination = destinationUnit?.Name ?? destination;
        trip.Outcome = outcome.Length == 0 ? null : outcome;
        trip.Items.RemoveAll(i => !itemIds.Contains(i.ItemId));
        foreach (var id in itemIds.Where(id => trip.Items.All(i => i.ItemId != id)))
        {
            trip.Items.Add(new TripItem { ItemId = id });
        }
        return errors;
    }
}
