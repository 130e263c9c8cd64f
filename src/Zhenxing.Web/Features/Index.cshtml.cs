using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Zhenxing.Web.Features.Items;
using Zhenxing.Web.Features.Users;

namespace Zhenxing.Web.Features;

[AllowAnonymous]
public sealed class IndexModel : PageModel
{
    /// <summary>A liaison's home page is its unit's items ("我的事项"); a leader's is the dashboard; the Office's the review queue.</summary>
    public IActionResult OnGet() =>
        User.IsInRole(nameof(Role.Liaison)) && ItemScope.UnitOf(User) is { } unitId ? Redirect($"/units/{unitId}")
        : User.IsInRole(nameof(Role.Leader)) ? Redirect("/dashboard")
        : User.IsInRole(nameof(Role.Office)) ? Redirect("/review")
        : Page();
}
