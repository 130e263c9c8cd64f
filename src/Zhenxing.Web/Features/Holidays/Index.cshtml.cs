using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Zhenxing.Web.Data;
using Zhenxing.Web.Features.Users;

namespace Zhenxing.Web.Features.Holidays;

/// <summary>The holiday calendar (节假日与调休) the working days are counted by: the Office and administrators keep it.</summary>
[Authorize(Roles = $"{nameof(Role.Office)},{nameof(Role.Admin)}")]
public sealed class HolidaysModel(ZhenxingDb db) : PageModel
{
    public List<Holiday> Days { get; private set; } = [];

    [BindProperty, Display(Name = "节假日安排")]
    public string? Lines { get; set; }

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var parsed = HolidayLines.Parse(Lines);
        if (parsed.Errors.Count == 0 && parsed.Days.Count == 0)
        {
            ModelState.AddModelError(nameof(Lines), "请填写节假日安排，每行一个日期或日期范围，注明“休”或“班”。");
        }
        foreach (var error in parsed.Errors)
        {
            ModelState.AddModelError(nameof(Lines), $"节假日安排{error}");
        }
        if (!ModelState.IsValid)
        {
            await LoadAsync(cancellationToken);
            return Page();
        }
        var dates = parsed.Days.Select(d => d.Date).ToList();
        var existing = await db.Holidays.Where(h => dates.Contains(h.Date)).ToDictionaryAsync(h => h.Date, cancellationToken);
        foreach (var (date, kind) in parsed.Days)
        {
            if (existing.TryGetValue(date, out var day))
            {
                day.Kind = kind;
            }
            else
            {
                db.Holidays.Add(new Holiday { Date = date, Kind = kind });
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        Message = $"已保存 {parsed.Days.Count} 天：法定节假日 {parsed.Days.Count(d => d.Kind == HolidayKind.DayOff)} 天，调休上班 {parsed.Days.Count(d => d.Kind == HolidayKind.WorkingWeekend)} 天。";
        return Redirect("/holidays");
    }

    public async Task<IActionResult> OnPostRemoveAsync([Display(Name = "日期编号")] int id, CancellationToken cancellationToken)
    {
        var day = await db.Holidays.SingleOrDefaultAsync(h => h.Id == id, cancellationToken);
        if (day is null)
        {
            return NotFound();
        }
        db.Holidays.Remove(day);
        await db.SaveChangesAsync(cancellationToken);
        Message = $"已删除 {day.Date:yyyy-MM-dd}，该日按普通{(day.Date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? "周末" : "工作日")}计算。";
        return Redirect("/holidays");
    }

    private async Task LoadAsync(CancellationToken cancellationToken) =>
        Days = await db.Holidays.AsNoTracking().OrderByDescending(h => h.Date).ToListAsync(cancellationToken);

    public static string Weekday(DateOnly date) => "日一二三四五六"[(int)date.DayOfWeek].ToString();
}
