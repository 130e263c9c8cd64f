using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Zhenxing.Web.Data;
using Zhenxing.Web.Features.Items;
using Zhenxing.Web.Features.Rounds;
using Zhenxing.Web.Infrastructure;
using Zhenxing.Web.Infrastructure.Audit;

namespace Zhenxing.Web.Features.Bulletins;

/// <summary>
/// Reads what happened in the ledger in a period. Statuses at the start and the end of the period come from today's
/// statuses with the later changes of the audit log undone (every status change is an audited save of the item), so a
/// bulletin for a past month says what the ledger said then.
/// </summary>
public sealed class LoadBulletinFacts(ZhenxingDb db, TimeProvider clock, IOptions<StatusLightOptions> lightOptions, CountRounds countRounds)
{
    private sealed record Snapshot(ItemStatus? Status, ReportState? State, int? UnitId, int? RoundId, string? ReturnReason);

    public async Task<BulletinFacts> RunAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var start = StartOfDay(from);
        var end = StartOfDay(to.AddDays(1));
        var today = ChinaTime.Today(clock);

        var rows = await db.Items.AsNoTracking()
            .OrderBy(i => i.ItemListId).ThenBy(i => i.Position).ThenBy(i => i.Id)
            .Select(i => new { i.Id, i.ItemListId, i.CategoryId, i.Number, Title = i.ShortTitle ?? i.Text, i.Deadline, i.ExtendedDeadline, i.Ongoing, i.Status, i.WithdrawnAt })
            .ToListAsync(cancellationToken);
        var lists = await db.ItemLists.AsNoTracking().ToDictionaryAsync(l => l.Id, l => l.Title, cancellationToken);
        var categories = await db.Categories.AsNoTracking().Select(c => new { c.Id, c.ParentId, c.Title }).ToDictionaryAsync(c => c.Id, cancellationToken);
        var leads = (await db.ItemUnits.AsNoTracking().Where(u => u.Role == ItemUnitRole.Lead).OrderBy(u => u.Position)
                .Select(u => new { u.ItemId, u.Unit!.Name }).ToListAsync(cancellationToken))
            .ToLookup(u => u.ItemId, u => u.Name);

        // The items' audit entries from the start of the period on: their status changes, and when they were added.
        var audit = await db.AuditEntries.AsNoTracking()
            .Where(a => a.EntityType == nameof(Item) && a.ItemId != null && a.At >= start && a.Action != AuditAction.Deleted)
            .OrderBy(a => a.Id)
            .Select(a => new { ItemId = a.ItemId!.Value, a.At, a.Action, a.Before, a.After })
            .ToListAsync(cancellationToken);
        var addedAt = audit.Where(a => a.Action == AuditAction.Added).GroupBy(a => a.ItemId).ToDictionary(g => g.Key, g => g.First().At);
        var changes = audit.Where(a => a.Action == AuditAction.Modified)
            .Select(a => (a.ItemId, a.At, Before: Read(a.Before).Status, After: Read(a.After).Status))
            .Where(c => c.Before is not null && c.After is not null && c.Before != c.After)
            .Select(c => new StatusChange(c.ItemId, c.At, c.Before!.Value, c.After!.Value))
            .ToLookup(c => c.ItemId);

        var all = new Dictionary<int, BulletinItem>();
        var inLedger = new List<BulletinItem>();
        foreach (var row in rows)
        {
            var mine = changes[row.Id].ToList();
            var atEnd = mine.FirstOrDefault(c => c.At >= end)?.Before ?? row.Status;
            var newInPeriod = addedAt.TryGetValue(row.Id, out var added) && added >= start;
            ItemStatus? atStart = newInPeriod ? null : mine.FirstOrDefault()?.Before ?? row.Status;
            var top = row.CategoryId;
            while (top is { } id && categories[id].ParentId is { } parent)
            {
                top = parent;
            }
            var item = new BulletinItem(row.Id, row.ItemListId, lists[row.ItemListId], top, top is { } t ? categories[t].Title : "",
                row.Number, row.Title, leads[row.Id].ToList(),
                new Item { Number = row.Number, Text = row.Title, Deadline = row.Deadline, ExtendedDeadline = row.ExtendedDeadline }.EffectiveDeadline, row.Ongoing, atStart, atEnd,
                mine.Where(c => c.At < end).ToList());
            all[row.Id] = item;
            var existed = !(addedAt.TryGetValue(row.Id, out var addedWhen) && addedWhen >= end);
            var withdrawn = row.WithdrawnAt is { } w && w < end;
            if (existed && !withdrawn)
            {
                inLedger.Add(item);
            }
        }

