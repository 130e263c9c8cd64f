using Microsoft.EntityFrameworkCore;
using Zhenxing.Web.Data;
using Zhenxing.Web.Features.Items;
using Zhenxing.Web.Features.Rounds;

namespace Zhenxing.Web.Features.Assessments;

/// <summary>An item counted for a unit's completion rate: one it leads in the method's lists.</summary>
public sealed record CountedItem(int ItemId, string Number, string Text, string ListTitle, ItemStatus Status);

public enum Punctuality
{
    OnTime,
    Late,
    Missing,
}

/// <summary>A lead report a unit owed in a round of the year that is past its due date.</summary>
public sealed record OwedReport(int RoundId, string RoundName, DateOnly DueOn, int ItemId, string ItemNumber, string ItemText, ReportState? State, Punctuality Punctuality);

/// <summary>An accepted lead report the Office rated.</summary>
public sealed record RatedReport(int ReportId, int RoundId, string RoundName, int ItemId, string ItemNumber, string ItemText, int Stars);

public sealed record AdjustmentLine(int Id, decimal Points, string Reason, DateTimeOffset CreatedAt, string CreatedByName);

/// <summary>
/// One unit's assessment with everything behind it. Rates are rounded to one decimal first; each weighs in as
/// rate × weight / 100; the score is their sum plus the adjustments, rounded to one decimal.
/// </summary>
public sealed record UnitAssessment(int UnitId, string UnitName, IReadOnlyList<CountedItem> Items, IReadOnlyList<OwedReport> Owed,
    IReadOnlyList<RatedReport> Rated, IReadOnlyList<AdjustmentLine> Adjustments, int CompletionWeight, int PunctualityWeight, int QualityWeight,
    bool UnratedQualityLeftOut = false)
{
    /// <summary>No report of the unit was rated and the method leaves unrated quality out: the other weights share its part.</summary>
    public bool QualityLeftOut => UnratedQualityLeftOut && Rated.Count == 0 && QualityWeight > 0 && CompletionWeight + PunctualityWeight > 0;

    /// <summary>The weights (%) the unit is scored with: the method's, or with quality left out the other two scaled to 100.</summary>
    public decimal CompletionShare => QualityLeftOut ? 100m * CompletionWeight / (CompletionWeight + PunctualityWeight) : CompletionWeight;
    public decimal PunctualityShare => QualityLeftOut ? 100m * PunctualityWeight / (CompletionWeight + PunctualityWeight) : PunctualityWeight;
    public decimal QualityShare => QualityLeftOut ? 0 : QualityWeight;

    public int Done => Items.Count(i => i.Status == ItemStatus.Done);
    public int OnTime => Owed.Count(o => o.Punctuality == Punctuality.OnTime);
    public decimal Completion => Items.Count == 0 ? 0 : OneDecimal(100m * Done / Items.Count);
    public decimal PunctualityRate => Owed.Count == 0 ? 0 : OneDecimal(100m * OnTime / Owed.Count);

    /// <summary>Average stars × 20 (5 stars = 100); 0 when no report was rated (the pages say 无评分).</summary>
    public decimal Quality => Rated.Count == 0 ? 0 : OneDecimal(20m * Rated.Sum(r => r.Stars) / Rated.Count);
    public decimal CompletionPoints => Completion * CompletionShare / 100m;
    public decimal PunctualityPoints => PunctualityRate * PunctualityShare / 100m;
    public decimal QualityPoints => Quality * QualityShare / 100m;
    public decimal AdjustmentPoints => Adjustments.Sum(a => a.Points);
    public decimal Score => OneDecimal(CompletionPoints + PunctualityPoints + QualityPoints + AdjustmentPoints);
    public int Rank { get; init; }

    public static decimal OneDecimal(decimal value) => Math.Round(value, 1, MidpointRounding.AwayFromZero);
}

public sealed record AssessedRound(int Id, string Name, DateOnly DueOn, bool PastDue);

public sealed record AssessmentResult(AssessmentMethod Method, IReadOnlyList<string> ListTitles, IReadOnlyList<AssessedRound> Rounds, IReadOnlyList<UnitAssessment> Units, DateOnly Today);

