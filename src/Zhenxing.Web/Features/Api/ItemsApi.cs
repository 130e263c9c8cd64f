using System.ComponentModel;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Zhenxing.Web.Data;
using Zhenxing.Web.Features.ApiKeys;
using Zhenxing.Web.Features.Items;
using Zhenxing.Web.Features.Ledger;
using Zhenxing.Web.Infrastructure.Problems;

namespace Zhenxing.Web.Features.Api;

public sealed record ApiListRef(int Id, string Title);

public sealed record ApiCategoryRef(int Id, string Path, string Label);

/// <summary>One item as the ledger shows it.</summary>
public record ApiItem
{
    /// <summary>An item of the ledger as the API shows it.</summary>
    public static ApiItem From(Ledger.LedgerRow row) => new()
    {
        Id = row.Id,
        List = new ApiListRef(row.ListId, row.ListTitle),
        Category = row.CategoryId is { } categoryId ? new ApiCategoryRef(categoryId, row.CategoryPath, row.CategoryLabel) : null,
        Number = row.Number,
        ShortTitle = row.ShortTitle,
        Text = row.Text,
        LeadUnits = [.. row.LeadUnits.Select(u => u.Name)],
        ResponsibleUnits = [.. row.ResponsibleUnits.Select(u => u.Name)],
        Deadline = row.Deadline,
        ExtendedDeadline = row.ExtendedDeadline,
        EffectiveDeadline = row.EffectiveDeadline,
        DeadlineText = row.DeadlineText,
        Ongoing = row.Ongoing,
        Status = row.Status,
        Light = row.Light,
        LightReason = row.LightReason,
        Withdrawn = row.Withdrawn,
        Version = row.Version,
    };

    public required int Id { get; init; }
    public required ApiListRef List { get; init; }
    public required ApiCategoryRef? Category { get; init; }
    public required string Number { get; init; }
    public required string? ShortTitle { get; init; }
    public required string Text { get; init; }

    [Description("牵头单位名称。")]
    public required IReadOnlyList<string> LeadUnits { get; init; }

    [Description("责任单位（配合单位）名称。")]
    public required IReadOnlyList<string> ResponsibleUnits { get; init; }

    [Description("完成时限（yyyy-MM-dd），原定的，批准延期后不变；长期推进或无时限的事项为 null。")]
    public required DateOnly? Deadline { get; init; }

    [Description("振兴办批准的延期后完成时限（yyyy-MM-dd）；未延期为 null。")]
    public required DateOnly? ExtendedDeadline { get; init; }

    [Description("判断逾期所用的完成时限：已批准延期的为延期后的时限，否则为原定时限。")]
    public required DateOnly? EffectiveDeadline { get; init; }

    [Description("完成时限的原文，例如“8 月底前”“长期坚持”。")]
    public required string? DeadlineText { get; init; }

    [Description("长期推进事项（长期坚持、持续推进）。")]
    public required bool Ongoing { get; init; }

    [Description("事项状态：" + ApiDocs.Statuses)]
    public required ItemStatus Status { get; init; }

    [Description("红黄绿灯：" + ApiDocs.Lights)]
    public required StatusLight Light { get; init; }

    [Description("亮灯原因（中文）。")]
    public required string LightReason { get; init; }

    [Description("已撤销的事项（清单新版本中删除）。")]
    public required bool Withdrawn { get; init; }

    [Description("版本号：修改时放在 If-Match 请求头（\"3\"）或请求体的 version 中。")]
    public required int Version { get; init; }
}

/// <summary>One item with everything its page shows.</summary>
public sealed record ApiItemDetail : ApiItem
{
    [Description("事项状态的中文名称。")]
    public required string StatusText { get; init; }

    [Description("振兴办督办原因；有督办时事项亮红灯。")]
    public required string? FlagReason { get; init; }

    [Description("未指明具体单位的表述，例如“各县（市、区）”。")]
    public required string? GroupReferences { get; init; }

    public required string? Leaders { get; init; }
    public required string? SourceLocation { get; init; }
    public required string? WithdrawnReason { get; init; }

    [Description("领导批示条数。")]
    public required int Instructions { get; init; }
}

public sealed record ApiItemPage(
    [property: Description("符合筛选条件的事项总数（不受分页影响）。")] int Total,
    int Page,
    int PageSize,
    IReadOnlyList<ApiItem> Items,
    [property: Description("筛选说明，例如单位名称不在名录中。")] IReadOnlyList<string> Notes);

/// <summary>The fields <c>PATCH /api/v1/items/{id}</c> accepts; fields left out stay as they are.</summary>
public sealed record ApiItemPatch(
    [property: Description("事项内容，不能为空。")] string? Text,
    [property: Description("简称；null 或空字符串清除。")] string? ShortTitle,
    [property: Description("完成时限 yyyy-MM-dd；null 清除。")] DateOnly? Deadline,
    [property: Description("完成时限原文；null 清除。")] string? DeadlineText,
    [property: Description("长期推进事项。")] bool? Ongoing,
    [property: Description("事项状态：" + ApiDocs.Statuses)] ItemStatus? Status,
    [property: Description("督办原因；null 或空字符串解除督办。")] string? FlagReason,
    [property: Description("修改所依据的版本号（也可用 If-Match 请求头）。")] int? Version);

