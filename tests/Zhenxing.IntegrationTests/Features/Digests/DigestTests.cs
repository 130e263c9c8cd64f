using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Zhenxing.IntegrationTests.Infrastructure;
using Zhenxing.Testing;
using Zhenxing.Web.Features.Digests;
using Zhenxing.Web.Features.Items;
using Zhenxing.Web.Features.Notifications;
using Zhenxing.Web.Features.Rounds;
using Zhenxing.Web.Features.Users;
using Zhenxing.Web.Infrastructure;

namespace Zhenxing.IntegrationTests.Features.Digests;

public abstract class DigestTests(ZhenxingAppFactory app) : IntegrationTest(app)
{
    private const string PublicUrl = "https://dc.example.gov.cn";

    private async Task<(LedgerData.SmallList Data, int RoundId)> RoundDueInAsync(int days)
    {
        var data = await App.CreateSmallListAsync();
        var today = ChinaTime.Today(App.Clock);
        var roundId = await App.WithDbAsync(async db =>
        {
            var round = new ReportingRound { Name = "2026年12月第一次调度", OpensOn = today.AddDays(-10), DueOn = today.AddDays(days), Lists = [new() { ItemListId = data.ListId }] };
            db.ReportingRounds.Add(round);
            await db.SaveChangesAsync();
            return round.Id;
        });
        return (data, roundId);
    }

