using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Zhenxing.Web.Data;
using Zhenxing.Web.Features.Users;
using Zhenxing.Web.Infrastructure.Auth;
using Zhenxing.Web.Infrastructure.Problems;

namespace Zhenxing.Web.Features.ApiKeys;

/// <summary>
/// The JSON API accepts the sign-in cookie and <c>Authorization: Bearer KEY</c>; either way the caller is the
/// user with the same claims, and a refusal is a problem details answer, never the login page.
/// </summary>
public static class ApiAuthentication
{
    public const string KeyScheme = "ApiKey";
    public const string ApiScheme = "ZhenxingApi";
    public const string Policy = "Api";
    public const string OfficePolicy = "ApiOffice";

    public static IServiceCollection AddApiKeyAuthentication(this IServiceCollection services)
    {
        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(KeyScheme, "API 密钥", _ => { })
            .AddPolicyScheme(ApiScheme, "Cookie 或 API 密钥", options =>
            {
                options.ForwardDefaultSelector = context =>
                    ApiKeyAuthenticationHandler.BearerToken(context.Request) is not null ? KeyScheme : CookieAuthenticationDefaults.AuthenticationScheme;
                options.ForwardChallenge = KeyScheme;
                options.ForwardForbid = KeyScheme;
            });
        services.AddAuthorizationBuilder()
            .AddPolicy(Policy, policy => policy.AddAuthenticationSchemes(ApiScheme).RequireAuthenticatedUser())
            .AddPolicy(OfficePolicy, policy => policy.AddAuthenticationSchemes(ApiScheme).RequireAuthenticatedUser().RequireRole(nameof(Role.Office)));
        services.AddScoped<CreateApiKey>();
        return services;
    }
}

public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ZhenxingDb db,
    TimeProvider clock,
    IProblemDetailsService problems)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    private static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    public static string? BearerToken(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && header.Length > 7 ? header[7..].Trim() : null;
    }

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (BearerToken(Request) is not { } secret)
        {
            return AuthenticateResult.NoResult();
        }
        var hash = ApiKeySecrets.Hash(secret);
        var key = await db.ApiKeys.AsNoTracking()
            .Where(k => k.Hash == hash)
            .Select(k => new { k.Id, k.RevokedAt, k.LastUsedAt, k.User })
            .SingleOrDefaultAsync(Context.RequestAborted);
        if (key is null)
        {
            return AuthenticateResult.Fail("API 密钥无效。");
        }
        if (key.RevokedAt is not null)
        {
            return AuthenticateResult.Fail("该 API 密钥已被撤销。");
        }
        if (key.User is not { IsActive: true } user)
        {
            return AuthenticateResult.Fail("该 API 密钥所属的用户已停用。");
        }

        var now = clock.GetUtcNow();
        if (key.LastUsedAt is not { } lastUsed || now - lastUsed >= LastUsedResolution)
        {
            // Bookkeeping, not an edit: written directly, outside the audit log.
            await db.ApiKeys.Where(k => k.Id == key.Id).ExecuteUpdateAsync(s => s.SetProperty(k => k.LastUsedAt, now), Context.RequestAborted);
        }

        var identity = new ClaimsIdentity(AuthRegistration.PrincipalFor(user).Claims, Scheme.Name);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        var detail = result.Failure is { } failure
            ? failure.Message + "请在“API 密钥”页面创建新的密钥。"
            : ApiProblems.DefaultDetailFor(StatusCodes.Status401Unauthorized);
        await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = ApiProblems.Create(StatusCodes.Status401Unauthorized, detail),
        });
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        var role = Enum.TryParse<Role>(Context.User.FindFirstValue(ClaimTypes.Role), out var r) ? r.ToChinese() : "未知";
        await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = ApiProblems.Create(StatusCodes.Status403Forbidden, $"当前角色（{role}）无权执行此操作。"),
        });
    }
}
