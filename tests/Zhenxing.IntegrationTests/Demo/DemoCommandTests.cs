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

    private sealed record Counts(int Rounds, int Reports, int Snapshots, int Audit, int Users, string Statuses);

    private Task<Counts> CountAsync() => App.WithDbAsync(async db => new Counts(
        await db.ReportingRounds.CountAsync(), await db.ProgressReports.CountAsync(), await db.RoundItemStatuses.CountAsync(),
        await db.AuditEntries.CountAsync(), await db.Users.CountAsync(),
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
        result.Output.ShouldContain("事项状态（共 184 项）");
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
        items.Count.ShouldBe(184);
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
