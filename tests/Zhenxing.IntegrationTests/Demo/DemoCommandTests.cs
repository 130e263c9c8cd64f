using Microsoft.EntityFrameworkCore;
using Zhenxing.IntegrationTests.Infrastructure;
using Zhenxing.Testing;
using Zhenxing.Web.Features.Items;
using Zhenxing.Web.Features.Rounds;
using Zhenxing.Web.Infrastructure;

namespace Zhenxing.IntegrationTests.Demo;

/// <summary><c>zhenxing demo</c> run as a process over the imported seeds.</summary>
public abstract class DemoCommandTests(ZhenxingAppFactory app) : IntegrationTest(app)
{
    private string[] DatabaseSwitches =>
        [$"--Database:Provider={App.Provider}", $"--ConnectionStrings:Zhenxing={App.ConnectionString}"];

    private sealed record Counts(int Rounds, int Reports, int Snapshots, int Audit, int Users, int Activities, int Trips, int Lists, string Statuses);

    private Task<Counts> CountAsync() => App.WithDbAsync(async db => new Counts(
        await db.ReportingRounds.CountAsync(), await db.ProgressReports.CountAsync(), await db.RoundItemStatuses.CountAsync(),
        await db.AuditEntries.CountAsync(), await db.Users.CountAsync(), await db.PairingActivities.CountAsync(), await db.LiaisonTrips.CountAsync(), await db.ItemLists.CountAsync(),
        string.Join(",", await db.Items.OrderBy(i => i.Id).Select(i => i.Status).ToListAsync())));

