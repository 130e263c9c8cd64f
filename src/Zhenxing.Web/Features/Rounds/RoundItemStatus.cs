using Zhenxing.Web.Features.Items;

namespace Zhenxing.Web.Features.Rounds;

/// <summary>An item's status as it stood when its round closed: the ledger "as of" that round.</summary>
public sealed class RoundItemStatus
{
    public int Id { get; set; }
    public int RoundId { get; set; }
    public int ItemId { get; set; }
    public ItemStatus Status { get; set; }

    /// <summary>The lead unit submitted a report in the round (accepted or still waiting).</summary>
    public bool Reported { get; set; }
}
