using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Zhenxing.Web.Features.Users;

namespace Zhenxing.Web.Features.Bulletins;

/// <summary>The Office picks a period (the last month by default) and the system writes the first draft from the ledger.</summary>
[Authorize(Roles = nameof(Role.Office))]
public sealed class NewBulletinModel(DraftBulletin draft) : PageModel
{
    [BindProperty]
    public string? From { get; set; }

    [BindProperty]
    public string? To { get; set; }

    public void OnGet()
    {
        var (from, to) = BulletinPeriod.LastMonth(draft.Today);
        From = from.ToString("yyyy-MM-dd");
        To = to.ToString("yyyy-MM-dd");
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var (from, to, errors) = BulletinPeriod.Parse(From, To, "起始日期", "截止日期");
        if (errors.Count == 0 && from > draft.Today)
        {
            errors["From"] = $"起始日期（{from:yyyy-MM-dd}）不能晚于今天（{draft.Today:yyyy-MM-dd}）：简报只写已经发生的情况。";
        }
        if (errors.Count > 0)
        {
            foreach (var (field, message) in errors)
            {
                ModelState.AddModelError(field, message);
            }
            return Page();
        }
        var bulletin = await draft.CreateAsync(from, to, User, cancellationToken);
        TempData["Message"] = $"已根据台账起草{BulletinText.Period(bulletin.PeriodFrom, bulletin.PeriodTo)}的简报"
                              + (bulletin.PeriodTo < to ? $"（截止日期晚于今天，已按今天 {bulletin.PeriodTo:yyyy-MM-dd} 截止）" : "") + "，请修改后发布。";
        return Redirect($"/bulletins/{bulletin.Id}/edit");
    }
}
