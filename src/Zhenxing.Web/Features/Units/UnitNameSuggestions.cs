using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;
using Zhenxing.Web.Data;

namespace Zhenxing.Web.Features.Units;

/// <summary>
/// The unit directory's names for the forms' name suggestions (<c>&lt;datalist id="unit-names"&gt;</c>, filled by
/// <c>js/unit-names.js</c>): a province has thousands of units, which would otherwise be written into every page that
/// offers them. The browser keeps the list and asks again with its ETag, answered 304 while no unit was added, renamed
/// or merged away.
/// </summary>
public static class UnitNameSuggestions
{
    public const string Path = "/units/names.json";

    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet(Path, async (HttpContext context, ZhenxingDb db, CancellationToken cancellationToken) =>
            {
                // Every change to a unit raises its version; a merge removes one: the three figures move with any change.
                var state = await db.Units.GroupBy(_ => 1)
                    .Select(g => new { Count = g.Count(), MaxId = g.Max(u => u.Id), Versions = g.Sum(u => (long)u.Version) })
                    .SingleOrDefaultAsync(cancellationToken);
                var etag = new EntityTagHeaderValue($"\"{state?.Count ?? 0}-{state?.MaxId ?? 0}-{state?.Versions ?? 0}\"");
                context.Response.Headers.CacheControl = "private, no-cache";
                context.Response.Headers.ETag = etag.ToString();
                if (context.Request.GetTypedHeaders().IfNoneMatch.Any(e => e.Compare(etag, useStrongComparison: false)))
                {
                    return Results.StatusCode(StatusCodes.Status304NotModified);
                }
                var names = (await db.Units.AsNoTracking().Select(u => u.Name).ToListAsync(cancellationToken)).InPinyinOrder().ToList();
                return Results.Json(names);
            })
            .RequireAuthorization()
            .ExcludeFromDescription();
}
