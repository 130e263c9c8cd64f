using Zhenxing.Web.Features.Items;
using Zhenxing.Web.Features.Rounds;

namespace Zhenxing.Web.Features.Bulletins;

/// <summary>A change of an item's status recorded in the audit log.</summary>
public sealed record StatusChange(int ItemId, DateTimeOffset At, ItemStatus Before, ItemStatus After);

/// <summary>
/// An item as the bulletin sees it: where it stands (list, top category), its status when the period began (null when
/// it entered the ledger during the period) and when it ended, and its status changes within the period.
/// </summary>
public sealed record BulletinItem(
    int Id,
    int ListId,
    string ListTitle,
    int? CategoryId,
    string CategoryTitle,
    string Number,
    string Title,
    IReadOnlyList<string> LeadUnits,
    /// <summary>The deadline it is judged by: an approved extension, else the original.</summary>
    DateOnly? Deadline,
    bool Ongoing,
    ItemStatus? StatusAtStart,
    ItemStatus StatusAtEnd,
    IReadOnlyList<StatusChange> Changes)
{
    /// <summary>Moved to 落实到位 within the period and still there at its end.</summary>
    public bool ReachedDone => StatusAtEnd == ItemStatus.Done && Changes.Any(c => c.After == ItemStatus.Done);

    /// <summary>Its status at the end differs from the start (an item new in the period moved when it changed after entering).</summary>
    public bool Moved => Changes.Count > 0 && (StatusAtStart ?? Changes[0].Before) != StatusAtEnd;

    /// <summary>"“推进瑞金机场前期工作”（市财政局牵头）".</summary>
    public string Name => $"“{Shorten(Title)}”" + (LeadUnits.Count == 0 ? "" : $"（{string.Join("、", LeadUnits)}牵头）");

    /// <summary>An item's name in a sentence: its first sentence ("抓实《意见》政策文件宣传活动。以国务院……" → the part before "。"), at most 40 characters.</summary>
    public static string Shorten(string text)
    {
        var line = text.ReplaceLineEndings(" ").Trim().TrimEnd('。', '；', ';');
        var stop = line.IndexOfAny(['。', '；', ';']);
        if (stop >= 4)
        {
            line = line[..stop];
        }
        return line.Length <= 40 ? line : line[..40] + "……";
    }
}

/// <summary>A progress report accepted or returned in the period.</summary>
public sealed record BulletinReport(int ReportId, string RoundName, int ItemId, string UnitName, ItemUnitRole Role, ItemStatus Status, string Narrative, DateTimeOffset At, string? ReturnReason);

/// <summary>A leader's instruction (批示) written in the period, with the lead unit's answer when there is one.</summary>
public sealed record BulletinInstruction(int ItemId, string LeaderName, string Text, DateTimeOffset CreatedAt, string? Answer, DateTimeOffset? AnsweredAt);

/// <summary>
/// What happened in the ledger between two days (China time), as the bulletin's sections read it; loaded once per
/// draft by <see cref="LoadBulletinFacts"/>. A section that needs something else (the assessment, pairings, trips)
/// injects its own services and reads <see cref="From"/> and <see cref="To"/>.
/// </summary>
public sealed class BulletinFacts
{
    public required DateOnly From { get; init; }
    public required DateOnly To { get; init; }

    /// <summary>The day deadlines are judged on: the day after the period, or today when that is later.</summary>
    public required DateOnly JudgedOn { get; init; }
    public required DateOnly Today { get; init; }

    /// <summary>The items in the ledger at the end of the period (not withdrawn by then), in list and document order.</summary>
    public required IReadOnlyList<BulletinItem> Items { get; init; }

    /// <summary>Every item by id, also those withdrawn or added later, for naming them.</summary>
    public required IReadOnlyDictionary<int, BulletinItem> ItemsById { get; init; }
    public required IReadOnlyList<BulletinReport> Accepted { get; init; }
    public required IReadOnlyList<BulletinReport> Returned { get; init; }
    public required IReadOnlyList<BulletinInstruction> Instructions { get; init; }
    public required IReadOnlyList<RoundItemsReported> Rounds { get; init; }

    /// <summary>Overdue at the end of the period by the light rules' definition: past its deadline and not done.</summary>
    public required Func<BulletinItem, bool> IsOverdue { get; init; }

    public string PeriodText => BulletinText.Period(From, To);

    public string ItemName(int itemId) => ItemsById.TryGetValue(itemId, out var item) ? item.Name : $"事项 {itemId}";
}

/// <summary>A round due in the period with its six figures (<see cref="RoundCounts"/>, as its pages show them).</summary>
public sealed record RoundItemsReported(int RoundId, string Name, DateOnly DueOn, RoundState State, RoundCounts Counts);
