using System.Net;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Zhenxing.IntegrationTests.Infrastructure;
using Zhenxing.Testing;
using Zhenxing.Web.Features.Rounds;
using Zhenxing.Web.Features.Users;
using Zhenxing.Web.Infrastructure;

namespace Zhenxing.IntegrationTests.Features.Rounds;

public abstract class ReminderTests(ZhenxingAppFactory app) : IntegrationTest(app)
{
    private async Task<(LedgerData.SmallList Data, int RoundId)> RoundDueInAsync(int days)
    {
        var data = await App.CreateSmallListAsync();
        var today = ChinaTime.Today(App.Clock);
        var roundId = await App.WithDbAsync(async db =>
        {
            var round = new ReportingRound { Name = "2021年上半年", OpensOn = today.AddDays(-20), DueOn = today.AddDays(days), Lists = [new() { ItemListId = data.ListId }] };
            db.ReportingRounds.Add(round);
            await db.SaveChangesAsync();
            return round.Id;
        });
        return (data, roundId);
    }

    [Fact]
    public async Task OneChaseRemindsEveryUnitThatStillOwesReportsInTheAppAndByEmail()
    {
        var (data, roundId) = await RoundDueInAsync(-2);
        await App.WithDbAsync(async db =>
        {
            db.Users.AddRange(
                new User { UserName = "fgw", DisplayName = "发改委联络员", Role = Role.Liaison, UnitId = data.Development, Email = "fgw@example.gov.cn" },
                new User { UserName = "jyj", DisplayName = "教育局联络员", Role = Role.Liaison, UnitId = data.Education, Email = "jyj@example.gov.cn" });
            return await db.SaveChangesAsync();
        });
        await App.AddUserAsync("czj", Role.Liaison, unitId: data.Finance);
        await App.AddUserAsync("office1", Role.Office);
        // Finance has reported both its items; development and education have not.
        var finance = await App.SignInAsync("czj");
        foreach (var item in new[] { data.Overdue, data.Later })
        {
            await finance.PostFormAsync($"/rounds/{roundId}/items/{item}/report", new() { ["Status"] = "InProgress", ["Narrative"] = "推进中。", ["Version"] = "0", ["submit"] = "1" });
        }
        await using var smtp = new SmtpSink();
        await using var withMail = App.WithWebHostBuilder(b => b.UseSetting("Smtp:Host", "127.0.0.1").UseSetting("Smtp:Port", smtp.Port.ToString()));
        var office = withMail.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        await office.PostFormAsync("/account/login", new() { ["UserName"] = "office1", ["Password"] = "correct-horse-9" });

        (await office.PostFormAsync($"/rounds/{roundId}/chase", [])).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        (await (await office.GetAsync($"/rounds/{roundId}")).HtmlAsync()).QuerySelector(".notice")!.TextContent.ShouldBe("已向 2 个单位催办（站内通知和邮件）：市发改委、市教育局。");
        var notices = await App.WithDbAsync(db => db.Notifications.AsNoTracking().Where(n => n.UnitId != null).ToListAsync());
        notices.Select(n => n.UnitId).Order().ShouldBe(new int?[] { data.Development, data.Education }.Order());
        notices.First(n => n.UnitId == data.Development).Text.ShouldBe("催办：“2021年上半年”已逾期 2 天，您单位尚有 2 项事项未报送进展。");
        smtp.Messages.Select(m => m.To.Single()).Order().ShouldBe(["fgw@example.gov.cn", "jyj@example.gov.cn"]);
        var mail = await MimeMessage.LoadAsync(new MemoryStream(Encoding.UTF8.GetBytes(smtp.Messages.Single(m => m.To[0] == "fgw@example.gov.cn").Data)));
        mail.Subject.ShouldBe("【催办】2021年上半年进展报送");
        mail.TextBody!.ShouldContain("第 2 项");
        mail.TextBody!.ShouldContain("已逾期 2 天");

        // The same day's second chase sends nothing again.
        await office.PostFormAsync($"/rounds/{roundId}/chase", []);
        (await App.WithDbAsync(db => db.ReminderLogs.CountAsync())).ShouldBe(2);
        smtp.Messages.Count.ShouldBe(2);
    }

    [Fact]
    public async Task LadderStepsGoOutOnceEachEvenFromTwoRunsAtOnce()
    {
        var (data, roundId) = await RoundDueInAsync(3);

        async Task<int> RunAsync()
        {
            await using var scope = App.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<ScheduledReminders>().RunAsync(CancellationToken.None);
        }

        // At most three working days before: every report owed (five lead reports of three units) gets 提醒 once, however many runs.
        var sent = await Task.WhenAll(RunAsync(), RunAsync());
        sent.Sum().ShouldBe(5);
        (await RunAsync()).ShouldBe(0);

        var steps = await App.WithDbAsync(db => db.EscalationSteps.Where(s => s.RoundId == roundId).ToListAsync());
        steps.ShouldAllBe(s => s.Level == EscalationLevel.Remind);
        steps.Count.ShouldBe(5);
        (await App.WithDbAsync(db => db.Notifications.CountAsync(n => n.UnitId == data.Finance && n.Text.StartsWith("提醒")))).ShouldBe(1);
    }
}

public sealed class ReminderTests_Postgres(PostgresApp app) : ReminderTests(app), IClassFixture<PostgresApp>;
public sealed class ReminderTests_Sqlite(SqliteApp app) : ReminderTests(app), IClassFixture<SqliteApp>;
