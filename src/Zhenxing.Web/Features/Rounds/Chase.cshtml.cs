using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Zhenxing.Web.Data;
using Zhenxing.Web.Features.Users;
using Zhenxing.Web.Infrastructure;

namespace Zhenxing.Web.Features.Rounds;

/// <summary>催办 from the round page: the recipients first (units, liaisons, the items each owes), then an optional message; one unit, one item, or all.</summary>
[Authorize(Roles = nameof(Role.Office))]
public sealed class ChaseModel(ZhenxingDb db, SendReminders reminders, TimeProvider clock) : PageModel
{
    public ReportingRound Round { get; private set; } = null!;
    public List<ChaseRecipient> Recipients { get; private set; } = [];
    public DateOnly Today => ChinaTime.Today(clock);
    public bool MailEnabled => reminders.MailEnabled;
    public string? ItemLabel { get; private set; }

    [BindProperty(SupportsGet = true), Display(Name = "单位")]
    public int? Unit { get; set; }

    [BindProperty(SupportsGet = true), Display(Name = "事项")]
    public int? Item { get; set; }

    [BindProperty, Display(Name = "催办留言")]
    public string? Text { get; set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }
        if (Text is { Length: > SendReminders.MaxMessageLength })
        {
            ModelState.AddModelError(nameof(Text), $"催办留言不能超过 {SendReminders.MaxMessageLength} 字。");
        }
        if (Round.State == RoundState.Closed)
        {
            ModelState.AddModelError(string.Empty, "该轮次已关闭，不能再催办。");
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var (sent, tooSoon) = await reminders.ChaseAsync(id, Unit, Item, Text, cancellationToken);
        var parts = new List<string>();
        if (sent.Count > 0)
        {
            parts.Add($"已向 {sent.Count} 个单位催办（站内通知{(MailEnabled ? "和邮件" : "")}）：{string.Join("、", sent.Select(r => r.UnitName))}。");
        }
        parts.AddRange(tooSoon.Select(NextChase));
        TempData["Message"] = parts.Count > 0 ? string.Join(" ", parts) : "所选范围内的单位均已报送，无需催办。";
        return Redirect($"/rounds/{id}");
    }

    /// <summary>"已于 12-07 10:30 催办，下次可于 12-08 催办" for a unit chased too recently.</summary>
    public static string NextChase(ChaseRecipient recipient) =>
        $"{recipient.UnitName}已于 {recipient.LastChasedAt?.ToOffset(TimeSpan.FromHours(8)):MM-dd HH:mm} 催办，下次可于 {recipient.NextAllowedOn:MM-dd} 催办。";

    private async Task<bool> LoadAsync(int id, CancellationToken cancellationToken)
    {
        var round = await db.ReportingRounds.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (round is null)
        {
            return false;
        }
        Round = round;
        Recipients = await reminders.PreviewAsync(id, Unit, Item, cancellationToken);
        if (Item is { } itemId)
        {
            ItemLabel = await db.Items.AsNoTracking().Where(i => i.Id == itemId).Select(i => i.ItemList!.Title + " 第 " + i.Number + " 项").SingleOrDefaultAsync(cancellationToken);
        }
        return true;
    }
}
