using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Zhenxing.Web.Data;
using Zhenxing.Web.Features.Users;
using Zhenxing.Web.Infrastructure.Auth;

namespace Zhenxing.Web.Features.Account;

public sealed class PasswordModel(ZhenxingDb db, IPasswordHasher<User> hasher, SetPassword setPassword) : PageModel
{
    [BindProperty, Required(ErrorMessage = "请输入当前密码。"), DataType(DataType.Password), Display(Name = "当前密码")]
    public string Current { get; set; } = "";

    [BindProperty, Required(ErrorMessage = "请输入新密码。"), DataType(DataType.Password), Display(Name = "新密码")]
    public string New { get; set; } = "";

    [BindProperty, DataType(DataType.Password), Display(Name = "再次输入新密码")]
    public string Confirm { get; set; } = "";

    public bool Changed { get; private set; }

    /// <summary>An administrator reset the password: the user must choose a new one before going anywhere else.</summary>
    public bool Forced { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var userId = int.Parse(User.FindFirstValue(ClaimTypes.NameIdentifier)!);
        Forced = await db.Users.AnyAsync(u => u.Id == userId && u.MustChangePassword, cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (New != Confirm)
        {
            ModelState.AddModelError(nameof(Confirm), "两次输入的新密码不一致。");
        }
        var userId = int.Parse(User.FindFirstValue(ClaimTypes.NameIdentifier)!);
        var user = await db.Users.FindAsync([userId], cancellationToken);
        if (user is null)
        {
            return NotFound();
        }
        if (Passwords.Check(New, user.UserName) is { } weak)
        {
            ModelState.AddModelError(nameof(New), weak);
        }
        if (ModelState.IsValid && hasher.VerifyHashedPassword(user, user.PasswordHash, Current) == PasswordVerificationResult.Failed)
        {
            ModelState.AddModelError(nameof(Current), "当前密码不正确。");
        }
        if (!ModelState.IsValid)
        {
            Forced = user.MustChangePassword;
            return Page();
        }
        if (await setPassword.RunAsync(user, New, chosenByOther: false, cancellationToken) is { } problem)
        {
            ModelState.AddModelError(nameof(New), problem);
            Forced = user.MustChangePassword;
            return Page();
        }

        await db.SaveChangesAsync(cancellationToken);
        // The new stamp has ended every session, this one too: it goes on with a fresh cookie.
        await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, AuthRegistration.PrincipalFor(user));
        Changed = true;
        return Page();
    }
}
