using Microsoft.EntityFrameworkCore;
using Zhenxing.Web.Data;
using Zhenxing.Web.Features.Items;

namespace Zhenxing.Web.Features.Rounds;

/// <summary>
/// Closes a round: its reports can no longer change, and the status of every item it covers is kept as of
/// this moment, so that the ledger can be read "as of" the round and compared with the next.
/// </summary>
public sealed class CloseRound(ZhenxingDb db, TimeProvider clock)
{
    public async Task<string?> RunAsync(int roundId, int version, CancellationToken cancellationToken)
    {
        var round = await db.ReportingRounds.Include(r => r.Lists).SingleOrDefaultAsync(r => r.Id == roundId, cancellationToken);
        if (round is null)
        {
            return "报送轮次不存在。";
        }
        if (round.State == RoundState.Closed)
        {
            return "该轮次已关闭。";
        }
        db.Entry(round).Property(r => r.Version).OriginalValue = version;
        var listIds = round.Lists.Select(l => l.ItemListId).ToList();

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        round.State = RoundState.Closed;
        round.ClosedAt = clock.GetUtcNow();
        try
        {
            // The round is claimed first, so that no report slips in between the snapshot and the closing.
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return "该轮次在您操作期间已被修改，请刷新后重试。";
        }
        var snapshot = await db.Items.AsNoTracking()
            .Where(i => listIds.Contains(i.ItemListId) && i.WithdrawnAt == null)
            .Select(i => new RoundItemStatus
            {
                RoundId = roundId,
                ItemId = i.Id,
                Status = i.Status,
                Reported = db.ProgressReports.Any(p => p.RoundId == roundId && p.ItemId == i.Id && p.Role == ItemUnitRole.Lead
                                                       && (p.State == ReportState.Submitted || p.State == ReportState.Accepted)),
            })
            .ToListAsync(cancellationToken);
        db.RoundItemStatuses.AddRange(snapshot);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return null;
    }
}