        var units = await db.Units.AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.Name, cancellationToken);
        var rounds = await db.ReportingRounds.AsNoTracking().ToDictionaryAsync(r => r.Id, cancellationToken);

        var accepted = (await db.ProgressReports.AsNoTracking()
                .Where(p => p.State == ReportState.Accepted && p.ReviewedAt >= start && p.ReviewedAt < end)
                .Select(p => new { p.Id, p.RoundId, p.ItemId, p.UnitId, p.Role, p.Status, p.Narrative, p.ReviewedAt })
                .ToListAsync(cancellationToken))
            .OrderBy(p => p.ReviewedAt).ThenBy(p => p.Id)
            .Select(p => new BulletinReport(p.Id, rounds[p.RoundId].Name, p.ItemId, units.GetValueOrDefault(p.UnitId, ""), p.Role, p.Status, p.Narrative, p.ReviewedAt!.Value, null))
            .ToList();

        // A report may be returned, resubmitted and accepted later: the returns are read from the audit log.
        var returned = (await db.AuditEntries.AsNoTracking()
                .Where(a => a.EntityType == nameof(ProgressReport) && a.Action == AuditAction.Modified && a.At >= start && a.At < end
                            && a.After!.Contains("\"Returned\""))
                .OrderBy(a => a.Id)
                .Select(a => new { a.EntityId, a.ItemId, a.At, a.Before, a.After })
                .ToListAsync(cancellationToken))
            .Select(a => (a.EntityId, a.ItemId, a.At, Before: Read(a.Before), After: Read(a.After)))
            .Where(a => a.After.State == ReportState.Returned && a.Before.State != ReportState.Returned && a.ItemId is not null)
            .Select(a => new BulletinReport(int.Parse(a.EntityId), a.After.RoundId is { } r && rounds.TryGetValue(r, out var round) ? round.Name : "",
                a.ItemId!.Value, a.After.UnitId is { } u ? units.GetValueOrDefault(u, "") : "", ItemUnitRole.Lead, a.After.Status ?? ItemStatus.NotStarted, "", a.At, a.After.ReturnReason))
            .ToList();

        var instructions = await db.Instructions.AsNoTracking()
            .Where(i => i.CreatedAt >= start && i.CreatedAt < end)
            .Select(i => new BulletinInstruction(i.ItemId, i.LeaderName, i.Text, i.CreatedAt, i.Answer, i.AnsweredAt))
            .ToListAsync(cancellationToken);

        var due = new List<RoundItemsReported>();
        foreach (var round in rounds.Values.Where(r => r.DueOn >= from && r.DueOn <= to).OrderBy(r => r.DueOn).ThenBy(r => r.Id))
        {
            due.Add(new RoundItemsReported(round.Id, round.Name, round.DueOn, round.State, await countRounds.ForRoundAsync(round.Id, null, null, cancellationToken)));
        }

        var judgedOn = to.AddDays(1) < today ? to.AddDays(1) : today;
        var overdue = new StatusLights(lightOptions.Value, judgedOn, [], db.ProgressReports).Overdue().Compile();
        return new BulletinFacts
        {
            From = from,
            To = to,
            JudgedOn = judgedOn,
            Today = today,
            Items = inLedger,
            ItemsById = all,
            Accepted = accepted,
            Returned = returned,
            Instructions = instructions.OrderBy(i => i.CreatedAt).ToList(),
            Rounds = due,
            IsOverdue = item => overdue(new Item { Number = item.Number, Text = item.Title, Status = item.StatusAtEnd, Deadline = item.Deadline, Ongoing = item.Ongoing }),
        };
    }

    /// <summary>The first instant of a day in China, in UTC (PostgreSQL compares UTC instants).</summary>
    public static DateTimeOffset StartOfDay(DateOnly day) =>
        new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(8)).ToUniversalTime();

    /// <summary>The fields of an audit snapshot the bulletin reads (the snapshot is the row's JSON, enums by name).</summary>
    private static Snapshot Read(string? json)
    {
        if (json is null)
        {
            return new Snapshot(null, null, null, null, null);
        }
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        string? Text(string name) => root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        int? Number(string name) => root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetInt32() : null;
        return new Snapshot(
            Enum.TryParse<ItemStatus>(Text("Status"), out var status) ? status : null,
            Enum.TryParse<ReportState>(Text("State"), out var state) ? state : null,
            Number("UnitId"), Number("RoundId"), Text("ReturnReason"));
    }
}
