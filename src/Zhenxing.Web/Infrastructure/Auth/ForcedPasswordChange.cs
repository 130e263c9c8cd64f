using Zhenxing.Web.Features.ApiKeys;
using Zhenxing.Web.Infrastructure.Problems;

namespace Zhenxing.Web.Infrastructure.Auth;

/// <summary>
/// A user whose password someone else chose (<see cref="Features.Users.User.MustChangePassword"/>) reaches only the
/// password page and sign-out until they choose their own: pages redirect there, the API answers 403 to the cookie.
/// An API key is the key owner's own secret and is not held back.
/// </summary>
public static class ForcedPasswordChange
{
    public const string PasswordPage = "/account/password";

    private static readonly object Key = new();

    private static readonly string[] OpenPaths = [PasswordPage, "/account/logout", "/account/login", "/error", "/health", "/favicon.ico"];

    /// <summary>Marks the request as coming from such a user (called while the sign-in cookie is checked).</summary>
    public static void Require(HttpContext context) => context.Items[Key] = true;

    public static IApplicationBuilder UseForcedPasswordChange(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (!context.Items.ContainsKey(Key) || OpenPaths.Any(p => context.Request.Path.StartsWithSegments(p))
                || ApiKeyAuthenticationHandler.BearerToken(context.Request) is not null)
            {
                await next(context);
                return;
            }
            if (ApiProblems.IsApiRequest(context))
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context,
                    ProblemDetails = ApiProblems.Create(StatusCodes.Status403Forbidden, "您的密码已由管理员重设，请先在网页上登录并设置新密码，再使用接口。"),
                });
                return;
            }
            context.Response.Redirect(PasswordPage);
        });
}
