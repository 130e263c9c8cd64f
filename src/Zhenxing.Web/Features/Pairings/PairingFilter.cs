namespace Zhenxing.Web.Features.Pairings;

/// <summary>The registry's filters, as the URL carries them: <c>view</c>, <c>city</c>, <c>county</c>, <c>unit</c> (names, part of a name), <c>state</c>.</summary>
public sealed class PairingFilter
{
    public PairingView View { get; set; }
    public string? City { get; set; }
    public string? County { get; set; }
    public string? Unit { get; set; }

    /// <summary><c>active</c> (in force today, the default), <c>ended</c>, or <c>all</c>.</summary>
    public string State { get; set; } = "active";

    public static PairingFilter From(IQueryCollection query) => new()
    {
        View = Enum.TryParse<PairingView>(query["view"], ignoreCase: true, out var view) ? view : PairingView.Unit,
        City = Blank(query["city"]),
        County = Blank(query["county"]),
        Unit = Blank(query["unit"]),
        State = query["state"].ToString() is "ended" or "all" ? query["state"].ToString() : "active",
    };

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    public IEnumerable<PairingRow> Apply(IEnumerable<PairingRow> rows) => rows
        .Where(r => State == "all" || (State == "ended" ? !r.Active : r.Active))
        .Where(r => City is null || r.City.Contains(City, StringComparison.Ordinal))
        .Where(r => County is null || r.County.Contains(County, StringComparison.Ordinal))
        .Where(r => Unit is null || r.SupportingUnit.Contains(Unit, StringComparison.Ordinal));

    public string Query(PairingView? view = null)
    {
        var parts = new List<string> { $"view={(view ?? View).ToString().ToLowerInvariant()}" };
        void Add(string name, string? value)
        {
            if (value is not null)
            {
                parts.Add($"{name}={Uri.EscapeDataString(value)}");
            }
        }
        Add("city", City);
        Add("county", County);
        Add("unit", Unit);
        Add("state", State == "active" ? null : State);
        return "?" + string.Join("&", parts);
    }
}
