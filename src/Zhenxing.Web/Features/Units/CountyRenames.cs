namespace Zhenxing.Web.Features.Units;

/// <summary>
/// County-level units renamed since older documents and map geometry were written (撤县设市、撤县设区): the old name
/// names the same unit. An imported county is created under its current name with the old one as an alias, and an
/// old name in a document or on the battle map resolves to it.
/// </summary>
public static class CountyRenames
{
    private static readonly Dictionary<string, string> CurrentByFormer = new()
    {
        ["龙南县"] = "龙南市", // 2020
        ["赣县"] = "赣县区", // 2016
        ["南康市"] = "南康区", // 2013
        ["东乡县"] = "东乡区", // 2017, 抚州
        ["沙县"] = "沙县区", // 2021, 三明
        ["永定县"] = "永定区", // 2014, 龙岩
    };

    /// <summary>The name a county has today (the name itself when it was not renamed).</summary>
    public static string Current(string name) => CurrentByFormer.GetValueOrDefault(name.Trim(), name.Trim());

    /// <summary>Earlier names of the county now called <paramref name="current"/>.</summary>
    public static IReadOnlyList<string> FormerNames(string current) =>
        CurrentByFormer.Where(pair => pair.Value == current).Select(pair => pair.Key).ToList();

    /// <summary>The name and every name the same county had or has.</summary>
    public static IReadOnlyList<string> AllNames(string name)
    {
        var current = Current(name);
        return [current, .. FormerNames(current)];
    }
}
