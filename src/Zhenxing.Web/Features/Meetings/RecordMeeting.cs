using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Zhenxing.Web.Data;
using Zhenxing.Web.Features.Units;

namespace Zhenxing.Web.Features.Meetings;

/// <param name="Items">Ids of the ledger items the matter concerns.</param>
public sealed record MatterInput(string? Text, string? LeadUnit, IReadOnlyCollection<int> Items, string? Decision = null);

/// <summary>The Office's steps on meetings: a meeting with its date and level, the matters put to it, their decisions once held.</summary>
public sealed class RecordMeeting(ZhenxingDb db, TimeProvider clock)
{
    public const string ConflictMessage = "保存失败：该内容在您编辑期间已被他人修改，请刷新后重试。";

    /// <returns>The meeting, or the problems keyed by field (Title, HeldOn, Version).</returns>
    public async Task<(Meeting? Meeting, Dictionary<string, string> Errors)> SaveAsync(int? id, string? title, DateOnly? heldOn, MeetingLevel level, int version,
        ClaimsPrincipal office, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string>();
        var name = title?.Trim() ?? "";
        if (name.Length is 0 or > 200)
        {
            errors["Title"] = "请填写会议名称（不超过 200 字），如“部际联席会议第八次会议”。";
        }
        if (heldOn is null)
        {
            errors["HeldOn"] = "请填写会议日期（召开或拟召开的日期）。";
        }
        if (!Enum.IsDefined(level))
        {
            errors["Level"] = "请选择会议级别。";
        }
        if (errors.Count > 0)
        {
            return (null, errors);
        }
        Meeting? meeting;
        if (id is { } existing)
        {
            meeting = await db.Meetings.SingleOrDefaultAsync(m => m.Id == existing, cancellationToken);
            if (meeting is null)
            {
                errors["Title"] = "该会议不存在。";
                return (null, errors);
            }
            db.Entry(meeting).Property(m => m.Version).OriginalValue = version;
        }
        else
        {
            meeting = new Meeting { Title = name, CreatedAt = clock.GetUtcNow(), CreatedByName = NameOf(office) };
            db.Meetings.Add(meeting);
        }
        meeting.Title = name;
        meeting.HeldOn = heldOn!.Value;
        meeting.Level = level;
        if (!await SaveAsync(cancellationToken))
        {
            errors["Version"] = ConflictMessage;
            return (null, errors);
        }
        return (meeting, errors);
    }

    /// <returns>The new matter, or the problems keyed by field (Text, LeadUnit, Items, Decision).</returns>
    public async Task<(MeetingMatter? Matter, Dictionary<string, string> Errors)> AddMatterAsync(int meetingId, MatterInput input, CancellationToken cancellationToken)
    {
        var meeting = await db.Meetings.AsNoTracking().SingleOrDefaultAsync(m => m.Id == meetingId, cancellationToken);
        var (lead, itemIds, errors) = await CheckAsync(input, cancellationToken);
        if (meeting is null)
        {
            errors["Text"] = "该会议不存在。";
        }
        else if (input.Decision is { Length: > 0 } && meeting.HeldOn > Infrastructure.ChinaTime.Today(clock))
        {
            errors["Decision"] = $"会议定于 {meeting.HeldOn:yyyy-MM-dd} 召开，召开后再填写议定事项。";
        }
        if (errors.Count > 0)
        {
            return (null, errors);
        }
        var position = await db.MeetingMatters.Where(m => m.MeetingId == meetingId).Select(m => (int?)m.Position).MaxAsync(cancellationToken) ?? 0;
        var matter = new MeetingMatter
        {
            MeetingId = meetingId,
            Position = position + 1,
            Text = input.Text!.Trim(),
            LeadUnitId = lead?.Id,
            Decision = Blank(input.Decision),
            Items = itemIds.Select(i => new MeetingMatterItem { ItemId = i }).ToList(),
        };
        db.MeetingMatters.Add(matter);
        await db.SaveChangesAsync(cancellationToken);
        return (matter, errors);
    }

