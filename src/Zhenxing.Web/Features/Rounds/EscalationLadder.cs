using Microsoft.EntityFrameworkCore;
using Zhenxing.Web.Data;
using Zhenxing.Web.Features.Holidays;
using Zhenxing.Web.Features.Items;
using Zhenxing.Web.Features.Notifications;
using Zhenxing.Web.Infrastructure;

namespace Zhenxing.Web.Features.Rounds;

/// <summary>
/// The escalation ladder, per list and in working days, for every report owed in an open round: 提醒 M working days
/// before the due date, 催办通知 on the first working day after it, 督办 N working days after that (a
/// <see cref="Supervision"/> record, closed when the report is submitted). Each step goes out once per (round, item,
/// unit): the unique index on the steps refuses a second one, whichever app node tries. One notification per unit
/// and step lists its items.
/// </summary>
public sealed class EscalationLadder(ZhenxingDb db, RoundObligations obligations, TimeProvider clock)
{
    public sealed record Due(Obligation Owed, EscalationLevel Level);

    /// <summary>The steps due today that were not taken yet.</summary>
    public async Task<List<Due>> StepsDueAsync(WorkingDays calendar, CancellationToken cancellationToken)
    {
        var today = ChinaTime.Today(clock);
        var owed = (await obligations.QueryAsync(null, null, openOnly: true, cancellationToken))
            .Where(o => o.State is null or ReportState.Draft or ReportState.Returned)
            .ToList();
        if (owed.Count == 0)
        {
            return [];
        }
        var roundIds = owed.Select(o => o.RoundId).Distinct().ToList();
        var opened = (await db.ReportingRounds.AsNoTracking().Where(r => roundIds.Contains(r.Id) && r.OpensOn <= today).Select(r => r.Id).ToListAsync(cancellationToken)).ToHashSet();
        var itemIds = owed.Select(o => o.ItemId).Distinct().ToList();
        var settings = await db.Items.AsNoTracking().Where(i => itemIds.Contains(i.Id))
            .Select(i => new { i.Id, i.ItemList!.RemindWorkingDaysBefore, i.ItemList.SuperviseWorkingDaysAfter })
            .ToDictionaryAsync(i => i.Id, cancellationToken);
        var taken = (await db.EscalationSteps.AsNoTracking().Where(s => roundIds.Contains(s.RoundId))
            .Select(s => new { s.RoundId, s.ItemId, s.UnitId, s.Level }).ToListAsync(cancellationToken))
            .Select(s => (s.RoundId, s.ItemId, s.UnitId, s.Level)).ToHashSet();

        var due = new List<Due>();
        foreach (var o in owed.Where(o => opened.Contains(o.RoundId)))
        {
            var list = settings[o.ItemId];
            var chaseOn = calendar.AddWorkingDays(o.DueOn, 1);
            var ladder = new List<EscalationLevel>();
            if (today <= o.DueOn && today >= calendar.AddWorkingDays(o.DueOn, -(list.RemindWorkingDaysBefore ?? ItemList.DefaultRemindWorkingDaysBefore)))
            {
                ladder.Add(EscalationLevel.Remind);
            }
            if (today >= chaseOn)
            {
                ladder.Add(EscalationLevel.Chase);
            }
            if (today >= calendar.AddWorkingDays(chaseOn, list.SuperviseWorkingDaysAfter ?? ItemList.DefaultSuperviseWorkingDaysAfter))
            {
                ladder.Add(EscalationLevel.Supervise);
            }
            due.AddRange(ladder.Where(level => !taken.Contains((o.RoundId, o.ItemId, o.UnitId, level))).Select(level => new Due(o, level)));
        }
        return due;
    }

