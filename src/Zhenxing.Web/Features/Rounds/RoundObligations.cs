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
    ItemStatus? ReportedStatus);

public sealed class RoundObligations(ZhenxingDb db)
{
    public async Task<List<Obligation>> QueryAsync(int? roundId, int? unitId, bool openOnly, CancellationToken cancellationToken)
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
        // Plain joins (no correlated subqueries) so that SQLite, which has no APPLY, runs it too.
        var owed =
            from round in rounds
            join roundList in db.RoundLists on round.Id equals roundList.RoundId
            join item in db.Items on roundList.ItemListId equals item.ItemListId
            join unit in db.ItemUnits on item.Id equals unit.ItemId
            where item.WithdrawnAt == null
                  && (unit.Role == ItemUnitRole.Lead || round.IncludeResponsibleUnits)
                  && (unitId == null || unit.UnitId == unitId)
            join existing in db.ProgressReports
                on new { Round = round.Id, Item = item.Id, Unit = unit.UnitId } equals new { Round = existing.RoundId, Item = existing.ItemId, Unit = existing.UnitId }
                into reports
            from report in reports.DefaultIfEmpty()
            orderby round.DueOn, item.ItemListId, item.Position, unit.Role, unit.Position
            select new Obligation(
                round.Id, round.Name, round.DueOn, round.State,
                item.Id, item.Number, item.ShortTitle ?? item.Text,
                unit.UnitId, unit.Unit!.Name, unit.Role,
                report == null ? null : report.Id,
                report == null ? null : report.State,
                report != null && report.Late,
                report == null ? null : report.ReturnReason,
                report == null ? null : report.Narrative,
                report == null ? null : report.Status);
        return await owed.ToListAsync(cancellationToken);
    }
}