    /// <summary>Edits a matter: its text, lead unit, items and the decision (议定事项), which needs the meeting to have been held.</summary>
    public async Task<Dictionary<string, string>> EditMatterAsync(int matterId, MatterInput input, int version, CancellationToken cancellationToken)
    {
        var (lead, itemIds, errors) = await CheckAsync(input, cancellationToken);
        var matter = await db.MeetingMatters.Include(m => m.Meeting).Include(m => m.Items).SingleOrDefaultAsync(m => m.Id == matterId, cancellationToken);
        if (matter is null)
        {
            errors["Text"] = "该事项不存在。";
            return errors;
        }
        if (Blank(input.Decision) is not null && matter.Meeting!.HeldOn > Infrastructure.ChinaTime.Today(clock))
        {
            errors["Decision"] = $"会议定于 {matter.Meeting.HeldOn:yyyy-MM-dd} 召开，召开后再填写议定事项。";
        }
        if (errors.Count > 0)
        {
            return errors;
        }
        db.Entry(matter).Property(m => m.Version).OriginalValue = version;
        matter.Text = input.Text!.Trim();
        matter.LeadUnitId = lead?.Id;
        matter.Decision = Blank(input.Decision);
        db.MeetingMatterItems.RemoveRange(matter.Items.Where(i => !itemIds.Contains(i.ItemId)));
        foreach (var itemId in itemIds.Where(i => matter.Items.All(x => x.ItemId != i)))
        {
            matter.Items.Add(new MeetingMatterItem { ItemId = itemId });
        }
        if (!await SaveAsync(cancellationToken))
        {
            errors["Version"] = ConflictMessage;
        }
        return errors;
    }

    private async Task<(Unit? Lead, List<int> Items, Dictionary<string, string> Errors)> CheckAsync(MatterInput input, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string>();
        var text = input.Text?.Trim() ?? "";
        if (text.Length is 0 or > 2000)
        {
            errors["Text"] = "请填写提请研究事项的内容（不超过 2000 字）。";
        }
        if (input.Decision?.Trim().Length > 2000)
        {
            errors["Decision"] = "议定事项不超过 2000 字。";
        }
        Unit? lead = null;
        if (!string.IsNullOrWhiteSpace(input.LeadUnit) && (lead = await db.Units.FindByNameAsync(input.LeadUnit, cancellationToken)) is null)
        {
            errors["LeadUnit"] = $"牵头单位“{input.LeadUnit.Trim()}”不在单位名录中，请填写已有单位的名称或简称。";
        }
        var itemIds = input.Items.Distinct().ToList();
        var known = await db.Items.Where(i => itemIds.Contains(i.Id)).Select(i => i.Id).ToListAsync(cancellationToken);
        if (known.Count != itemIds.Count)
        {
            errors["Items"] = $"关联事项 {string.Join("、", itemIds.Except(known))} 不存在。";
        }
        return (lead, itemIds, errors);
    }

    private async Task<bool> SaveAsync(CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return false;
        }
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    internal static string NameOf(ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.GivenName) ?? user.Identity?.Name ?? "";
}

/// <summary>
/// The landing of a decided matter (已落地实施 …), reported by a liaison of its lead unit or by the Office with a note, like an
/// item's progress: each report is kept, the newest sets the matter's status.
/// </summary>
public sealed class ReportLanding(ZhenxingDb db, TimeProvider clock)
{
    public static bool MayReport(ClaimsPrincipal user, int? leadUnitId) =>
        user.IsInRole(nameof(Users.Role.Office))
        || (user.IsInRole(nameof(Users.Role.Liaison)) && leadUnitId is not null && Items.ItemScope.UnitOf(user) == leadUnitId);

    /// <returns>The problem keyed by field (Status, Note, Version, or "" when it is not this user's to report), none when done.</returns>
    public async Task<(string Field, string Problem)?> RunAsync(int matterId, LandingStatus status, string? note, int version, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var matter = await db.MeetingMatters.Include(m => m.Meeting).SingleOrDefaultAsync(m => m.Id == matterId, cancellationToken);
        if (matter is null)
        {
            return ("", "该事项不存在。");
        }
        if (!MayReport(user, matter.LeadUnitId))
        {
            return ("", "只有该事项牵头单位的联络员和振兴办可以报送落实情况。");
        }
        var today = Infrastructure.ChinaTime.Today(clock);
        if (matter.Meeting!.HeldOn > today)
        {
            return ("Status", $"会议定于 {matter.Meeting.HeldOn:yyyy-MM-dd} 召开，召开后再报送落实情况。");
        }
        if (!Enum.IsDefined(status))
        {
            return ("Status", "请选择落实状态。");
        }
        var text = note?.Trim() ?? "";
        if (text.Length is 0 or > 2000)
        {
            return ("Note", "请填写落实情况说明（不超过 2000 字）。");
        }
        db.Entry(matter).Property(m => m.Version).OriginalValue = version;
        var now = clock.GetUtcNow();
        matter.Status = status;
        matter.LandedOn = status == LandingStatus.Landed ? matter.LandedOn ?? today : null;
        matter.Progress.Add(new MatterProgress { Status = status, Note = text, At = now, ByName = RecordMeeting.NameOf(user) });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return null;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return ("Version", "该事项的落实情况在您填写期间已被他人更新，请刷新后重新报送。");
        }
    }
}
