using System.ComponentModel;
using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Zhenxing.Importing;
using Zhenxing.Web.Data;
using Zhenxing.Web.Features.Items;
using Zhenxing.Web.Infrastructure.Problems;

namespace Zhenxing.Web.Features.Api;

public record ApiList
{
    public required int Id { get; init; }
    public required string Title { get; init; }
    public required string? DocumentNumber { get; init; }
    public required int Year { get; init; }

    [Description("清单类型：" + ApiDocs.ListKinds)]
    public required ItemListKind Kind { get; init; }

    [Description("文件中声明的事项总数，例如“(共 113 项)”。")]
    public required int? DeclaredTotal { get; init; }

    [Description("调用者可见的、未撤销的事项数。")]
    public required int ItemCount { get; init; }
}

public sealed record ApiListDetail : ApiList
{
    [Description("类别树：一级类别及其下级类别。")]
    public required IReadOnlyList<ApiCategoryNode> Categories { get; init; }
}

public sealed record ApiCategoryNode(
    int Id,
    string Number,
    string Title,
    [property: Description("从一级类别起的编号路径，例如“三/（一）”。")] string Path,
    [property: Description("文件中声明的事项数，例如“（11项）”。")] int? DeclaredCount,
    [property: Description("调用者可见的、未撤销的事项数，含下级类别。")] int ItemCount,
    IReadOnlyList<ApiCategoryNode> Children);

public sealed record ApiCategory(
    int Id,
    int ListId,
    int? ParentId,
    string Number,
    string Title,
    string Path,
    int? DeclaredCount,
    [property: Description("调用者可见的、未撤销的事项数，含下级类别。")] int ItemCount);

public static class ListsApi
{
    public static RouteGroupBuilder MapListsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/lists", ListAsync).WithName("ListLists").WithTags("清单").WithSummary("清单列表");
        api.MapGet("/lists/{id:int}", GetAsync).ProducesProblem(StatusCodes.Status404NotFound).WithName("GetList").WithTags("清单").WithSummary("一个清单及其类别树");
        api.MapGet("/categories", CategoriesAsync)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("ListCategories").WithTags("清单").WithSummary("类别列表")
            .WithDescription("所有类别，或以 list 参数指定一个清单的类别（按文件中的顺序，下级类别以 parentId 指向上级）。")
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                operation.Parameters ??= [];
                operation.Parameters.Add(new Microsoft.OpenApi.OpenApiParameter
                {
                    Name = "list",
                    In = Microsoft.OpenApi.ParameterLocation.Query,
                    Description = "清单编号。",
                    Schema = new Microsoft.OpenApi.OpenApiSchema { Type = Microsoft.OpenApi.JsonSchemaType.Integer, Format = "int32" },
                });
                return Task.CompletedTask;
            });
        return api;
    }

    private static async Task<Ok<List<ApiList>>> ListAsync(ZhenxingDb db, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var visible = VisibleItems(db, user);
        var lists = await db.ItemLists.AsNoTracking()
            .OrderBy(l => l.Year).ThenBy(l => l.Id)
            .Select(l => new ApiList
            {
                Id = l.Id,
                Title = l.Title,
                DocumentNumber = l.DocumentNumber,
                Year = l.Year,
                Kind = l.Kind,
                DeclaredTotal = l.DeclaredTotal,
                ItemCount = visible.Count(i => i.ItemListId == l.Id),
            })
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(lists);
    }

    private static async Task<Results<Ok<ApiListDetail>, ProblemHttpResult>> GetAsync(
        int id, ZhenxingDb db, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var visible = VisibleItems(db, user);
        var list = await db.ItemLists.AsNoTracking()
            .Where(l => l.Id == id)
            .Select(l => new { l.Id, l.Title, l.DocumentNumber, l.Year, l.Kind, l.DeclaredTotal, ItemCount = visible.Count(i => i.ItemListId == l.Id) })
            .SingleOrDefaultAsync(cancellationToken);
        if (list is null)
        {
            return TypedResults.Problem(ApiProblems.NotFound($"清单 {id} 不存在。"));
        }
        var categories = await CategoriesOfAsync(db, user, id, cancellationToken);
        var children = categories.ToLookup(c => c.ParentId);
        return TypedResults.Ok(new ApiListDetail
        {
            Id = list.Id,
            Title = list.Title,
            DocumentNumber = list.DocumentNumber,
            Year = list.Year,
            Kind = list.Kind,
            DeclaredTotal = list.DeclaredTotal,
            ItemCount = list.ItemCount,
            Categories = Tree(null),
        });

        List<ApiCategoryNode> Tree(int? parentId) =>
            [.. children[parentId].Select(c => new ApiCategoryNode(c.Id, c.Number, c.Title, c.Path, c.DeclaredCount, c.ItemCount, Tree(c.Id)))];
    }

    private static async Task<Results<Ok<List<ApiCategory>>, ValidationProblem, ProblemHttpResult>> CategoriesAsync(
        HttpRequest request, ZhenxingDb db, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        int? listId = null;
        if (request.Query.TryGetValue("list", out var values) && values.ToString() is { Length: > 0 } value)
        {
            if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) || parsed < 1)
            {
                return ApiProblems.Invalid(new() { ["list"] = [$"参数 list（清单编号）的值“{value}”无效，应为正整数。"] }, "查询参数");
            }
            if (!await db.ItemLists.AnyAsync(l => l.Id == parsed, cancellationToken))
            {
                return TypedResults.Problem(ApiProblems.NotFound($"清单 {parsed} 不存在。"));
            }
            listId = parsed;
        }
        return TypedResults.Ok(await CategoriesOfAsync(db, user, listId, cancellationToken));
    }

    /// <summary>The categories in document order, each counting the visible items of itself and its sub-categories.</summary>
    private static async Task<List<ApiCategory>> CategoriesOfAsync(ZhenxingDb db, ClaimsPrincipal user, int? listId, CancellationToken cancellationToken)
    {
        var categories = await db.Categories.AsNoTracking()
            .Where(c => listId == null || c.ItemListId == listId)
            .OrderBy(c => c.ItemListId).ThenBy(c => c.Position)
            .Select(c => new { c.Id, c.ItemListId, c.ParentId, c.Number, c.Title, c.Path, c.DeclaredCount })
            .ToListAsync(cancellationToken);
        var direct = await VisibleItems(db, user)
            .Where(i => i.CategoryId != null && (listId == null || i.ItemListId == listId))
            .GroupBy(i => i.CategoryId!.Value)
            .Select(g => new { CategoryId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.CategoryId, g => g.Count, cancellationToken);
        var children = categories.ToLookup(c => c.ParentId);
        return [.. categories.Select(c => new ApiCategory(c.Id, c.ItemListId, c.ParentId, c.Number, c.Title, c.Path, c.DeclaredCount, Count(c.Id)))];

        int Count(int categoryId) => direct.GetValueOrDefault(categoryId) + children[categoryId].Sum(child => Count(child.Id));
    }

    private static IQueryable<Item> VisibleItems(ZhenxingDb db, ClaimsPrincipal user) =>
        db.Items.AsNoTracking().VisibleTo(user).Where(i => i.WithdrawnAt == null);
}
