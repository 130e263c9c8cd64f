using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Zhenxing.Web.Data;
using Zhenxing.Web.Features.Items;
using Zhenxing.Web.Features.Users;

namespace Zhenxing.Web.Features.Lists;

/// <summary>The Office's settings of a list: its title and number, and the monthly reporting day ("每月28日前报送").</summary>
[Authorize(Roles = nameof(Role.Office))]
public sealed class ListSettingsModel(ZhenxingDb db) : PageModel
{
    public ItemList List { get; private set; } = null!;

    [BindProperty, Display(Name = "清单名称")]
    public string Title { get; set; } = "";

    [BindProperty]
    public string? DocumentNumber { get; set; }

    [BindProperty, Display(Name = "年度")]
    public int Year { get; set; }

    [BindProperty, Display(Name = "每月报送日")]
    public int? MonthlyReportingDay { get; set; }

    /// <summary>The list's kind: a 援县促市 list (CountySupport) counts in the pairing figures; not sent = unchanged.</summary>
    [BindProperty, Display(Name = "清单类别")]
    public Zhenxing.Importing.ItemListKind? Kind { get; set; }

    [BindProperty, Display(Name = "签收期限（工作日）")]
    public int? AcknowledgeWithinWorkingDays { get; set; }

    [BindProperty, Display(Name = "截止前提醒（工作日）")]
    public int? RemindWorkingDaysBefore { get; set; }

    [BindProperty, Display(Name = "催办后转督办（工作日）")]
    public int? SuperviseWorkingDaysAfter { get; set; }

    [BindProperty, Display(Name = "版本号")]
    public int Version { get; set; }

    [TempData]
    public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        var list = await db.ItemLists.AsNoTracking().SingleOrDefaultAsync(l => l.Id == id, cancellationToken);
        if (list is null)
        {
            return NotFound();
        }
        List = list;
        (Title, DocumentNumber, Year, MonthlyReportingDay, Version, Kind) = (list.Title, list.DocumentNumber, list.Year, list.MonthlyReportingDay, list.Version, list.Kind);
        AcknowledgeWithinWorkingDays = list.AcknowledgeWithinWorkingDays ?? ItemList.DefaultAcknowledgeWithinWorkingDays;
        RemindWorkingDaysBefore = list.RemindWorkingDaysBefore ?? ItemList.DefaultRemindWorkingDaysBefore;
        SuperviseWorkingDaysAfter = list.SuperviseWorkingDaysAfter ?? ItemList.DefaultSuperviseWorkingDaysAfter;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken)
    {
        var list = await db.ItemLists.SingleOrDefaultAsync(l => l.Id == id, cancellationToken);
        if (list is null)
        {
            return NotFound();
        }
        List = list;
        if (string.IsNullOrWhiteSpace(Title) || Title.Trim().Length > 500)
        {
            ModelState.AddModelError(nameof(Title), "请填写清单名称（不超过 500 字）。");
        }
        if (Year is < 1949 or > 2100)
        {
            ModelState.AddModelError(nameof(Year), "年度无效。");
        }
        if (MonthlyReportingDay is not null and (< 1 or > 28))
        {
            ModelState.AddModelError(nameof(MonthlyReportingDay), "每月报送日应为 1 到 28 日；留空表示月底。");
        }
        foreach (var (field, value, name) in new[]
                 {
                     (nameof(AcknowledgeWithinWorkingDays), AcknowledgeWithinWorkingDays, "签收期限"),
                     (nameof(RemindWorkingDaysBefore), RemindWorkingDaysBefore, "截止前提醒"),
                     (nameof(SuperviseWorkingDaysAfter), SuperviseWorkingDaysAfter, "催办后转督办"),
                 })
        {
            if (value is not null and (< 1 or > 30))
            {
                ModelState.AddModelError(field, $"{name}应为 1 到 30 个工作日；留空为默认值。");
            }
        }
        if (Kind is { } kind && !Enum.IsDefined(kind))
        {
            ModelState.AddModelError(nameof(Kind), "清单类别无效。");
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        list.Kind = Kind ?? list.Kind;
        db.Entry(list).Property(l => l.Version).OriginalValue = Version;
        list.Title = Title.Trim();
        list.DocumentNumber = string.IsNullOrWhiteSpace(DocumentNumber) ? null : DocumentNumber.Trim();
        list.Year = Year;
        list.MonthlyReportingDay = MonthlyReportingDay;
        list.AcknowledgeWithinWorkingDays = AcknowledgeWithinWorkingDays;
        list.RemindWorkingDaysBefore = RemindWorkingDaysBefore;
        list.SuperviseWorkingDaysAfter = SuperviseWorkingDaysAfter;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            ModelState.AddModelError(string.Empty, "该清单在您编辑期间已被其他用户修改，您的修改未保存。请刷新后重试。");
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }
        Message = "清单设置已保存。";
        return Redirect($"/lists/{id}");
    }
}
