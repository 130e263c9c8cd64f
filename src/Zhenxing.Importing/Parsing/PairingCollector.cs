using System.Globalization;
using System.Text.RegularExpressions;
using Zhenxing.Importing.Reading;

namespace Zhenxing.Importing.Parsing;

/// <summary>Pairing lists (对口支援): "国务院国资委、国家药监局——章贡区（含赣州经济技术开发区）" under city headings with declared county counts.</summary>
internal sealed partial class PairingCollector(ImportMessages messages)
{
    private readonly List<ParsedPairing> pairings = [];
    private readonly List<(string City, int Declared, ImportLocation Location)> cities = [];
    private string? currentCity;
    private string? title;

    public IReadOnlyList<ParsedPairing> Pairings => pairings;

    public bool TryCityHeading(string clean, ImportLocation location)
    {
        var m = CityHeadingPattern().Match(clean);
        if (!m.Success)
        {
            return false;
        }
        currentCity = m.Groups["city"].Value;
        if (m.Groups["n"].Success)
        {
            cities.Add((currentCity, int.Parse(m.Groups["n"].Value, CultureInfo.InvariantCulture), location));
        }
        return true;
    }

    public bool TryLine(string clean, ImportLocation location, string? pendingTitle)
    {
        var m = PairingLinePattern().Match(clean);
        if (!m.Success || CountyPattern().Match(m.Groups["county"].Value) is not { Success: true } county)
        {
            return false;
        }
        Add(m.Groups["units"].Value, county.Groups["name"].Value, county.Groups["note"].Success ? county.Groups["note"].Value : null, null, location, pendingTitle);
        return true;
    }

    public void AddRow(string units, string countyCell, string? city, ImportLocation location, string? pendingTitle)
    {
        var clean = TextPatterns.Clean(countyCell);
        var county = CountyPattern().Match(clean);
        Add(units, county.Success ? county.Groups["name"].Value : clean, county.Success && county.Groups["note"].Success ? county.Groups["note"].Value : null,
            string.IsNullOrWhiteSpace(city) ? null : TextPatterns.Clean(city), location, pendingTitle);
    }

    private void Add(string units, string county, string? note, string? city, ImportLocation location, string? pendingTitle)
    {
        title ??= pendingTitle;
        var supporting = UnitNames.Split(units);
        if (supporting.Count == 0)
        {
            messages.Warn(location, $"受援地“{county}”没有支援单位");
        }
        if ((city ?? currentCity) is null)
        {
            messages.Warn(location, $"受援地“{county}”前没有所属设区市的标题");
        }
        pairings.Add(new ParsedPairing { SupportingUnits = supporting, County = county, CountyNote = note, City = city ?? currentCity ?? "", Location = location });
    }

    public (IReadOnlyList<string> Coordinating, PairingScheme? Scheme) Finish(IReadOnlyList<SourceLine> lines, DocumentFacts facts)
    {
        if (pairings.Count == 0)
        {
            return ([], null);
        }
        var text = string.Join("\n", lines.Select(l => TextPatterns.Clean(l.Joined)));
        var period = PeriodPattern().Match(text);
        var coordinating = CoordinatingPattern().Match(text) is { Success: true } c ? UnitNames.Split(c.Groups["u"].Value) : [];
        var scheme = new PairingScheme
        {
            Title = title,
            DocumentNumber = facts.DocumentNumber,
            PeriodStartYear = period.Success ? Int(period.Groups["a"]) : null,
            PeriodEndYear = period.Success ? Int(period.Groups["b"]) : null,
            DeclaredSupportingUnits = SupportingTotalPattern().Match(text) is { Success: true } s ? Int(s.Groups["n"]) : null,
            DeclaredCounties = CountyTotalPattern().Match(text) is { Success: true } t ? Int(t.Groups["n"]) : null,
        };
        Check(scheme, coordinating, PairedTotalPattern().Match(text) is { Success: true } p ? Int(p.Groups["n"]) : null);
        return (coordinating, scheme);
    }

    private void Check(PairingScheme scheme, IReadOnlyList<string> coordinating, int? declaredPaired)
    {
        foreach (var (city, declared, location) in cities)
        {
            var found = pairings.Where(p => p.City == city).Select(p => p.County).Distinct().Count();
            if (found != declared)
            {
                messages.Error(location, $"设区市“{city}”声明 {declared} 个受援县（市、区），实际识别 {found} 个");
            }
        }
        var counties = pairings.Select(p => p.County).Distinct().Count();
        var at = pairings[0].Location;
        if (scheme.DeclaredCounties is { } declaredCounties && declaredCounties != counties)
        {
            messages.Error(at, $"方案声明共 {declaredCounties} 个受援县（市、区），实际识别 {counties} 个");
        }
        var paired = pairings.SelectMany(p => p.SupportingUnits).Distinct().Count();
        if (declaredPaired is { } expectedPaired && expectedPaired != paired)
        {
            messages.Error(at, $"方案声明 {expectedPaired} 个单位具体结对，实际识别 {paired} 个");
        }
        if (scheme.DeclaredSupportingUnits is { } total && total != paired + coordinating.Count)
        {
            messages.Error(at, $"方案声明 {total} 个对口支援单位，实际识别 {paired} 个结对单位和 {coordinating.Count} 个牵头单位，共 {paired + coordinating.Count} 个");
        }
    }

    private static int Int(Group group) => int.Parse(group.Value, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^(?:[（(][一二三四五六七八九十]+[)）]|[一二三四五六七八九十]+、)?\s*(?<city>[\u4e00-\u9fa5]{2,8}?市)(?:(?:所辖|辖)?共?[（(]?(?<n>\d+)个[^。]*。?|)$")]
    private static partial Regex CityHeadingPattern();

    [GeneratedRegex(@"^(?<units>[^—－\-]{2,}?)\s*(?:——|—|－－|--|―)\s*(?<county>[^—－]{2,40})$")]
    private static partial Regex PairingLinePattern();

    [GeneratedRegex(@"^(?<name>[\u4e00-\u9fa5]{1,10}?(?:区|县|市|旗))(?:[（(](?<note>[^）)]+)[）)])?[。；;，,]?$")]
    private static partial Regex CountyPattern();

    [GeneratedRegex(@"(?<a>(19|20)\d{2})\s*年?\s*(?:至|到|—|－|-|~|～)\s*(?<b>(19|20)\d{2})\s*年")]
    private static partial Regex PeriodPattern();

    [GeneratedRegex(@"其中[，,]?\s*(?<u>[^，。；]+?)作为牵头(部门|单位)")]
    private static partial Regex CoordinatingPattern();

    [GeneratedRegex(@"(?<n>\d+)\s*个(中央国家机关|对口支援单位|支援单位|帮扶单位)")]
    private static partial Regex SupportingTotalPattern();

    [GeneratedRegex(@"共\s*(?<n>\d+)\s*个县")]
    private static partial Regex CountyTotalPattern();

    [GeneratedRegex(@"其他\s*(?<n>\d+)\s*个(对口支援|支援|帮扶)单位")]
    private static partial Regex PairedTotalPattern();
}
