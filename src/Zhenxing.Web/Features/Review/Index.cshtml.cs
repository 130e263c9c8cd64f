using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Zhenxing.Web.Data;
using Zhenxing.Web.Features.Rounds;
using Zhenxing.Web.Features.Users;
using Zhenxing.Web.Infrastructure;

namespace Zhenxing.Web.Features.Review;

/// <summary>
/// 审核: the Office's queue of submitted reports across rounds. 采纳 (with stars) and 退回 (with a reason) go through
/// <see cref="ReportWorkflow.ReviewAsync"/>; review.js posts them in place, without it the form returns to the same
/// filters at the next entry.
/// </summary>
[Authorize(Roles = nameof(Role.Office))]
public sealed class ReviewIndexModel(ReviewQueue queue, ReportWorkflow workflow, ZhenxingDb db) : PageModel
{
    /// <summary>The reasons the Office most often gives; picked ones come before the free text.</summary>
    public static readonly string[] CommonReasons = ["进展描述过于笼统", "缺少佐证材料", "数据与上报口径不一致", "未说明存在问题及下步打算"];

    [BindProperty(Name = "round", SupportsGet = true), Display(Name = "轮次")]
    public int? RoundFilter { get; set; }

    [BindProperty(Name = "list", SupportsGet = true), Display(Name = "事项清单")]
    public int? ListFilter { get; set; }

    [BindProperty(Name = "unit", SupportsGet = true), Display(Name = "单位")]
    public int? UnitFilter { get; set; }

    [BindProperty(Name = "late", SupportsGet = true), Display(Name = "只看逾期")]
    public bool LateOnly { get; set; }

    [BindProperty(Name = "p", SupportsGet = true), Display(Name = "页码")]
    public int PageNumber { get; set; } = 1;

    [TempData]
    public string? Message { get; set; }

    public ReviewPage Queue { get; private set; } = null!;
    public List<(int Id, string Name)> Rounds { get; private set; } = [];
    public List<(int Id, string Title)> Lists { get; private set; } = [];
    public List<(int Id, string Name)> Units { get; private set; } = [];
    public ReviewFilter Filter => new(RoundFilter, ListFilter, UnitFilter, LateOnly);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Queue = await queue.QueryAsync(Filter, PageNumber, cancellationToken);
        (Rounds, Lists, Units) = await queue.ChoicesAsync(cancellationToken);
    }

    /// <summary>
    /// 采纳 or 退回 one report. From review.js (header X-Requested-With: fetch) the answer is JSON: the outcome to show in
    /// place, or the problem (400; 409 when someone else reviewed or changed it first). From a plain form, a redirect
    /// to the same filters at the next entry (or at this one, with the problem).
    /// </summary>
    public async Task<IActionResult> OnPostReviewAsync(
        [Display(Name = "报送编号")] int reportId, [Display(Name = "版本号")] int version, [Display(Name = "审核结果")] string? decision,
        [Display(Name = "质量评分")] int? rating, [Display(Name = "常见退回原因")] string[]? reasons, [Display(Name = "退回原因")] string? reason,
        [Display(Name = "下一条")] int? next, CancellationToken cancellationToken)
    {
        var fromScript = Request.Headers["X-Requested-With"] == "fetch";
        var accept = decision == "accept";
        string? problem = null;
        var conflict = false;
        var fullReason = string.Join("；", (reasons ?? []).Where(CommonReasons.Contains).Append(reason?.Trim() ?? "").Where(r => r.Length > 0));
        if (!ModelState.IsValid)
        {
            problem = string.Join(" ", ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage));
        }
        else if (decision is not ("accept" or "return"))
        {
            problem = "请选择采纳或退回。";
        }
        else if (!accept && fullReason.Length > 1000)
        {
            problem = "退回原因不超过 1000 字。";
        }
        else if (await workflow.ReviewAsync(reportId, version, accept, fullReason, User, cancellationToken, accept ? rating : null) is { } refused)
        {
            (problem, conflict) = await ExplainAsync(reportId, version, refused, cancellationToken);
        }

        var outcome = problem is null ? accept ? rating is { } stars ? $"已采纳（{stars} 星）。" : "已采纳。" : $"已退回，并已通知报送单位。退回原因：{fullReason}" : null;
        if (fromScript)
        {
            return problem is null
                ? new JsonResult(new { outcome, waiting = await queue.CountAsync(cancellationToken) })
                : new JsonResult(new { problem }) { StatusCode = conflict ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest };
        }
        Message = problem ?? outcome;
        var anchor = problem is null ? next is { } nextId ? $"#entry-{nextId}" : "" : $"#entry-{reportId}";
        return Redirect($"/review{Filter.ToQuery(PageNumber)}{anchor}");
    }

    /// <summary>A refusal, said plainly when the report changed since the page was opened (someone else reviewed it).</summary>
    private async Task<(string Problem, bool Conflict)> ExplainAsync(int reportId, int version, string refused, CancellationToken cancellationToken)
    {
        var current = await db.ProgressReports.AsNoTracking().Where(p => p.Id == reportId)
            .Select(p => new { p.Version, p.State, p.ReviewedByName, p.ReviewedAt }).SingleOrDefaultAsync(cancellationToken);
        if (current is null || current.Version == version)
        {
            return (refused, false);
        }
        return current.State is ReportState.Accepted or ReportState.Returned
            ? ($"该报送已由{current.ReviewedByName}于 {ChinaTime.Format(current.ReviewedAt)} {(current.State == ReportState.Accepted ? "采纳" : "退回")}，您的审核未保存。", true)
            : ("该报送在您打开本页后已被修改，请刷新后重新审核。", true);
    }
}
