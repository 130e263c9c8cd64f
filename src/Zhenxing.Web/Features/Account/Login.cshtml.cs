using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Zhenxing.Web.Infrastructure.Auth;

namespace Zhenxing.Web.Features.Account;

[AllowAnonymous]
public sealed class LoginModel(SignInUser signIn, TimeProvider clock) : PageModel
{
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

        switch (await signIn.RunAsync(UserName, Password, cancellationToken))
        {
            case SignInOutcome.Succeeded success:
                await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, AuthRegistration.PrincipalFor(success.User));
                return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
            case SignInOutcome.LockedOut locked:
                var minutes = Math.Max(1, (int)Math.Ceiling((locked.Until - clock.GetUtcNow()).TotalMinutes));
                ModelState.AddModelError(string.Empty, $"登录失败次数过多，账号已锁定，请 {minutes} 分钟后再试，或联系系统管理员解除锁定。");
                return Page();
            default:
                ModelState.AddModelError(string.Empty, "用户名或密码错误。");
                return Page();
        }
    }
}
