using System.Text.Json;
using System.Text.Unicode;
using Microsoft.EntityFrameworkCore;
using Zhenxing.Web.Data;
using Zhenxing.Web.Features.Items;
using Zhenxing.Web.Infrastructure.Audit;

namespace Zhenxing.Web.Features.Rounds;

/// <summary>A report submitted and not yet reviewed when the Office wants to close its round.</summary>
public sealed record UnreviewedReport(int ReportId, int UnitId, string UnitName, ItemUnitRole Role, ItemReference Item, bool Late)
{
    /// <summary>"市财政局：赣苏振领发〔2020〕1号第2项".</summary>
    public string Text => $"{UnitName}：{Item.Text}";
}

/// <summary>What closing a round did: a problem, or the reports asked about first, or closed (with those left 待审核).</summary>
public sealed record CloseOutcome(string? Problem, IReadOnlyList<UnreviewedReport> Unreviewed, bool Closed)
{
    /// <summary>Reports wait for review and closing was not confirmed: the Office is asked to review first or close anyway.</summary>
    public bool NeedsConfirmation => !Closed && Problem is null && Unreviewed.Count > 0;
}

/// <summary>
/// Closes a round: its reports can no longer change, and the status of every item it covers is kept as of
/// this moment, so that the ledger can be read "as of" the round and compared with the next. Reports submitted and not
/// reviewed are listed first; closed anyway, they stay 待审核 and the audit log names them.
/// </summary>
public sealed class CloseRound(ZhenxingDb db, TimeProvider clock, ICurrentActor actor)
{
    private static readonly JsonSerializerOptions AuditJson = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(UnicodeRanges.All) };

    /// <summary>The round's reports submitted and not reviewed, in list and item order.</summary>
    public async Task<List<UnreviewedReport>> UnreviewedAsync(int roundId, CancellationToken cancellationToken)
    {
        var reports = await db.ProgressReports.AsNoTracking()
            .Where(p => p.RoundId == roundId && p.State == ReportState.Submitted)
            .Join(db.Units, p => p.UnitId, u => u.Id, (p, u) => new { p.Id, p.ItemId, p.UnitId, u.Name, p.Role, p.Late })
            .ToListAsync(cancellationToken);
        var references = await ItemReferences.LoadAsync(db, reports.Select(r => r.ItemId).ToList(), cancellationToken);
        return reports
            .Select(r => new UnreviewedReport(r.Id, r.UnitId, r.Name, r.Role, references[r.ItemId], r.Late))
            .OrderBy(r => r.Item.ListId).ThenBy(r => r.Item.Position).ThenBy(r => r.Role).ThenBy(r => r.UnitName, StringComparer.Ordinal)
            .ToList();
    }

    /// <param name="closeWithUnreviewed">仍然关闭: close even though reports wait for review (they stay 待审核).</param>
    public async Task<CloseOutcome> RunAsync(int roundId, int version, bool closeWithUnreviewed, CancellationToken cancellationToken)
    {
        var round = await db.ReportingRounds.Include(r => r.Lists).SingleOrDefaultAsync(r => r.Id == roundId, cancellationToken);
        if (round is null)
        {
            return new CloseOutcome("报送轮次不存在。", [], false);
        }
        if (round.State == RoundState.Closed)
        {
            return new CloseOutcome("该轮次已关闭。", [], false);
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
            return new CloseOutcome("该轮次在您操作期间已被修改，请刷新后重试。", [], false);
        }
        // Read inside the transaction, after the claim: no submission can arrive after this list.
        var unreviewed = await UnreviewedAsync(roundId, cancellationToken);
        if (unreviewed.Count > 0 && !closeWithUnreviewed)
        {
            await transaction.RollbackAsync(cancellationToken);
            return new CloseOutcome(null, unreviewed, false);
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
        if (unreviewed.Count > 0)
        {
            // The closing itself is audited as the round's change; which reports it left waiting is said beside it.
            db.AuditEntries.Add(new AuditEntry
            {
                At = clock.GetUtcNow(),
                UserId = actor.UserId,
                Actor = actor.Name,
                Action = AuditAction.Modified,
                EntityType = nameof(ReportingRound),
                EntityId = roundId.ToString(System.Globalization.CultureInfo.InvariantCulture),
                After = JsonSerializer.Serialize(new
                {
                    说明 = $"关闭轮次时仍有 {unreviewed.Count} 份报送待审核，保持待审核：" + string.Join("；", unreviewed.Select(u => u.Text)),
                    待审核报送 = unreviewed.Select(u => u.ReportId).ToArray(),
                }, AuditJson),
            });
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new CloseOutcome(null, unreviewed, true);
    }
}
