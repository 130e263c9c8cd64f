using Microsoft.EntityFrameworkCore;
using Zhenxing.Web.Data;
using Zhenxing.Web.Features.Items;
using Zhenxing.Web.Features.Rounds;

namespace Zhenxing.Web.Features.Review;

/// <summary>Which waiting reports the Office looks at: a round, a list (事项清单), a unit, the late ones only.</summary>
public sealed record ReviewFilter(int? RoundId = null, int? ListId = null, int? UnitId = null, bool LateOnly = false)
{
    /// <summary>The filter as a query string for links and redirects ("" when nothing is filtered).</summary>
    public string ToQuery(int? page = null)
    {
        var parts = new List<string>();
        if (RoundId is { } round) { parts.Add($"round={round}"); }
        if (ListId is { } list) { parts.Add($"list={list}"); }
        if (UnitId is { } unit) { parts.Add($"unit={unit}"); }
        if (LateOnly) { parts.Add("late=true"); }
        if (page is > 1) { parts.Add($"p={page}"); }
        return parts.Count == 0 ? "" : "?" + string.Join("&", parts);
    }
}

public sealed record ReviewEvidence(int Id, string FileName, long Size);

/// <summary>The unit's report on the same item in an earlier round, for comparison.</summary>
public sealed record PreviousReport(string RoundName, ReportState State, ItemStatus Status, string Narrative, string? Problems, string? Figures, DateTimeOffset? SubmittedAt);

/// <summary>One report waiting for review, with everything the Office needs to decide on it.</summary>
public sealed record ReviewEntry(
    int ReportId, int Version, int RoundId, string RoundName, int ListId, string ListTitle, int ItemId, string ItemNumber, string ItemText,
    int UnitId, string UnitName, ItemUnitRole Role, DateTimeOffset? SubmittedAt, string? SubmittedByName, bool Late,
    ItemStatus Status, string Narrative, string? Problems, string? NextSteps, string? Figures)
{
    public List<ReviewEvidence> Evidence { get; init; } = [];

    /// <summary>The milestones (形象进度) the report says were met.</summary>
    public List<(DateOnly DueOn, string Description)> MilestonesMet { get; init; } = [];
    public PreviousReport? Previous { get; set; }
}

public sealed record ReviewPage(IReadOnlyList<ReviewEntry> Entries, int Total, int Page, int PageSize)
{
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);
}

/// <summary>
/// The review queue: every report submitted and not yet reviewed in an open round (a closed round's reports are frozen
/// and cannot be reviewed any more), oldest first.
/// </summary>
public sealed class ReviewQueue(ZhenxingDb db)
{
    public const int PageSize = 20;

    private IQueryable<ProgressReport> Waiting(ReviewFilter filter)
    {
        var waiting = db.ProgressReports.AsNoTracking()
            .Where(p => p.State == ReportState.Submitted && p.Round!.State == RoundState.Open);
        if (filter.RoundId is { } round) { waiting = waiting.Where(p => p.RoundId == round); }
        if (filter.ListId is { } list) { waiting = waiting.Where(p => p.Item!.ItemListId == list); }
        if (filter.UnitId is { } unit) { waiting = waiting.Where(p => p.UnitId == unit); }
        if (filter.LateOnly) { waiting = waiting.Where(p => p.Late); }
        return waiting;
    }

    /// <summary>How many reports wait for review (the menu's 审核 count).</summary>
    public Task<int> CountAsync(CancellationToken cancellationToken = default) => Waiting(new()).CountAsync(cancellationToken);

    public async Task<ReviewPage> QueryAsync(ReviewFilter filter, int page, CancellationToken cancellationToken)
    {
        var waiting = Waiting(filter);
        var total = await waiting.CountAsync(cancellationToken);
        var pages = Math.Max(1, (total + PageSize - 1) / PageSize);
        page = Math.Clamp(page, 1, pages);
        var entries = await waiting
            .OrderBy(p => p.SubmittedAt == null).ThenBy(p => p.SubmittedAt).ThenBy(p => p.Id)
            .Skip((page - 1) * PageSize).Take(PageSize)
            .Select(p => new ReviewEntry(
                p.Id, p.Version, p.RoundId, p.Round!.Name, p.Item!.ItemListId, p.Item.ItemList!.Title, p.ItemId, p.Item.Number, p.Item.Text,
                p.UnitId, db.Units.Where(u => u.Id == p.UnitId).Select(u => u.Name).Single(), p.Role, p.SubmittedAt, p.SubmittedByName, p.Late,
                p.Status, p.Narrative, p.Problems, p.NextSteps, p.Figures))
            .ToListAsync(cancellationToken);
        await AddDetailsAsync(entries, cancellationToken);
        return new ReviewPage(entries, total, page, PageSize);
    }

