using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Zhenxing.IntegrationTests.Infrastructure;
using Zhenxing.Web.Features.Bulletins;
using Zhenxing.Web.Features.Items;
using Zhenxing.Web.Features.Rounds;
using Zhenxing.Web.Features.Users;
using Zhenxing.Web.Infrastructure;

namespace Zhenxing.IntegrationTests.Features.Rounds;

/// <summary>签收, the holiday calendar, the escalation ladder (提醒 → 催办通知 → 督办) and the manual 催办, on the app's clock.</summary>
public abstract class EscalationTests(ZhenxingAppFactory app) : IntegrationTest(app)
{
    /// <summary>Moves the app's clock forward to the next <paramref name="day"/>, 09:00 China time; returns that date.</summary>
    private DateOnly StartOn(DayOfWeek day)
    {
        var date = ChinaTime.Today(App.Clock).AddDays(1);
        while (date.DayOfWeek != day)
        {
            date = date.AddDays(1);
        }
        App.Clock.SetUtcNow(new DateTimeOffset(date.ToDateTime(new TimeOnly(1, 0)), TimeSpan.Zero));
        return date;
    }

    private void MoveTo(DateOnly date) => App.Clock.SetUtcNow(new DateTimeOffset(date.ToDateTime(new TimeOnly(1, 0)), TimeSpan.Zero));

