using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Zhenxing.Web.Data;
using Zhenxing.Web.Features.Units;

namespace Zhenxing.Web.Features.Pairings;

/// <summary>What the Office changes in the registry: a new scheme, a new pairing, a change of partner, a period's end.</summary>
public sealed class EditPairings(ZhenxingDb db)
{
    public sealed record Outcome(int? Id, Dictionary<string, string> Errors, bool Conflict = false)
    {
        public bool Ok => Id is not null;
    }

    private static Outcome Invalid(Dictionary<string, string> errors) => new(null, errors);

    public async Task<Outcome> CreateSchemeAsync(string? title, string? documentNumber, string? startYear, string? endYear, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string>();
        var name = title?.Trim() ?? "";
        if (name.Length is 0 or > 500)
        {
            errors["Title"] = "请填写方案名称（不超过 500 字），如“新时代中央国家机关及有关单位对口支援赣南等原中央苏区工作方案”。";
        }
        var start = Year(startYear, "StartYear", "起始年度", errors);
        var end = Year(endYear, "EndYear", "终止年度", errors);
        if (start is { } s && end is { } e && e < s)
        {
            errors["EndYear"] = $"终止年度（{e}）不能早于起始年度（{s}）。";
        }
        var number = string.IsNullOrWhiteSpace(documentNumber) ? null : documentNumber.Trim();
        if (number is { Length: > 100 })
        {
            errors["DocumentNumber"] = "文号不超过 100 字。";
        }
        if (errors.Count > 0)
        {
            return Invalid(errors);
        }
        var scheme = new PairingScheme { Title = name, DocumentNumber = number, StartYear = start!.Value, EndYear = end!.Value };
        db.PairingSchemes.Add(scheme);
        await db.SaveChangesAsync(cancellationToken);
        return new Outcome(scheme.Id, errors);
    }

