using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;

namespace Zhenxing.Web.Infrastructure.Problems;

/// <summary>
/// A form post larger than its page takes (the page's <c>[RequestSizeLimit]</c>, else the server's limit) is answered
/// before its body is read: 413 and the error page saying its size and the limit. Left to the framework it was a blank
/// 400: the antiforgery check failed reading the form, and so did the error page, re-executed as the same POST. The
/// JSON API has its own limit and problem details (<see cref="ApiProblems"/>).
/// </summary>
public static class BodyLimits
{
    private const string RefusedLimit = "Zhenxing.BodyLimit";

    public static IApplicationBuilder UseBodyLimitPages(this IApplicationBuilder app) => app.Use(RefuseOversizedAsync);

    private static Task RefuseOversizedAsync(HttpContext context, RequestDelegate next)
    {
        // The error page, re-executed for the refused request, is shown whatever its size.
        if (!ApiProblems.IsApiRequest(context) && context.Features.Get<IStatusCodeReExecuteFeature>() is null
            && LimitOf(context) is { } limit && context.Request.ContentLength > limit)
        {
            context.Items[RefusedLimit] = limit;
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return Task.CompletedTask;
        }
        return next(context);
    }

    private static long? LimitOf(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>() is { } metadata
            ? metadata.MaxRequestBodySize
            : context.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize;

    /// <summary>For the error page: what was refused and the limit, when a request was refused for its size.</summary>
    public static string? Message(HttpContext context) =>
        context.Items[RefusedLimit] is long limit
            ? $"提交的内容有 {Megabytes(context.Request.ContentLength ?? 0)}，超过此页面允许的上限 {Megabytes(limit)}，未处理。请拆分或压缩文件后重新上传。"
            : null;

    private static string Megabytes(long bytes) => $"{bytes / 1024.0 / 1024.0:0.##} MB";
}
