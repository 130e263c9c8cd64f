using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Zhenxing.Web.Data;
using Zhenxing.Web.Features.Items;
using Zhenxing.Web.Features.Notifications;
using Zhenxing.Web.Features.Users;
using Zhenxing.Web.Infrastructure;

namespace Zhenxing.Web.Features.Extensions;

public abstract record ExtensionOutcome
{
    public sealed record Done(ExtensionRequest Request) : ExtensionOutcome;

    /// <summary>A field was filled in wrongly: its name and what to fix, in Chinese.</summary>
    public sealed record Invalid(Dictionary<string, string> Errors) : ExtensionOutcome;

    /// <summary>The request cannot be made or decided as things stand (too late, not the lead unit, decided already …).</summary>
    public sealed record Refused(string Problem) : ExtensionOutcome;

    /// <summary>Someone else changed the item or the request meanwhile: nothing was saved.</summary>
    public sealed record Conflict(string Problem) : ExtensionOutcome;

    public sealed record NotFound : ExtensionOutcome;
}

/// <summary>The input of a request as the form posts it.</summary>
public sealed record ExtensionAsk(DateOnly? RequestedDeadline, string? Reason, string? Progress, int ItemVersion);

/// <summary>
/// A liaison of an item's lead unit asks for a later deadline, with a reason and the item's progress, on or before the
/// deadline in force; one open request per item. The Office is notified.
/// </summary>
public sealed class RequestExtension(ZhenxingDb db, TimeProvider clock)
{
    public const int MaxText = 2000;

    /// <summary>Why <paramref name="unitId"/> may not ask for an extension of the item now, or null when it may.</summary>
    public static string? Refusal(Item item, IReadOnlyCollection<int> leadUnits, int? unitId, DateOnly today, ExtensionRequest? pending)
    {
        if (unitId is null || !leadUnits.Contains(unitId.Value))
        {
            return "只有该事项牵头单位的联络员可以申请延期。";
        }
        if (item.WithdrawnAt is not null)
        {
            return "该事项已撤销，不能申请延期。";
        }
        if (item.Status == ItemStatus.Done)
        {
            return "该事项已落实到位，无需申请延期。";
        }
        if (item.Ongoing || item.EffectiveDeadline is null)
        {
            return "该事项没有完成时限，无需申请延期。";
        }
        if (item.EffectiveDeadline < today)
        {
            return $"该事项已超过完成时限（{item.EffectiveDeadline:yyyy-MM-dd}），不能再申请延期，请与振兴办联系。";
        }
        if (pending is not null)
        {
            return $"该事项已有一份待审批的延期申请（{ChinaTime.Format(pending.RequestedAt)} 提交，申请延期至 {pending.RequestedDeadline:yyyy-MM-dd}），请等待振兴办审批。";
        }
        return null;
    }

    public async Task<ExtensionOutcome> RunAsync(int itemId, ExtensionAsk ask, ClaimsPrincipal liaison, CancellationToken cancellationToken)
    {
        var item = await db.Items.VisibleTo(liaison).Include(i => i.Units).SingleOrDefaultAsync(i => i.Id == itemId, cancellationToken);
        if (item is null)
        {
            return new ExtensionOutcome.NotFound();
        }
        var today = ChinaTime.Today(clock);
        var unitId = liaison.IsInRole(nameof(Role.Liaison)) ? ItemScope.UnitOf(liaison) : null;
        var leads = item.Units.Where(u => u.Role == ItemUnitRole.Lead).Select(u => u.UnitId).ToList();
        var pending = await db.ExtensionRequests.AsNoTracking().SingleOrDefaultAsync(r => r.ItemId == itemId && r.State == ExtensionState.Pending, cancellationToken);
        if (Refusal(item, leads, unitId, today, pending) is { } refusal)
        {
            return new ExtensionOutcome.Refused(refusal);
        }
        if (item.Version != ask.ItemVersion)
        {
            return new ExtensionOutcome.Conflict("该事项在您填写期间已被修改（如完成时限或状态已调整），申请未提交。请查看最新信息后重新填写。");
        }

        var current = item.EffectiveDeadline!.Value;
        var errors = new Dictionary<string, string>();
        if (ask.RequestedDeadline is not { } wanted)
        {
            errors[nameof(ExtensionAsk.RequestedDeadline)] = "请填写申请延期至的日期（如 2026-09-30）。";
        }
        else if (wanted <= current)
        {
            errors[nameof(ExtensionAsk.RequestedDeadline)] = $"申请延期至的日期（{wanted:yyyy-MM-dd}）应晚于当前完成时限（{current:yyyy-MM-dd}）。";
        }
        else if (wanted.Year > 2100)
        {
            errors[nameof(ExtensionAsk.RequestedDeadline)] = $"申请延期至的日期（{wanted:yyyy-MM-dd}）不是合理的日期。";
        }
        Text(ask.Reason, nameof(ExtensionAsk.Reason), "延期理由", errors);
        Text(ask.Progress, nameof(ExtensionAsk.Progress), "目前进展", errors);
        if (errors.Count > 0)
        {
            return new ExtensionOutcome.Invalid(errors);
        }

        var now = clock.GetUtcNow();
        var who = liaison.FindFirstValue(ClaimTypes.GivenName) ?? liaison.Identity!.Name!;
        var unitName = await db.Units.Where(u => u.Id == unitId).Select(u => u.Name).SingleAsync(cancellationToken);
        var request = new ExtensionRequest
        {
            ItemId = itemId,
            UnitId = unitId!.Value,
            CurrentDeadline = current,
            RequestedDeadline = ask.RequestedDeadline!.Value,
            Reason = ask.Reason!.Trim(),
            Progress = ask.Progress!.Trim(),
            State = ExtensionState.Pending,
            RequestedAt = now,
            RequestedByUserId = int.TryParse(liaison.FindFirstValue(ClaimTypes.NameIdentifier), out var userId) ? userId : null,
            RequestedByName = who,
        };
        db.ExtensionRequests.Add(request);
        var text = $"{unitName}申请将事项“{Shorten(item)}”的完成时限由 {current:yyyy-MM-dd} 延期至 {request.RequestedDeadline:yyyy-MM-dd}，请审批。";
        foreach (var office in await db.Users.AsNoTracking().Where(u => u.Role == Role.Office && u.IsActive).Select(u => u.Id).ToListAsync(cancellationToken))
        {
            db.Notifications.Add(new Notification { UserId = office, Text = text, Link = "/extensions", CreatedAt = now });
        }
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The unique index on open requests: another liaison of the unit asked a moment ago.
            db.ChangeTracker.Clear();
            return new ExtensionOutcome.Conflict("该事项刚刚已有人提交了延期申请，您的申请未提交。请查看该申请的审批情况。");
        }
        return new ExtensionOutcome.Done(request);
    }

    private static void Text(string? value, string field, string label, Dictionary<string, string> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors[field] = $"请填写{label}。";
        }
        else if (value.Trim().Length > MaxText)
        {
            errors[field] = $"{label}不超过 {MaxText} 字（现为 {value.Trim().Length} 字）。";
        }
    }

    internal static string Shorten(Item item)
    {
        var text = item.ShortTitle ?? item.Text;
        return text.Length > 30 ? text[..30] + "…" : text;
    }
}
