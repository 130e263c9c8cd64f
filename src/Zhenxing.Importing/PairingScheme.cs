namespace Zhenxing.Importing;

/// <summary>The scheme a pairing list belongs to (seed 003: 国办发〔2021〕15号, 2021–2030).</summary>
public sealed record PairingScheme
{
    public string? Title { get; init; }
    public string? DocumentNumber { get; init; }
    public int? PeriodStartYear { get; init; }
    public int? PeriodEndYear { get; init; }
    public int? DeclaredSupportingUnits { get; init; }
    public int? DeclaredCounties { get; init; }
}