    [Fact]
    public async Task DemoPlaysAReportingHistoryOverTheImportedListsAndASecondRunChangesNothing()
    {
        foreach (var seed in new[] { "001", "002", "003", "004" })
        {
            await App.ImportSeedAsync(seed);
        }

        var result = await ZhenxingExecutable.RunAsync(["demo", .. DatabaseSwitches]);

        result.ExitCode.ShouldBe(0, result.Output + result.Error);
        result.Output.ShouldContain("演示报送历史已生成");
        result.Output.ShouldContain("报送轮次：新建 4 个，已关闭 3 个");
        // Seeds 001–004 hold 184 items; the demo adds a county-support list of 12.
        result.Output.ShouldContain("事项状态（共 196 项）");
        result.Output.ShouldContain("援县促市：新建“援县促市”事项清单，12 项事项");
        result.Output.ShouldContain("对口支援与北上对接：各受援县填报工作动态");
        result.Output.ShouldContain("已创建振兴办用户 demo-office");

        var today = ChinaTime.Today(TimeProvider.System);
        var rounds = await App.WithDbAsync(db => db.ReportingRounds.AsNoTracking().Include(r => r.Lists).OrderBy(r => r.DueOn).ToListAsync());
        var lists = await App.WithDbAsync(db => db.ItemLists.Select(l => l.Id).ToListAsync());
        rounds.Select(r => r.State).ShouldBe([RoundState.Closed, RoundState.Closed, RoundState.Closed, RoundState.Open]);
        rounds.ShouldAllBe(r => r.Lists.Select(l => l.ItemListId).Order().SequenceEqual(lists.Order()));
        rounds[2].DueOn.ShouldBeLessThan(today.AddDays(-20));
        rounds[0].DueOn.ShouldBeGreaterThan(today.AddDays(-100));
        rounds[3].DueOn.DayNumber.ShouldBeInRange(today.DayNumber + 9, today.DayNumber + 10);

        var items = await App.WithDbAsync(db => db.Items.AsNoTracking().Where(i => i.WithdrawnAt == null).Select(i => new { i.Id, i.Status }).ToListAsync());
        items.Count.ShouldBe(196);
        foreach (var round in rounds.Take(3))
        {
            var kept = await App.WithDbAsync(db => db.RoundItemStatuses.Where(s => s.RoundId == round.Id).Select(s => s.ItemId).ToListAsync());
            kept.Order().ShouldBe(items.Select(i => i.Id).Order());
        }
        items.Select(i => i.Status).ShouldContain(ItemStatus.InProgress);
        items.Select(i => i.Status).ShouldContain(ItemStatus.PositiveProgress);
        items.Select(i => i.Status).ShouldContain(ItemStatus.Done);
        var trend = await App.WithDbAsync(db => db.RoundItemStatuses.Where(s => s.Status == ItemStatus.Done)
            .GroupBy(s => s.RoundId).OrderBy(g => g.Key).Select(g => g.Count()).ToListAsync());
        trend.ShouldBe(trend.Order().ToList());

        var closedIds = rounds.Take(3).Select(r => r.Id).ToList();
        var closedReports = await App.WithDbAsync(db => db.ProgressReports.AsNoTracking().Where(p => closedIds.Contains(p.RoundId)).ToListAsync());
        var owed = (await App.WithDbAsync(db => db.ItemUnits.CountAsync(u => u.Role == ItemUnitRole.Lead))) * 3;
        closedReports.Count(p => p.State == ReportState.Accepted).ShouldBeInRange(owed * 8 / 10, owed);
        closedReports.ShouldContain(p => p.Late);
        closedReports.ShouldContain(p => p.State == ReportState.Returned && p.ReturnReason != null);
        closedReports.ShouldContain(p => p.State == ReportState.Draft);
        closedReports.ShouldAllBe(p => p.Narrative.Length > 0);

        // In the open round about half of the lead units have submitted, nothing is late yet.
        var open = await App.WithDbAsync(db => db.ProgressReports.AsNoTracking().Where(p => p.RoundId == rounds[3].Id).ToListAsync());
        var leadUnits = await App.WithDbAsync(db => db.ItemUnits.Where(u => u.Role == ItemUnitRole.Lead).Select(u => u.UnitId).Distinct().CountAsync());
        open.Where(p => p.State != ReportState.Draft).Select(p => p.UnitId).Distinct().Count().ShouldBeInRange(leadUnits * 4 / 10, leadUnits * 6 / 10);
        open.ShouldContain(p => p.State == ReportState.Submitted);
        open.ShouldNotContain(p => p.Late);

        // The audit log tells who did what, when it happened.
        var audit = await App.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.EntityType == nameof(ProgressReport) || a.EntityType == nameof(ReportingRound)).ToListAsync());
        audit.ShouldContain(a => a.EntityType == nameof(ProgressReport) && a.Actor.EndsWith("联络员") && a.UserId == null);
        audit.ShouldContain(a => a.EntityType == nameof(ProgressReport) && a.Actor == "demo-office" && a.UserId != null);
        audit.Where(a => a.EntityType == nameof(ReportingRound)).Min(a => a.At).ShouldBeLessThan(DateTimeOffset.UtcNow.AddDays(-80));

        // Pairing assistance and trips: every pairing has its seconded cadre (one term ends in 20 days), the county-support
        // list was reported in the rounds and some of it is done, the trips name the units' own items.
        var countySupport = await App.WithDbAsync(db => db.Items.AsNoTracking().Where(i => i.ItemList!.Kind == Zhenxing.Importing.ItemListKind.CountySupport).Select(i => new { i.Id, i.Status }).ToListAsync());
        countySupport.Count.ShouldBe(12);
        countySupport.ShouldContain(i => i.Status == ItemStatus.Done);
        (await App.WithDbAsync(db => db.ProgressReports.CountAsync(p => p.Item!.ItemList!.Kind == Zhenxing.Importing.ItemListKind.CountySupport))).ShouldBeGreaterThan(12);
        var activities = await App.WithDbAsync(db => db.PairingActivities.AsNoTracking().ToListAsync());
        activities.Count(a => a.Kind == Zhenxing.Web.Features.Pairings.PairingActivityKind.Cadre).ShouldBe(61);
        activities.ShouldContain(a => a.Kind == Zhenxing.Web.Features.Pairings.PairingActivityKind.Cadre && a.TermEndsOn == today.AddDays(20));
        activities.Select(a => a.Kind).Distinct().Count().ShouldBe(6);
        activities.ShouldAllBe(a => a.OccurredOn <= today || a.Kind == Zhenxing.Web.Features.Pairings.PairingActivityKind.Cadre);
        var trips = await App.WithDbAsync(db => db.LiaisonTrips.AsNoTracking().Include(t => t.Items).ToListAsync());
        trips.Count.ShouldBeGreaterThan(100);
        trips.ShouldContain(t => t.Items.Count > 0);
        trips.ShouldAllBe(t => t.TravelledOn <= today && t.TravelledOn >= today.AddMonths(-4));
        var linked = trips.SelectMany(t => t.Items.Select(i => (t.UnitId, i.ItemId))).ToList();
        var owners = await App.WithDbAsync(db => db.ItemUnits.Select(u => new { u.UnitId, u.ItemId }).ToListAsync());
        linked.ShouldAllBe(l => owners.Any(o => o.UnitId == l.UnitId && o.ItemId == l.ItemId));

        var before = await CountAsync();
        var again = await ZhenxingExecutable.RunAsync(["demo", .. DatabaseSwitches]);

        again.ExitCode.ShouldBe(0, again.Output + again.Error);
        again.Output.ShouldContain("演示报送历史已存在");
        (await CountAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task DemoOnAnEmptyDatabaseRefusesAndSaysToImportFirst()
    {
        var result = await ZhenxingExecutable.RunAsync(["demo", .. DatabaseSwitches]);

        result.ExitCode.ShouldBe(1);
        result.Error.ShouldContain("台账中还没有事项清单。请先导入清单");
        (await App.WithDbAsync(db => db.ReportingRounds.AnyAsync())).ShouldBeFalse();
        (await App.WithDbAsync(db => db.Users.AnyAsync())).ShouldBeFalse();
    }
}

public sealed class DemoCommandTests_Postgres(PostgresApp app) : DemoCommandTests(app), IClassFixture<PostgresApp>;
public sealed class DemoCommandTests_Sqlite(SqliteApp app) : DemoCommandTests(app), IClassFixture<SqliteApp>;
