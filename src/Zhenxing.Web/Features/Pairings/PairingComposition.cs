using Zhenxing.Web.Features.Trips;

namespace Zhenxing.Web.Features.Pairings;

public static class PairingComposition
{
    /// <summary>The services of pairing assistance (对口支援) and liaison trips (北上对接).</summary>
    public static IServiceCollection AddPairingsAndTrips(this IServiceCollection services)
    {
        AddPairingServices(services);
        services.AddHostedService<CadreTermReminderJob>();
        return services;
    }

    /// <summary>The operations without the background job (the command line uses them too).</summary>
    public static IServiceCollection AddPairingServices(IServiceCollection services)
    {
        services.AddScoped<PairingRegistry>();
        services.AddScoped<EditPairings>();
        services.AddScoped<FilePairingActivity>();
        services.AddScoped<PairingFigures>();
        services.AddScoped<PairingEvaluation>();
        services.AddScoped<CadreTermReminders>();
        services.AddScoped<TripLog>();
        services.AddScoped<TripCompliance>();
        services.AddScoped<TripsQuery>();
        return services;
    }

    /// <summary><c>GET /pairings/evaluation.xlsx?from=&amp;to=</c> for every signed-in user, like the page.</summary>
    public static IEndpointRouteBuilder MapPairingExports(this IEndpointRouteBuilder app)
    {
        app.MapGet("/pairings/evaluation.xlsx", async (string? from, string? to, PairingEvaluation evaluation, TimeProvider clock, CancellationToken cancellationToken) =>
            {
                var (start, end, errors) = ReportPeriod.Parse(from, to, Infrastructure.ChinaTime.Today(clock));
                if (errors.Count > 0)
                {
                    return Results.BadRequest(string.Join(" ", errors.Values));
                }
                var result = await evaluation.RunAsync(start, end, cancellationToken);
                return Results.File(WriteEvaluationXlsx.Write(result), WriteEvaluationXlsx.ContentType, WriteEvaluationXlsx.FileName(result));
            })
            .RequireAuthorization().ExcludeFromDescription();
        return app;
    }
}
