using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Zhenxing.Web.Data;
using Zhenxing.Web.Features.Users;
using Zhenxing.Web.Infrastructure;

namespace Zhenxing.Web.Features.Bulletins;

/// <summary>Who sees which bulletin: the Office every one, the other roles the published ones (a draft is not there for them).</summary>
public static class BulletinAccess
{
    public static bool CanWrite(ClaimsPrincipal user) => user.IsInRole(nameof(Role.Office));

    public static IQueryable<Bulletin> VisibleTo(this IQueryable<Bulletin> bulletins, ClaimsPrincipal user) =>
        CanWrite(user) ? bulletins : bulletins.Where(b => b.State == BulletinState.Published);

    /// <summary>"振兴发展工作简报（2026年第3期）", or "…（征求意见稿）" for a draft.</summary>
    public static string FileStem(Bulletin bulletin) =>
        bulletin.State == BulletinState.Published ? $"{bulletin.Title}（{bulletin.Year}年{bulletin.IssueLine}）" : $"{bulletin.Title}（征求意见稿）";
}

/// <summary><c>GET /bulletins/{id}.docx</c> and <c>.pdf</c>: the bulletin as a document, for whoever may read it.</summary>
public static class BulletinFiles
{
    public static IEndpointRouteBuilder MapBulletinFiles(this IEndpointRouteBuilder app)
    {
        app.MapGet("/bulletins/{id:int}.docx", DocxAsync).RequireAuthorization().ExcludeFromDescription();
        app.MapGet("/bulletins/{id:int}.pdf", PdfAsync).RequireAuthorization().ExcludeFromDescription();
        return app;
    }

    private static async Task<Results<FileContentHttpResult, NotFound>> DocxAsync(
        int id, ClaimsPrincipal user, ZhenxingDb db, BulletinFonts fonts, TimeProvider clock, CancellationToken cancellationToken)
    {
        var bulletin = await LoadAsync(db, id, user, cancellationToken);
        return bulletin is null
            ? TypedResults.NotFound()
            : TypedResults.File(WriteBulletinDocx.Write(bulletin, ChinaTime.Today(clock), fonts.Set), WriteBulletinDocx.ContentType, BulletinAccess.FileStem(bulletin) + ".docx");
    }

    private static async Task<Results<FileContentHttpResult, NotFound, ContentHttpResult>> PdfAsync(
        int id, ClaimsPrincipal user, ZhenxingDb db, BulletinFonts fonts, ConvertToPdf pdf, TimeProvider clock, CancellationToken cancellationToken)
    {
        var bulletin = await LoadAsync(db, id, user, cancellationToken);
        if (bulletin is null)
        {
            return TypedResults.NotFound();
        }
        return await pdf.RunAsync(WriteBulletinDocx.Write(bulletin, ChinaTime.Today(clock), fonts.Set), cancellationToken) switch
        {
            PdfOutcome.Converted converted => TypedResults.File(converted.Pdf, "application/pdf", BulletinAccess.FileStem(bulletin) + ".pdf"),
            PdfOutcome.Failed failed => TypedResults.Text(failed.Problem, "text/plain; charset=utf-8", statusCode: StatusCodes.Status503ServiceUnavailable),
            _ => throw new InvalidOperationException(),
        };
    }

    private static Task<Bulletin?> LoadAsync(ZhenxingDb db, int id, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        db.Bulletins.AsNoTracking().Include(b => b.Sections).VisibleTo(user).SingleOrDefaultAsync(b => b.Id == id, cancellationToken);
}