    private async Task<int> RunJobAsync()
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ScheduledReminders>().RunAsync(CancellationToken.None);
    }

    private async Task SaveHolidaysAsync(HttpClient office, string lines)
    {
        var saved = await office.PostFormAsync("/holidays", new() { ["Lines"] = lines });
        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect, await saved.Content.ReadAsStringAsync());
    }

    private Task<List<string>> NoticesAsync(int unitId, string prefix) =>
        App.WithDbAsync(db => db.Notifications.AsNoTracking().Where(n => n.UnitId == unitId && n.Text.StartsWith(prefix)).OrderBy(n => n.Id).Select(n => n.Text).ToListAsync());

    [Fact]
    public async Task TheHolidayPageNamesTheBadLineAndKeepsNothingOfAFailedPaste()
    {
        await App.AddUserAsync("office1", Role.Office);
        var office = await App.SignInAsync("office1");
        var refused = await office.PostFormAsync("/holidays", new() { ["Lines"] = "2027-10-01 至 2027-10-07 休\n2027-10-09 周六上班" });
        refused.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await refused.HtmlAsync()).QuerySelector(".errors")!.TextContent.ShouldContain("节假日安排第 2 行“2027-10-09 周六上班”：无法识别");
        (await App.WithDbAsync(db => db.Holidays.CountAsync())).ShouldBe(0);

        await SaveHolidaysAsync(office, "2027-10-01 至 2027-10-07 休\n2027-10-09 班");
        var page = await (await office.GetAsync("/holidays")).HtmlAsync();
        page.QuerySelector(".notice")!.TextContent.ShouldBe("已保存 8 天：法定节假日 7 天，调休上班 1 天。");
        page.QuerySelectorAll("#holidays tbody tr").Length.ShouldBe(8);
        // Pasting a day again changes its kind rather than adding a second row.
        await SaveHolidaysAsync(office, "2027-10-09 休");
        (await App.WithDbAsync(db => db.Holidays.CountAsync())).ShouldBe(8);
        (await App.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.EntityType == "Holiday"))).ShouldBe(9);
    }

    [Fact]
    public async Task AnAssignmentWaitsForSigningAndIsChasedOnceAfterTwoWorkingDaysAcrossAHoliday()
    {
        var thursday = StartOn(DayOfWeek.Thursday);
        await App.AddUserAsync("office1", Role.Office);
        var office = await App.SignInAsync("office1");
        // Friday is a day off: two working days after Thursday are Monday and Tuesday.
        await SaveHolidaysAsync(office, $"{thursday.AddDays(1):yyyy-MM-dd} 休");
        var data = await App.CreateSmallListAsync();
        await App.AddUserAsync("czj", Role.Liaison, unitId: data.Finance);
        var finance = await App.SignInAsync("czj");

        var inbox = await (await finance.GetAsync("/inbox")).HtmlAsync();
        inbox.QuerySelector("#acknowledge h2")!.TextContent.ShouldBe("待签收 2 项");
        (await (await office.GetAsync("/acknowledgements")).HtmlAsync()).QuerySelector("h1")!.TextContent.ShouldBe("待签收（5 项，3 个单位）");

        MoveTo(thursday.AddDays(4)); // Monday
        (await RunJobAsync()).ShouldBe(0);
        MoveTo(thursday.AddDays(5)); // Tuesday
        (await RunJobAsync()).ShouldBe(5);
        (await RunJobAsync()).ShouldBe(0);
        (await NoticesAsync(data.Finance, "催办签收")).ShouldBe(["催办签收：您单位有 2 项交办事项超过规定工作日仍未签收，请在“待报送”页面签收。"]);
        // Days later the sessions have expired: sign in again.
        finance = await App.SignInAsync("czj");
        office = await App.SignInAsync("office1");

        // One item, then the rest; another unit's item is not the liaison's to sign.
        (await finance.PostFormAsync($"/inbox?itemId={data.Soon}", [], handler: "Acknowledge")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await App.WithDbAsync(db => db.ItemUnits.CountAsync(u => u.ItemId == data.Soon && u.AcknowledgedAt != null))).ShouldBe(0);
        await finance.PostFormAsync($"/inbox?itemId={data.Overdue}", [], handler: "Acknowledge");
        (await (await finance.GetAsync("/inbox")).HtmlAsync()).QuerySelector("#acknowledge h2")!.TextContent.ShouldBe("待签收 1 项");
        await finance.PostFormAsync("/inbox", [], handler: "Acknowledge");
        var after = await (await finance.GetAsync("/inbox")).HtmlAsync();
        after.QuerySelector(".notice")!.TextContent.ShouldBe("已签收 1 项交办事项。");
        after.QuerySelector("#acknowledge").ShouldBeNull();

        var item = await (await office.GetAsync($"/items/{data.Later}")).HtmlAsync();
        item.QuerySelector("#acknowledgements")!.TextContent.ShouldContain($"市财政局：已签收（czj，{thursday.AddDays(5):yyyy-MM-dd} 09:00）");
        (await (await office.GetAsync($"/items/{data.Soon}")).HtmlAsync()).QuerySelector("#acknowledgements")!.TextContent.ShouldContain("市发改委：待签收");
        (await App.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.EntityType == "ItemUnit" && a.After!.Contains("\"AcknowledgedByName\":\"czj\"")))).ShouldBe(2);
    }

    [Fact]
    public async Task ANewLeadUnitWaitsForSigningAnUnchangedOneDoesNotAndOlderAssignmentsCountAsSigned()
    {
        var data = await App.CreateSmallListAsync();
        await App.AddUserAsync("office1", Role.Office);
        var office = await App.SignInAsync("office1");
        // Assignments from before 签收 existed carry no assignment time.
        await App.WithDbAsync(db => db.ItemUnits.ExecuteUpdateAsync(s => s.SetProperty(u => u.AssignedAt, (DateTimeOffset?)null)));
        (await App.WithDbAsync(db => db.ItemUnits.CountAsync(u => u.AssignedAt != null))).ShouldBe(0);

        // The ledger's bulk assign makes 市教育局 a lead unit of item 2: that waits; the other rows are untouched.
        var assigned = await office.PostFormAsync("/ledger", new() { ["selected"] = data.Soon.ToString(), ["unitName"] = "市教育局", ["role"] = "Lead" }, handler: "Assign");
        assigned.StatusCode.ShouldBe(HttpStatusCode.Redirect, await assigned.Content.ReadAsStringAsync());
        var pending = await App.WithDbAsync(db => db.ItemUnits.AsNoTracking().Where(u => u.AssignedAt != null).ToListAsync());
        pending.Select(u => (u.ItemId, u.UnitId, u.AcknowledgedAt)).ShouldBe([(data.Soon, data.Education, (DateTimeOffset?)null)]);
    }

    [Fact]
    public async Task TheLadderRemindsChasesAndSupervisesOnTheRightWorkingDaysOnceEachAndSubmittingClearsIt()
    {
        var monday = StartOn(DayOfWeek.Monday);
        var friday = monday.AddDays(4);
        await App.AddUserAsync("office1", Role.Office);
        var office = await App.SignInAsync("office1");
        // The Monday after the due date is a day off: the 催办通知 goes on Tuesday, 督办 three working days later on Friday.
        await SaveHolidaysAsync(office, $"{monday.AddDays(7):yyyy-MM-dd} 休");
        var data = await App.CreateSmallListAsync();
        await App.AddUserAsync("czj", Role.Liaison, unitId: data.Finance);
        var finance = await App.SignInAsync("czj");
        await finance.PostFormAsync("/inbox", [], handler: "Acknowledge");
        // The other units signed for theirs too (this test is about the ladder, not the chasing of 签收).
        await App.WithDbAsync(db => db.ItemUnits.ExecuteUpdateAsync(s => s.SetProperty(u => u.AcknowledgedAt, App.Clock.GetUtcNow())));
        var roundId = await App.WithDbAsync(async db =>
        {
            var round = new ReportingRound { Name = "十二月调度", OpensOn = monday.AddDays(-10), DueOn = friday, Lists = [new() { ItemListId = data.ListId }] };
            db.ReportingRounds.Add(round);
            await db.SaveChangesAsync();
            return round.Id;
        });

        (await RunJobAsync()).ShouldBe(0);                       // Monday: four working days before
        MoveTo(monday.AddDays(1));                               // Tuesday: three working days before → 提醒
        (await RunJobAsync()).ShouldBe(5);
        (await RunJobAsync()).ShouldBe(0);
        (await NoticesAsync(data.Finance, "提醒")).ShouldBe([$"提醒：“十二月调度”将于 {friday:yyyy-MM-dd} 截止，您单位尚有第1项；第3项共 2 项事项未报送进展。"]);

        // 市财政局 reports its first item in time; the rest stays owed.
        finance = await App.SignInAsync("czj");
        (await finance.PostFormAsync($"/rounds/{roundId}/items/{data.Overdue}/report", new() { ["Status"] = "InProgress", ["Narrative"] = "推进中。", ["Version"] = "0", ["submit"] = "1" }))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        MoveTo(friday.AddDays(3));                               // Monday, a day off
        (await RunJobAsync()).ShouldBe(0);
        MoveTo(friday.AddDays(4));                               // Tuesday → 催办通知
        (await RunJobAsync()).ShouldBe(4);
        (await NoticesAsync(data.Finance, "催办通知")).Count.ShouldBe(1);
        MoveTo(friday.AddDays(6));                               // Thursday: two working days after
        (await RunJobAsync()).ShouldBe(0);
        MoveTo(friday.AddDays(7));                               // Friday → 督办
        (await RunJobAsync()).ShouldBe(4);
        (await RunJobAsync()).ShouldBe(0);
        (await NoticesAsync(data.Finance, "督办")).Single().ShouldStartWith("督办：“十二月调度”截止后经催办，您单位第3项共 1 项事项仍未报送进展");
        var steps = await App.WithDbAsync(db => db.EscalationSteps.AsNoTracking().Where(s => s.RoundId == roundId).ToListAsync());
        steps.GroupBy(s => (s.ItemId, s.UnitId, s.Level)).ShouldAllBe(g => g.Count() == 1);
        steps.Count(s => s.Level == EscalationLevel.Supervise).ShouldBe(4);

        // 督办 shows on the round page, the item page and the ledger filter.
        office = await App.SignInAsync("office1");
        finance = await App.SignInAsync("czj");
        var round = await (await office.GetAsync($"/rounds/{roundId}")).HtmlAsync();
        round.QuerySelector("#round-supervisions h2")!.TextContent.ShouldBe("督办中（4）");
        (await (await office.GetAsync($"/items/{data.Later}")).HtmlAsync()).QuerySelector("#supervisions")!.TextContent.ShouldContain("督办中 市财政局，十二月调度");
        var ledger = await (await office.GetAsync("/ledger?supervised=true")).HtmlAsync();
        ledger.QuerySelectorAll("a[href^='/items/']").Select(a => a.GetAttribute("href")).Distinct().Order()
            .ShouldBe(new[] { data.Soon, data.Later, data.Done, data.Ongoing }.Select(id => $"/items/{id}").Order());

        // The report clears its 督办; the bulletin lists the others with their list, and the cleared one.
        await finance.PostFormAsync($"/rounds/{roundId}/items/{data.Later}/report", new() { ["Status"] = "InProgress", ["Narrative"] = "补报。", ["Version"] = "0", ["submit"] = "1" });
        (await App.WithDbAsync(db => db.Supervisions.CountAsync(s => s.ClosedAt == null))).ShouldBe(3);
        (await App.WithDbAsync(db => db.Supervisions.SingleAsync(s => s.ItemId == data.Later))).ClosedAt.ShouldNotBeNull();
        var bulletinId = await Bulletins.BulletinTests.DraftAsync(office, friday.AddDays(-20), friday.AddDays(7));
        var section = await App.WithDbAsync(db => db.BulletinSections.AsNoTracking().SingleAsync(s => s.BulletinId == bulletinId && s.Heading == "督办事项"));
        var lines = BulletinText.Paragraphs(section.Text).Select(p => p.Text).ToList();
        lines[0].ShouldBe("截至期末，经提醒、催办后仍未报送进展、列入督办的事项 3 项：");
        lines.ShouldContain(l => l.Contains("《测试清单》第2项“争取赣州港建设支持”，市发改委在“十二月调度”"));
        lines[^1].ShouldBe("本期已报送进展、解除督办 1 项：《测试清单》第3项（市财政局）。");
    }

    [Fact]
    public async Task AChaseShowsItsRecipientsFirstGoesToOneUnitOrItemAndSaysWhenTheNextIsAllowed()
    {
        var thursday = StartOn(DayOfWeek.Thursday);
        var data = await App.CreateSmallListAsync();
        await App.AddUserAsync("office1", Role.Office);
        await App.AddUserAsync("czj", Role.Liaison, unitId: data.Finance);
        var office = await App.SignInAsync("office1");
        var roundId = await App.WithDbAsync(async db =>
        {
            var round = new ReportingRound { Name = "十一月调度", OpensOn = thursday.AddDays(-20), DueOn = thursday.AddDays(-2), Lists = [new() { ItemListId = data.ListId }] };
            db.ReportingRounds.Add(round);
            await db.SaveChangesAsync();
            return round.Id;
        });

        var preview = await (await office.GetAsync($"/rounds/{roundId}/chase?unit={data.Finance}")).HtmlAsync();
        var recipients = preview.QuerySelector("#chase-recipients")!.TextContent;
        recipients.ShouldContain("市财政局");
        recipients.ShouldContain("联络员：czj");
        recipients.ShouldContain("第 1 项 推进瑞金机场前期工作");
        recipients.ShouldNotContain("市发改委");
        (await App.WithDbAsync(db => db.Notifications.CountAsync())).ShouldBe(0);

        var sent = await office.PostFormAsync($"/rounds/{roundId}/chase?unit={data.Finance}", new() { ["Unit"] = data.Finance.ToString(), ["Text"] = "请于周五前补报。" });
        sent.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await NoticesAsync(data.Finance, "催办")).ShouldBe(["催办：“十一月调度”已逾期 2 天，您单位尚有 2 项事项未报送进展。振兴办留言：请于周五前补报。"]);

        // One item: only the unit that owes it (市发改委 for item 2).
        await office.PostFormAsync($"/rounds/{roundId}/chase", new() { ["Item"] = data.Soon.ToString() });
        (await NoticesAsync(data.Development, "催办")).ShouldBe(["催办：“十一月调度”已逾期 2 天，您单位事项“第 2 项”未报送进展。"]);

        // Again the same day: nobody is chased twice, and the page says when the next chase is allowed.
        var again = await office.PostFormAsync($"/rounds/{roundId}/chase", []);
        again.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var message = (await (await office.GetAsync($"/rounds/{roundId}")).HtmlAsync()).QuerySelector(".notice")!.TextContent;
        message.ShouldContain("已向 1 个单位催办（站内通知）：市教育局。");
        message.ShouldContain($"市财政局已于 {thursday:MM-dd} 09:00 催办，下次可于 {thursday.AddDays(1):MM-dd} 催办。");
        (await (await office.GetAsync($"/rounds/{roundId}/chase")).HtmlAsync()).QuerySelector("#send-chase")!.HasAttribute("disabled").ShouldBeTrue();
        (await App.WithDbAsync(db => db.Notifications.CountAsync(n => n.Text.StartsWith("催办")))).ShouldBe(3);

        // Friday: allowed again.
        MoveTo(thursday.AddDays(1));
        office = await App.SignInAsync("office1");
        await office.PostFormAsync($"/rounds/{roundId}/chase", new() { ["Unit"] = data.Finance.ToString() });
        (await NoticesAsync(data.Finance, "催办")).Count.ShouldBe(2);
        (await App.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.EntityType == "ReminderLog"))).ShouldBe(4);

        // A message too long is refused by name, nothing sent.
        var tooLong = await office.PostFormAsync($"/rounds/{roundId}/chase", new() { ["Text"] = new string('催', 501) });
        tooLong.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await tooLong.HtmlAsync()).QuerySelector(".errors")!.TextContent.ShouldContain("催办留言不能超过 500 字");
    }
}

public sealed class EscalationTests_Postgres(PostgresApp app) : EscalationTests(app), IClassFixture<PostgresApp>;
public sealed class EscalationTests_Sqlite(SqliteApp app) : EscalationTests(app), IClassFixture<SqliteApp>;
