using Zhenxing.Web.Infrastructure;

namespace Zhenxing.Web.Features.Assessments;

/// <summary>
/// An assessment method (考评办法) for one year: how much item completion, on-time reporting and the quality
/// rating of accepted reports weigh (percentages summing to 100), and which lists count.
/// </summary>
public sealed class AssessmentMethod : IVersioned
{
    public int Id { get; set; }
    public int Year { get; set; }
    public required string Title { get; set; }
    public int CompletionWeight { get; set; }
    public int PunctualityWeight { get; set; }
    public int QualityWeight { get; set; }

    /// <summary>
    /// 未评分的报送质量不计入: a unit none of whose reports was rated is scored on the other two parts, their weights scaled
    /// up to 100, instead of getting 0 for quality. On for new methods; off is the old rule.
    /// </summary>
    public bool UnratedQualityLeftOut { get; set; } = true;
    public List<AssessmentList> Lists { get; set; } = [];
    public DateTimeOffset CreatedAt { get; set; }
    public string CreatedByName { get; set; } = "";
    public int Version { get; set; }
}

public sealed class AssessmentList
{
    public int Id { get; set; }
    public int MethodId { get; set; }
    public int ItemListId { get; set; }
}

/// <summary>A bonus (+) or deduction (−) the Office gives a unit under a method, always with its reason.</summary>
public sealed class AssessmentAdjustment
{
    public int Id { get; set; }
    public int MethodId { get; set; }
    public int UnitId { get; set; }
    public decimal Points { get; set; }
    public required string Reason { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public string CreatedByName { get; set; } = "";
}
