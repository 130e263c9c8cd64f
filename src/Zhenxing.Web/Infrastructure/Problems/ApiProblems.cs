using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Zhenxing.Web.Infrastructure.Problems;

/// <summary>
/// Errors of the JSON API as RFC 9457 problem details in Chinese: one title per status, a detail saying
/// what to do, and the same shape whether the error comes from a handler, authentication or the framework.
/// </summary>
public static class ApiProblems
{
    /// <summary>The largest JSON body the API reads; the longest text fields (8,000 characters) fit many times over.</summary>
    public const long MaxRequestBytes = 1024 * 1024;

    public static bool IsApiRequest(HttpContext context) => context.Request.Path.StartsWithSegments("/api");

    public static string TitleFor(int status) => status switch
    {
        StatusCodes.Status400BadRequest => "请求无效",
        StatusCodes.Status401Unauthorized => "未登录或 API 密钥无效",
        StatusCodes.Status403Forbidden => "无权执行此操作",
        StatusCodes.Status404NotFound => "资源不存在",
        StatusCodes.Status405MethodNotAllowed => "不支持此请求方法",
        StatusCodes.Status409Conflict => "数据已被其他用户修改",
        StatusCodes.Status412PreconditionFailed => "版本不一致",
        StatusCodes.Status413PayloadTooLarge => "请求内容过大",
        StatusCodes.Status415UnsupportedMediaType => "不支持的内容类型",
        StatusCodes.Status428PreconditionRequired => "缺少版本号",
        StatusCodes.Status500InternalServerError => "服务器内部错误",
        StatusCodes.Status503ServiceUnavailable => "服务暂时不可用",
        _ => "请求失败",
    };

    public static string DefaultDetailFor(int status) => status switch
    {
        StatusCodes.Status400BadRequest => "请求的参数或内容无效。",
        StatusCodes.Status401Unauthorized => "请先登录，或在请求头中发送有效的 API 密钥：Authorization: Bearer 密钥。",
        StatusCodes.Status403Forbidden => "您的角色无权执行此操作。",
        StatusCodes.Status404NotFound => "请求的资源不存在，或您无权查看。",
        StatusCodes.Status405MethodNotAllowed => "此地址不支持该请求方法。",
        StatusCodes.Status413PayloadTooLarge => $"请求内容超过上限（{MaxRequestBytes / 1024} KB），未处理。附件请在网页上传。",
        StatusCodes.Status415UnsupportedMediaType => "请以 application/json 发送请求内容。",
        StatusCodes.Status500InternalServerError => "服务器处理请求时出错，请稍后重试；如问题持续，请联系系统管理员。",
        _ => "请求未能完成。",
    };

    public static ProblemDetails Create(int status, string? detail = null) => new()
    {
        Status = status,
        Title = TitleFor(status),
        Detail = detail ?? DefaultDetailFor(status),
    };

    public static ProblemDetails NotFound(string detail) => Create(StatusCodes.Status404NotFound, detail);

    /// <summary>A 400 answer listing each invalid parameter or field by name with a Chinese message.</summary>
    public static Microsoft.AspNetCore.Http.HttpResults.ValidationProblem Invalid(Dictionary<string, string[]> errors, string what) =>
        TypedResults.ValidationProblem(errors,
            detail: $"以下{what}无效：{string.Join("、", errors.Keys)}。",
            title: TitleFor(StatusCodes.Status400BadRequest));

    /// <summary>Framework-made problems (a bare status code, a failed binding) get Chinese words too.</summary>
    public static void Customize(ProblemDetailsContext context)
    {
        if (!IsApiRequest(context.HttpContext))
        {
            return;
        }
        var problem = context.ProblemDetails;
        var status = problem.Status ?? context.HttpContext.Response.StatusCode;
        if (problem.Title is null || IsAscii(problem.Title))
        {
            problem.Title = TitleFor(status);
        }
        if (problem.Detail is null || IsAscii(problem.Detail))
        {
            problem.Detail = DefaultDetailFor(status);
        }
    }

    private static bool IsAscii(string text) => text.All(char.IsAscii);

    public static IServiceCollection AddApiProblemDetails(this IServiceCollection services)
    {
        services.AddProblemDetails(options => options.CustomizeProblemDetails = Customize);
        // In order: a database that cannot be reached is a 503 everywhere; any other error on /api a 500 problem.
        services.AddExceptionHandler<DatabaseUnavailableHandler>();
        services.AddExceptionHandler<ApiExceptionHandler>();
        return services;
    }

    /// <summary>
    /// Inside the status-code pages: on /api an error is never the HTML error page, and an unhandled
    /// exception is a 500 problem in every environment, without a stack trace.
    /// </summary>
    public static IApplicationBuilder UseApiProblemDetails(this IApplicationBuilder app) =>
        app.UseWhen(IsApiRequest, api =>
        {
            api.UseExceptionHandler();
            api.Use(WriteProblemForBareStatusAsync);
            api.Use(LimitBodyAsync);
            api.Use(RequireJsonBodyAsync);
        });

    /// <summary>
    /// The API reads JSON only: a body of another type (text/plain, a form) is refused with 415 before routing. The
    /// endpoints' own content-type check comes too late, as routing then picks the catch-all 404 of unknown addresses.
    /// </summary>
    private static Task RequireJsonBodyAsync(HttpContext context, RequestDelegate next)
    {
        var request = context.Request;
        var hasBody = request.ContentLength > 0 || request.Headers.TransferEncoding.Count > 0;
        if (!hasBody || IsJson(request.ContentType, out var mediaType))
        {
            return next(context);
        }
        context.Response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
        var sent = mediaType is null ? "请求未注明内容类型（Content-Type）" : $"不支持的内容类型“{mediaType}”";
        var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        return problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = Create(StatusCodes.Status415UnsupportedMediaType, $"{sent}，请求未处理。{DefaultDetailFor(StatusCodes.Status415UnsupportedMediaType)}"),
        }).AsTask();
    }

    /// <summary>True for application/json and any +json type; <paramref name="mediaType"/> is the type sent, if readable.</summary>
    internal static bool IsJson(string? contentType, out string? mediaType)
    {
        mediaType = Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out var parsed) ? parsed.MediaType.Value : null;
        return mediaType is not null
            && (mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// A body larger than <see cref="MaxRequestBytes"/> is refused before it is read: at once when its length is
    /// declared, by the server while reading when it comes in chunks.
    /// </summary>
    private static Task LimitBodyAsync(HttpContext context, RequestDelegate next)
    {
        if (context.Request.ContentLength > MaxRequestBytes)
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return Task.CompletedTask;
        }
        if (context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxRequestBytes;
        }
        return next(context);
    }

    private static async Task WriteProblemForBareStatusAsync(HttpContext context, RequestDelegate next)
    {
        await next(context);
        var response = context.Response;
        if (response.HasStarted || response.StatusCode < 400 || response.ContentLength is not null || !string.IsNullOrEmpty(response.ContentType))
        {
            return;
        }
        var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = Create(response.StatusCode) });
    }
}

/// <summary>Turns an unhandled exception on /api into "服务器内部错误"; the pages keep their error page.</summary>
public sealed class ApiExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (!ApiProblems.IsApiRequest(httpContext))
        {
            return false;
        }
        httpContext.Response.StatusCode = StatusCodes.Status500InternalServerError;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = ApiProblems.Create(StatusCodes.Status500InternalServerError),
        });
    }
}
