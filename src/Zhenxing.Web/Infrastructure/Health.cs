using Zhenxing.Web.Data;

namespace Zhenxing.Web.Infrastructure;

public static class Health
{
    public static void MapHealth(this IEndpointRouteBuilder app) =>
        app.MapGet("/healthz", async (ZhenxingDb db, DatabaseSettings settings, CancellationToken cancellationToken) =>
            {
                var reachable = await db.Database.CanConnectAsync(cancellationToken);
                var body = new { status = reachable ? "ok" : "unavailable", database = reachable ? "reachable" : "unreachable", provider = settings.Provider.ToString() };
                return reachable ? Results.Ok(body) : Results.Json(body, statusCode: StatusCodes.Status503ServiceUnavailable);
            })
            .AllowAnonymous();
}