    /// <summary>Takes the steps due today; returns how many (round, item, unit) steps were taken.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var calendar = await WorkingDays.LoadAsync(db, cancellationToken);
        var due = await StepsDueAsync(calendar, cancellationToken);
        var now = clock.GetUtcNow();
        var taken = 0;
        foreach (var group in due.GroupBy(d => (d.Owed.RoundId, d.Owed.UnitId, d.Level)).OrderBy(g => g.Key.Level))
        {
            db.ChangeTracker.Clear();
            var first = group.First().Owed;
            foreach (var step in group)
            {
                db.EscalationSteps.Add(new EscalationStep { RoundId = step.Owed.RoundId, ItemId = step.Owed.ItemId, UnitId = step.Owed.UnitId, Level = step.Level, TakenAt = now });
                if (step.Level == EscalationLevel.Supervise)
                {
                    db.Supervisions.Add(new Supervision
                    {
                        RoundId = step.Owed.RoundId,
                        ItemId = step.Owed.ItemId,
                        UnitId = step.Owed.UnitId,
                        Since = now,
                        Reason = $"“{step.Owed.RoundName}”{step.Owed.DueOn:M月d日}截止，催办后仍未报送",
                    });
                }
            }
            var items = string.Join("；", group.Take(5).Select(d => $"第{d.Owed.ItemNumber}项"));
            var more = group.Count() > 5 ? $"等 {group.Count()} 项" : $"共 {group.Count()} 项";
            var text = group.Key.Level switch
            {
                EscalationLevel.Remind => $"提醒：“{first.RoundName}”将于 {first.DueOn:yyyy-MM-dd} 截止，您单位尚有{items}{more}事项未报送进展。",
                EscalationLevel.Chase => $"催办通知：“{first.RoundName}”已于 {first.DueOn:yyyy-MM-dd} 截止，您单位{items}{more}事项仍未报送进展，请尽快报送。",
                _ => $"督办：“{first.RoundName}”截止后经催办，您单位{items}{more}事项仍未报送进展，已列入督办，并将在工作简报中通报。",
            };
            db.Notifications.Add(new Notification { UnitId = group.Key.UnitId, Text = text, Link = "/inbox", CreatedAt = now });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // Another run took these steps first: nothing more to do.
                continue;
            }
            taken += group.Count();
        }
        db.ChangeTracker.Clear();
        return taken;
    }
}

/// <summary>签收 chasing: lead assignments not acknowledged within the list's working days are chased once, one notice per unit.</summary>
public sealed class ChaseAcknowledgements(ZhenxingDb db, TimeProvider clock)
{
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var pending = await db.ItemUnits
            .Where(u => u.Role == ItemUnitRole.Lead && u.AssignedAt != null && u.AcknowledgedAt == null && u.AcknowledgementChasedAt == null)
            .Join(db.Items.Where(i => i.WithdrawnAt == null), u => u.ItemId, i => i.Id, (u, i) => new { Row = u, i.ItemList!.AcknowledgeWithinWorkingDays })
            .ToListAsync(cancellationToken);
        if (pending.Count == 0)
        {
            return 0;
        }
        var calendar = await WorkingDays.LoadAsync(db, cancellationToken);
        var today = ChinaTime.Today(clock);
        var now = clock.GetUtcNow();
        var chased = 0;
        var late = pending.Where(p => today >= calendar.AddWorkingDays(ChinaTime.DateOf(p.Row.AssignedAt!.Value), p.AcknowledgeWithinWorkingDays ?? ItemList.DefaultAcknowledgeWithinWorkingDays));
        foreach (var unit in late.GroupBy(p => p.Row.UnitId))
        {
            foreach (var row in unit)
            {
                row.Row.AcknowledgementChasedAt = now;
            }
            db.Notifications.Add(new Notification
            {
                UnitId = unit.Key,
                Text = $"催办签收：您单位有 {unit.Count()} 项交办事项超过规定工作日仍未签收，请在“待报送”页面签收。",
                Link = "/inbox",
                CreatedAt = now,
            });
            chased += unit.Count();
        }
        await db.SaveChangesAsync(cancellationToken);
        return chased;
    }
}
