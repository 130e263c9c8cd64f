using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Zhenxing.Web.Features.Users;

namespace Zhenxing.Web.Features.Trips;

/// <summary>
/// The monthly view: every county and city department green or red against the rule, with the reasons for red.
/// A liaison sees its own unit; the Office changes the thresholds.
/// </summary>
public sealed class TripComplianceModel(TripCompliance compliance, TimeProvider clock) : PageModel
{
    public ComplianceMonth Month { get; private set; } = null!;
    public string? MonthError { get; private set; }
    public bool CanEdit => User.IsInRole(nameof(Role.Office));

    [BindProperty]
    public string? ProvincialPerMonth { get; set; }

    [BindProperty]
    public string? NationalVisits { get; set; }

    [BindProperty]
    public string? NationalWindowMonths { get; set; }

    [BindProperty, Display(Name = "版本号")]
    public int RuleVersion { get; set; }

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync(string? month, CancellationToken cancellationToken) => await LoadAsync(month, cancellationToken);

    public async Task<IActionResult> OnPostAsync(string? month, CancellationToken cancellationToken)
    {
        if (!CanEdit)
        {
            return Forbid();
        }
        var (rule, errors, _) = await compliance.SaveRuleAsync(ProvincialPerMonth, NationalVisits, NationalWindowMonths, RuleVersion, cancellationToken);
        if (rule is null)
        {
            foreach (var (field, message) in errors)
            {
                ModelState.AddModelError(field, message);
            }
            await LoadAsync(month, cancellationToken, keepForm: true);
            return Page();
        }
        Message = $"考核标准已修改：每月赴省直厅局至少 {rule.ProvincialPerMonth} 次，每 {rule.NationalWindowMonths} 个月赴国家部委至少 {rule.NationalVisits} 次。";
        return Redirect($"/trips/compliance?month={Month?.Key ?? month}");
    }

    private async Task LoadAsync(string? month, CancellationToken cancellationToken, bool keepForm = false)
    {
        var today = Infrastructure.ChinaTime.Today(clock);
        var parsed = string.IsNullOrWhiteSpace(month) ? (today.Year, today.Month) : TripCompliance.ParseMonth(month);
        if (parsed is null)
        {
            MonthError = $"月份“{month}”无效，请按 2026-10 的格式填写；下面是本月的情况。";
            parsed = (today.Year, today.Month);
        }
        Month = await compliance.ForMonthAsync(parsed.Value.Item1, parsed.Value.Item2, TripCompliance.OnlyUnitFor(User), cancellationToken);
        if (!keepForm)
        {
            (ProvincialPerMonth, NationalVisits, NationalWindowMonths, RuleVersion) =
                (Month.Rule.ProvincialPerMonth.ToString(), Month.Rule.NationalVisits.ToString(), Month.Rule.NationalWindowMonths.ToString(), Month.Rule.Version);
        }
    }
}
