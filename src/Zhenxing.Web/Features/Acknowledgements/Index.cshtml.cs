using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Zhenxing.Web.Features.Items;
using Zhenxing.Web.Features.Users;

namespace Zhenxing.Web.Features.Acknowledgements;

/// <summary>The Office's view of 签收: per unit, the lead assignments still waiting for acknowledgement.</summary>
[Authorize(Roles = $"{nameof(Role.Office)},{nameof(Role.Admin)}")]
public sealed class AcknowledgementsModel(LeadAcknowledgements acknowledgements) : PageModel
{
    public List<IGrouping<(int UnitId, string UnitName), PendingAcknowledgement>> Units { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Units = (await acknowledgements.PendingAsync(null, cancellationToken)).GroupBy(p => (p.UnitId, p.UnitName)).ToList();
}
