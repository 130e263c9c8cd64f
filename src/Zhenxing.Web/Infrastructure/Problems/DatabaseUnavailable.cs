using System.Net.Sockets;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Zhenxing.Web.Infrastructure.Problems;

/// <summary>
/// When the database cannot be reached (restarting, failing over, the network gone) a request fails cleanly: 503 with
/// <c>Retry-After</c>, a Chinese message saying nothing was saved and to try again, a problem on /api and a plain page
/// elsewhere (the usual layout would query the database again). The connection pool replaces broken connections by
/// itself (and is emptied here at the first sign of trouble), so the next request after the database is back succeeds.
/// </summary>
public sealed class DatabaseUnavailableHandler(IProblemDetailsService problems, ILogger<DatabaseUnavailableHandler> logger) : IExceptionHandler
{
    public const int RetryAfterSeconds = 5;
    public const string Message = "数据库暂时无法访问，本次操作未保存。请稍候几秒后重试。";

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (!IsUnavailable(exception))
        {
            return false;
        }
        logger.LogWarning("Database unavailable during {Method} {Path}: {Message}", httpContext.Request.Method, httpContext.Request.Path, exception.GetBaseException().Message);
        if (IsConnectionLost(exception))
        {
            // The other idle connections died with this one (a restart ends every session): drop them all now rather
            // than let each fail one more request before the pool notices. Not when the server is merely full or the
            // pool busy: emptying it then would only make every request open a new connection.
            NpgsqlConnection.ClearAllPools();
        }
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (ApiProblems.IsApiRequest(httpContext))
        {
            return await problems.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = httpContext,
                ProblemDetails = ApiProblems.Create(StatusCodes.Status503ServiceUnavailable, Message),
            });
        }
        httpContext.Response.ContentType = "text/html; charset=utf-8";
        await httpContext.Response.WriteAsync($"""
            <!DOCTYPE html>
            <html lang="zh-CN"><head><meta charset="utf-8"><meta http-equiv="refresh" content="{RetryAfterSeconds * 2}"><title>暂时无法访问 · 振兴督查调度平台</title></head>
            <body style="font-family: sans-serif; max-width: 40em; margin: 4em auto;"><h1>503 · 暂时无法访问</h1><p>{Message}</p><p>本页将自动刷新；若您刚提交了表单，请返回上一页重新提交。</p><p><a href="/">返回首页</a></p></body></html>
            """, cancellationToken);
        return true;
    }

    /// <summary>Whether the exception (or one it wraps) says the server ended the session or could not be reached at all.</summary>
    public static bool IsConnectionLost(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case PostgresException postgres when postgres.SqlState.StartsWith("57P", StringComparison.Ordinal) || postgres.SqlState.StartsWith("08", StringComparison.Ordinal):
                case SocketException:
                case IOException: // the stream ended or the socket reset mid-command
                    return true;
            }
        }
        return false;
    }

    /// <summary>Whether the exception (or one it wraps) says the database could not be reached or went away mid-request.</summary>
    public static bool IsUnavailable(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                // 57P01–57P03: the server is shutting down or starting; class 08: the connection failed.
                case PostgresException postgres when postgres.SqlState.StartsWith("57P", StringComparison.Ordinal) || postgres.SqlState.StartsWith("08", StringComparison.Ordinal):
                case NpgsqlException { IsTransient: true }:
                case SqliteException { SqliteErrorCode: 5 or 6 }: // SQLITE_BUSY, SQLITE_LOCKED past the busy timeout
                case SocketException:
                    return true;
            }
        }
        return false;
    }
}
