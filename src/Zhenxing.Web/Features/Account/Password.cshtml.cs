using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Zhenxing.Web.Data;
using Zhenxing.Web.Features.Users;

namespace Zhenxing.Web.Features.Account;

public sealed class PasswordModel(ZhenxingDb db, IPasswordHasher<User> hasher) : PageModel
{
    [BindProperty, Required(ErrorMessage = "请输入当前密码。"), DataType(DataType.Password), Display(Name = "当前密码")]
    public string Current { get; set; } = "";

    [BindProperty, Required(ErrorMessage = "请输入新密码。"), DataType(DataType.Password), Display(Name = "新密码")]
    public string New { get; set; } = "";

    [BindProperty, DataType(DataType.Password), Display(Name = "再次输入新密码")]
    public string Confirm { get; set; } = "";

    public bool Changed { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (Passwords.Check(New) is { } problem)
        {
            ModelState.AddModelError(nameof(New), problem);
        }
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
        if (ModelState.IsValid && hasher.VerifyHashedPassword(user, user.PasswordHash, Current) == PasswordVerificationResult.Failed)
        {
            ModelState.AddModelError(nameof(Current), "当前密码不正确。");
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }

        user.PasswordHash = hasher.HashPassword(user, New);
        await db.SaveChangesAsync(cancellationToken);
        Changed = true;
        return Page();
    }
}
