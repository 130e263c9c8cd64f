using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Zhenxing.Web.Features.Bulletins;

public static class BulletinComposition
{
    /// <summary>The bulletin's services, for the web app and the command line; every <see cref="IBulletinSection"/> of the assembly.</summary>
    public static IServiceCollection AddBulletins(this IServiceCollection services)
    {
        services.AddOptions<BulletinOptions>().BindConfiguration("Bulletins");
        services.AddSingleton<BulletinFonts>();
        services.AddSingleton<ConvertToPdf>();
        services.AddScoped<LoadBulletinFacts>();
        services.AddScoped<DraftBulletin>();
        services.AddScoped<EditBulletin>();
        services.AddScoped<PublishBulletin>();
        // What the pairing and the targets sections read (the web app registers them with their features too).
        services.TryAddScoped<Pairings.PairingFigures>();
        services.TryAddScoped<Targets.TargetProgress>();
        services.TryAddScoped<Meetings.MeetingSummaries>();
        services.TryAddScoped<Targets.PeriodProgressSummary>();
        // The round figures of 总体情况 (one definition: Rounds.RoundCounts).
        services.TryAddScoped<Rounds.RoundObligations>();
        services.TryAddScoped<Rounds.CountRounds>();
        foreach (var section in typeof(IBulletinSection).Assembly.GetTypes()
                     .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IBulletinSection).IsAssignableFrom(t)))
        {
            services.AddScoped(typeof(IBulletinSection), section);
        }
        return services;
    }
}
