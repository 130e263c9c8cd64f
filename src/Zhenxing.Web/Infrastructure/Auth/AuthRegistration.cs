using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Zhenxing.Web.Data;
using Zhenxing.Web.Features.Users;
using Zhenxing.Web.Infrastructure.Audit;

namespace Zhenxing.Web.Infrastructure.Auth;

public static class ZhenxingClaims
{
    public const string UnitId = "zhenxing:unit";
    public const string SecurityStamp = "zhenxing:stamp";
}

public static class AuthRegistration
{
    public static IServiceCollection AddZhenxingAuth(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddHttpContextAccessor();
        services.AddScoped<ICurrentActor, HttpCurrentActor>();
        services.AddSingleton<IPasswordHasher<User>, PasswordHasher<User>>();
        services.Configure<SignInPolicy>(configuration.GetSection("Auth"));
        services.AddScoped<Features.Account.SignInUser>();
        services.AddScoped<SetPassword>();
        services.AddSignInRateLimit();

        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(options =>
            {
                options.Cookie.Name = "zhenxing.auth";
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Lax;
                // Secure on https, also when a trusted proxy forwarded the request as https (ReverseProxy).
                options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.LoginPath = "/account/login";
                options.LogoutPath = "/account/logout";
                options.ExpireTimeSpan = TimeSpan.FromHours(8);
                options.SlidingExpiration = true;
                options.Events = new CookieAuthenticationEvents
                {
                    OnRedirectToLogin = context => RespondOrRedirect(context, StatusCodes.Status401Unauthorized),
                    // A signed-in user without the role gets 403 (and the error page), not a redirect.
                    OnRedirectToAccessDenied = context =>
                    {
                        context.Response.StatusCode = StatusCodes.Status403Forbidden;
                        return Task.CompletedTask;
                    },
                    OnValidatePrincipal = RejectChangedUsers,
                };
            });

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        return services;
    }

    private static Task RespondOrRedirect(RedirectContext<CookieAuthenticationOptions> context, int apiStatus)
    {
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            context.Response.StatusCode = apiStatus;
        }
        else
        {
            context.Response.Redirect(context.RedirectUri);
        }
        return Task.CompletedTask;
    }

    /// <summary>The rate limit policy of the sign-in form: its POSTs, counted per <see cref="ClientAddress"/>.</summary>
    public const string SignInRateLimit = "sign-in";

    private static void AddSignInRateLimit(this IServiceCollection services) =>
        services.AddRateLimiter(options =>
        {
            // The status code pages turn the empty 429 into the Chinese error page.
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = (context, _) =>
            {
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                {
                    context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                }
                return ValueTask.CompletedTask;
            };
            options.AddPolicy(SignInRateLimit, context =>
            {
                if (!HttpMethods.IsPost(context.Request.Method))
                {
                    return RateLimitPartition.GetNoLimiter("");
                }
                var policy = context.RequestServices.GetRequiredService<IOptions<SignInPolicy>>().Value;
                return RateLimitPartition.GetFixedWindowLimiter(ClientAddress.Of(context), _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = policy.SignInsPerAddress,
                    Window = TimeSpan.FromSeconds(policy.SignInWindowSeconds),
                    QueueLimit = 0,
                });
            });
        });

    // A deactivated user, one whose role or unit changed, and every session of one who signed out or whose password
    // changed (a new security stamp) lose the old cookie at the next request — a copy of the cookie included.
    private static async Task RejectChangedUsers(CookieValidatePrincipalContext context)
    {
        var principal = context.Principal!;
        if (!int.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var userId))
        {
            context.RejectPrincipal();
            return;
        }
        var db = context.HttpContext.RequestServices.GetRequiredService<ZhenxingDb>();
        var user = await db.Users.AsNoTracking()
            .Where(u => u.Id == userId)
            .Select(u => new { u.IsActive, u.Role, u.UnitId, u.SecurityStamp, u.MustChangePassword })
            .SingleOrDefaultAsync(context.HttpContext.RequestAborted);
        var unitClaim = principal.FindFirstValue(ZhenxingClaims.UnitId);
        if (user is null || !user.IsActive || !principal.IsInRole(user.Role.ToString())
            || unitClaim != user.UnitId?.ToString()
            || principal.FindFirstValue(ZhenxingClaims.SecurityStamp) != user.SecurityStamp)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        }
        else if (user.MustChangePassword)
        {
            ForcedPasswordChange.Require(context.HttpContext);
        }
    }

    public static ClaimsPrincipal PrincipalFor(User user) =>
        new(new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, user.Id.ToString()),
                new Claim(ClaimTypes.Name, user.UserName),
                new Claim(ClaimTypes.GivenName, user.DisplayName),
                new Claim(ClaimTypes.Role, user.Role.ToString()),
                new Claim(ZhenxingClaims.SecurityStamp, user.SecurityStamp),
                .. user.UnitId is { } unitId ? [new Claim(ZhenxingClaims.UnitId, unitId.ToString())] : Array.Empty<Claim>(),
            ],
            CookieAuthenticationDefaults.AuthenticationScheme));
}

/// <summary>
/// Lock-out after repeated failed sign-ins of one account from one address, and the rate limit of the sign-in form per
/// address (configuration section <c>Auth</c>).
/// </summary>
public sealed class SignInPolicy
{
    public int MaxFailedSignIns { get; set; } = 5;
    public int LockoutMinutes { get; set; } = 15;
    public int SignInsPerAddress { get; set; } = 10;
    public int SignInWindowSeconds { get; set; } = 60;
}