public static class ItemsApi
{
    public static RouteGroupBuilder MapItemsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/items", ListAsync)
            .WithName("ListItems")
            .WithTags("事项")
            .WithSummary("事项列表")
            .WithDescription("台账的筛选条件作为查询参数（与台账页面相同），按调用者的权限只列出可见的事项。状态与红黄绿灯用英文名称：" + ApiDocs.Statuses + ApiDocs.Lights)
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                LedgerFilterQuery.Document(operation);
                return Task.CompletedTask;
            });

        api.MapGet("/items/{id:int}", GetAsync)
            .WithName("GetItem")
            .WithTags("事项")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("一个事项")
            .WithDescription("答复的 ETag 请求头为事项的版本号。调用者无权查看的事项答复 404。");

        api.MapPatch("/items/{id:int}", PatchItem.RunAsync)
            .RequireAuthorization(ApiAuthentication.OfficePolicy)
            .Accepts<ApiItemPatch>("application/json")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired)
            .WithName("PatchItem")
            .WithTags("事项")
            .WithSummary("修改事项（仅振兴办）")
            .WithDescription("只修改请求体中出现的字段。须以 If-Match: \"版本\" 请求头或请求体中的 version 指明所依据的版本；版本已过期时答复 412（If-Match）或 409（version），不覆盖他人的修改。每次修改都记入审计日志。");
        return api;
    }

    private static async Task<Results<Ok<ApiItemPage>, ValidationProblem>> ListAsync(
        HttpRequest request, ClaimsPrincipal user, LedgerQuery ledger, CancellationToken cancellationToken)
    {
        var (filter, errors) = LedgerFilterQuery.Parse(request.Query);
        if (errors.Count > 0)
        {
            return ApiProblems.Invalid(errors, "查询参数");
        }
        var page = await ledger.RunAsync(filter, user, cancellationToken);
        var items = page.Rows.Select(ApiItem.From).ToList();
        return TypedResults.Ok(new ApiItemPage(page.Total, filter.SafePage, filter.SafePageSize, items, page.Notes));
    }

    private static async Task<Results<Ok<ApiItemDetail>, ProblemHttpResult>> GetAsync(
        int id, HttpContext context, ZhenxingDb db, LedgerQuery ledger, CancellationToken cancellationToken)
    {
        if (await LoadAsync(db, ledger, id, context.User, cancellationToken) is not { } item)
        {
            return TypedResults.Problem(ItemNotFound(id));
        }
        context.Response.Headers.ETag = ETagOf(item.Version);
        return TypedResults.Ok(item);
    }

    /// <summary>The item if the user may see it; visibility is the ledger's, so a liaison learns nothing about other units' items.</summary>
    public static async Task<ApiItemDetail?> LoadAsync(ZhenxingDb db, LedgerQuery ledger, int id, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var found = await db.Items.AsNoTracking()
            .VisibleTo(user)
            .Where(i => i.Id == id)
            .Select(i => new
            {
                Item = i,
                ListTitle = i.ItemList!.Title,
                Category = i.Category == null ? null : new { i.Category.Path, i.Category.Number, i.Category.Title },
                Units = i.Units.OrderBy(u => u.Position).Select(u => new { u.Role, u.Unit!.Name }).ToList(),
                Instructions = i.Instructions.Count,
            })
            .AsSplitQuery()
            .SingleOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            return null;
        }
        var item = found.Item;
        var lights = await ledger.LightsAsync([item.ItemListId], cancellationToken);
        var facts = await lights.FactsAsync(db.Items, [item.Id], cancellationToken);
        var verdict = lights.Evaluate(item, facts.GetValueOrDefault(item.Id, ReportFacts.None));
        return new ApiItemDetail
        {
            Id = item.Id,
            List = new ApiListRef(item.ItemListId, found.ListTitle),
            Category = item.CategoryId is { } categoryId && found.Category is { } c
                ? new ApiCategoryRef(categoryId, c.Path, LedgerQuery.CategoryLabel(c.Number, c.Title))
                : null,
            Number = item.Number,
            ShortTitle = item.ShortTitle,
            Text = item.Text,
            LeadUnits = [.. found.Units.Where(u => u.Role == ItemUnitRole.Lead).Select(u => u.Name)],
            ResponsibleUnits = [.. found.Units.Where(u => u.Role == ItemUnitRole.Responsible).Select(u => u.Name)],
            Deadline = item.Deadline,
            ExtendedDeadline = item.ExtendedDeadline,
            EffectiveDeadline = item.EffectiveDeadline,
            DeadlineText = item.DeadlineText,
            Ongoing = item.Ongoing,
            Status = item.Status,
            StatusText = item.Status.ToChinese(),
            Light = verdict.Light,
            LightReason = verdict.Reason,
            FlagReason = item.FlagReason,
            GroupReferences = item.GroupReferences,
            Leaders = item.Leaders,
            SourceLocation = item.SourceLocation,
            Withdrawn = item.WithdrawnAt is not null,
            WithdrawnReason = item.WithdrawnReason,
            Instructions = found.Instructions,
            Version = item.Version,
        };
    }

    public static ProblemDetails ItemNotFound(int id) => ApiProblems.NotFound($"事项 {id} 不存在，或您无权查看。");

    public static string ETagOf(int version) => $"\"{version}\"";
}
