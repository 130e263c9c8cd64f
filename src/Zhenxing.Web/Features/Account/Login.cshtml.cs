using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Zhenxing.Web.Infrastructure.Auth;

namespace Zhenxing.Web.Features.Account;

[AllowAnonymous]
[EnableRateLimiting(AuthRegistration.SignInRateLimit)]
public sealed class LoginModel(SignInUser signIn) : PageModel
{
    /// <summary>
    /// The one answer to every failed sign-in — unknown user, wrong password, locked address — so that it does not tell
    /// which user names exist; it names the lock without saying whether it applies.
    /// </summary>
    public const string Refusal = "用户名或密码错误。连续多次输错后须等待一段时间才能再次登录；如有疑问，请联系系统管理员。";

    [BindProperty, Required(ErrorMessage = "请输入用户名。"), Display(Name = "用户名")]
    public string UserName { get; set; } = "";

    [BindProperty, Required(ErrorMessage = "请输入密码。"), DataType(DataType.Password), Display(Name = "密码")]
    public string Password { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        if (await signIn.RunAsync(UserName, Password, ClientAddress.Of(HttpContext), cancellationToken) is SignInOutcome.Succeeded success)
        {
            await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, AuthRegistration.PrincipalFor(success.User));
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
        }
        ModelState.AddModelError(string.Empty, Refusal);
        return Page();
    }
}
