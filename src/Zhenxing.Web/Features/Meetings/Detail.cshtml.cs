using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Zhenxing.Web.Data;
using Zhenxing.Web.Features.Users;
using Zhenxing.Web.Infrastructure;

namespace Zhenxing.Web.Features.Meetings;

/// <summary>
/// A meeting: its matters with their items, decisions and landing. The Office adds matters and records decisions; the lead
/// unit's liaisons (and the Office) report each matter's landing with a note.
/// </summary>
public sealed class MeetingDetailModel(ZhenxingDb db, MeetingSummaries summaries, RecordMeeting record, ReportLanding landing, TimeProvider clock) : PageModel
{
    public sealed record ItemOption(int Id, string Label);

    public Meeting Meeting { get; private set; } = null!;
    public MeetingFigures Figures { get; private set; } = null!;
    public List<MeetingMatter> Matters { get; private set; } = [];
    public ILookup<int, (int Id, string Number, string Text)> LinkedItems { get; private set; } = null!;
    public List<(string List, List<ItemOption> Items)> ItemOptions { get; private set; } = [];
    public bool CanEdit => User.IsInRole(nameof(Role.Office));
    public bool Held => Meeting.HeldOn <= ChinaTime.Today(clock);

    /// <summary>The matter whose form failed, so that its errors show beside it.</summary>
    public int? FailedMatterId { get; private set; }

    [TempData]
    public string? Message { get; set; }

    public bool CanReport(MeetingMatter matter) => Held && ReportLanding.MayReport(User, matter.LeadUnitId);

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostMeetingAsync(int id, string? title, [Display(Name = "日期")] DateOnly? heldOn, [Display(Name = "级别")] MeetingLevel level, [Display(Name = "版本号")] int version, CancellationToken cancellationToken)
    {
        if (!CanEdit)
        {
            return Forbid();
        }
        var (meeting, errors) = await record.SaveAsync(id, title, heldOn, level, version, User, cancellationToken);
        return await AfterAsync(id, meeting is null ? errors : [], "会议信息已保存。", null, cancellationToken);
    }

    public async Task<IActionResult> OnPostAddMatterAsync(int id, string? text, string? leadUnit, [Display(Name = "关联事项")] int[] items, string? decision, CancellationToken cancellationToken)
    {
        if (!CanEdit)
        {
            return Forbid();
        }
        var (_, errors) = await record.AddMatterAsync(id, new MatterInput(text, leadUnit, items, decision), cancellationToken);
        return await AfterAsync(id, errors, "已添加提请研究事项。", null, cancellationToken);
    }

    public async Task<IActionResult> OnPostEditMatterAsync(int id, [Display(Name = "议定事项编号")] int matterId, string? text, string? leadUnit, [Display(Name = "关联事项")] int[] items, string? decision, [Display(Name = "版本号")] int version, CancellationToken cancellationToken)
    {
        if (!CanEdit)
        {
            return Forbid();
        }
        if (!await db.MeetingMatters.AnyAsync(m => m.Id == matterId && m.MeetingId == id, cancellationToken))
        {
            return NotFound();
        }
        var errors = await record.EditMatterAsync(matterId, new MatterInput(text, leadUnit, items, decision), version, cancellationToken);
        return await AfterAsync(id, errors, "事项已保存。", matterId, cancellationToken);
    }

    public async Task<IActionResult> OnPostLandingAsync(int id, [Display(Name = "议定事项编号")] int matterId, [Display(Name = "落实状态")] LandingStatus status, string? note, [Display(Name = "版本号")] int version, CancellationToken cancellationToken)
    {
        var matter = await db.MeetingMatters.AsNoTracking().SingleOrDefaultAsync(m => m.Id == matterId && m.MeetingId == id, cancellationToken);
        if (matter is null)
        {
            return NotFound();
        }
        if (!ReportLanding.MayReport(User, matter.LeadUnitId))
        {
            return Forbid();
        }
        var problem = await landing.RunAsync(matterId, status, note, version, User, cancellationToken);
        return await AfterAsync(id, problem is { } p ? new Dictionary<string, string> { [p.Field] = p.Problem } : [], $"已报送落实情况：{status.ToChinese()}。", matterId, cancellationToken);
    }

    private async Task<IActionResult> AfterAsync(int id, Dictionary<string, string> errors, string done, int? matterId, CancellationToken cancellationToken)
    {
        if (errors.Count == 0)
        {
            Message = done;
            return Redirect($"/meetings/{id}");
        }
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }
        FailedMatterId = matterId;
        foreach (var message in errors.Values)
        {
            ModelState.AddModelError(string.Empty, message);
        }
        return Page();
    }

    private async Task<bool> LoadAsync(int id, CancellationToken cancellationToken)
    {
        var meeting = await db.Meetings.AsNoTracking().SingleOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (meeting is null)
        {
            return false;
        }
        Meeting = meeting;
        Figures = (await summaries.ForPeriodAsync(meeting.HeldOn, meeting.HeldOn, meeting.Level, cancellationToken)).Meetings.Single(m => m.Id == id);
        Matters = await db.MeetingMatters.AsNoTracking().Include(m => m.LeadUnit).Include(m => m.Items).Include(m => m.Progress)
            .Where(m => m.MeetingId == id).OrderBy(m => m.Position).ToListAsync(cancellationToken);
        LinkedItems = await summaries.LinkedItemsAsync(Matters.Select(m => m.Id).ToList(), User, cancellationToken);
        if (CanEdit)
        {
            var items = await db.Items.AsNoTracking().Where(i => i.WithdrawnAt == null).OrderBy(i => i.ItemListId).ThenBy(i => i.Position)
                .Select(i => new { i.Id, i.Number, Text = i.ShortTitle ?? i.Text, List = i.ItemList!.Title }).ToListAsync(cancellationToken);
            ItemOptions = items.GroupBy(i => i.List)
                .Select(g => (g.Key, g.Select(i => new ItemOption(i.Id, $"第 {i.Number} 项 {(i.Text.Length > 40 ? i.Text[..40] + "…" : i.Text)}")).ToList())).ToList();
        }
        return true;
    }
}