    /// <summary>Evidence, milestones and the previous report of a page's entries: three queries for the whole page.</summary>
    private async Task AddDetailsAsync(List<ReviewEntry> entries, CancellationToken cancellationToken)
    {
        if (entries.Count == 0)
        {
            return;
        }
        var reportIds = entries.Select(e => e.ReportId).ToList();
        var evidence = await db.Evidence.AsNoTracking().Where(e => reportIds.Contains(e.ReportId))
            .OrderBy(e => e.Id).Select(e => new { e.ReportId, File = new ReviewEvidence(e.Id, e.FileName, e.Size) })
            .ToListAsync(cancellationToken);
        var milestones = await db.Milestones.AsNoTracking().Where(m => m.ClaimedByReportId != null && reportIds.Contains(m.ClaimedByReportId.Value))
            .OrderBy(m => m.DueOn).Select(m => new { ReportId = m.ClaimedByReportId!.Value, m.DueOn, m.Description })
            .ToListAsync(cancellationToken);
        foreach (var entry in entries)
        {
            entry.Evidence.AddRange(evidence.Where(e => e.ReportId == entry.ReportId).Select(e => e.File));
            entry.MilestonesMet.AddRange(milestones.Where(m => m.ReportId == entry.ReportId).Select(m => (m.DueOn, m.Description)));
        }

        // The unit's latest report on the item in an earlier round (by the rounds' due dates), drafts left out.
        var itemIds = entries.Select(e => e.ItemId).Distinct().ToList();
        var unitIds = entries.Select(e => e.UnitId).Distinct().ToList();
        var roundIds = entries.Select(e => e.RoundId).Distinct().ToList();
        var dueOn = await db.ReportingRounds.AsNoTracking().Where(r => roundIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, r => r.DueOn, cancellationToken);
        var earlier = await db.ProgressReports.AsNoTracking()
            .Where(p => itemIds.Contains(p.ItemId) && unitIds.Contains(p.UnitId) && p.State != ReportState.Draft)
            .Select(p => new
            {
                p.Id, p.ItemId, p.UnitId, p.RoundId, p.Round!.DueOn, Report = new PreviousReport(p.Round.Name, p.State, p.Status, p.Narrative, p.Problems, p.Figures, p.SubmittedAt),
            })
            .ToListAsync(cancellationToken);
        foreach (var entry in entries)
        {
            entry.Previous = earlier
                .Where(p => p.ItemId == entry.ItemId && p.UnitId == entry.UnitId && p.Id != entry.ReportId && p.DueOn < dueOn[entry.RoundId])
                .OrderByDescending(p => p.DueOn).ThenByDescending(p => p.RoundId)
                .Select(p => p.Report).FirstOrDefault();
        }
    }

    /// <summary>What the filters offer: the open rounds and lists with waiting reports, and the units that sent them.</summary>
    public async Task<(List<(int Id, string Name)> Rounds, List<(int Id, string Title)> Lists, List<(int Id, string Name)> Units)> ChoicesAsync(CancellationToken cancellationToken)
    {
        var waiting = Waiting(new());
        var rounds = await waiting.Select(p => new { p.RoundId, p.Round!.Name }).Distinct().ToListAsync(cancellationToken);
        var lists = await waiting.Select(p => new { p.Item!.ItemListId, p.Item.ItemList!.Title }).Distinct().ToListAsync(cancellationToken);
        var unitIds = await waiting.Select(p => p.UnitId).Distinct().ToListAsync(cancellationToken);
        var units = await db.Units.AsNoTracking().Where(u => unitIds.Contains(u.Id)).Select(u => new { u.Id, u.Name }).ToListAsync(cancellationToken);
        return (
            rounds.OrderBy(r => r.RoundId).Select(r => (r.RoundId, r.Name)).ToList(),
            lists.OrderBy(l => l.ItemListId).Select(l => (l.ItemListId, l.Title)).ToList(),
            units.OrderBy(u => u.Name, StringComparer.Create(new System.Globalization.CultureInfo("zh-CN"), false)).Select(u => (u.Id, u.Name)).ToList());
    }
}
