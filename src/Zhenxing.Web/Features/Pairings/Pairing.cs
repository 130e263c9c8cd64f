using Zhenxing.Web.Features.Imports;
using Zhenxing.Web.Features.Units;
using Zhenxing.Web.Infrastructure;

namespace Zhenxing.Web.Features.Pairings;

/// <summary>A pairing assistance scheme (对口支援工作方案), e.g. 国办发〔2021〕15号 for 2021–2030.</summary>
public sealed class PairingScheme : IVersioned
{
    public int Id { get; set; }
    public required string Title { get; set; }
    public string? DocumentNumber { get; set; }
    public int StartYear { get; set; }
    public int EndYear { get; set; }
    public int? SourceDocumentId { get; set; }
    public SourceDocument? SourceDocument { get; set; }
    public List<Pairing> Pairings { get; set; } = [];
    public int Version { get; set; }
}

public enum PairingRole
{
    /// <summary>Paired with one recipient county (受援地).</summary>
    Supporting,

    /// <summary>Leads and coordinates the scheme without a pair of its own.</summary>
    Coordinating,
}

/// <summary>A supporting unit (支援单位) and the county it supports, within one scheme.</summary>
public sealed class Pairing : IVersioned
{
    public int Id { get; set; }
    public int SchemeId { get; set; }
    public int SupportingUnitId { get; set; }
    public Unit? SupportingUnit { get; set; }
    public PairingRole Role { get; set; }

    /// <summary>The recipient county; null for a coordinating unit.</summary>
    public int? CountyUnitId { get; set; }
    public Unit? County { get; set; }

    /// <summary>What the scheme adds after the county, e.g. 含赣州经济技术开发区.</summary>
    public string? CountyNote { get; set; }
    public string? City { get; set; }

    /// <summary>When the pairing began; null means the first day of the scheme's period.</summary>
    public DateOnly? StartsOn { get; set; }

    /// <summary>When the pairing ended (a change of partner, a period's end); null means the last day of the scheme's period.</summary>
    public DateOnly? EndsOn { get; set; }

    /// <summary>Why the pairing ended, as the Office wrote it.</summary>
    public string? EndReason { get; set; }

    /// <summary>The pairing that took over when the partner changed; the old one is kept.</summary>
    public int? ReplacedById { get; set; }
    public int Version { get; set; }
}
