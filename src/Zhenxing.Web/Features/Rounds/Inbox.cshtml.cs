using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Zhenxing.Web.Features.Items;
using Zhenxing.Web.Features.Users;

namespace Zhenxing.Web.Features.Rounds;

/// <summary>A liaison's inbox: what its unit owes in the open rounds, with the days left.</summary>
[Authorize(Roles = nameof(Role.Liaison))]
public sealed class InboxModel(RoundObligations obligations, TimeProvider clock) : PageModel
{
    public List<Obligation> Rows { get; private set; } = [];
    public DateOnly Today { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Today = Infrastructure.ChinaTime.Today(clock);
        Rows = await obligations.QueryAsync(null, ItemScope.UnitOf(User), openOnly: true, cancellationToken);
    }
}
