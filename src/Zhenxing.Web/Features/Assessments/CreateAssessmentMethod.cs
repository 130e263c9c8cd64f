using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Zhenxing.Web.Data;

namespace Zhenxing.Web.Features.Assessments;

/// <summary>The form of a new method as typed: numbers are read here, so that every error is in Chinese and names its field.</summary>
public sealed record NewAssessmentMethod(string? Year, string? Title, string? CompletionWeight, string? PunctualityWeight, string? QualityWeight, IReadOnlyCollection<int> Lists)
{
    /// <summary>未评分的报送质量不计入 (<see cref="AssessmentMethod.UnratedQualityLeftOut"/>): on unless the Office turns it off.</summary>
    public bool UnratedQualityLeftOut { get; init; } = true;
}

/// <summary>Creates an assessment method (考评办法) for a year: the weights must sum to 100 and at least one list must count.</summary>
public sealed class CreateAssessmentMethod(ZhenxingDb db, TimeProvider clock)
{
    public async Task<(AssessmentMethod? Method, Dictionary<string, string> Errors)> RunAsync(NewAssessmentMethod input, ClaimsPrincipal office, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string>();
        if (!int.TryParse(input.Year?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var year) || year is < 2000 or > 2100)
        {
            errors["Year"] = "考评年度应为 2000 到 2100 之间的年份。";
        }
        var title = input.Title?.Trim() ?? "";
        if (title.Length == 0)
        {
            errors["Title"] = "请填写考评办法名称，如“2026年度振兴工作考评”。";
        }
        else if (title.Length > 200)
        {
            errors["Title"] = "考评办法名称不超过 200 字。";
        }
        int? Weight(string field, string label, string? text)
        {
            if (int.TryParse(text?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var weight) && weight <= 100)
            {
                return weight;
            }
            errors[field] = $"{label}应为 0 到 100 之间的整数（百分比）。";
            return null;
        }
        var completion = Weight("CompletionWeight", "事项完成率权重", input.CompletionWeight);
        var punctuality = Weight("PunctualityWeight", "按时报送率权重", input.PunctualityWeight);
        var quality = Weight("QualityWeight", "报送质量权重", input.QualityWeight);
        if (completion is { } c && punctuality is { } p && quality is { } q && c + p + q != 100)
        {
            errors["CompletionWeight"] = $"三项权重之和应为 100：事项完成率权重 {c} + 按时报送率权重 {p} + 报送质量权重 {q} = {c + p + q}。";
        }
        var listIds = input.Lists.Distinct().ToList();
        var known = await db.ItemLists.Where(l => listIds.Contains(l.Id)).Select(l => l.Id).ToListAsync(cancellationToken);
        if (listIds.Count == 0)
        {
            errors["Lists"] = "请选择至少一份计入考评的清单。";
        }
        else if (known.Count != listIds.Count)
        {
            errors["Lists"] = "所选清单不存在，请刷新后重新选择。";
        }
        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var method = new AssessmentMethod
        {
            Year = year,
            Title = title,
            CompletionWeight = completion!.Value,
            PunctualityWeight = punctuality!.Value,
            QualityWeight = quality!.Value,
            UnratedQualityLeftOut = input.UnratedQualityLeftOut,
            Lists = listIds.Select(id => new AssessmentList { ItemListId = id }).ToList(),
            CreatedAt = clock.GetUtcNow(),
            CreatedByName = office.FindFirstValue(ClaimTypes.GivenName) ?? office.Identity!.Name!,
        };
        db.AssessmentMethods.Add(method);
        await db.SaveChangesAsync(cancellationToken);
        return (method, errors);
    }
}