/// <summary>
/// Computes a method's assessment: for every lead unit of the items in its lists (withdrawn items do not count),
/// the completion rate of those items, the share of lead reports owed in the year's past-due rounds that came on
/// time, and the average quality rating of its accepted lead reports in the year's rounds; then the weighted score
/// with the Office's adjustments, and the rank (equal scores share a rank).
/// </summary>
public sealed class ComputeAssessment(ZhenxingDb db, TimeProvider clock)
{
    public async Task<AssessmentResult?> RunAsync(int methodId, CancellationToken cancellationToken)
    {
        var method = await db.AssessmentMethods.AsNoTracking().Include(m => m.Lists).SingleOrDefaultAsync(m => m.Id == methodId, cancellationToken);
        if (method is null)
        {
            return null;
        }
        var today = Infrastructure.ChinaTime.Today(clock);
        var listIds = method.Lists.Select(l => l.ItemListId).ToList();
        var listTitles = await db.ItemLists.AsNoTracking().Where(l => listIds.Contains(l.Id)).OrderBy(l => l.Id)
            .Select(l => new { l.Id, l.Title }).ToDictionaryAsync(l => l.Id, l => l.Title, cancellationToken);

        var leads = await (
                from item in db.Items
                join unit in db.ItemUnits on item.Id equals unit.ItemId
                where listIds.Contains(item.ItemListId) && unit.Role == ItemUnitRole.Lead
                orderby item.ItemListId, item.Position, item.Id
                select new { item.Id, item.Number, Text = item.ShortTitle ?? item.Text, item.ItemListId, item.Status, Withdrawn = item.WithdrawnAt != null, unit.UnitId, UnitName = unit.Unit!.Name })
            .AsNoTracking().ToListAsync(cancellationToken);
        var leadsByItem = leads.ToLookup(l => l.Id, l => l.UnitId);
        var itemById = leads.DistinctBy(l => l.Id).ToDictionary(l => l.Id);

        var first = new DateOnly(method.Year, 1, 1);
        var last = new DateOnly(method.Year, 12, 31);
        var rounds = (await db.ReportingRounds.AsNoTracking().Include(r => r.Lists)
                .Where(r => r.DueOn >= first && r.DueOn <= last).OrderBy(r => r.DueOn).ThenBy(r => r.Id).ToListAsync(cancellationToken))
            .Where(r => r.Lists.Any(l => listIds.Contains(l.ItemListId)))
            .ToList();
        var roundIds = rounds.Select(r => r.Id).ToList();
        var kept = (await db.RoundItemStatuses.AsNoTracking().Where(s => roundIds.Contains(s.RoundId)).Select(s => new { s.RoundId, s.ItemId }).ToListAsync(cancellationToken))
            .ToLookup(s => s.RoundId, s => s.ItemId);
        var reports = await db.ProgressReports.AsNoTracking()
            .Where(p => roundIds.Contains(p.RoundId) && p.Role == ItemUnitRole.Lead)
            .Select(p => new { p.Id, p.RoundId, p.ItemId, p.UnitId, p.State, p.Late, p.QualityRating })
            .ToListAsync(cancellationToken);
        var reportOf = reports.ToDictionary(p => (p.RoundId, p.ItemId, p.UnitId));

        // Owed: per past-due round, the items of the method's lists it covered (kept at closing, or today's when open), once per lead unit.
        var owed = new List<(int UnitId, OwedReport Report)>();
        foreach (var round in rounds.Where(r => r.DueOn < today))
        {
            var covered = round.Lists.Select(l => l.ItemListId).Where(listIds.Contains).ToHashSet();
            var items = round.State == RoundState.Closed
                ? kept[round.Id].Where(itemById.ContainsKey).Select(id => itemById[id])
                : itemById.Values.Where(i => !i.Withdrawn);
            foreach (var item in items.Where(i => covered.Contains(i.ItemListId)))
            {
                foreach (var unitId in leadsByItem[item.Id].Distinct())
                {
                    var report = reportOf.GetValueOrDefault((round.Id, item.Id, unitId));
                    var punctuality = report?.State is ReportState.Submitted or ReportState.Accepted
                        ? report.Late ? Punctuality.Late : Punctuality.OnTime
                        : Punctuality.Missing;
                    owed.Add((unitId, new OwedReport(round.Id, round.Name, round.DueOn, item.Id, item.Number, item.Text, report?.State, punctuality)));
                }
            }
        }

        var roundById = rounds.ToDictionary(r => r.Id);
        var rated = reports
            .Where(p => p.State == ReportState.Accepted && p.QualityRating is not null && itemById.ContainsKey(p.ItemId) && leadsByItem[p.ItemId].Contains(p.UnitId))
            .OrderBy(p => roundById[p.RoundId].DueOn).ThenBy(p => p.Id)
            .Select(p => (p.UnitId, Report: new RatedReport(p.Id, p.RoundId, roundById[p.RoundId].Name, p.ItemId, itemById[p.ItemId].Number, itemById[p.ItemId].Text, p.QualityRating!.Value)))
            .ToList();

        var adjustments = await db.AssessmentAdjustments.AsNoTracking().Where(a => a.MethodId == methodId).OrderBy(a => a.Id).ToListAsync(cancellationToken);
        var owing = owed.Select(o => o.UnitId).ToHashSet();
        var names = leads.Where(l => !l.Withdrawn || owing.Contains(l.UnitId)).DistinctBy(l => l.UnitId).ToDictionary(l => l.UnitId, l => l.UnitName);
        var missingNames = adjustments.Select(a => a.UnitId).Where(id => !names.ContainsKey(id)).Distinct().ToList();
        foreach (var unit in await db.Units.AsNoTracking().Where(u => missingNames.Contains(u.Id)).Select(u => new { u.Id, u.Name }).ToListAsync(cancellationToken))
        {
            names[unit.Id] = unit.Name;
        }

        var units = names.Select(unit => new UnitAssessment(
                unit.Key,
                unit.Value,
                leads.Where(l => l.UnitId == unit.Key && !l.Withdrawn)
                    .Select(l => new CountedItem(l.Id, l.Number, l.Text, listTitles.GetValueOrDefault(l.ItemListId, ""), l.Status)).ToList(),
                owed.Where(o => o.UnitId == unit.Key).Select(o => o.Report).ToList(),
                rated.Where(r => r.UnitId == unit.Key).Select(r => r.Report).ToList(),
                adjustments.Where(a => a.UnitId == unit.Key).Select(a => new AdjustmentLine(a.Id, a.Points, a.Reason, a.CreatedAt, a.CreatedByName)).ToList(),
                method.CompletionWeight, method.PunctualityWeight, method.QualityWeight, method.UnratedQualityLeftOut))
            .OrderByDescending(u => u.Score).ThenBy(u => u.UnitName, StringComparer.Ordinal)
            .ToList();
        // Equal scores share a rank; the next rank counts the units above it.
        var ranked = units.Select((u, i) => u with { Rank = units.FindIndex(other => other.Score == u.Score) + 1 }).ToList();

        return new AssessmentResult(method, listTitles.Values.ToList(),
            rounds.Select(r => new AssessedRound(r.Id, r.Name, r.DueOn, r.DueOn < today)).ToList(), ranked, today);
    }
}
