using Microsoft.EntityFrameworkCore;
using Zhenxing.Web.Data;

namespace Zhenxing.Web.Features.Units;

/// <summary>
/// Merges a unit into another (two entries for one organisation): every item, user, pairing, list, child unit,
/// notification, report, reminder and assessment entry that named the first names the second, the first's name and aliases become the second's
/// aliases, and the first is removed — in one transaction, every change audited.
/// </summary>
public sealed class MergeUnits(ZhenxingDb db)
{
    /// <summary>What a merge would move, shown to the user who must confirm it before <see cref="RunAsync"/>.</summary>
    public sealed record Preview(string Source, string Target, int SourceVersion, int Items, int Reports, int Users, int Pairings, int Trips);

    /// <returns>The preview, or a Chinese message why the merge cannot be done.</returns>
    public async Task<(Preview? Preview, string? Problem)> PreviewAsync(int sourceId, string targetName, CancellationToken cancellationToken)
    {
        var source = await db.Units.AsNoTracking().SingleOrDefaultAsync(u => u.Id == sourceId, cancellationToken);
        if (source is null)
        {
            return (null, "要合并的单位不存在。");
        }
        var target = await db.Units.AsNoTracking().FindByNameAsync(targetName, cancellationToken);
        if (target is null)
        {
            return (null, $"单位“{targetName.Trim()}”不在单位名录中。");
        }
        if (target.Id == source.Id)
        {
            return (null, "不能把单位合并到它自己。");
        }
        if (await ClashAsync(source.Id, target.Id, cancellationToken) is { } clash)
        {
            return (null, clash);
        }
        return (new Preview(source.Name, target.Name, source.Version,
            Items: await db.ItemUnits.Where(u => u.UnitId == sourceId).Select(u => u.ItemId).Distinct().CountAsync(cancellationToken),
            Reports: await db.ProgressReports.CountAsync(p => p.UnitId == sourceId, cancellationToken),
            Users: await db.Users.CountAsync(u => u.UnitId == sourceId, cancellationToken),
            Pairings: await db.Pairings.CountAsync(p => p.SupportingUnitId == sourceId || p.CountyUnitId == sourceId, cancellationToken),
            Trips: await db.LiaisonTrips.CountAsync(t => t.UnitId == sourceId || t.DestinationUnitId == sourceId, cancellationToken)), null);
    }

    public async Task<string?> RunAsync(int sourceId, int sourceVersion, string targetName, CancellationToken cancellationToken)
    {
        var source = await db.Units.Include(u => u.Aliases).SingleOrDefaultAsync(u => u.Id == sourceId, cancellationToken);
        if (source is null)
        {
            return "要合并的单位不存在。";
        }
        var target = await db.Units.Include(u => u.Aliases).FindByNameAsync(targetName, cancellationToken);
        if (target is null)
        {
            return $"单位“{targetName.Trim()}”不在单位名录中。";
        }
        if (target.Id == source.Id)
        {
            return "不能把单位合并到它自己。";
        }
        db.Entry(source).Property(u => u.Version).OriginalValue = sourceVersion;

        if (await ClashAsync(source.Id, target.Id, cancellationToken) is { } clash)
        {
            return clash;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var itemUnits = await db.ItemUnits.Where(u => u.UnitId == source.Id || u.UnitId == target.Id).ToListAsync(cancellationToken);
        foreach (var row in itemUnits.Where(u => u.UnitId == source.Id))
        {
            if (itemUnits.Any(t => t.UnitId == target.Id && t.ItemId == row.ItemId && t.Role == row.Role))
            {
                db.ItemUnits.Remove(row);
            }
            else
            {
                row.UnitId = target.Id;
            }
        }
        foreach (var user in await db.Users.Where(u => u.UnitId == source.Id).ToListAsync(cancellationToken))
        {
            user.UnitId = target.Id;
        }
        foreach (var pairing in await db.Pairings.Where(p => p.SupportingUnitId == source.Id || p.CountyUnitId == source.Id).ToListAsync(cancellationToken))
        {
            pairing.SupportingUnitId = pairing.SupportingUnitId == source.Id ? target.Id : pairing.SupportingUnitId;
            pairing.CountyUnitId = pairing.CountyUnitId == source.Id ? target.Id : pairing.CountyUnitId;
        }
        foreach (var child in await db.Units.Where(u => u.ParentId == source.Id).ToListAsync(cancellationToken))
        {
            child.ParentId = child.Id == target.Id ? null : target.Id;
        }
        foreach (var list in await db.ItemLists.Where(l => l.IssuingUnitId == source.Id).ToListAsync(cancellationToken))
        {
            list.IssuingUnitId = target.Id;
        }
        foreach (var notification in await db.Notifications.Where(n => n.UnitId == source.Id).ToListAsync(cancellationToken))
        {
            notification.UnitId = target.Id;
        }
        foreach (var report in await db.ProgressReports.Where(p => p.UnitId == source.Id).ToListAsync(cancellationToken))
        {
            report.UnitId = target.Id;
        }
        foreach (var adjustment in await db.AssessmentAdjustments.Where(a => a.UnitId == source.Id).ToListAsync(cancellationToken))
        {
            adjustment.UnitId = target.Id;
        }
        foreach (var trip in await db.LiaisonTrips.Where(t => t.UnitId == source.Id || t.DestinationUnitId == source.Id).ToListAsync(cancellationToken))
        {
            trip.UnitId = trip.UnitId == source.Id ? target.Id : trip.UnitId;
            trip.DestinationUnitId = trip.DestinationUnitId == source.Id ? target.Id : trip.DestinationUnitId;
        }
        // A reminder step already sent to the target stands for both.
        var sentToTarget = await db.ReminderLogs.Where(l => l.UnitId == target.Id).Select(l => new { l.RoundId, l.Step }).ToListAsync(cancellationToken);
        foreach (var log in await db.ReminderLogs.Where(l => l.UnitId == source.Id).ToListAsync(cancellationToken))
        {
            if (sentToTarget.Contains(new { log.RoundId, log.Step }))
            {
                db.ReminderLogs.Remove(log);
            }
            else
            {
                log.UnitId = target.Id;
            }
        }
        var names = source.Aliases.Select(a => a.Name).Prepend(source.Name).Where(n => n != target.Name && target.Aliases.All(a => a.Name != n)).ToList();
        source.Aliases.Clear();
        db.Units.Remove(source);
        try
        {
            // The source's names must be free before they become the target's aliases.
            await db.SaveChangesAsync(cancellationToken);
            foreach (var name in names)
            {
                target.Aliases.Add(new UnitAlias { Name = name });
            }
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return null;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return "在您操作期间，该单位已被其他用户修改，未合并。请刷新后重试。";
        }
    }

    // Two reports on one item in one round, one from each unit, cannot become one report: the Office decides first.
    private async Task<string?> ClashAsync(int sourceId, int targetId, CancellationToken cancellationToken)
    {
        var clashes = await db.ProgressReports.Where(p => p.UnitId == sourceId)
            .Where(p => db.ProgressReports.Any(t => t.UnitId == targetId && t.RoundId == p.RoundId && t.ItemId == p.ItemId))
            .Select(p => new { Round = p.Round!.Name, p.Item!.Number })
            .ToListAsync(cancellationToken);
        return clashes.Count == 0 ? null
            : $"两个单位在同一轮次对同一事项都有报送（{string.Join("、", clashes.Take(5).Select(c => $"{c.Round}第 {c.Number} 项"))}），无法合并。请先退回或处理其中一份。";
    }
}
