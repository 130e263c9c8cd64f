using System.Net;
using Microsoft.EntityFrameworkCore;
using Zhenxing.IntegrationTests.Infrastructure;
using Zhenxing.Web.Features.Items;
using Zhenxing.Web.Features.Rounds;
using Zhenxing.Web.Features.Users;
using Zhenxing.Web.Infrastructure;

namespace Zhenxing.IntegrationTests.Resilience;

/// <summary>
/// Two app nodes, each a `zhenxing serve` process, on one PostgreSQL database, with requests dealt out in turn as a
/// round-robin load balancer does: they behave as one application.
/// </summary>
public sealed class TwoNodeTests(PostgresApp app) : IntegrationTest(app), IClassFixture<PostgresApp>
{
    [Fact]
    public async Task SignInOnOneNodeActOnTheOtherAndEachReminderGoesOutOnce()
    {
        var data = await App.CreateSmallListAsync();
        await App.AddUserAsync("office1", Role.Office);
        await App.AddUserAsync("czj", Role.Liaison, unitId: data.Finance);
        var today = ChinaTime.Today(App.Clock);
        // Due in two days: the 提醒 (three working days before) is due the moment a node starts its reminder job.
        var opened = await (await App.SignInAsync("office1")).PostFormAsync("/rounds", new()
        {
            ["Form.Name"] = "十一月调度", ["Form.OpensOn"] = today.ToString("yyyy-MM-dd"), ["Form.DueOn"] = today.AddDays(2).ToString("yyyy-MM-dd"), ["Form.Lists"] = data.ListId.ToString(),
        });
        var roundId = int.Parse(opened.Headers.Location!.ToString().Split('/').Last());
        string[] switches = ["--Database:Provider=Postgres", $"--ConnectionStrings:Zhenxing={App.ConnectionString}", "--Bootstrap:CreateAdmin=false"];
        await using var first = new AppNode(switches);
        await using var second = new AppNode(switches);

        // Both start at once, and both run their reminder job's first tick at start.
        await Task.WhenAll(first.StartAsync(), second.StartAsync());
        first.Port.ShouldNotBe(second.Port);

        var logs = await WaitForRemindersAsync(roundId);
        logs.ShouldNotBeEmpty();
        logs.GroupBy(l => (l.ItemId, l.UnitId, l.Level)).ShouldAllBe(g => g.Count() == 1);
        logs.Select(l => l.Level).Distinct().ShouldBe([EscalationLevel.Remind]);
        var notices = await App.WithDbAsync(db => db.Notifications.AsNoTracking().Where(n => n.Text.StartsWith("提醒")).ToListAsync());
        notices.Count.ShouldBe(logs.Select(l => l.UnitId).Distinct().Count());
        notices.Count(n => n.UnitId == data.Finance).ShouldBe(1);

        var robin = new RoundRobin([first, second]);
        using var browser = new HttpClient(robin) { BaseAddress = first.BaseAddress };
        // The sign-in form comes from one node and is posted to the other: anti-forgery and cookie keys are shared.
        (await browser.PostFormAsync("/account/login", new() { ["UserName"] = "czj", ["Password"] = "correct-horse-9" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var inboxes = new[] { await browser.GetAsync("/notifications"), await browser.GetAsync("/notifications") };
        inboxes.ShouldAllBe(r => r.StatusCode == HttpStatusCode.OK);
        foreach (var inbox in inboxes)
        {
            var text = (await inbox.HtmlAsync()).Body!.TextContent;
            text.Split("提醒：").Length.ShouldBe(2, "one reminder among the notifications, on either node");
        }
        var saved = await browser.PostFormAsync($"/rounds/{roundId}/items/{data.Later}/report", new()
        {
            ["Status"] = nameof(ItemStatus.InProgress), ["Narrative"] = "两个节点之间保存的草稿。", ["Version"] = "0",
        });
        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await App.WithDbAsync(db => db.ProgressReports.AsNoTracking().SingleAsync(p => p.RoundId == roundId))).Narrative.ShouldBe("两个节点之间保存的草稿。");
        robin.Served.Distinct().Order().ShouldBe([0, 1]);
        first.Output.ShouldNotContain("fail:");
        second.Output.ShouldNotContain("fail:");
    }

    /// <summary>The ladder steps of the round once both nodes' first ticks are over (the steps stop growing).</summary>
    private async Task<List<EscalationStep>> WaitForRemindersAsync(int roundId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        var seen = -1;
        while (DateTime.UtcNow < deadline)
        {
            var logs = await App.WithDbAsync(db => db.EscalationSteps.AsNoTracking().Where(l => l.RoundId == roundId).ToListAsync());
            if (logs.Count > 0 && logs.Count == seen)
            {
                return logs;
            }
            seen = logs.Count;
            await Task.Delay(1000);
        }
        throw new TimeoutException("No reminders were sent within 30 s.");
    }
}
