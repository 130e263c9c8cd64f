namespace Zhenxing.Importing;

public sealed record ParsedPairing
{
    public required IReadOnlyList<string> SupportingUnits { get; init; }
    public required string County { get; init; }
    /// <summary>Parenthesised note after the county, e.g. "含赣州经济技术开发区".</summary>
    public string? CountyNote { get; init; }
    public required string City { get; init; }
    public required ImportLocation Location { get; init; }
}
