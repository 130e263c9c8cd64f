using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Zhenxing.Web.Data;
using Zhenxing.Web.Features.Ledger;
using Zhenxing.Web.Features.Notifications;
using Zhenxing.Web.Infrastructure;
using Zhenxing.Web.Infrastructure.Audit;

namespace Zhenxing.Web.Features.Items;

public sealed class ItemDetailModel(ZhenxingDb db, LedgerQuery ledger, TimeProvider clock) : PageModel
{
    public sealed record UnitLink(int Id, string Name);
    public sealed record HistoryRow(string At, string Actor, string What, string Changes);
    public sealed record ReportRow(string Round, string Unit, Rounds.ReportState State, ItemStatus Status, string Narrative, string? Problems, string? NextSteps, bool Late, string? SubmittedAt, List<(int Id, string Name)> Files);

    public Item Item { get; private set; } = null!;
    public string ListTitle { get; private set; } = "";
    public string CategoryLabel { get; private set; } = "";
    public List<UnitLink> LeadUnits { get; private set; } = [];
    public List<UnitLink> ResponsibleUnits { get; private set; } = [];

    /// <summary>签收 of each lead assignment made since 签收 exists (older ones count as acknowledged and are not listed).</summary>
    public List<(string Unit, DateTimeOffset AssignedAt, DateTimeOffset? AcknowledgedAt, string? By)> Acknowledgements { get; private set; } = [];

    /// <summary>督办 of this item's owed reports, open ones first.</summary>
    public List<(string Unit, string Round, DateTimeOffset Since, string Reason, DateTimeOffset? ClosedAt)> Supervisions { get; private set; } = [];
    public LightVerdict Light { get; private set; } = null!;
    public List<Instruction> Instructions { get; private set; } = [];
    public List<HistoryRow> History { get; private set; } = [];
    public List<ReportRow> Reports { get; private set; } = [];
    public List<Milestone> Milestones { get; private set; } = [];
    public Extensions.ItemExtensions Extensions { get; private set; } = null!;

    /// <summary>The item's status as each closed round kept it, oldest first: its trend.</summary>
    public List<(int RoundId, string Round, DateOnly DueOn, ItemStatus Status, bool Reported)> RoundStatuses { get; private set; } = [];
    public bool CanEdit => ItemScope.CanEdit(User);
    public DateOnly Today => ledger.Today;
    public bool CanInstruct => ItemScope.CanInstruct(User);

    /// <summary>A liaison of one of the lead units answers the leader's instructions.</summary>
    public bool CanAnswer { get; private set; }

