using Zhenxing.Web.Features.Meetings;

namespace Zhenxing.Web.Features.Targets;

public static class TargetsComposition
{
    /// <summary>The services of targets (指标) and meetings (会议), for the web app and the demo command.</summary>
    public static IServiceCollection AddTargetsAndMeetings(this IServiceCollection services)
    {
        services.AddScoped<TargetProgress>();
        services.AddScoped<SaveTarget>();
        services.AddScoped<TargetReporting>();
        services.AddScoped<RecordMeeting>();
        services.AddScoped<ReportLanding>();
        services.AddScoped<MeetingSummaries>();
        services.AddScoped<PeriodProgressSummary>();
        return services;
    }
}

public static class TargetEvidenceDownload
{
    /// <summary>GET /targets/evidence/{id}: a file of a target report, to every signed-in user (targets are read by all roles).</summary>
    public static void MapTargetEvidence(this IEndpointRouteBuilder app) =>
        app.MapGet("/targets/evidence/{id:int}", async (int id, Data.ZhenxingDb db, CancellationToken cancellationToken) =>
        {
            var file = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleOrDefaultAsync(
                Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.AsNoTracking(db.TargetEvidence).Where(e => e.Id == id)
                    .Select(e => new { e.FileName, e.ContentType, e.Content }), cancellationToken);
            return file is null ? Results.NotFound() : Results.File(file.Content, file.ContentType, Infrastructure.UploadedFileNames.Clean(file.FileName));
        }).RequireAuthorization();
}
