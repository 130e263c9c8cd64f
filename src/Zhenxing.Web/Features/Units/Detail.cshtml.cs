using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Zhenxing.Web.Data;
using Zhenxing.Web.Features.Items;
using Zhenxing.Web.Features.Digests;
using Zhenxing.Web.Features.Ledger;
using Zhenxing.Web.Features.Users;

namespace Zhenxing.Web.Features.Units;

/// <summary>A unit's items as lead and as responsible, and its overdue ones; a liaison's home page ("我的事项").</summary>
public sealed class UnitDetailModel(ZhenxingDb db, LedgerQuery ledger, Rounds.RoundObligations obligations, PostToRobot robots, TimeProvider clock) : PageModel
{
    /// <summary>The unit's group robot, for the Office and the unit's own liaison (null: none set, or not theirs to see).</summary>
    public UnitChannel? Channel { get; private set; }
    public bool CanEditChannel { get; private set; }

    /// <summary>Only the Office sees the whole webhook address; the liaison sees it masked.</summary>
    public bool SeesFullUrl => User.IsInRole(nameof(Role.Office));

    [BindProperty]
    public UnitChannelForm ChannelForm { get; set; } = new();

    [TempData]
    public string? ChannelMessage { get; set; }

    [TempData]
    public bool ChannelMessageOk { get; set; }

    public sealed record RoundRecord(int RoundId, string Round, DateOnly DueOn, int Owed, int OnTime, int Late, int Returned, int Accepted, int Missing);

    /// <summary>The unit's reporting record: per round, what it owed and how it reported.</summary>
    public List<RoundRecord> Record { get; private set; } = [];

