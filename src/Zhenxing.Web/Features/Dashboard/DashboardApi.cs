using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Zhenxing.Web.Features.Users;
using Zhenxing.Web.Infrastructure.Problems;

namespace Zhenxing.Web.Features.Dashboard;

/// <summary><c>GET /api/v1/dashboard</c>: the dashboard's data, the same document the page and the wall draw.</summary>
public static class DashboardApi
{
    public static RouteGroupBuilder MapDashboardApi(this RouteGroupBuilder api)
    {
        api.MapGet("/dashboard", GetAsync)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .WithName("GetDashboard")
            .WithTags("看板")
            .WithSummary("看板数据：总体、按类别、按单位、挂图作战、趋势（振兴办、领导、管理员）")
            .WithDescription("查询参数：list（清单编号，可重复；不填为全部清单）、round（报送轮次编号；已关闭的轮次按时点台账统计）、"
                             + "map（Ganzhou 赣州 18 县 / Pairing 对口支援受援地）、metric（Rate 完成率 / Light 红黄绿灯）。每个数字都带有打开对应事项的台账地址。");
        return api;
    }

    public static bool CanSee(ClaimsPrincipal user) =>
        user.IsInRole(nameof(Role.Office)) || user.IsInRole(nameof(Role.Leader)) || user.IsInRole(nameof(Role.Admin));

    private static async Task<Results<Ok<DashboardData>, ValidationProblem, ProblemHttpResult>> GetAsync(
        HttpRequest request, ClaimsPrincipal user, DashboardQuery dashboard, CancellationToken cancellationToken)
    {
        if (!CanSee(user))
        {
            return TypedResults.Problem(ApiProblems.Create(StatusCodes.Status403Forbidden, "看板供振兴办、领导和管理员查看；单位联络员请查看本单位的事项。"));
        }
        var (filter, errors) = DashboardFilter.Parse(request.Query);
        if (errors.Count == 0)
        {
            errors = await dashboard.ValidateAsync(filter, cancellationToken);
        }
        if (errors.Count > 0)
        {
            return ApiProblems.Invalid(errors, "查询参数");
        }
        return TypedResults.Ok(await dashboard.GetAsync(filter, user, cancellationToken));
    }
}
