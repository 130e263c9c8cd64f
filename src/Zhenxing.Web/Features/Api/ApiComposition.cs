using System.Text.Encodings.Web;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using Microsoft.OpenApi;
using Scalar.AspNetCore;
using Zhenxing.Web.Features.ApiKeys;
using Zhenxing.Web.Features.Bulletins;
using Zhenxing.Web.Features.Dashboard;
using Zhenxing.Web.Infrastructure.Problems;

namespace Zhenxing.Web.Features.Api;

/// <summary>The JSON API under <c>/api/v1</c>, its OpenAPI document and the browsable reference at <c>/api/docs</c>.</summary>
public static class ApiComposition
{
    private const string BearerSchemeName = "ApiKey";

    public static IServiceCollection AddZhenxingApi(this IServiceCollection services)
    {
        services.AddApiProblemDetails();
        services.AddApiKeyAuthentication();
        services.ConfigureHttpJsonOptions(options =>
        {
            // Enums travel as their stable English names ("Done", "Red"), Chinese text unescaped.
            options.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
            options.SerializerOptions.Encoder = JavaScriptEncoder.Create(UnicodeRanges.All);
        });
        services.AddOpenApi(options =>
        {
            options.ShouldInclude = description => description.RelativePath?.StartsWith("api/", StringComparison.Ordinal) == true;
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "振兴督查调度平台 API",
                    Version = "v1",
                    Description = ApiDocs.Overview,
                };
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes[BearerSchemeName] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    BearerFormat = "zx_…",
                    Description = "API 密钥：Authorization: Bearer zx_…（在“API 密钥”页面或以 zhenxing apikey create 创建）。",
                };
                document.Security ??= [];
                document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerSchemeName, document)] = [] });
                return Task.CompletedTask;
            });
            options.AddOperationTransformer((operation, _, _) =>
            {
                foreach (var (code, response) in operation.Responses ?? [])
                {
                    if (response is OpenApiResponse writable && int.TryParse(code, out var status))
                    {
                        writable.Description = status < 300 ? "成功" : ApiProblems.TitleFor(status);
                    }
                }
                return Task.CompletedTask;
            });
        });
        return services;
    }

    public static WebApplication MapZhenxingApi(this WebApplication app)
    {
        var api = app.MapGroup("/api/v1")
            .RequireAuthorization(ApiAuthentication.Policy)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status500InternalServerError);
        api.MapListsApi();
        api.MapItemsApi();
        api.MapUnitsApi();
        api.MapRoundsApi();
        api.MapDashboardApi();
        api.MapBulletinsApi();
        Pairings.PairingsApi.MapPairingsApi(api);
        Trips.TripsApi.MapTripsApi(api);
        Targets.TargetsApi.MapTargetsApi(api);

        // An unknown /api address is a 404 problem, not the sign-in challenge of the pages' fallback policy.
        app.MapFallback("/api/{**path}", () => TypedResults.Problem(ApiProblems.NotFound("没有这个接口。接口列表见 /api/docs。")))
            .AllowAnonymous()
            .ExcludeFromDescription();

        app.MapOpenApi().AllowAnonymous();
        app.MapScalarApiReference("/api/docs", options =>
        {
            options.Title = "振兴督查调度平台 API";
            options.OpenApiRoutePattern = "/openapi/{documentName}.json";
            // Served from the app itself: no fonts, telemetry or proxy from outside (the network may be closed).
            options.DefaultFonts = false;
            options.Telemetry = false;
            options.ShowDeveloperTools = DeveloperToolsVisibility.Never;
            options.Agent = new ScalarAgentOptions { Disabled = true };
            options.Mcp = new ScalarMcpOptions { Disabled = true };
            options.HideClientButton = true;
            options.AddPreferredSecuritySchemes(BearerSchemeName);
        }).AllowAnonymous();
        return app;
    }
}
