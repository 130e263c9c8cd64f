namespace Zhenxing.Web.Features.Extensions;

public static class ExtensionsComposition
{
    public static IServiceCollection AddExtensions(this IServiceCollection services)
    {
        services.AddScoped<RequestExtension>();
        services.AddScoped<DecideExtension>();
        return services;
    }
}
