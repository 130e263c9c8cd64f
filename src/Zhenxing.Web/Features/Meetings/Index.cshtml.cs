using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Zhenxing.Web.Features.Users;

namespace Zhenxing.Web.Features.Meetings;

/// <summary>Meetings (部际联席会议, 领导小组会议, 推进会 …) of a period with the office's summary; the Office records a new one.</summary>
public sealed class MeetingsModel(MeetingSummaries summaries, RecordMeeting record) : PageModel
{
    public MeetingsSummary Summary { get; private set; } = null!;
    public DateOnly? From { get; private set; }
    public DateOnly? To { get; private set; }
    public MeetingLevel? Level { get; private set; }
    public List<string> Errors { get; } = [];
    public bool CanEdit => User.IsInRole(nameof(Role.Office));

    [BindProperty]
    public string? Title { get; set; }

    [BindProperty, Display(Name = "日期")]
    public DateOnly? HeldOn { get; set; }

    [BindProperty, Display(Name = "级别")]
    public MeetingLevel NewLevel { get; set; }

    public async Task OnGetAsync(string? from, string? to, string? level, CancellationToken cancellationToken)
    {
        From = ParseDate(from, "from", "开始日期");
        To = ParseDate(to, "to", "结束日期");
        if (!string.IsNullOrWhiteSpace(level))
        {
            if (Enum.TryParse<MeetingLevel>(level, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed))
            {
                Level = parsed;
            }
            else
            {
                Errors.Add($"会议级别“{level}”无效：可选 InterministerialJoint（部际联席会议）、LeadingGroup（领导小组会议）、Promotion（推进会）、Other（其他）。");
            }
        }
        Summary = await summaries.ForPeriodAsync(From, To, Level, cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!CanEdit)
        {
            return Forbid();
        }
        var (meeting, errors) = await record.SaveAsync(null, Title, HeldOn, NewLevel, 0, User, cancellationToken);
        if (meeting is null)
        {
            foreach (var (field, message) in errors)
            {
                ModelState.AddModelError(field, message);
            }
            Summary = await summaries.ForPeriodAsync(null, null, null, cancellationToken);
            return Page();
        }
        return Redirect($"/meetings/{meeting.Id}");
    }

    private DateOnly? ParseDate(string? text, string name, string label)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", out var date))
        {
            return date;
        }
        Errors.Add($"{label}（{name}）“{text}”无效，应为 yyyy-MM-dd，如 2021-01-01。");
        return null;
    }
}
