using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Zhenxing.Web.Data;
using Zhenxing.Web.Features.Api;
using Zhenxing.Web.Features.Ledger;
using Zhenxing.Web.Features.Rounds;
using Zhenxing.Web.Infrastructure.Problems;

namespace Zhenxing.Web.Features.Exports;

/// <summary>A file format of the ledger export, for the web and the command line alike.</summary>
public sealed record ExportFormat(string Name, string ContentType, Func<LedgerExportData, byte[]> Write)
{
    public static readonly IReadOnlyList<ExportFormat> All =
    [
        new("xlsx", WriteLedgerXlsx.ContentType, WriteLedgerXlsx.Write),
        new("docx", WriteLedgerDocx.ContentType, WriteLedgerDocx.Write),
        new("csv", WriteLedgerCsv.ContentType, WriteLedgerCsv.Write),
        new("json", WriteLedgerJson.ContentType, WriteLedgerJson.Write),
    ];

    public static ExportFormat? Find(string? name) => All.FirstOrDefault(f => string.Equals(f.Name, name?.Trim().TrimStart('.'), StringComparison.OrdinalIgnoreCase));

    public static string Names => string.Join("|", All.Select(f => f.Name));
}

/// <summary><c>GET /ledger/export.xlsx|docx|csv|json?&lt;the ledger's filter&gt;</c>: what the ledger page shows for the same query, every page, as a file.</summary>
public static class ExportEndpoints
{
    public static IEndpointRouteBuilder MapLedgerExports(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/ledger").RequireAuthorization().ExcludeFromDescription();
        foreach (var format in ExportFormat.All)
        {
            group.MapGet($"/export.{format.Name}", (HttpRequest request, ClaimsPrincipal user, ZhenxingDb db, LedgerExport export, CancellationToken cancellationToken) =>
                ExportAsync(format, request, user, db, export, cancellationToken));
        }
        return app;
    }

    private static async Task<Results<FileContentHttpResult, ValidationProblem>> ExportAsync(
        ExportFormat format, HttpRequest request, ClaimsPrincipal user, ZhenxingDb db, LedgerExport export, CancellationToken cancellationToken)
    {
        // The page's query string as it is: page and size do not apply to a file; asOf is read here, the rest as the API reads it.
        var rest = request.Query.Where(q => q.Key is not ("asOf" or "page" or "pageSize")).ToDictionary(q => q.Key, q => q.Value, StringComparer.OrdinalIgnoreCase);
        var (filter, errors) = LedgerFilterQuery.Parse(new QueryCollection(rest));
        if (request.Query.TryGetValue("asOf", out var asOfValue) && asOfValue.ToString() is { Length: > 0 } asOfText)
        {
            if (!int.TryParse(asOfText, out var roundId) || !await db.ReportingRounds.AnyAsync(r => r.Id == roundId && r.State == RoundState.Closed, cancellationToken))
            {
                errors["asOf"] = [$"参数 asOf 的值“{asOfText}”不是已关闭的报送轮次：时点台账只适用于已关闭的报送轮次。"];
            }
            else
            {
                filter.AsOf = roundId;
            }
        }
        if (errors.Count > 0)
        {
            return ApiProblems.Invalid(errors, "查询参数");
        }
        var (data, _) = await export.RunAsync(filter, user, cancellationToken);
        return TypedResults.File(format.Write(data), format.ContentType, $"{data.FileStem}.{format.Name}");
    }
}
