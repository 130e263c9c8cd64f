using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Zhenxing.Web.Data;
using Zhenxing.Web.Features.Units;

namespace Zhenxing.Web.Features.Assessments;

/// <summary>Adds a bonus or deduction (加减分) to a unit's assessment under a method; the reason is required and kept.</summary>
public sealed class AdjustAssessment(ZhenxingDb db, TimeProvider clock)
{
    public async Task<(AssessmentAdjustment? Adjustment, Dictionary<string, string> Errors)> RunAsync(
        int methodId, string? unitName, string? points, string? reason, ClaimsPrincipal office, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string>();
        Unit? unit = null;
        if (string.IsNullOrWhiteSpace(unitName))
        {
            errors["UnitName"] = "请填写加减分的单位。";
        }
        else if ((unit = await db.Units.AsNoTracking().FindByNameAsync(unitName, cancellationToken)) is null)
        {
            errors["UnitName"] = $"单位“{unitName.Trim()}”不在单位名录中。";
        }
        var text = points?.Trim().Replace('＋', '+').Replace('－', '-').Replace('−', '-');
        if (!decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
            || value == 0 || Math.Abs(value) > 100 || value != Math.Round(value, 1))
        {
            errors["Points"] = "分值应为非零数字，最多一位小数，加分为正、减分为负（如 2 或 -1.5），绝对值不超过 100。";
        }
        var why = reason?.Trim() ?? "";
        if (why.Length == 0)
        {
            errors["Reason"] = "请填写加减分的理由。";
        }
        else if (why.Length > 1000)
        {
            errors["Reason"] = "理由不超过 1000 字。";
        }
        if (errors.Count > 0)
        {
            return (null, errors);
        }
        var adjustment = new AssessmentAdjustment
        {
            MethodId = methodId,
            UnitId = unit!.Id,
            Points = value,
            Reason = why,
            CreatedAt = clock.GetUtcNow(),
            CreatedByName = office.FindFirstValue(ClaimTypes.GivenName) ?? office.Identity!.Name!,
        };
        db.AssessmentAdjustments.Add(adjustment);
        await db.SaveChangesAsync(cancellationToken);
        return (adjustment, errors);
    }
}
