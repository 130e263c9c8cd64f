using System.Security.Claims;

namespace Zhenxing.Web.Features.Rounds;

/// <summary>What the Office reviews in a round: a unit's progress report on an item, or a target's reported value.</summary>
public interface IReviewedInRound
{
    ReportingRound? Round { get; }
    ReportState State { get; set; }
    string? ReturnReason { get; set; }
    DateTimeOffset? ReviewedAt { get; set; }
    string? ReviewedByName { get; set; }
}

/// <summary>The Office's review, the same for progress reports and target values: what refuses it, and what it marks.</summary>
public static class ReviewSteps
{
    /// <param name="what">What is reviewed, as the message names it: 报送, 完成值.</param>
    /// <returns>Why the review cannot go ahead, in Chinese; null when it can.</returns>
    public static string? Refusal(IReviewedInRound reviewed, bool accept, string? reason, string what)
    {
        if (reviewed.Round!.State == RoundState.Closed)
        {
            return "该轮次已关闭。";
        }
        if (reviewed.State != ReportState.Submitted)
        {
            return $"该{what}当前为“{((ReportState?)reviewed.State).ToChinese()}”，只有已报送的内容可以审核。";
        }
        if (!accept && string.IsNullOrWhiteSpace(reason))
        {
            return "退回时请填写原因。";
        }
        return null;
    }

    /// <summary>Accepted, or returned with the reason; when and by whom.</summary>
    public static void Mark(IReviewedInRound reviewed, bool accept, string? reason, ClaimsPrincipal office, DateTimeOffset now)
    {
        reviewed.State = accept ? ReportState.Accepted : ReportState.Returned;
        reviewed.ReturnReason = accept ? null : reason!.Trim();
        reviewed.ReviewedAt = now;
        reviewed.ReviewedByName = office.FindFirstValue(ClaimTypes.GivenName) ?? office.Identity!.Name;
    }
}
