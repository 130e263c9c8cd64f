using Microsoft.EntityFrameworkCore;
using Zhenxing.Web.Data;
using Zhenxing.Web.Features.Items;

namespace Zhenxing.Web.Features.Rounds;

/// <summary>One report a unit owes in a round: lead units always, responsible units when the round asks them.</summary>
public sealed record Obligation(
    int RoundId,
    string RoundName,
    DateOnly DueOn,
    RoundState RoundState,
    int ItemId,
    string ItemNumber,
    string ItemText,
    int UnitId,
    string UnitName,
    ItemUnitRole Role,
    int? ReportId,
    ReportState? State,
    bool Late,
    string? ReturnReason,
    string? Narrative,
    ItemStatus? ReportedStatus,
    int ItemListId = 0)
{
    public ObligationState ToState() => new(RoundId, ItemListId, UnitId, Role, State, Late);
}

/// <summary>The state of one obligation, all that <see cref="RoundCounts"/> needs.</summary>
public sealed record ObligationState(int RoundId, int ItemListId, int UnitId, ItemUnitRole Role, ReportState? State, bool Late);

public sealed class RoundObligations(ZhenxingDb db)
{
    private sealed class Owed
    {
        public required ReportingRound Round { get; init; }
        public required Item Item { get; init; }
        public required ItemUnit Unit { get; init; }
        public ProgressReport? Report { get; init; }
    }

    /// <summary>
    /// What a round owes: per item of its lists, a report from each lead unit (and each responsible unit when the round
    /// includes them). An open round owes for the items not withdrawn; a closed one for the items it kept at closing.
    /// </summary>
    private IQueryable<Owed> Query(int? roundId, int? unitId, bool openOnly)
    {
        var rounds = db.ReportingRounds.AsNoTracking().AsQueryable();
        if (roundId is { } id)
        {
            rounds = rounds.Where(r => r.Id == id);
        }
        if (openOnly)
        {
            rounds = rounds.Where(r => r.State == RoundState.Open);
        }
        // Plain joins (no correlated APPLY) so that SQLite runs it too.
        return
            from round in rounds
            join roundList in db.RoundLists on round.Id equals roundList.RoundId
            join item in db.Items on roundList.ItemListId equals item.ItemListId
            join unit in db.ItemUnits on item.Id equals unit.ItemId
            where (round.State == RoundState.Open
                   ? item.WithdrawnAt == null
                   : db.RoundItemStatuses.Any(s => s.RoundId == round.Id && s.ItemId == item.Id))
                  && (unit.Role == ItemUnitRole.Lead || round.IncludeResponsibleUnits)
                  && (unitId == null || unit.UnitId == unitId)
            join existing in db.ProgressReports
                on new { Round = round.Id, Item = item.Id, Unit = unit.UnitId } equals new { Round = existing.RoundId, Item = existing.ItemId, Unit = existing.UnitId }
                into reports
            from report in reports.DefaultIfEmpty()
            select new Owed { Round = round, Item = item, Unit = unit, Report = report };
    }

    public async Task<List<Obligation>> QueryAsync(int? roundId, int? unitId, bool openOnly, CancellationToken cancellationToken) =>
        await Query(roundId, unitId, openOnly)
            .OrderBy(o => o.Round.DueOn).ThenBy(o => o.Item.ItemListId).ThenBy(o => o.Item.Position).ThenBy(o => o.Unit.Role).ThenBy(o => o.Unit.Position)
            .Select(o => new Obligation(
                o.Round.Id, o.Round.Name, o.Round.DueOn, o.Round.State,
                o.Item.Id, o.Item.Number, o.Item.ShortTitle ?? o.Item.Text,
                o.Unit.UnitId, o.Unit.Unit!.Name, o.Unit.Role,
                o.Report == null ? null : o.Report.Id,
                o.Report == null ? null : o.Report.State,
                o.Report != null && o.Report.Late,
                o.Report == null ? null : o.Report.ReturnReason,
                o.Report == null ? null : o.Report.Narrative,
                o.Report == null ? null : o.Report.Status,
                o.Item.ItemListId))
            .ToListAsync(cancellationToken);

    /// <summary>The states of every obligation of the rounds (all rounds when none is named): a few columns per row, for counting.</summary>
    public async Task<List<ObligationState>> StatesAsync(int? roundId, int? unitId, CancellationToken cancellationToken) =>
        await Query(roundId, unitId, openOnly: false)
            .Select(o => new ObligationState(o.Round.Id, o.Item.ItemListId, o.Unit.UnitId, o.Unit.Role,
                o.Report == null ? null : o.Report.State, o.Report != null && o.Report.Late))
            .ToListAsync(cancellationToken);
}