    public Unit Unit { get; private set; } = null!;
    public string? ParentName { get; private set; }
    public LedgerPage AsLead { get; private set; } = null!;
    public LedgerPage AsResponsible { get; private set; } = null!;
    public LedgerPage Overdue { get; private set; } = null!;
    public bool IsOwnUnit { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        if (!ItemScope.CanSeeUnit(User, id))
        {
            return NotFound();
        }
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }
        ChannelForm = Channel is null ? new() : new() { Kind = Channel.Kind, Version = Channel.Version };
        return Page();
    }

    /// <summary>Sets (or changes) the unit's group robot; a blank address or secret keeps the saved one.</summary>
    public async Task<IActionResult> OnPostChannelAsync(int id, CancellationToken cancellationToken)
    {
        if (ChannelAccess(id) is { } refused)
        {
            return refused;
        }
        ModelState.Clear();
        var channel = await db.UnitChannels.SingleOrDefaultAsync(c => c.UnitId == id, cancellationToken);
        if (channel is not null && channel.Version != ChannelForm.Version)
        {
            return await ChannelProblemAsync(id, "保存失败：在您编辑期间，群机器人设置已被其他用户修改。下面显示的是最新设置，请核对后重新保存。", cancellationToken);
        }
        ChannelForm.Validate(channel, ModelState, nameof(ChannelForm));
        if (!ModelState.IsValid)
        {
            await LoadAsync(id, cancellationToken);
            return Page();
        }
        if (channel is null)
        {
            if (!await db.Units.AnyAsync(u => u.Id == id, cancellationToken))
            {
                return NotFound();
            }
            channel = new UnitChannel { UnitId = id, WebhookUrl = "" };
            db.UnitChannels.Add(channel);
        }
        else
        {
            db.Entry(channel).Property(c => c.Version).OriginalValue = ChannelForm.Version;
        }
        ChannelForm.ApplyTo(channel);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return await ChannelProblemAsync(id, "保存失败：在您编辑期间，群机器人设置已被其他用户修改。下面显示的是最新设置，请核对后重新保存。", cancellationToken);
        }
        (ChannelMessage, ChannelMessageOk) = ($"已保存{channel.Kind.ToChinese()}群机器人设置。每天的摘要将发到该群。", true);
        return Redirect($"/units/{id}#channel");
    }

    /// <summary>测试发送: posts a short message to the saved robot and shows the robot's answer.</summary>
    public async Task<IActionResult> OnPostChannelTestAsync(int id, CancellationToken cancellationToken)
    {
        if (ChannelAccess(id) is { } refused)
        {
            return refused;
        }
        var channel = await db.UnitChannels.AsNoTracking().SingleOrDefaultAsync(c => c.UnitId == id, cancellationToken);
        if (channel is null)
        {
            (ChannelMessage, ChannelMessageOk) = ("尚未设置群机器人，请先填写 机器人地址并保存。", false);
            return Redirect($"/units/{id}#channel");
        }
        var unitName = await db.Units.Where(u => u.Id == id).Select(u => u.Name).SingleAsync(cancellationToken);
        var title = "振兴督查调度平台测试消息";
        var text = $"{title}：{unitName}的群机器人已接通，每日摘要将发到本群。（{Infrastructure.ChinaTime.Format(clock.GetUtcNow())}）";
        var outcome = await robots.RunAsync(channel.Kind, channel.WebhookUrl, channel.WebhookSecret, title, text, cancellationToken);
        await SendDigests.RecordDeliveryAsync(db, channel.Id, outcome, clock, cancellationToken);
        (ChannelMessage, ChannelMessageOk) = (outcome.Status, outcome.Ok);
        return Redirect($"/units/{id}#channel");
    }

    /// <summary>Removes the unit's group robot: no more digests to the group.</summary>
    public async Task<IActionResult> OnPostChannelRemoveAsync(int id, CancellationToken cancellationToken)
    {
        if (ChannelAccess(id) is { } refused)
        {
            return refused;
        }
        var channel = await db.UnitChannels.SingleOrDefaultAsync(c => c.UnitId == id, cancellationToken);
        if (channel is not null)
        {
            db.UnitChannels.Remove(channel);
            await db.SaveChangesAsync(cancellationToken);
        }
        (ChannelMessage, ChannelMessageOk) = ("已停用群机器人，不再向该群发送摘要。", true);
        return Redirect($"/units/{id}#channel");
    }

    private IActionResult? ChannelAccess(int id) =>
        !ItemScope.CanSeeUnit(User, id) ? NotFound()
        : !CanChangeChannel(id) ? Forbid()
        : null;

    private bool CanChangeChannel(int id) =>
        User.IsInRole(nameof(Role.Office)) || (User.IsInRole(nameof(Role.Liaison)) && ItemScope.UnitOf(User) == id);

    private async Task<IActionResult> ChannelProblemAsync(int id, string problem, CancellationToken cancellationToken)
    {
        ModelState.Clear();
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }
        ChannelForm = Channel is null ? new() : new() { Kind = Channel.Kind, Version = Channel.Version };
        ModelState.AddModelError(nameof(ChannelForm), problem);
        Response.StatusCode = StatusCodes.Status409Conflict;
        return Page();
    }

    private async Task<bool> LoadAsync(int id, CancellationToken cancellationToken)
    {
        var ownUnit = ItemScope.UnitOf(User);
        var unit = await db.Units.AsNoTracking().Include(u => u.Aliases).SingleOrDefaultAsync(u => u.Id == id, cancellationToken);
        if (unit is null)
        {
            return false;
        }
        CanEditChannel = CanChangeChannel(id);
        Channel = CanEditChannel ? await db.UnitChannels.AsNoTracking().SingleOrDefaultAsync(c => c.UnitId == id, cancellationToken) : null;
        Unit = unit;
        IsOwnUnit = ownUnit == id;
        ParentName = unit.ParentId is { } parentId ? await db.Units.Where(u => u.Id == parentId).Select(u => u.Name).SingleAsync(cancellationToken) : null;
        AsLead = await ledger.RunAsync(new LedgerFilter { LeadUnit = unit.Name, PageSize = LedgerFilter.MaxPageSize }, User, cancellationToken);
        AsResponsible = await ledger.RunAsync(new LedgerFilter { ResponsibleUnit = unit.Name, PageSize = LedgerFilter.MaxPageSize }, User, cancellationToken);
        var today = ledger.Today;
        Record = (await obligations.QueryAsync(null, id, openOnly: false, cancellationToken))
            .Where(o => o.Role == ItemUnitRole.Lead)
            .GroupBy(o => (o.RoundId, o.RoundName, o.DueOn))
            .Select(g => new RoundRecord(g.Key.RoundId, g.Key.RoundName, g.Key.DueOn, g.Count(),
                g.Count(o => o.State is Rounds.ReportState.Submitted or Rounds.ReportState.Accepted && !o.Late),
                g.Count(o => o.State is Rounds.ReportState.Submitted or Rounds.ReportState.Accepted && o.Late),
                g.Count(o => o.State == Rounds.ReportState.Returned),
                g.Count(o => o.State == Rounds.ReportState.Accepted),
                g.Count(o => o.State is null or Rounds.ReportState.Draft && g.Key.DueOn < today)))
            .OrderByDescending(r => r.DueOn)
            .ToList();
        Overdue = await ledger.RunAsync(new LedgerFilter { County = unit.Name, Overdue = true, PageSize = LedgerFilter.MaxPageSize }, User, cancellationToken);
        return true;
    }
}
