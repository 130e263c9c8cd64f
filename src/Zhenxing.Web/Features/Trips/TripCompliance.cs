using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Zhenxing.Web.Data;
using Zhenxing.Web.Features.Units;

namespace Zhenxing.Web.Features.Trips;

/// <summary>A unit's standing against the rule in one month: green when both conditions hold, otherwise red with the reasons.</summary>
public sealed record UnitCompliance(
    int UnitId,
    string Unit,
    UnitKind Kind,
    int ProvincialVisits,
    int NationalVisits,
    bool Green,
    IReadOnlyList<string> Reasons,
    string ProvincialUrl,
    string NationalUrl);

public sealed record ComplianceMonth(
    int Year,
    int Month,
    DateOnly MonthStart,
    DateOnly MonthEnd,
    DateOnly NationalWindowStart,
    TripRule Rule,
    IReadOnlyList<UnitCompliance> Units)
{
    public string Label => $"{Year}年{Month}月";

    public string Key => $"{Year:0000}-{Month:00}";

    public int Green => Units.Count(u => u.Green);

    public int Red => Units.Count(u => !u.Green);
}

/// <summary>
/// The monthly check of seed 002 point 20: in the month, the principal leader (主要负责同志) went to a provincial department at least
/// <see cref="TripRule.ProvincialPerMonth"/> times, and to national ministries at least <see cref="TripRule.NationalVisits"/> times in
/// the <see cref="TripRule.NationalWindowMonths"/> months ending with it. Every county, recipient county (瑞金市 is one) and city
/// department is checked, and any other unit that logged a trip.
/// </summary>
public sealed class TripCompliance(ZhenxingDb db)
{
    public static readonly UnitKind[] CheckedKinds = [UnitKind.County, UnitKind.CityDepartment];

    public async Task<TripRule> RuleAsync(CancellationToken cancellationToken) =>
        await db.TripRules.AsNoTracking().OrderBy(r => r.Id).FirstOrDefaultAsync(cancellationToken) ?? new TripRule();

    /// <summary>Reads "2026-10"; null when it is not a month.</summary>
    public static (int Year, int Month)? ParseMonth(string? text) =>
        text is not null && DateOnly.TryParseExact(text.Trim() + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) && d.Year is >= 2000 and <= 2100
            ? (d.Year, d.Month)
            : null;

    public async Task<ComplianceMonth> ForMonthAsync(int year, int month, int? onlyUnit, CancellationToken cancellationToken)
    {
        var rule = await RuleAsync(cancellationToken);
        var start = new DateOnly(year, month, 1);
        var end = start.AddMonths(1).AddDays(-1);
        var windowStart = start.AddMonths(-(Math.Max(1, rule.NationalWindowMonths) - 1));
        var trips = await db.LiaisonTrips.AsNoTracking()
            .Where(t => t.PrincipalLeaderWent && t.TravelledOn >= windowStart && t.TravelledOn <= end)
            .Where(t => onlyUnit == null || t.UnitId == onlyUnit)
            .Select(t => new { t.UnitId, t.Level, t.TravelledOn })
            .ToListAsync(cancellationToken);
        var travelling = trips.Select(t => t.UnitId).Distinct().ToList();
        var recipients = db.Pairings.Where(p => p.CountyUnitId != null).Select(p => p.CountyUnitId!.Value);
        var units = await db.Units.AsNoTracking()
            .Where(u => onlyUnit == null ? CheckedKinds.Contains(u.Kind) || recipients.Contains(u.Id) || travelling.Contains(u.Id) : u.Id == onlyUnit)
            .Select(u => new { u.Id, u.Name, u.Kind })
            .ToListAsync(cancellationToken);

        var windowText = rule.NationalWindowMonths <= 1 ? "本月" : $"近 {rule.NationalWindowMonths} 个月（{windowStart:yyyy年M月}至{start:yyyy年M月}）";
        var rows = units.Select(u =>
        {
            var provincial = trips.Count(t => t.UnitId == u.Id && t.Level == DestinationLevel.Provincial && t.TravelledOn >= start);
            var national = trips.Count(t => t.UnitId == u.Id && t.Level == DestinationLevel.National);
            var reasons = new List<string>();
            if (provincial < rule.ProvincialPerMonth)
            {
                reasons.Add($"本月主要负责同志赴省直厅局对接 {provincial} 次，少于每月 {rule.ProvincialPerMonth} 次");
            }
            if (national < rule.NationalVisits)
            {
                reasons.Add($"{windowText}主要负责同志赴国家部委对接 {national} 次，少于每 {rule.NationalWindowMonths} 个月 {rule.NationalVisits} 次");
            }
            return new UnitCompliance(u.Id, u.Name, u.Kind, provincial, national, reasons.Count == 0, reasons,
                TripsUrl(u.Id, DestinationLevel.Provincial, start, end), TripsUrl(u.Id, DestinationLevel.National, windowStart, end));
        })
        .OrderBy(r => r.Green).ThenBy(r => r.Kind).ThenBy(r => r.Unit, StringComparer.Ordinal)
        .ToList();
        return new ComplianceMonth(year, month, start, end, windowStart, rule, rows);
    }

    public static string TripsUrl(int unitId, DestinationLevel level, DateOnly from, DateOnly to) =>
        $"/trips?unit={unitId}&level={level}&principal=true&from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}";

    /// <summary>The Office changes the thresholds; each must be a whole number, the window 1 to 12 months.</summary>
    public async Task<(TripRule? Rule, Dictionary<string, string> Errors, bool Conflict)> SaveRuleAsync(string? provincial, string? national, string? window, int version, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string>();
        int? Number(string? text, string field, string label, int min, int max)
        {
            if (int.TryParse(text?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max)
            {
                return n;
            }
            errors[field] = $"{label}应为 {min} 到 {max} 之间的整数。";
            return null;
        }
        var p = Number(provincial, "ProvincialPerMonth", "每月赴省直厅局次数", 0, 31);
        var n = Number(national, "NationalVisits", "赴国家部委次数", 0, 31);
        var w = Number(window, "NationalWindowMonths", "赴国家部委的统计月数", 1, 12);
        if (errors.Count > 0)
        {
            return (null, errors, false);
        }
        var rule = await db.TripRules.OrderBy(r => r.Id).FirstOrDefaultAsync(cancellationToken);
        if (rule is null)
        {
            rule = new TripRule();
            db.TripRules.Add(rule);
        }
        else
        {
            db.Entry(rule).Property(r => r.Version).OriginalValue = version;
        }
        (rule.ProvincialPerMonth, rule.NationalVisits, rule.NationalWindowMonths) = (p!.Value, n!.Value, w!.Value);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return (null, new() { [""] = "考核标准已被其他用户修改，请刷新后重试。" }, true);
        }
        return (rule, errors, false);
    }

    public static int? OnlyUnitFor(ClaimsPrincipal user) =>
        user.IsInRole(nameof(Users.Role.Liaison)) ? Items.ItemScope.UnitOf(user) ?? -1 : null;
}
