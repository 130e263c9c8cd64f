using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Zhenxing.Web.Data;
using Zhenxing.Web.Infrastructure.Problems;

namespace Zhenxing.Web.Features.Bulletins;

public record ApiBulletin
{
    public required int Id { get; init; }
    public required string Title { get; init; }
    public required string IssuingOrgan { get; init; }

    [Description("Draft 草稿（仅振兴办可见）/ Published 已发布。")]
    public required BulletinState State { get; init; }

    [Description("发布年度与期数（第N期在发布年度内连续编号）；草稿为空。")]
    public required int? Year { get; init; }
    public required int? Number { get; init; }

    [Description("“第3期”，草稿为“（征求意见稿）”。")]
    public required string IssueLine { get; init; }
    public required DateOnly PeriodFrom { get; init; }
    public required DateOnly PeriodTo { get; init; }
    public required DateTimeOffset? PublishedAt { get; init; }
    public required string? PublishedBy { get; init; }

    [Description("Word 文件的地址。")]
    public required string DocxUrl { get; init; }
}

public sealed record ApiBulletinDetail : ApiBulletin
{
    [SetsRequiredMembers]
    public ApiBulletinDetail(ApiBulletin summary, IReadOnlyList<ApiBulletinSection> sections) : base(summary) => Sections = sections;

    public IReadOnlyList<ApiBulletinSection> Sections { get; init; }
}

public sealed record ApiBulletinSection(
    [property: Description("带序号的标题，如“一、总体情况”。")] string Heading,
    [property: Description("各段正文；以“（一）”开头的段落为二级标题。")] IReadOnlyList<string> Paragraphs);

/// <summary><c>GET /api/v1/bulletins</c> and <c>/bulletins/{id}</c>: published bulletins for every role, drafts for the Office.</summary>
public static class BulletinsApi
{
    public static RouteGroupBuilder MapBulletinsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/bulletins", ListAsync).WithName("ListBulletins").WithTags("工作简报")
            .WithSummary("工作简报列表（已发布的各角色可见，草稿仅振兴办可见）");
        api.MapGet("/bulletins/{id:int}", GetAsync).ProducesProblem(StatusCodes.Status404NotFound).WithName("GetBulletin").WithTags("工作简报")
            .WithSummary("一期工作简报及其各部分正文");
        return api;
    }

    private static async Task<Ok<List<ApiBulletin>>> ListAsync(ZhenxingDb db, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var bulletins = await db.Bulletins.AsNoTracking().VisibleTo(user)
            .OrderByDescending(b => b.State).ThenByDescending(b => b.Year).ThenByDescending(b => b.Number).ThenByDescending(b => b.Id)
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(bulletins.Select(ToDto).ToList());
    }

    private static async Task<Results<Ok<ApiBulletinDetail>, ProblemHttpResult>> GetAsync(int id, ZhenxingDb db, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var bulletin = await db.Bulletins.AsNoTracking().Include(b => b.Sections).VisibleTo(user).SingleOrDefaultAsync(b => b.Id == id, cancellationToken);
        if (bulletin is null)
        {
            return TypedResults.Problem(ApiProblems.NotFound($"工作简报 {id} 不存在或尚未发布。"));
        }
        var sections = bulletin.OrderedSections();
        return TypedResults.Ok(new ApiBulletinDetail(ToDto(bulletin),
            sections.Select((s, i) => new ApiBulletinSection(BulletinText.Heading(i + 1, s.Heading), BulletinText.Paragraphs(s.Text).Select(p => p.Text).ToList())).ToList()));
    }

    private static ApiBulletin ToDto(Bulletin b) => new()
    {
        Id = b.Id,
        Title = b.Title,
        IssuingOrgan = b.IssuingOrgan,
        State = b.State,
        Year = b.Year,
        Number = b.Number,
        IssueLine = b.IssueLine,
        PeriodFrom = b.PeriodFrom,
        PeriodTo = b.PeriodTo,
        PublishedAt = b.PublishedAt,
        PublishedBy = b.PublishedByName,
        DocxUrl = $"/bulletins/{b.Id}.docx",
    };
}
