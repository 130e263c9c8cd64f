using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Zhenxing.Web.Data;
using Zhenxing.Web.Features.Notifications;
using Zhenxing.Web.Infrastructure;

namespace Zhenxing.Web.Features.Extensions;

/// <summary>The Office's decision on a pending request as the form posts it; a refusal needs a reason.</summary>
public sealed record ExtensionDecision(bool Approve, string? Reason, int Version);

/// <summary>
/// The Office approves or refuses a pending extension request. Approval sets the item's <see cref="Items.Item.ExtendedDeadline"/>
/// (the original deadline stays); the lead unit is told the outcome either way.
/// </summary>
public sealed class DecideExtension(ZhenxingDb db, TimeProvider clock)
{
    public async Task<ExtensionOutcome> RunAsync(int requestId, ExtensionDecision decision, ClaimsPrincipal office, CancellationToken cancellationToken)
    {
        var request = await db.ExtensionRequests.Include(r => r.Item).SingleOrDefaultAsync(r => r.Id == requestId, cancellationToken);
        if (request is null)
        {
            return new ExtensionOutcome.NotFound();
        }
        if (request.State != ExtensionState.Pending)
        {
            return new ExtensionOutcome.Refused($"该申请已于 {ChinaTime.Format(request.DecidedAt)} 由{request.DecidedByName}审批（{request.State.ToChinese()}），不能再次审批。");
        }
        if (request.Version != decision.Version)
        {
            return new ExtensionOutcome.Conflict("该申请在您审批期间已被修改，审批未保存。请查看最新内容后再审批。");
        }
        var reason = decision.Reason?.Trim();
        if (!decision.Approve && string.IsNullOrEmpty(reason))
        {
            return new ExtensionOutcome.Invalid(new Dictionary<string, string> { [nameof(ExtensionDecision.Reason)] = "请填写不批准的理由。" });
        }
        if (reason?.Length > RequestExtension.MaxText)
        {
            return new ExtensionOutcome.Invalid(new Dictionary<string, string> { [nameof(ExtensionDecision.Reason)] = $"审批意见不超过 {RequestExtension.MaxText} 字（现为 {reason.Length} 字）。" });
        }
        var item = request.Item!;
        if (decision.Approve && item.WithdrawnAt is not null)
        {
            return new ExtensionOutcome.Refused("该事项已撤销，不能批准延期；如不再需要，请填写理由后不予批准。");
        }

        var now = clock.GetUtcNow();
        db.Entry(request).Property(r => r.Version).OriginalValue = decision.Version;
        request.State = decision.Approve ? ExtensionState.Approved : ExtensionState.Refused;
        request.DecidedAt = now;
        request.DecidedByName = office.FindFirstValue(ClaimTypes.GivenName) ?? office.Identity!.Name!;
        request.DecisionReason = string.IsNullOrEmpty(reason) ? null : reason;
        if (decision.Approve)
        {
            item.ExtendedDeadline = request.RequestedDeadline;
        }
        db.Notifications.Add(new Notification
        {
            UnitId = request.UnitId,
            Text = decision.Approve
                ? $"振兴办已批准您单位对事项“{RequestExtension.Shorten(item)}”的延期申请：完成时限延期至 {request.RequestedDeadline:yyyy-MM-dd}（原定 {item.Deadline:yyyy-MM-dd}）。" + (reason is { Length: > 0 } ? $"审批意见：{reason}" : "")
                : $"振兴办未批准您单位对事项“{RequestExtension.Shorten(item)}”的延期申请，完成时限仍为 {item.EffectiveDeadline:yyyy-MM-dd}。理由：{reason}",
            Link = $"/items/{item.Id}#extensions",
            CreatedAt = now,
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return new ExtensionOutcome.Conflict("该申请或事项在您审批期间已被他人修改，审批未保存。请查看最新内容后再审批。");
        }
        return new ExtensionOutcome.Done(request);
    }
}
