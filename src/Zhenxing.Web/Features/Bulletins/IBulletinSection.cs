namespace Zhenxing.Web.Features.Bulletins;

/// <summary>A part of a drafted bulletin: its heading (numbered by its place) and its paragraphs, one per line.</summary>
public sealed record DraftSection(string Heading, IReadOnlyList<string> Paragraphs);

/// <summary>
/// Writes one section of a bulletin's first draft from the ledger. Every implementation in this assembly is registered
/// (<see cref="BulletinComposition.AddBulletins"/>) and the draft takes them in the order of <see cref="Order"/>, so a new
/// section is one new class. The sections of today: 10 总体情况, 20 各类别进展, 30 已落实到位事项, 40 逾期和退回事项,
/// 45 督办事项, 60 领导批示, 70 考评排名 (50 is left for the pairing and liaison-trip activity).
/// </summary>
public interface IBulletinSection
{
    int Order { get; }

    /// <summary>The section, or null when it has nothing to say for the period and should be left out.</summary>
    Task<DraftSection?> BuildAsync(BulletinFacts facts, CancellationToken cancellationToken);
}