    [TempData]
    public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostInstructAsync(int id, string? text, CancellationToken cancellationToken)
    {
        if (!CanInstruct)
        {
            return Forbid();
        }
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }
        if (string.IsNullOrWhiteSpace(text) || text.Trim().Length > 4000)
        {
            ModelState.AddModelError("text", "请填写批示内容（不超过 4000 字）。");
            return Page();
        }
        var now = clock.GetUtcNow();
        var leaderName = User.FindFirstValue(ClaimTypes.GivenName) ?? User.Identity!.Name!;
        db.Instructions.Add(new Instruction
        {
            ItemId = id,
            LeaderUserId = int.Parse(User.FindFirstValue(ClaimTypes.NameIdentifier)!),
            LeaderName = leaderName,
            Text = text.Trim(),
            CreatedAt = now,
        });
        foreach (var unit in LeadUnits)
        {
            db.Notifications.Add(new Notification
            {
                UnitId = unit.Id,
                Text = $"{leaderName}对事项“{Shorten(Item)}”作出批示，请在下次报送进展时答复。",
                Link = $"/items/{id}",
                CreatedAt = now,
            });
        }
        await db.SaveChangesAsync(cancellationToken);
        Message = LeadUnits.Count > 0
            ? $"批示已保存，并已通知牵头单位：{string.Join("、", LeadUnits.Select(u => u.Name))}。"
            : "批示已保存。该事项尚无牵头单位，请振兴办指定后由其答复。";
        return Redirect($"/items/{id}");
    }

    public async Task<IActionResult> OnPostAnswerAsync(int id, [Display(Name = "批示编号")] int instructionId, [Display(Name = "版本号")] int version, string? answer, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }
        if (!CanAnswer)
        {
            return Forbid();
        }
        var instruction = await db.Instructions.SingleOrDefaultAsync(i => i.Id == instructionId && i.ItemId == id, cancellationToken);
        if (instruction is null)
        {
            return NotFound();
        }
        if (string.IsNullOrWhiteSpace(answer) || answer.Trim().Length > 4000)
        {
            ModelState.AddModelError("answer", "请填写答复内容（不超过 4000 字）。");
            return Page();
        }
        db.Entry(instruction).Property(i => i.Version).OriginalValue = version;
        instruction.Answer = answer.Trim();
        instruction.AnsweredAt = clock.GetUtcNow();
        instruction.AnsweredByName = User.FindFirstValue(ClaimTypes.GivenName) ?? User.Identity!.Name;
        db.Notifications.Add(new Notification
        {
            UserId = instruction.LeaderUserId,
            Text = $"{instruction.AnsweredByName}已答复您对事项“{Shorten(Item)}”的批示。",
            Link = $"/items/{id}",
            CreatedAt = clock.GetUtcNow(),
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            await LoadAsync(id, cancellationToken);
            ModelState.AddModelError("answer", "该批示已被他人答复或修改，您的答复未保存。请查看最新答复后再决定是否补充。");
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }
        Message = "答复已保存，并已通知作出批示的领导。";
        return Redirect($"/items/{id}");
    }

    public async Task<IActionResult> OnPostAddMilestoneAsync(int id, [Display(Name = "应完成日期")] DateOnly? dueOn, string? description, CancellationToken cancellationToken)
    {
        if (!CanEdit)
        {
            return Forbid();
        }
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }
        if (dueOn is null || string.IsNullOrWhiteSpace(description) || description.Trim().Length > 1000)
        {
            ModelState.AddModelError("milestone", "请填写形象进度的日期和内容（不超过 1000 字）。");
            return Page();
        }
        db.Milestones.Add(new Milestone { ItemId = id, DueOn = dueOn.Value, Description = description.Trim() });
        await db.SaveChangesAsync(cancellationToken);
        Message = $"已添加形象进度：{dueOn:yyyy-MM-dd} 前{description.Trim()}。";
        return Redirect($"/items/{id}");
    }

    public async Task<IActionResult> OnPostRemoveMilestoneAsync(int id, [Display(Name = "形象进度编号")] int milestoneId, CancellationToken cancellationToken)
    {
        if (!CanEdit)
        {
            return Forbid();
        }
        var milestone = await db.Milestones.SingleOrDefaultAsync(m => m.Id == milestoneId && m.ItemId == id && m.AchievedAt == null, cancellationToken);
        if (milestone is null)
        {
            return NotFound();
        }
        db.Milestones.Remove(milestone);
        await db.SaveChangesAsync(cancellationToken);
        Message = "已删除该形象进度。";
        return Redirect($"/items/{id}");
    }

    private async Task<bool> LoadAsync(int id, CancellationToken cancellationToken)
    {
        var found = await db.Items.VisibleTo(User).AsNoTracking()
            .Where(i => i.Id == id)
            .Select(i => new
            {
                Item = i,
                ListTitle = i.ItemList!.Title,
                CategoryNumber = i.Category == null ? "" : i.Category.Number,
                CategoryTitle = i.Category == null ? "" : i.Category.Title,
                Units = i.Units.OrderBy(u => u.Position).Select(u => new { u.Role, u.UnitId, u.Unit!.Name, u.AssignedAt, u.AcknowledgedAt, u.AcknowledgedByName }).ToList(),
            })
            .SingleOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            return false;
        }
        Item = found.Item;
        ListTitle = found.ListTitle;
        CategoryLabel = LedgerQuery.CategoryLabel(found.CategoryNumber, found.CategoryTitle);
        LeadUnits = found.Units.Where(u => u.Role == ItemUnitRole.Lead).Select(u => new UnitLink(u.UnitId, u.Name)).ToList();
        ResponsibleUnits = found.Units.Where(u => u.Role == ItemUnitRole.Responsible).Select(u => new UnitLink(u.UnitId, u.Name)).ToList();
        Acknowledgements = found.Units.Where(u => u.Role == ItemUnitRole.Lead && u.AssignedAt != null)
            .Select(u => (u.Name, u.AssignedAt!.Value, u.AcknowledgedAt, u.AcknowledgedByName)).ToList();
        Supervisions = (await db.Supervisions.AsNoTracking().Where(s => s.ItemId == id)
                .Join(db.ReportingRounds, s => s.RoundId, r => r.Id, (s, r) => new { Unit = s.Unit!.Name, Round = r.Name, s.Since, s.Reason, s.ClosedAt })
                .ToListAsync(cancellationToken))
            .OrderBy(s => s.ClosedAt is not null).ThenByDescending(s => s.Since)
            .Select(s => (s.Unit, s.Round, s.Since, s.Reason, s.ClosedAt)).ToList();
        var lights = await ledger.LightsAsync([Item.ItemListId], cancellationToken);
        var facts = await lights.FactsAsync(db.Items, [id], cancellationToken);
        Light = lights.Evaluate(Item, facts.GetValueOrDefault(id, ReportFacts.None));
        Instructions = await db.Instructions.AsNoTracking().Where(i => i.ItemId == id).OrderBy(i => i.Id).ToListAsync(cancellationToken);
        CanAnswer = ItemScope.UnitOf(User) is { } unitId && User.IsInRole(nameof(Users.Role.Liaison)) && LeadUnits.Any(u => u.Id == unitId);
        Milestones = await db.Milestones.AsNoTracking().Where(m => m.ItemId == id).OrderBy(m => m.DueOn).ToListAsync(cancellationToken);
        Extensions = await Features.Extensions.ItemExtensions.LoadAsync(db, Item, LeadUnits.Select(u => u.Id).ToList(), User, ledger.Today, cancellationToken);
        var reports = await db.ProgressReports.AsNoTracking()
            .Where(p => p.ItemId == id && p.State != Rounds.ReportState.Draft)
            .OrderByDescending(p => p.Round!.DueOn).ThenBy(p => p.Role)
            .Select(p => new { p.Id, Round = p.Round!.Name, Unit = db.Units.Where(u => u.Id == p.UnitId).Select(u => u.Name).First(), p.State, p.Status, p.Narrative, p.Problems, p.NextSteps, p.Late, p.SubmittedAt })
            .ToListAsync(cancellationToken);
        RoundStatuses = (await db.RoundItemStatuses.AsNoTracking().Where(s => s.ItemId == id)
                .Join(db.ReportingRounds, s => s.RoundId, r => r.Id, (s, r) => new { r.Id, r.Name, r.DueOn, s.Status, s.Reported })
                .OrderBy(x => x.DueOn).ThenBy(x => x.Id)
                .ToListAsync(cancellationToken))
            .Select(x => (x.Id, x.Name, x.DueOn, x.Status, x.Reported)).ToList();
        var reportIds = reports.Select(r => r.Id).ToList();
        var files = (await db.Evidence.AsNoTracking().Where(e => reportIds.Contains(e.ReportId)).Select(e => new { e.ReportId, e.Id, e.FileName }).ToListAsync(cancellationToken))
            .ToLookup(e => e.ReportId, e => (e.Id, e.FileName));
        Reports = reports.Select(r => new ReportRow(r.Round, r.Unit, r.State, r.Status, r.Narrative, r.Problems, r.NextSteps, r.Late, ChinaTime.Format(r.SubmittedAt), files[r.Id].ToList())).ToList();
        // Another unit's report still in draft is that unit's business: none of its entries count towards the 200 shown.
        var viewerUnit = ItemScope.UnitOf(User);
        var otherUnitsDrafts = (await db.ProgressReports.AsNoTracking()
                .Where(p => p.ItemId == id && p.State == Rounds.ReportState.Draft && p.UnitId != viewerUnit)
                .Select(p => p.Id).ToListAsync(cancellationToken))
            .Select(reportId => reportId.ToString()).ToList();
        var entries = (await db.AuditEntries.AsNoTracking()
                .Where(a => a.ItemId == id && !(a.EntityType == nameof(Rounds.ProgressReport) && otherUnitsDrafts.Contains(a.EntityId)))
                .OrderByDescending(a => a.Id).Take(200).ToListAsync(cancellationToken))
            .Select(e => ReportEntryAsSeenBy(e, viewerUnit)).OfType<Infrastructure.Audit.AuditEntry>().ToList();
        var unitIds = ChangeHistory.UnitIds(entries).ToList();
        var unitNames = await db.Units.AsNoTracking().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, cancellationToken);
        History = entries.Select(e => new HistoryRow(ChinaTime.Format(e.At), e.Actor, ChangeHistory.Describe(e.EntityType, e.Action), ChangeHistory.Changes(db.Model, e, unitNames))).ToList();
        return true;
    }

    /// <summary>
    /// A progress report's audit entry as a viewer outside the reporting unit may see it: the unit's drafting (saves
    /// while a draft, edits after a return) is hidden; its submission shows what was submitted, not the draft before
    /// it; the Office's acceptance or return shows as it is. Entries about anything else, and every entry to the
    /// reporting unit itself, are returned unchanged.
    /// </summary>
    private static Infrastructure.Audit.AuditEntry? ReportEntryAsSeenBy(Infrastructure.Audit.AuditEntry entry, int? viewerUnit)
    {
        if (entry.EntityType != nameof(Rounds.ProgressReport))
        {
            return entry;
        }
        var before = Parse(entry.Before);
        var after = Parse(entry.After);
        if ((entry.After is null ? before : after).GetValueOrDefault(nameof(Rounds.ProgressReport.UnitId)) == viewerUnit?.ToString())
        {
            return entry;
        }
        var was = before.GetValueOrDefault(nameof(Rounds.ProgressReport.State));
        var now = after.GetValueOrDefault(nameof(Rounds.ProgressReport.State));
        const string draft = nameof(Rounds.ReportState.Draft), returned = nameof(Rounds.ReportState.Returned);
        return (was, now) switch
        {
            // A deletion: shown only if what was deleted had been submitted and not taken back for redrafting.
            (_, null) when entry.After is null => was is draft or returned ? null : entry,
            (_, draft) => null,
            (returned, returned) => null,
            // The submission: what was submitted, as if new, since the state before it was the unit's draft.
            (null or draft or returned, _) when now != returned => Copy(entry, before: null),
            _ => entry,
        };

        static Infrastructure.Audit.AuditEntry Copy(Infrastructure.Audit.AuditEntry entry, string? before) => new()
        {
            Id = entry.Id, At = entry.At, UserId = entry.UserId, Actor = entry.Actor, Action = entry.Action, EntityType = entry.EntityType,
            EntityId = entry.EntityId, ItemId = entry.ItemId, Before = before, After = entry.After,
        };
    }

    private static string Shorten(Item item)
    {
        var text = item.ShortTitle ?? item.Text;
        return text.Length > 30 ? text[..30] + "…" : text;
    }

    private static Dictionary<string, string?> Parse(string? json) =>
        json is null
            ? []
            : JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(json)!
                .ToDictionary(p => p.Key, p => p.Value.ValueKind == JsonValueKind.Null ? null : p.Value.ToString());
}
