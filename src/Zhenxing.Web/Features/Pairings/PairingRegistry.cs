using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Zhenxing.Web.Data;
using Zhenxing.Web.Features.Items;
using Zhenxing.Web.Features.Users;

namespace Zhenxing.Web.Features.Pairings;

/// <summary>How the registry is grouped: by supporting unit, by recipient county, by city.</summary>
public enum PairingView
{
    Unit,
    County,
    City,
}

/// <summary>One pairing as the registry lists it, with its period made explicit (the scheme's when the pairing names none).</summary>
public sealed record PairingRow(
    int Id,
    int SchemeId,
    string Scheme,
    int SupportingUnitId,
    string SupportingUnit,
    int CountyUnitId,
    string County,
    string? CountyNote,
    string City,
    DateOnly StartsOn,
    DateOnly EndsOn,
    bool Active,
    string? EndReason,
    int? ReplacedById,
    int Version)
{
    public bool InForceDuring(DateOnly from, DateOnly to) => StartsOn <= to && EndsOn >= from;

    public string Period => $"{StartsOn:yyyy-MM-dd} 至 {EndsOn:yyyy-MM-dd}";
}

/// <summary>The pairings of every scheme (supporting pairs only; the coordinating units have none).</summary>
public sealed class PairingRegistry(ZhenxingDb db, TimeProvider clock)
{
    public DateOnly Today => Infrastructure.ChinaTime.Today(clock);

    public async Task<List<PairingRow>> AllAsync(CancellationToken cancellationToken)
    {
        var today = Today;
        var rows = await (
                from p in db.Pairings.AsNoTracking()
                where p.Role == PairingRole.Supporting && p.CountyUnitId != null
                join s in db.PairingSchemes on p.SchemeId equals s.Id
                orderby p.Id
                select new
                {
                    p.Id, p.SchemeId, Scheme = s.DocumentNumber ?? s.Title, s.StartYear, s.EndYear, p.SupportingUnitId, SupportingUnit = p.SupportingUnit!.Name,
                    CountyUnitId = p.CountyUnitId!.Value, County = p.County!.Name, p.CountyNote, p.City, p.StartsOn, p.EndsOn, p.EndReason, p.ReplacedById, p.Version,
                })
            .ToListAsync(cancellationToken);
        return rows.Select(r =>
        {
            var starts = r.StartsOn ?? new DateOnly(r.StartYear, 1, 1);
            var ends = r.EndsOn ?? new DateOnly(r.EndYear, 12, 31);
            return new PairingRow(r.Id, r.SchemeId, r.Scheme, r.SupportingUnitId, r.SupportingUnit, r.CountyUnitId, r.County, r.CountyNote, r.City ?? "",
                starts, ends, starts <= today && ends >= today, r.EndReason, r.ReplacedById, r.Version);
        }).ToList();
    }

    public async Task<PairingRow?> FindAsync(int id, CancellationToken cancellationToken) =>
        (await AllAsync(cancellationToken)).SingleOrDefault(p => p.Id == id);

    /// <summary>The Office files for every pairing; a liaison only for its own county's.</summary>
    public static bool CanFile(ClaimsPrincipal user, int countyUnitId) =>
        user.IsInRole(nameof(Role.Office))
        || (user.IsInRole(nameof(Role.Liaison)) && ItemScope.UnitOf(user) == countyUnitId);

    public static bool CanEditRegistry(ClaimsPrincipal user) => user.IsInRole(nameof(Role.Office));

    /// <summary>The cities in the order of the scheme (赣州, 吉安, 抚州, 龙岩, 三明), then any other.</summary>
    public static IEnumerable<IGrouping<string, PairingRow>> ByCity(IEnumerable<PairingRow> rows) =>
        rows.GroupBy(r => r.City).OrderBy(g => g.Min(r => r.Id));
}
