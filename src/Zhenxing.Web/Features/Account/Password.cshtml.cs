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

    [BindProperty, EmailAddress(ErrorMessage = "邮箱地址的格式不正确。"), StringLength(200, ErrorMessage = "邮箱地址不超过 200 个字符。"), Display(Name = "邮箱地址")]
    public string? Email { get; set; }

    [BindProperty, Display(Name = "每天接收摘要邮件")]
    public bool ReceiveDigest { get; set; }

    [BindProperty, Display(Name = "版本号")]
    public int Version { get; set; }

    public string? DigestMessage { get; private set; }

    /// <summary>An administrator reset the password: the user must choose a new one before going anywhere else.</summary>
    public bool Forced { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var user = await db.Users.FindAsync([int.Parse(User.FindFirstValue(ClaimTypes.NameIdentifier)!)], cancellationToken);
        if (user is null)
        {
            return NotFound();
        }
        ShowDigestSettings(user);
        return Page();
    }

    /// <summary>The user's own e-mail address and whether the daily digest goes to it (opting out is one click).</summary>
    public async Task<IActionResult> OnPostDigestAsync(CancellationToken cancellationToken)
    {
        // The password fields belong to the other form on this page.
        ModelState.Remove(nameof(Current));
        ModelState.Remove(nameof(New));
        ModelState.Remove(nameof(Confirm));
        var user = await db.Users.FindAsync([int.Parse(User.FindFirstValue(ClaimTypes.NameIdentifier)!)], cancellationToken);
        if (user is null)
        {
            return NotFound();
        }
        var email = string.IsNullOrWhiteSpace(Email) ? null : Email.Trim();
        if (ReceiveDigest && email is null && ModelState.IsValid)
        {
            ModelState.AddModelError(nameof(Email), "要接收每日摘要，请填写邮箱地址。");
        }
        if (user.Version != Version)
        {
            ModelState.AddModelError(string.Empty, "保存失败：在您编辑期间，您的账户已被修改（例如管理员更改了设置）。下面显示的是最新内容，请重新保存。");
            ShowDigestSettings(user);
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        db.Entry(user).Property(u => u.Version).OriginalValue = Version;
        user.Email = email;
        user.DigestOptOut = !ReceiveDigest;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (Microsoft.EntityFrameworkCore.DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return await OnGetAsync(cancellationToken);
        }
        ModelState.Clear();
        ShowDigestSettings(user);
        DigestMessage = user.DigestOptOut ? "已保存：不再发送每日摘要邮件。" : $"已保存：每日摘要将发到 {user.Email}。";
        return Page();
    }

    private void ShowDigestSettings(User user)
    {
        Email = user.Email;
        ReceiveDigest = !user.DigestOptOut;
        Version = user.Version;
        Forced = user.MustChangePassword;
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
            ShowDigestSettings(user);
            return Page();
        }
        if (await setPassword.RunAsync(user, New, chosenByOther: false, cancellationToken) is { } problem)
        {
            ModelState.AddModelError(nameof(New), problem);
            ShowDigestSettings(user);
            return Page();
        }

        await db.SaveChangesAsync(cancellationToken);
        // The new stamp has ended every session, this one too: it goes on with a fresh cookie.
        await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, AuthRegistration.PrincipalFor(user));
        Changed = true;
        ShowDigestSettings(user);
        return Page();
    }
}
