using System.Globalization;
using System.Security.Claims;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Zhenxing.Web.Data;
using Zhenxing.Web.Features.Units;

namespace Zhenxing.Web.Features.Targets;

/// <summary>A target's fields as typed: numbers and years are read here, so that every error is in Chinese and names its field.</summary>
/// <param name="Milestones">One yearly milestone a line: "2023 45" (year and value).</param>
public sealed record TargetInput(
    string? Title,
    string? OwnerUnit,
    string? MeasureUnit,
    string? BaselineValue,
    string? BaselineYear,
    string? TargetValue,
    string? TargetYear,
    TargetDirection Direction,
    string? Milestones = null,
    string? Note = null,
    int? SourceDocumentId = null,
    string? SourceName = null,
    string? SourceSentence = null,
    int Version = 0);

/// <summary>Creates or edits a target (Office only); an edit over a newer version is refused.</summary>
public sealed partial class SaveTarget(ZhenxingDb db, TimeProvider clock)
{
    public const string ConflictKey = "Version";

    public async Task<(Target? Target, Dictionary<string, string> Errors)> RunAsync(int? id, TargetInput input, ClaimsPrincipal office, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string>();
        var title = input.Title?.Trim() ?? "";
        if (title.Length is 0 or > 200)
        {
            errors["Title"] = "请填写指标名称（不超过 200 字），如“地区生产总值”。";
        }
        var measure = input.MeasureUnit?.Trim() ?? "";
        if (measure.Length is 0 or > 20)
        {
            errors["MeasureUnit"] = "请填写计量单位（不超过 20 字），如 亿元、家、个、%、平方公里、万人。";
        }
        var label = measure.Length is > 0 and <= 20 ? $"（单位：{measure}）" : "";
        Unit? owner = null;
        if (string.IsNullOrWhiteSpace(input.OwnerUnit))
        {
            errors["OwnerUnit"] = "请填写责任单位（单位名称或简称）。";
        }
        else if ((owner = await db.Units.FindByNameAsync(input.OwnerUnit, cancellationToken)) is null)
        {
            errors["OwnerUnit"] = $"责任单位“{input.OwnerUnit.Trim()}”不在单位名录中，请先在单位管理中添加，或填写其已有的名称或简称。";
        }
        var baseline = Number(input.BaselineValue, "BaselineValue", "基期值", label, errors);
        var baselineYear = Year(input.BaselineYear, "BaselineYear", "基期年份", errors);
        var targetValue = Number(input.TargetValue, "TargetValue", "目标值", label, errors);
        var targetYear = Year(input.TargetYear, "TargetYear", "目标年份", errors);
        if (baselineYear is { } by && targetYear is { } ty && ty <= by)
        {
            errors["TargetYear"] = $"目标年份（{ty}）应晚于基期年份（{by}）。";
        }
        var milestones = Milestones(input.Milestones, baselineYear, targetYear, label, errors);
        var note = input.Note?.Trim();
        if (note?.Length > 1000)
        {
            errors["Note"] = "备注不超过 1000 字。";
        }
        if (errors.Count > 0)
        {
            return (null, errors);
        }

        Target target;
        if (id is { } existing)
        {
            var found = await db.Targets.Include(t => t.Milestones).SingleOrDefaultAsync(t => t.Id == existing, cancellationToken);
            if (found is null)
            {
                errors["Title"] = "该指标不存在。";
                return (null, errors);
            }
            target = found;
            db.Entry(target).Property(t => t.Version).OriginalValue = input.Version;
            db.TargetMilestones.RemoveRange(target.Milestones);
            target.Title = title;
            target.MeasureUnit = measure;
        }
        else
        {
            target = new Target
            {
                Title = title,
                MeasureUnit = measure,
                CreatedAt = clock.GetUtcNow(),
                CreatedByName = office.FindFirstValue(ClaimTypes.GivenName) ?? office.Identity?.Name ?? "",
                SourceDocumentId = input.SourceDocumentId,
                SourceName = Clip(input.SourceName, 200),
                SourceSentence = Clip(input.SourceSentence, 2000),
            };
            db.Targets.Add(target);
        }
        target.OwnerUnitId = owner!.Id;
        target.BaselineValue = baseline!.Value;
        target.BaselineYear = baselineYear!.Value;
        target.TargetValue = targetValue!.Value;
        target.TargetYear = targetYear!.Value;
        target.Direction = input.Direction;
        target.Note = string.IsNullOrEmpty(note) ? null : note;
        target.Milestones = milestones.Select(m => new TargetMilestone { Year = m.Year, Value = m.Value }).ToList();
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return (target, errors);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            errors[ConflictKey] = "保存失败：该指标在您编辑期间已被他人修改，请刷新后重新编辑。";
            return (null, errors);
        }
    }

    private static string? Clip(string? text, int max) =>
        string.IsNullOrWhiteSpace(text) ? null : text.Trim().Length > max ? text.Trim()[..max] : text.Trim();

    /// <summary>A number as typed: "4000", "20.5", "1,107", "-3"; full-width digits too.</summary>
    public static decimal? ParseNumber(string? text)
    {
        var plain = (text ?? "").Trim().Replace(",", "").Replace("，", "").Normalize(System.Text.NormalizationForm.FormKC);
        return decimal.TryParse(plain, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
               && Math.Abs(value) < 100_000_000_000_000m
            ? value
            : null;
    }

    private static decimal? Number(string? text, string field, string name, string unitLabel, Dictionary<string, string> errors)
    {
        if (ParseNumber(text) is { } value)
        {
            return value;
        }
        errors[field] = string.IsNullOrWhiteSpace(text) ? $"请填写{name}{unitLabel}。" : $"{name}应为数字{unitLabel}，如 4000 或 20.5；“{text!.Trim()}”不是数字。";
        return null;
    }

    private static int? Year(string? text, string field, string name, Dictionary<string, string> errors)
    {
        if (int.TryParse(text?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var year) && year is >= 1990 and <= 2100)
        {
            return year;
        }
        errors[field] = $"{name}应为 1990 到 2100 之间的 4 位年份，如 2025。";
        return null;
    }

    private static List<(int Year, decimal Value)> Milestones(string? text, int? baselineYear, int? targetYear, string unitLabel, Dictionary<string, string> errors)
    {
        var milestones = new List<(int Year, decimal Value)>();
        var lines = (text ?? "").Replace("\r", "").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0)
            {
                continue;
            }
            var match = MilestoneLine().Match(line.Normalize(System.Text.NormalizationForm.FormKC));
            var value = match.Success ? ParseNumber(match.Groups["value"].Value) : null;
            if (!match.Success || value is null)
            {
                errors["Milestones"] = $"年度目标第 {i + 1} 行“{line}”：应为“年份 数值”{unitLabel}，如“2023 45”。";
                return milestones;
            }
            var year = int.Parse(match.Groups["year"].Value, CultureInfo.InvariantCulture);
            if (baselineYear is { } from && targetYear is { } to && (year <= from || year >= to))
            {
                errors["Milestones"] = $"年度目标第 {i + 1} 行：年份 {year} 应在基期年份（{from}）与目标年份（{to}）之间。";
                return milestones;
            }
            if (milestones.Any(m => m.Year == year))
            {
                errors["Milestones"] = $"年度目标第 {i + 1} 行：{year} 年已填写过。";
                return milestones;
            }
            milestones.Add((year, value.Value));
        }
        return milestones.OrderBy(m => m.Year).ToList();
    }

    [GeneratedRegex(@"^(?<year>(?:19|20)\d{2})\s*(?:年|[:=：,，\s])\s*(?<value>[-+]?[\d,]+(?:\.\d+)?)\s*\S*$")]
    private static partial Regex MilestoneLine();
}
