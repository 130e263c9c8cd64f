using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Zhenxing.IntegrationTests.Infrastructure;
using Zhenxing.Testing;
using Zhenxing.Web.Features.Meetings;
using Zhenxing.Web.Features.Rounds;
using Zhenxing.Web.Features.Targets;
using Zhenxing.Web.Infrastructure;

namespace Zhenxing.IntegrationTests.Demo;

/// <summary>The demo's targets (seeds 002 and 004) and meetings (seed 000's line), as <c>zhenxing demo</c> writes them.</summary>
public abstract class DemoTargetsTests(ZhenxingAppFactory app) : IntegrationTest(app)
{
    private string[] DatabaseSwitches =>
        [$"--Database:Provider={App.Provider}", $"--ConnectionStrings:Zhenxing={App.ConnectionString}"];

    [Fact]
    public async Task TheDemoLoadsTheSeedTargetsWithValuesOnTrackAndBehindAndAMeetingWithEightOfTenMattersLanded()
    {
        foreach (var seed in new[] { "001", "002", "003", "004" })
        {
            await App.ImportSeedAsync(seed);
        }

        var result = await ZhenxingExecutable.RunAsync(["demo", .. DatabaseSwitches]);

        result.ExitCode.ShouldBe(0, result.Output + result.Error);
        result.Output.ShouldContain("演示指标：共 9 项指标，按进度 4 项、滞后 4 项、暂无数据 1 项。");
        result.Output.ShouldContain("演示会议：召开会议 1 次，研究我市 10 项重大事项，目前 8 项已落地实施；另有 1 次会议待召开，拟提请研究事项 3 项。");

        await using var scope = App.Services.CreateAsyncScope();
        var today = ChinaTime.Today(TimeProvider.System);
        var progress = await scope.ServiceProvider.GetRequiredService<TargetProgress>().AsOfAsync(today, CancellationToken.None);
        TargetStanding Of(string title) => progress.Targets.Single(t => t.Title == title);

        // Seed 002: 争资 750 亿元 and 新增地方政府债券 150 亿元 in 2020, owned by 市财政局 as the seed's table says.
        (Of("全年争资").OwnerUnit, Of("全年争资").TargetValue, Of("全年争资").TargetYear, Of("全年争资").SourceName).ShouldBe(("市财政局", 750m, 2020, "赣苏振领发〔2020〕1号"));
        (Of("全年争资").Actual, Of("全年争资").State, Of("全年争资").Achieved).ShouldBe((783m, TrackState.OnTrack, true));
        (Of("新增地方政府债券").TargetValue, Of("新增地方政府债券").Actual, Of("新增地方政府债券").State).ShouldBe((150m, 138m, TrackState.Behind));
        // Seed 004's 2025 goals, each in its unit of measure.
        (Of("地区生产总值").TargetValue, Of("地区生产总值").MeasureUnit, Of("地区生产总值").TargetYear).ShouldBe((6000m, "亿元", 2025));
        // GDP: the 2025 figure is submitted but not yet accepted; the latest accepted is 5390 at the end of 2024, due 5500.34.
        (Of("地区生产总值").Actual, Of("地区生产总值").ActualAsOf, TargetTrajectory.Format(Of("地区生产总值").Expected!.Value), Of("地区生产总值").State)
            .ShouldBe((5390m, new DateOnly(2024, 12, 31), "5500.34", TrackState.Behind));
        (Of("高新技术企业数量").TargetValue, Of("高新技术企业数量").MeasureUnit, Of("高新技术企业数量").Actual, Of("高新技术企业数量").State).ShouldBe((2000m, "家", 2046m, TrackState.OnTrack));
        // Factories follow their yearly milestones: 66 at the end of 2024 against 70.
        (Of("智能工厂、数字化车间").TargetValue, Of("智能工厂、数字化车间").Expected, Of("智能工厂、数字化车间").State).ShouldBe((100m, 70m, TrackState.Behind));
        (Of("上云企业").TargetValue, Of("上云企业").State).ShouldBe((10000m, TrackState.NoData));
        (Of("中心城区建成区面积").TargetValue, Of("中心城区建成区面积").MeasureUnit, Of("中心城区建成区面积").State).ShouldBe((240m, "平方公里", TrackState.OnTrack));
        (Of("中心城区人口").TargetValue, Of("中心城区人口").MeasureUnit, Of("中心城区人口").Actual, Of("中心城区人口").State).ShouldBe((240m, "万人", 221m, TrackState.Behind));
        var villages = Of("村集体经济经营性收入（最低的村）");
        (villages.TargetValue, villages.MeasureUnit, villages.TargetYear, villages.Actual, villages.State).ShouldBe((20m, "万元", 2023, 20.6m, TrackState.OnTrack));
        (progress.OnTrack, progress.Behind, progress.NoData).ShouldBe((4, 4, 1));
        var seed004 = await App.WithDbAsync(db => db.Targets.Where(t => t.SourceName == "市第六次党代会报告").Select(t => t.SourceDocumentId).Distinct().ToListAsync());
        seed004.ShouldHaveSingleItem().ShouldNotBeNull();

        // The values went through the real steps: reported by the owner units' liaisons, accepted or returned by the Office.
        var reports = await App.WithDbAsync(db => db.TargetReports.AsNoTracking().ToListAsync());
        reports.Count.ShouldBe(18);
        reports.ShouldContain(r => r.State == ReportState.Submitted);
        var audit = await App.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.EntityType == nameof(TargetReport)).ToListAsync());
        audit.ShouldContain(a => a.Actor == "市公安局联络员");
        audit.ShouldContain(a => a.Actor == "demo-office");
        (await App.WithDbAsync(db => db.ReportingRounds.AllAsync(r => r.IncludeTargets))).ShouldBeTrue();

        // Seed 000: "研究我市 10 项重大事项 …… 目前 8 项已落地实施", counted by hand from the matters.
        var matters = await App.WithDbAsync(db => db.MeetingMatters.AsNoTracking().Include(m => m.Items)
            .Where(m => m.Meeting!.Title == WriteDemoTargetsTitle).ToListAsync());
        matters.Count.ShouldBe(10);
        matters.Count(m => m.Status == LandingStatus.Landed).ShouldBe(8);
        matters.ShouldAllBe(m => m.Items.Count == 1 && m.Decision != null && m.LeadUnitId != null);
        var summary = await scope.ServiceProvider.GetRequiredService<PeriodProgressSummary>().GetAsync(today.AddYears(-1), today, CancellationToken.None);
        summary.Meetings.Meetings.Single().Sentence.ShouldBe("研究我市 10 项重大事项，目前 8 项已落地实施、2 项正在推进");

        var before = (await App.WithDbAsync(db => db.Targets.CountAsync()), reports.Count, await App.WithDbAsync(db => db.MeetingMatters.CountAsync()), await App.WithDbAsync(db => db.AuditEntries.CountAsync()));
        var again = await ZhenxingExecutable.RunAsync(["demo", .. DatabaseSwitches]);
        again.ExitCode.ShouldBe(0, again.Output + again.Error);
        again.Output.ShouldContain("演示指标：共 9 项指标，按进度 4 项、滞后 4 项、暂无数据 1 项。");
        (await App.WithDbAsync(db => db.Targets.CountAsync()), await App.WithDbAsync(db => db.TargetReports.CountAsync()), await App.WithDbAsync(db => db.MeetingMatters.CountAsync()),
            await App.WithDbAsync(db => db.AuditEntries.CountAsync())).ShouldBe(before);
    }

    private const string WriteDemoTargetsTitle = Zhenxing.Web.Features.Demo.WriteDemoTargets.PromotionMeeting;
}

public sealed class DemoTargetsTests_Postgres(PostgresApp app) : DemoTargetsTests(app), IClassFixture<PostgresApp>;
public sealed class DemoTargetsTests_Sqlite(SqliteApp app) : DemoTargetsTests(app), IClassFixture<SqliteApp>;