    public async Task<Outcome> AddPairingAsync(int? schemeId, string? supportingUnit, string? county, string? city, string? countyNote, string? startsOn, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string>();
        var scheme = schemeId is { } id ? await db.PairingSchemes.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, cancellationToken) : null;
        if (scheme is null)
        {
            errors["SchemeId"] = "请选择结对所属的对口支援方案。";
        }
        var supporter = await UnitAsync(supportingUnit, "SupportingUnit", "支援单位", errors, cancellationToken);
        var recipient = await UnitAsync(county, "County", "受援县（市、区）", errors, cancellationToken);
        var starts = Date(startsOn, "StartsOn", "结对开始日期", errors, required: false);
        if (scheme is not null && starts is { } d && (d.Year < scheme.StartYear || d.Year > scheme.EndYear))
        {
            errors["StartsOn"] = $"结对开始日期应在方案期限（{scheme.StartYear}—{scheme.EndYear}年）内。";
        }
        var cityName = city?.Trim() ?? "";
        if (recipient is not null && cityName.Length == 0)
        {
            cityName = await db.Units.Where(u => u.Id == recipient.ParentId).Select(u => u.Name).SingleOrDefaultAsync(cancellationToken) ?? "";
        }
        if (cityName.Length is 0 or > 100)
        {
            errors["City"] = "请填写受援地所属的市（如 赣州市）。";
        }
        if (errors.Count == 0 && await db.Pairings.AnyAsync(p => p.SchemeId == scheme!.Id && p.SupportingUnitId == supporter!.Id && p.CountyUnitId == recipient!.Id, cancellationToken))
        {
            errors["SupportingUnit"] = $"本方案中已有{supporter!.Name}—{recipient!.Name}的结对。";
        }
        if (errors.Count > 0)
        {
            return Invalid(errors);
        }
        var pairing = new Pairing
        {
            SchemeId = scheme!.Id, SupportingUnitId = supporter!.Id, Role = PairingRole.Supporting, CountyUnitId = recipient!.Id, City = cityName,
            CountyNote = string.IsNullOrWhiteSpace(countyNote) ? null : countyNote.Trim(), StartsOn = starts,
        };
        db.Pairings.Add(pairing);
        await db.SaveChangesAsync(cancellationToken);
        return new Outcome(pairing.Id, errors);
    }

    /// <summary>Ends the pairing the day before <paramref name="changesOn"/> and starts a new one with the new partner that day; both are kept.</summary>
    public async Task<Outcome> ChangePartnerAsync(int pairingId, int version, string? newUnit, string? changesOn, string? reason, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string>();
        var (pairing, scheme) = await LoadAsync(pairingId, cancellationToken);
        if (pairing is null)
        {
            return new Outcome(null, new() { [""] = "没有这个结对。" });
        }
        var supporter = await UnitAsync(newUnit, "NewUnit", "新的支援单位", errors, cancellationToken);
        if (supporter is not null && supporter.Id == pairing.SupportingUnitId)
        {
            errors["NewUnit"] = $"新的支援单位与原支援单位相同（{supporter.Name}）。";
        }
        var on = Date(changesOn, "ChangesOn", "调整日期", errors, required: true);
        var (starts, ends) = Period(pairing, scheme!);
        if (on is { } d && (d <= starts || d > ends))
        {
            errors["ChangesOn"] = $"调整日期应在原结对期限内（{starts:yyyy-MM-dd} 之后、{ends:yyyy-MM-dd} 之前）。";
        }
        var why = Reason(reason, errors);
        if (errors.Count == 0 && await db.Pairings.AnyAsync(p => p.SchemeId == pairing.SchemeId && p.SupportingUnitId == supporter!.Id && p.CountyUnitId == pairing.CountyUnitId, cancellationToken))
        {
            errors["NewUnit"] = $"本方案中已有{supporter!.Name}与该县的结对。";
        }
        if (errors.Count > 0)
        {
            return Invalid(errors);
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var successor = new Pairing
        {
            SchemeId = pairing.SchemeId, SupportingUnitId = supporter!.Id, Role = PairingRole.Supporting, CountyUnitId = pairing.CountyUnitId,
            CountyNote = pairing.CountyNote, City = pairing.City, StartsOn = on, EndsOn = pairing.EndsOn,
        };
        db.Pairings.Add(successor);
        db.Entry(pairing).Property(p => p.Version).OriginalValue = version;
        pairing.EndsOn = on!.Value.AddDays(-1);
        pairing.EndReason = $"调整结对：{why}";
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            pairing.ReplacedById = successor.Id;
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new Outcome(null, new() { [""] = "该结对已被其他用户修改，请刷新后重试。" }, Conflict: true);
        }
        await transaction.CommitAsync(cancellationToken);
        return new Outcome(successor.Id, errors);
    }

    public async Task<Outcome> EndAsync(int pairingId, int version, string? endsOn, string? reason, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string>();
        var (pairing, scheme) = await LoadAsync(pairingId, cancellationToken);
        if (pairing is null)
        {
            return new Outcome(null, new() { [""] = "没有这个结对。" });
        }
        var on = Date(endsOn, "EndsOn", "结束日期", errors, required: true);
        var (starts, ends) = Period(pairing, scheme!);
        if (on is { } d && (d < starts || d > ends))
        {
            errors["EndsOn"] = $"结束日期应在结对期限（{starts:yyyy-MM-dd} 至 {ends:yyyy-MM-dd}）内。";
        }
        var why = Reason(reason, errors);
        if (errors.Count > 0)
        {
            return Invalid(errors);
        }
        db.Entry(pairing).Property(p => p.Version).OriginalValue = version;
        pairing.EndsOn = on;
        pairing.EndReason = why;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new Outcome(null, new() { [""] = "该结对已被其他用户修改，请刷新后重试。" }, Conflict: true);
        }
        return new Outcome(pairing.Id, errors);
    }

    private async Task<(Pairing? Pairing, PairingScheme? Scheme)> LoadAsync(int id, CancellationToken cancellationToken)
    {
        var pairing = await db.Pairings.SingleOrDefaultAsync(p => p.Id == id && p.Role == PairingRole.Supporting && p.CountyUnitId != null, cancellationToken);
        return pairing is null ? (null, null) : (pairing, await db.PairingSchemes.AsNoTracking().SingleAsync(s => s.Id == pairing.SchemeId, cancellationToken));
    }

    private static (DateOnly Starts, DateOnly Ends) Period(Pairing p, PairingScheme s) =>
        (p.StartsOn ?? new DateOnly(s.StartYear, 1, 1), p.EndsOn ?? new DateOnly(s.EndYear, 12, 31));

    private async Task<Unit?> UnitAsync(string? name, string field, string label, Dictionary<string, string> errors, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            errors[field] = $"请填写{label}。";
            return null;
        }
        var unit = await db.Units.AsNoTracking().FindByNameAsync(name, cancellationToken);
        if (unit is null)
        {
            errors[field] = $"{label}“{name.Trim()}”不在单位名录中，请先在单位管理中添加。";
        }
        return unit;
    }

    private static string Reason(string? reason, Dictionary<string, string> errors)
    {
        var why = reason?.Trim() ?? "";
        if (why.Length == 0)
        {
            errors["Reason"] = "请填写原因（如：国办函调整结对关系）。";
        }
        else if (why.Length > 400)
        {
            errors["Reason"] = "原因不超过 400 字。";
        }
        return why;
    }

    private static int? Year(string? text, string field, string label, Dictionary<string, string> errors)
    {
        if (int.TryParse(text?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var year) && year is >= 2000 and <= 2100)
        {
            return year;
        }
        errors[field] = $"{label}应为 2000 到 2100 之间的年份。";
        return null;
    }

    /// <summary>A date typed as yyyy-MM-dd; the error names the field.</summary>
    public static DateOnly? Date(string? text, string field, string label, Dictionary<string, string> errors, bool required)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            if (required)
            {
                errors[field] = $"请填写{label}。";
            }
            return null;
        }
        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) && date.Year is >= 2000 and <= 2100)
        {
            return date;
        }
        errors[field] = $"{label}“{text.Trim()}”不是有效日期，请按 2026-10-08 的格式填写。";
        return null;
    }
}
