using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Zhenxing.Web.Data;

namespace Zhenxing.Web.Features.Account;

[AllowAnonymous]
public sealed class LogoutModel(ZhenxingDb db) : PageModel
{
    public IActionResult OnGet() => Redirect("/");

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        // Deleting the browser's cookie does not end a copy of it. Signing out renews the user's security stamp, which
        // ends every session of the user, on every device: ending only this one would need a stored list of sessions,
        // looked up on every request, for the convenience of staying signed in elsewhere. The stamp is bookkeeping,
        // not an edit: written directly, without a version bump (an administrator's open form stays valid) or an audit entry.
        if (int.TryParse(User.FindFirstValue(ClaimTypes.NameIdentifier), out var userId))
        {
            var stamp = Users.User.NewSecurityStamp();
            await db.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(s => s.SetProperty(u => u.SecurityStamp, stamp), cancellationToken);
        }
        await HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return Redirect("/account/login");
    }
}
