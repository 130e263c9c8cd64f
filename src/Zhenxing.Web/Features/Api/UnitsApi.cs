using System.ComponentModel;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Zhenxing.Web.Data;
using Zhenxing.Web.Features.Items;
using Zhenxing.Web.Features.Units;
using Zhenxing.Web.Infrastructure.Problems;

namespace Zhenxing.Web.Features.Api;

public record ApiUnit
{
    public required int Id { get; init; }
    public required string Name { get; init; }

    [Description("单位类型：" + ApiDocs.UnitKinds)]
    public required UnitKind Kind { get; init; }

    public required int? ParentId { get; init; }

    [Description("简称和别名，例如 市文广新旅局。")]
    public required IReadOnlyList<string> Aliases { get; init; }
}

public sealed record ApiUnitDetail : ApiUnit
{
    public required string? ParentName { get; init; }

    [Description("该单位牵头的、调用者可见的未撤销事项数。")]
    public required int LeadItemCount { get; init; }

    [Description("该单位作为责任单位的、调用者可见的未撤销事项数。")]
    public required int ResponsibleItemCount { get; init; }
}

public static class UnitsApi
{
    public static RouteGroupBuilder MapUnitsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/units", ListAsync).WithName("ListUnits").WithTags("单位").WithSummary("单位名录");
        api.MapGet("/units/{id:int}", GetAsync).ProducesProblem(StatusCodes.Status404NotFound).WithName("GetUnit").WithTags("单位").WithSummary("一个单位");
        return api;
    }

    private static async Task<Ok<List<ApiUnit>>> ListAsync(ZhenxingDb db, CancellationToken cancellationToken) =>
        TypedResults.Ok(await db.Units.AsNoTracking()
            .OrderBy(u => u.Name)
            .Select(u => new ApiUnit
            {
                Id = u.Id,
                Name = u.Name,
                Kind = u.Kind,
                ParentId = u.ParentId,
                Aliases = u.Aliases.OrderBy(a => a.Name).Select(a => a.Name).ToList(),
            })
            .ToListAsync(cancellationToken));

    private static async Task<Results<Ok<ApiUnitDetail>, ProblemHttpResult>> GetAsync(
        int id, ZhenxingDb db, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var visible = db.Items.AsNoTracking().VisibleTo(user).Where(i => i.WithdrawnAt == null);
        var unit = await db.Units.AsNoTracking()
            .Where(u => u.Id == id)
            .Select(u => new ApiUnitDetail
            {
                Id = u.Id,
                Name = u.Name,
                Kind = u.Kind,
                ParentId = u.ParentId,
                ParentName = u.Parent == null ? null : u.Parent.Name,
                Aliases = u.Aliases.OrderBy(a => a.Name).Select(a => a.Name).ToList(),
                LeadItemCount = visible.Count(i => i.Units.Any(x => x.UnitId == u.Id && x.Role == ItemUnitRole.Lead)),
                ResponsibleItemCount = visible.Count(i => i.Units.Any(x => x.UnitId == u.Id && x.Role == ItemUnitRole.Responsible)),
            })
            .SingleOrDefaultAsync(cancellationToken);
        return unit is null
            ? TypedResults.Problem(ApiProblems.NotFound($"单位 {id} 不存在。"))
            : TypedResults.Ok(unit);
    }
}