    private async Task<User> AddUserWithEmailAsync(string userName, Role role, int? unitId = null)
    {
        var user = await App.AddUserAsync(userName, role, unitId: unitId);
        await App.WithDbAsync(db => db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.Email, $"{userName}@example.gov.cn")));
        return user;
    }

    private static async Task<SendDigests.Result> SendAsync(WebApplicationFactory<Program> app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<SendDigests>().RunAsync(CancellationToken.None);
    }

    private static MimeMessage Mail(SmtpSink smtp, string to) =>
        MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(smtp.Messages.Single(m => m.To.Single() == to).Data)));

    [Fact]
    public async Task EachPersonGetsOneDigestADayOfWhatConcernsThemAndNeverAnEmptyOne()
    {
        var (data, roundId) = await RoundDueInAsync(2);
        await AddUserWithEmailAsync("fgw", Role.Liaison, data.Development);
        await AddUserWithEmailAsync("czj", Role.Liaison, data.Finance);
        var office = await AddUserWithEmailAsync("office1", Role.Office);
        await AddUserWithEmailAsync("leader1", Role.Leader);
        await AddUserWithEmailAsync("jyj", Role.Liaison, data.Education);
        // 教育局's liaison opts out on the account page.
        var education = await App.SignInAsync("jyj");
        var version = await App.WithDbAsync(db => db.Users.Where(u => u.UserName == "jyj").Select(u => u.Version).SingleAsync());
        await education.PostFormAsync("/account/password", new() { ["Email"] = "jyj@example.gov.cn", ["ReceiveDigest"] = "false", ["Version"] = version.ToString() }, handler: "Digest");
        (await App.WithDbAsync(db => db.Users.Where(u => u.UserName == "jyj").Select(u => u.DigestOptOut).SingleAsync())).ShouldBeTrue();
        // 财政局 submits one report: it waits for the Office's review.
        var finance = await App.SignInAsync("czj");
        await finance.PostFormAsync($"/rounds/{roundId}/items/{data.Overdue}/report", new() { ["Status"] = "InProgress", ["Narrative"] = "推进中。", ["Version"] = "0", ["submit"] = "1" });
        await App.WithDbAsync(async db =>
        {
            db.Notifications.Add(new Notification { UserId = office.Id, Text = "市财政局提交了 1 份报送", Link = $"/rounds/{roundId}", CreatedAt = App.Clock.GetUtcNow() });
            db.Notifications.Add(new Notification { UserId = office.Id, Text = "早已读过的通知", CreatedAt = App.Clock.GetUtcNow(), ReadAt = App.Clock.GetUtcNow() });
            return await db.SaveChangesAsync();
        });

        await using var smtp = new SmtpSink();
        await using var withMail = App.WithWebHostBuilder(b => b
            .UseSetting("Smtp:Host", "127.0.0.1").UseSetting("Smtp:Port", smtp.Port.ToString()).UseSetting("App:PublicUrl", PublicUrl));

        (await SendAsync(withMail)).Emails.ShouldBe(3);
        // The leader has nothing new, the opted-out liaison asked for none: no mail to either.
        smtp.Messages.Select(m => m.To.Single()).Order().ShouldBe(["czj@example.gov.cn", "fgw@example.gov.cn", "office1@example.gov.cn"]);
        var liaisonMail = Mail(smtp, "fgw@example.gov.cn");
        liaisonMail.Subject.ShouldStartWith("【每日摘要】");
        liaisonMail.TextBody!.ShouldContain("【待报送（即将截止或已逾期）】");
        liaisonMail.TextBody!.ShouldContain("“2026年12月第一次调度”2 天后截止");
        liaisonMail.TextBody!.ShouldContain("2 项未报送");
        liaisonMail.TextBody!.ShouldContain($"{PublicUrl}/inbox");
        liaisonMail.TextBody!.ShouldNotContain("待审核");
        // 财政局 submitted one of its two: one still owed.
        Mail(smtp, "czj@example.gov.cn").TextBody!.ShouldContain("1 项未报送");
        var officeMail = Mail(smtp, "office1@example.gov.cn").TextBody!;
        officeMail.ShouldContain("【未读通知】");
        officeMail.ShouldContain("市财政局提交了 1 份报送");
        officeMail.ShouldNotContain("早已读过的通知");
        officeMail.ShouldContain("【待审核的报送】");
        officeMail.ShouldContain("“2026年12月第一次调度”有 1 份报送待审核");
        officeMail.ShouldContain($"{PublicUrl}/review?round={roundId}");
        officeMail.ShouldNotContain("待报送");

        // Later the same day, from two runs at once: nothing more.
        App.Clock.Advance(TimeSpan.FromHours(1));
        var again = await Task.WhenAll(SendAsync(withMail), SendAsync(withMail));
        again.Sum(r => r.Emails).ShouldBe(0);
        smtp.Messages.Count.ShouldBe(3);
        (await App.WithDbAsync(db => db.DigestLogs.CountAsync())).ShouldBe(3);

        // The next day: the Office's notification went out already, only what is still waiting is said again.
        App.Clock.Advance(TimeSpan.FromDays(1));
        await App.WithDbAsync(db => db.ProgressReports.ExecuteUpdateAsync(r => r.SetProperty(x => x.State, ReportState.Accepted)));
        (await SendAsync(withMail)).Emails.ShouldBe(2);
        smtp.Messages.Skip(3).Select(m => m.To.Single()).Order().ShouldBe(["czj@example.gov.cn", "fgw@example.gov.cn"]);
        (await App.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.EntityType == nameof(DigestLog)))).ShouldBe(5);
    }

    [Fact]
    public async Task AFailedDeliveryIsTriedAgainByTheNextRun()
    {
        var (data, _) = await RoundDueInAsync(-1);
        await AddUserWithEmailAsync("fgw", Role.Liaison, data.Development);
        int port;
        await using (var closed = new SmtpSink())
        {
            port = closed.Port;
        }
        await using var unreachable = App.WithWebHostBuilder(b => b.UseSetting("Smtp:Host", "127.0.0.1").UseSetting("Smtp:Port", port.ToString()));
        (await SendAsync(unreachable)).Emails.ShouldBe(0);
        (await App.WithDbAsync(db => db.DigestLogs.CountAsync())).ShouldBe(0);

        await using var smtp = new SmtpSink();
        await using var withMail = App.WithWebHostBuilder(b => b.UseSetting("Smtp:Host", "127.0.0.1").UseSetting("Smtp:Port", smtp.Port.ToString()));
        (await SendAsync(withMail)).Emails.ShouldBe(1);
        Mail(smtp, "fgw@example.gov.cn").TextBody!.ShouldContain("已逾期 1 天");
    }

    [Fact]
    public async Task EachRobotKindGetsTheUnitsDigestInItsPublicFormatSignedWithItsSecret()
    {
        var (data, _) = await RoundDueInAsync(-3);
        var quiet = await App.AddUnitAsync("市统计局");
        using var sink = new WebhookSink();
        await App.WithDbAsync(async db =>
        {
            db.UnitChannels.AddRange(
                new UnitChannel { UnitId = data.Finance, Kind = ChannelKind.WeCom, WebhookUrl = sink.Url("/wecom") + "?key=abc" },
                new UnitChannel { UnitId = data.Development, Kind = ChannelKind.DingTalk, WebhookUrl = sink.Url("/ding") + "?access_token=t1", WebhookSecret = "SEC-ding" },
                new UnitChannel { UnitId = data.Education, Kind = ChannelKind.Feishu, WebhookUrl = sink.Url("/feishu"), WebhookSecret = "feishu-secret" },
                new UnitChannel { UnitId = quiet.Id, Kind = ChannelKind.WeCom, WebhookUrl = sink.Url("/quiet") });
            // A 催办 of the day reached 财政局 as its notification.
            db.Notifications.Add(new Notification { UnitId = data.Finance, Text = "催办：“2026年12月第一次调度”已逾期 3 天，您单位尚有 2 项事项未报送进展。", Link = "/inbox", CreatedAt = App.Clock.GetUtcNow() });
            return await db.SaveChangesAsync();
        });
        await using var withUrl = App.WithWebHostBuilder(b => b.UseSetting("App:PublicUrl", PublicUrl));

        (await SendAsync(withUrl)).Robots.ShouldBe(3);

        // 企业微信: markdown content.
        var wecom = JsonDocument.Parse(sink.To("/wecom").Single().Body).RootElement;
        sink.To("/wecom").Single().Query.ShouldBe("?key=abc");
        wecom.GetProperty("msgtype").GetString().ShouldBe("markdown");
        var content = wecom.GetProperty("markdown").GetProperty("content").GetString()!;
        content.ShouldStartWith("### 市财政局每日督办摘要");
        content.ShouldContain("**待报送（即将截止或已逾期）**");
        content.ShouldContain($"[“2026年12月第一次调度”已逾期 3 天：2 项未报送]({PublicUrl}/inbox)");
        content.ShouldContain("**今日催办与督办**");

        // 钉钉: markdown with title and text, timestamp and sign in the query.
        var ding = sink.To("/ding").Single();
        var dingBody = JsonDocument.Parse(ding.Body).RootElement;
        dingBody.GetProperty("msgtype").GetString().ShouldBe("markdown");
        dingBody.GetProperty("markdown").GetProperty("title").GetString().ShouldStartWith("市发改委每日督办摘要");
        dingBody.GetProperty("markdown").GetProperty("text").GetString()!.ShouldContain("2 项未报送");
        var query = System.Web.HttpUtility.ParseQueryString(ding.Query);
        query["access_token"].ShouldBe("t1");
        var timestamp = query["timestamp"]!;
        long.Parse(timestamp).ShouldBe(App.Clock.GetUtcNow().ToUnixTimeMilliseconds());
        var expectedDing = Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes("SEC-ding"), Encoding.UTF8.GetBytes($"{timestamp}\nSEC-ding")));
        query["sign"].ShouldBe(expectedDing);
        ding.Query.ShouldContain("sign=" + Uri.EscapeDataString(expectedDing));

        // 飞书: text, timestamp (seconds) and sign in the body.
        var feishu = JsonDocument.Parse(sink.To("/feishu").Single().Body).RootElement;
        feishu.GetProperty("msg_type").GetString().ShouldBe("text");
        feishu.GetProperty("content").GetProperty("text").GetString()!.ShouldContain("【待报送（即将截止或已逾期）】");
        var seconds = feishu.GetProperty("timestamp").GetString()!;
        long.Parse(seconds).ShouldBe(App.Clock.GetUtcNow().ToUnixTimeSeconds());
        feishu.GetProperty("sign").GetString().ShouldBe(Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes($"{seconds}\nfeishu-secret"), Array.Empty<byte>())));

        // A unit with nothing to say gets nothing; nobody gets a second one the same day.
        sink.To("/quiet").ShouldBeEmpty();
        (await SendAsync(withUrl)).Robots.ShouldBe(0);
        sink.Requests.Count.ShouldBe(3);
        var status = await App.WithDbAsync(db => db.UnitChannels.Where(c => c.UnitId == data.Development).Select(c => c.LastDeliveryStatus).SingleAsync());
        status.ShouldBe("发送成功（钉钉机器人已接收）。");
    }

    [Fact]
    public async Task TheOfficeSetsARobotAndTestSendShowsTheRobotsAnswer()
    {
        var data = await App.CreateSmallListAsync();
        await App.AddUserAsync("office1", Role.Office);
        await App.AddUserAsync("czj", Role.Liaison, unitId: data.Finance);
        await App.AddUserAsync("fgw", Role.Liaison, unitId: data.Development);
        await App.AddUserAsync("leader1", Role.Leader);
        using var sink = new WebhookSink();
        sink.Answers["/bad"] = """{"errcode":93000,"errmsg":"invalid webhook url"}""";
        var office = await App.SignInAsync("office1");
        var page = $"/units/{data.Finance}";

        // Not a web address: a Chinese message naming the field, nothing saved.
        var refused = await (await office.PostFormAsync(page, new() { ["ChannelForm.Kind"] = "WeCom", ["ChannelForm.Url"] = "ftp://robot.example/x", ["ChannelForm.Version"] = "0" }, handler: "Channel")).HtmlAsync();
        refused.QuerySelector("#channel .errors")!.TextContent.ShouldContain("机器人地址必须是以 http:// 或 https:// 开头的完整网址。");
        (await App.WithDbAsync(db => db.UnitChannels.CountAsync())).ShouldBe(0);

        var key = "key=0123456789abcdef";
        await office.PostFormAsync(page, new() { ["ChannelForm.Kind"] = "WeCom", ["ChannelForm.Url"] = sink.Url("/wecom") + "?" + key, ["ChannelForm.Version"] = "0" }, handler: "Channel");
        (await office.PostFormAsync(page, [], handler: "ChannelTest")).StatusCode.ShouldBe(System.Net.HttpStatusCode.Redirect);
        var shown = await (await office.GetAsync(page)).HtmlAsync();
        shown.QuerySelector("#channel-message")!.TextContent.ShouldBe("发送成功（企业微信机器人已接收）。");
        shown.QuerySelector("#channel-current")!.TextContent.ShouldContain(key);
        var test = JsonDocument.Parse(sink.To("/wecom").Single().Body).RootElement;
        test.GetProperty("markdown").GetProperty("content").GetString()!.ShouldContain("市财政局的群机器人已接通");

        // The unit's liaison sees the address masked; another unit's liaison and the leader cannot touch it.
        var liaison = await App.SignInAsync("czj");
        var liaisonView = await (await liaison.GetAsync(page)).HtmlAsync();
        liaisonView.QuerySelector("#channel-current")!.TextContent.ShouldNotContain(key);
        liaisonView.QuerySelector("#channel-last")!.TextContent.ShouldContain("发送成功");
        var other = await App.SignInAsync("fgw");
        (await other.PostFormWithTokenAsync($"{page}?handler=ChannelTest", [], await other.AntiforgeryTokenAsync($"/units/{data.Development}"))).StatusCode.ShouldBe(System.Net.HttpStatusCode.NotFound);
        var leader = await App.SignInAsync("leader1");
        (await leader.PostFormWithTokenAsync($"{page}?handler=ChannelTest", [], await leader.AntiforgeryTokenAsync(page))).StatusCode.ShouldBe(System.Net.HttpStatusCode.Forbidden);
        (await (await leader.GetAsync(page)).HtmlAsync()).QuerySelector("#channel").ShouldBeNull();

        // The liaison points it at a robot that refuses: the robot's own message is shown, and kept as the last status.
        var version = await App.WithDbAsync(db => db.UnitChannels.Select(c => c.Version).SingleAsync());
        await liaison.PostFormAsync(page, new() { ["ChannelForm.Kind"] = "WeCom", ["ChannelForm.Url"] = sink.Url("/bad"), ["ChannelForm.Version"] = version.ToString() }, handler: "Channel");
        await liaison.PostFormAsync(page, [], handler: "ChannelTest");
        var failed = await (await liaison.GetAsync(page)).HtmlAsync();
        failed.QuerySelector("#channel-message")!.TextContent.ShouldBe("发送失败：企业微信机器人返回错误 93000：invalid webhook url");
        failed.QuerySelector("#channel-last")!.TextContent.ShouldContain("93000");

        // A stale version is refused, and the address never reaches the audit log.
        var stale = await liaison.PostFormAsync(page, new() { ["ChannelForm.Kind"] = "WeCom", ["ChannelForm.Url"] = sink.Url("/other"), ["ChannelForm.Version"] = version.ToString() }, handler: "Channel");
        stale.StatusCode.ShouldBe(System.Net.HttpStatusCode.Conflict);
        var audit = await App.WithDbAsync(db => db.AuditEntries.Where(a => a.EntityType == nameof(UnitChannel)).Select(a => (a.Before ?? "") + (a.After ?? "")).ToListAsync());
        audit.Count.ShouldBeGreaterThan(2);
        audit.ShouldAllBe(a => !a.Contains("0123456789abcdef") && !a.Contains("/bad"));
    }
}

public sealed class DigestTests_Postgres(PostgresApp app) : DigestTests(app), IClassFixture<PostgresApp>;
public sealed class DigestTests_Sqlite(SqliteApp app) : DigestTests(app), IClassFixture<SqliteApp>;
