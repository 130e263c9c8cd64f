using Microsoft.AspNetCore.Antiforgery;
using Zhenxing.Web.Features.ApiKeys;
using Zhenxing.Web.Infrastructure.Problems;

namespace Zhenxing.Web.Features.Api;

/// <summary>
/// A write through the API that the sign-in cookie authenticates must come from the app's own pages: it carries the
/// page's anti-forgery token in the <see cref="HeaderName"/> header and sends JSON. Another site can make a signed-in
/// browser post a form here, cookie included, but can set neither. Calls with an API key need neither.
/// </summary>
public static class ApiAntiforgery
{
    /// <summary>The header the token travels in (ASP.NET Core's default); its value is the pages' <c>__RequestVerificationToken</c>.</summary>
    public const string HeaderName = "RequestVerificationToken";

    /// <summary>After authorization: an anonymous or refused call has had its 401 or 403 already.</summary>
    public static IApplicationBuilder UseApiAntiforgery(this IApplicationBuilder app) =>
        app.UseWhen(
            context => ApiProblems.IsApiRequest(context) && IsWrite(context.Request.Method)
                && ApiKeyAuthenticationHandler.BearerToken(context.Request) is null
                && context.User.Identity?.IsAuthenticated == true,
            api => api.Use(RefuseForgeableWritesAsync));

    private static bool IsWrite(string method) =>
        HttpMethods.IsPost(method) || HttpMethods.IsPut(method) || HttpMethods.IsPatch(method) || HttpMethods.IsDelete(method);

    private static async Task RefuseForgeableWritesAsync(HttpContext context, RequestDelegate next)
    {
        var request = context.Request;
        if (string.IsNullOrEmpty(request.Headers[HeaderName]))
        {
            await RefuseAsync(context, StatusCodes.Status400BadRequest,
                $"通过登录 Cookie 修改数据的请求须在请求头 {HeaderName} 中携带页面的防伪令牌，本次请求未执行。其他系统调用接口请使用 API 密钥（Authorization: Bearer 密钥）。");
            return;
        }
        var antiforgery = context.RequestServices.GetRequiredService<IAntiforgery>();
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            await RefuseAsync(context, StatusCodes.Status400BadRequest, "防伪令牌无效或已过期，本次请求未执行。请刷新页面后重试。");
            return;
        }
        // DELETE carries no body; every other write states that it sends JSON, which a cross-site form cannot.
        if (!HttpMethods.IsDelete(request.Method) && !ApiProblems.IsJson(request.ContentType, out _))
        {
            await RefuseAsync(context, StatusCodes.Status415UnsupportedMediaType,
                "通过登录 Cookie 修改数据的请求须以 JSON 发送（Content-Type: application/json），本次请求未执行。");
            return;
        }
        await next(context);
    }

    private static async Task RefuseAsync(HttpContext context, int status, string detail)
    {
        context.Response.StatusCode = status;
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = ApiProblems.Create(status, detail),
        });
    }
}
