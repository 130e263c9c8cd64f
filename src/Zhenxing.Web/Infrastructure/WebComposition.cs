using System.Text.Encodings.Web;
using System.Text.Unicode;
using Zhenxing.Web.Data;
using Zhenxing.Web.Features.Api;
using Zhenxing.Web.Features.Bulletins;
using Zhenxing.Web.Features.Digests;
using Zhenxing.Web.Features.Imports;
using Zhenxing.Web.Features.Items;
using Zhenxing.Web.Features.Ledger;
using Zhenxing.Web.Features.Targets;
using Zhenxing.Web.Features.Users;
using Zhenxing.Web.Infrastructure.Auth;
using Zhenxing.Web.Infrastructure.Problems;

namespace Zhenxing.Web.Infrastructure;

public static class WebComposition
{
    public static WebApplicationBuilder AddZhenxingWeb(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton(TimeProvider.System);
        services.AddZhenxingDatabase(builder.Configuration);
        services.AddHostedService<PrepareDatabase>();
        services.AddZhenxingAuth(builder.Configuration);
        services.AddReverseProxy(builder.Configuration);
        DatabaseKeyRepository.AddTo(services);
        // Chinese text stays readable in the HTML instead of becoming &#x...; entities.
        services.AddSingleton(HtmlEncoder.Create(UnicodeRanges.All));
        services.AddScoped<AddUser>();
        Features.Extensions.ExtensionsComposition.AddExtensions(services);
        services.AddScoped<EditUser>();
        services.AddImports();
        services.Configure<StatusLightOptions>(builder.Configuration.GetSection("Lights"));
        services.AddScoped(provider => provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<StatusLightOptions>>().Value);
        services.AddScoped<LedgerQuery>();
        services.AddScoped<Features.Exports.LedgerExport>();
        services.AddScoped<ReshapeItems>();
        services.AddScoped<Features.Units.MergeUnits>();
        services.AddScoped<Features.Rounds.OpenRound>();
        services.AddScoped<Features.Rounds.RoundObligations>();
        services.AddScoped<Features.Rounds.CountRounds>();
        services.AddScoped<Features.Rounds.ReportWorkflow>();
        services.AddScoped<Features.Rounds.Sheets.WriteReportingSheet>();
        services.AddScoped<Features.Rounds.Sheets.UploadReportingSheet>();
        services.AddScoped<Features.Rounds.CloseRound>();
        services.AddScoped<Features.Rounds.RoundStatistics>();
        services.Configure<Infrastructure.Mail.SmtpOptions>(builder.Configuration.GetSection("Smtp"));
        services.AddSingleton<Infrastructure.Mail.Mailer>();
        services.Configure<Features.Rounds.ReminderOptions>(builder.Configuration.GetSection("Reminders"));
        services.AddScoped<Features.Rounds.SendReminders>();
        services.AddScoped<Features.Rounds.ScheduledReminders>();
        services.AddScoped<Features.Rounds.EscalationLadder>();
        services.AddScoped<Features.Items.LeadAcknowledgements>();
        services.AddScoped<Features.Rounds.ChaseAcknowledgements>();
        services.AddHostedService<Features.Rounds.ReminderJob>();
        Features.Review.ReviewComposition.AddReview(services);
        services.AddDigests();
        services.AddHostedService<Features.Digests.DigestJob>();
        services.AddSingleton<ClusterLock>();
        services.AddHostedService<ServingNodeLease>();
        services.AddScoped<Features.Notifications.NotificationInbox>();
        services.AddSingleton<Features.Dashboard.BattleMaps>();
        services.AddSingleton<Features.Dashboard.DashboardCache>();
        services.AddScoped<Features.Dashboard.DashboardQuery>();
        services.AddScoped<Features.Assessments.ComputeAssessment>();
        services.AddScoped<Features.Assessments.CreateAssessmentMethod>();
        services.AddScoped<Features.Assessments.AdjustAssessment>();
        services.AddBulletins();
        Features.Pairings.PairingComposition.AddPairingsAndTrips(services);
        services.AddTargetsAndMeetings();
        services.AddProblemDetails();
        services.AddZhenxingApi();
        services.AddRouting(options => options.LowercaseUrls = true);
        services.AddRazorPages(options => options.RootDirectory = "/Features").AddChineseFormMessages();
        return builder;
    }

    public static WebApplication UseZhenxingWeb(this WebApplication app)
    {
        app.UseForwardedHeaders();
        app.UseSecurityHeaders();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error/500");
        }
        app.UseStatusCodePagesWithReExecute("/error/{0}");
        app.UseApiProblemDetails();
        app.UseStaticFiles();
        app.UseRouting();
        // After routing: the sign-in form's limit is a policy on its endpoint.
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseForcedPasswordChange();
        app.UseAuthorization();
        app.UseBodyLimitPages();
        app.UseApiAntiforgery();
        app.MapHealth();
        // Browsers ask for /favicon.ico on pages without the layout's icon link (the API docs, the error pages).
        app.MapGet("/favicon.ico", () => Results.Redirect("/favicon.svg", permanent: true)).AllowAnonymous().ExcludeFromDescription();
        app.MapRazorPages();
        Features.Rounds.EvidenceDownload.MapEvidence(app);
        Features.Units.UnitNameSuggestions.Map(app);
        Features.Dashboard.BattleMaps.Map(app);
        Features.Exports.ExportEndpoints.MapLedgerExports(app);
        Features.Assessments.WriteAssessmentXlsx.MapAssessmentExport(app);
        app.MapBulletinFiles();
        Features.Pairings.PairingComposition.MapPairingExports(app);
        Features.Targets.TargetEvidenceDownload.MapTargetEvidence(app);
        app.MapZhenxingApi();
        return app;
    }
}
