using Microsoft.EntityFrameworkCore;
using Zhenxing.Web.Data;
using Zhenxing.Web.Features.Items;

namespace Zhenxing.Web.Features.Rounds;

public static class EvidenceDownload
{
    /// <summary>GET /evidence/{id}: the file, to whoever may see the item it belongs to (others: 404).</summary>
    public static void MapEvidence(this IEndpointRouteBuilder app) =>
        app.MapGet("/evidence/{id:int}", async (int id, HttpContext context, ZhenxingDb db, CancellationToken cancellationToken) =>
        {
            var file = await db.Evidence.AsNoTracking()
                .Where(e => e.Id == id)
                .Join(db.ProgressReports, e => e.ReportId, p => p.Id, (e, p) => new { e.FileName, e.ContentType, e.Content, p.ItemId, p.State, p.UnitId })
                .SingleOrDefaultAsync(cancellationToken);
            var visible = file is not null && await db.Items.VisibleTo(context.User).AnyAsync(i => i.Id == file.ItemId, cancellationToken);
            // A draft's files are its own unit's until submitted.
            var draftOfOtherUnit = file is { State: ReportState.Draft } && ItemScope.UnitOf(context.User) != file.UnitId;
            return visible && !draftOfOtherUnit
                ? Results.File(file!.Content, file.ContentType, Infrastructure.UploadedFileNames.Clean(file.FileName))
                : Results.NotFound();
        }).RequireAuthorization();
}
