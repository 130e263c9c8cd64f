using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Zhenxing.Web.Data;
using Zhenxing.Web.Features.Users;

namespace Zhenxing.Web.Features.Extensions;

/// <summary>The Office's extension requests: the pending ones to approve or refuse, then the latest decided.</summary>
[Authorize(Roles = nameof(Role.Office))]
public sealed class ExtensionsIndexModel(ZhenxingDb db, DecideExtension decide) : PageModel
{
    public const int DecidedShown = 50;

    public sealed record Row(ExtensionRequest Request, string ItemNumber, string ItemTitle, string ListTitle, string UnitName, DateOnly? OriginalDeadline);

    public List<Row> Pending { get; private set; } = [];
    public List<Row> Decided { get; private set; } = [];

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostDecideAsync([Display(Name = "申请编号")] int requestId, [Display(Name = "版本号")] int version,
        [Display(Name = "审批结果")] string? decision, [Display(Name = "审批意见")] string? reason, CancellationToken cancellationToken)
    {
        if (decision is not ("approve" or "refuse"))
        {
            ModelState.AddModelError("", "请选择批准或不批准。");
        }
        if (ModelState.IsValid)
        {
            var outcome = await decide.RunAsync(requestId, new ExtensionDecision(decision == "approve", reason, version), User, cancellationToken);
            switch (outcome)
            {
                case ExtensionOutcome.Done done:
                    Message = done.Request.State == ExtensionState.Approved
                        ? $"已批准：完成时限延期至 {done.Request.RequestedDeadline:yyyy-MM-dd}，已通知申请单位。"
                        : "已不予批准，并已将理由通知申请单位。";
                    return Redirect("/extensions");
                case ExtensionOutcome.NotFound:
                    return NotFound();
                case ExtensionOutcome.Invalid invalid:
                    foreach (var (_, message) in invalid.Errors)
                    {
                        ModelState.AddModelError($"reason-{requestId}", message);
                    }
                    break;
                case ExtensionOutcome.Refused refused:
                    // Decided already: the request is no longer among the pending ones, so the message goes above them.
                    ModelState.AddModelError("", refused.Problem);
                    break;
                case ExtensionOutcome.Conflict conflict:
                    ModelState.AddModelError($"reason-{requestId}", conflict.Problem);
                    Response.StatusCode = StatusCodes.Status409Conflict;
                    break;
            }
        }
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var rows = db.ExtensionRequests.AsNoTracking().Select(r => new
        {
            Request = r,
            r.Item!.Number,
            Title = r.Item.ShortTitle ?? r.Item.Text,
            List = r.Item.ItemList!.Title,
            Unit = db.Units.Where(u => u.Id == r.UnitId).Select(u => u.Name).First(),
            r.Item.Deadline,
        });
        Pending = (await rows.Where(r => r.Request.State == ExtensionState.Pending).OrderBy(r => r.Request.RequestedAt).ThenBy(r => r.Request.Id).ToListAsync(cancellationToken))
            .Select(r => new Row(r.Request, r.Number, r.Title, r.List, r.Unit, r.Deadline)).ToList();
        Decided = (await rows.Where(r => r.Request.State != ExtensionState.Pending).OrderByDescending(r => r.Request.DecidedAt).ThenByDescending(r => r.Request.Id)
                .Take(DecidedShown).ToListAsync(cancellationToken))
            .Select(r => new Row(r.Request, r.Number, r.Title, r.List, r.Unit, r.Deadline)).ToList();
    }
}
