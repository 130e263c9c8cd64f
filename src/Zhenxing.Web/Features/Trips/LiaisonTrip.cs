using Zhenxing.Web.Features.Units;
using Zhenxing.Web.Infrastructure;

namespace Zhenxing.Web.Features.Trips;

/// <summary>Where a liaison trip went: a national ministry (国家部委) or a provincial department (省直部门).</summary>
public enum DestinationLevel
{
    National,
    Provincial,
}

/// <summary>A unit's liaison trip (北上对接): who went, where, which items were discussed, what came of it.</summary>
public sealed class LiaisonTrip : IVersioned
{
    public int Id { get; set; }
    public int UnitId { get; set; }
    public Unit? Unit { get; set; }
    public DateOnly TravelledOn { get; set; }
    public required string People { get; set; }

    /// <summary>The unit's principal leader (主要负责同志) went: only such trips count for the monthly rule.</summary>
    public bool PrincipalLeaderWent { get; set; }
    public DestinationLevel Level { get; set; }

    /// <summary>The ministry or department from the unit directory, when it is there.</summary>
    public int? DestinationUnitId { get; set; }
    public Unit? DestinationUnit { get; set; }

    /// <summary>The destination as shown: the directory name, or the text typed.</summary>
    public required string Destination { get; set; }
    public string? Outcome { get; set; }
    public List<TripItem> Items { get; set; } = [];
    public DateTimeOffset CreatedAt { get; set; }
    public string CreatedByName { get; set; } = "";
    public int Version { get; set; }
}

/// <summary>An item discussed on a trip.</summary>
public sealed class TripItem
{
    public int Id { get; set; }
    public int TripId { get; set; }
    public int ItemId { get; set; }
}

/// <summary>
/// The rule of seed 002 point 20: the principal leader visits the provincial counterpart at least
/// <see cref="ProvincialPerMonth"/> times a month and national ministries at least <see cref="NationalVisits"/> times
/// in every <see cref="NationalWindowMonths"/> months. One row; the Office edits it.
/// </summary>
public sealed class TripRule : IVersioned
{
    public int Id { get; set; }
    public int ProvincialPerMonth { get; set; } = 1;
    public int NationalVisits { get; set; } = 1;
    public int NationalWindowMonths { get; set; } = 2;
    public int Version { get; set; }
}

public static class DestinationLevelNames
{
    public static string ToChinese(this DestinationLevel level) => level == DestinationLevel.National ? "国家部委" : "省直部门";
}
