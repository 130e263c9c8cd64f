using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Zhenxing.Web.Features.Items;
using Zhenxing.Web.Features.Users;

namespace Zhenxing.Web.Features.Rounds;

/// <summary>A liaison's inbox: the assignments its unit has to acknowledge (签收), and what it owes in the open rounds, with the days left.</summary>
[Authorize(Roles = nameof(Role.Liaison))]
public sealed class InboxModel(RoundObligations obligations, LeadAcknowledgements acknowledgements, TimeProvider clock) : PageModel
{
    public List<Obligation> Rows { get; private set; } = [];
    public List<PendingAcknowledgement> Pending { get; private set; } = [];
    public DateOnly Today { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Today = Infrastructure.ChinaTime.Today(clock);
        var unitId = ItemScope.UnitOf(User);
        Rows = await obligations.QueryAsync(null, unitId, openOnly: true, cancellationToken);
        Pending = unitId is { } unit ? await acknowledgements.PendingAsync(unit, cancellationToken) : [];
    }

    /// <summary>签收: every pending assignment of the liaison's unit, or one item's.</summary>
    public async Task<IActionResult> OnPostAcknowledgeAsync([Display(Name = "事项")] int? itemId, CancellationToken cancellationToken)
    {
        if (ItemScope.UnitOf(User) is not { } unitId)
        {
            return Forbid();
        }
        var who = User.FindFirstValue(ClaimTypes.GivenName) ?? User.Identity!.Name!;
        var count = await acknowledgements.AcknowledgeAsync(unitId, itemId, who, cancellationToken);
        TempData["Message"] = count == 0 ? "没有需要签收的事项。" : $"已签收 {count} 项交办事项。";
        return Redirect("/inbox");
    }
}
