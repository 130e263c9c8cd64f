using Microsoft.AspNetCore.Http;

namespace Zhenxing.Web.Features.Dashboard;

/// <summary>What the battle map colours counties by: the share of items done, or the worst light of their items.</summary>
public enum MapMetric
{
    Rate,
    Light,
}

/// <summary>The dashboard's choices, bound from the query string of the page, the wall and the API alike.</summary>
public sealed class DashboardFilter
{
    /// <summary>Item lists to count; none means every list.</summary>
    public int[] List { get; set; } = [];

    /// <summary>A round: a closed one shows the ledger as it stood then; none means today and the latest rounds.</summary>
    public int? Round { get; set; }
    public MapView Map { get; set; }
    public MapMetric Metric { get; set; }

    public string ToQueryString()
    {
        var pairs = new List<KeyValuePair<string, string?>>();
        pairs.AddRange(List.Select(l => new KeyValuePair<string, string?>("list", l.ToString())));
        if (Round is { } round)
        {
            pairs.Add(new("round", round.ToString()));
        }
        if (Map != MapView.Ganzhou)
        {
            pairs.Add(new("map", Map.ToString()));
        }
        if (Metric != MapMetric.Rate)
        {
            pairs.Add(new("metric", Metric.ToString()));
        }
        return QueryString.Create(pairs).ToString();
    }

    /// <summary>Reads the filter from a query string, naming every bad value in Chinese.</summary>
    public static (DashboardFilter Filter, Dictionary<string, string[]> Errors) Parse(IQueryCollection query)
    {
        var filter = new DashboardFilter();
        var errors = new Dictionary<string, string[]>();
        string[] known = ["list", "round", "map", "metric", "refresh"];
        foreach (var unknown in query.Keys.Where(k => !known.Contains(k, StringComparer.OrdinalIgnoreCase)))
        {
            errors[unknown] = [$"未知的查询参数 {unknown}；可用的参数为 list、round、map、metric。"];
        }
        var lists = new List<int>();
        foreach (var value in query["list"])
        {
            if (int.TryParse(value, out var id) && id > 0)
            {
                lists.Add(id);
            }
            else
            {
                errors["list"] = [$"参数 list（清单编号）的值“{value}”无效，应为正整数。"];
            }
        }
        filter.List = [.. lists.Distinct()];
        if (query["round"].FirstOrDefault() is { Length: > 0 } round)
        {
            if (int.TryParse(round, out var id) && id > 0)
            {
                filter.Round = id;
            }
            else
            {
                errors["round"] = [$"参数 round（报送轮次编号）的值“{round}”无效，应为正整数。"];
            }
        }
        filter.Map = Enumeration<MapView>("map", "地图", "Ganzhou、Pairing");
        filter.Metric = Enumeration<MapMetric>("metric", "着色依据", "Rate、Light");
        return (filter, errors);

        TEnum Enumeration<TEnum>(string name, string label, string allowed) where TEnum : struct, Enum
        {
            if (query[name].FirstOrDefault() is not { Length: > 0 } value)
            {
                return default;
            }
            if (!int.TryParse(value, out _) && Enum.TryParse<TEnum>(value, ignoreCase: true, out var parsed))
            {
                return parsed;
            }
            errors[name] = [$"参数 {name}（{label}）的值“{value}”无效，应为 {allowed} 之一。"];
            return default;
        }
    }
}
