using System.Net;
using Microsoft.EntityFrameworkCore;
using Zhenxing.IntegrationTests.Infrastructure;
using Zhenxing.Web.Features.Items;
using Zhenxing.Web.Features.Rounds;
using Zhenxing.Web.Features.Users;
using Zhenxing.Web.Infrastructure;

namespace Zhenxing.IntegrationTests.Features.Rounds;

public abstract class RoundClosingTests(ZhenxingAppFactory app) : IntegrationTest(app)
{
    [Fact]
    public async Task AClosedRoundKeepsItsStatusesItsStatisticsAndRefusesChanges()
    {
        var data = await App.CreateSmallListAsync();
        await App.AddUserAsync("office1", Role.Office);
        await App.AddUserAsync("czj", Role.Liaison, unitId: data.Finance);
        var office = await App.SignInAsync("office1");
        var liaison = await App.SignInAsync("czj");
        var first = await App.OpenRoundAsync(office, "2021年上半年", data.ListId);
        await App.ReportAndAcceptAsync(liaison, office, first, data.Overdue, ItemStatus.Done, "机场前期工作已完成。");
        await App.ReportAndAcceptAsync(liaison, office, first, data.Later, ItemStatus.PositiveProgress, "示范项目已立项。");

        await App.CloseRoundAsync(office, first);

        var page = await (await office.GetAsync($"/rounds/{first}/status")).HtmlAsync();
        page.QuerySelector("#by-list .sentence")!.TextContent.ShouldBe("共 5 项，已落实到位 2 项、取得积极进展 1 项、推进中 1 项、未启动 1 项");
        page.QuerySelector("#by-unit")!.TextContent.ShouldContain("市财政局");
        var doneLink = page.QuerySelectorAll("#by-list a").Single(a => a.TextContent.StartsWith("已落实到位")).GetAttribute("href")!;
        var behind = await (await office.GetAsync(doneLink)).HtmlAsync();
        behind.QuerySelectorAll("#items tbody tr").Select(r => r.QuerySelector("a")!.GetAttribute("href")).Order()
            .ShouldBe(new[] { $"/items/{data.Overdue}", $"/items/{data.Done}" }.Order());
        var refused = await liaison.PostFormAsync($"/rounds/{first}/items/{data.Later}/report", new() { ["Status"] = "Done", ["Narrative"] = "改", ["Version"] = "0" });
        (await refused.HtmlAsync()).QuerySelector(".errors")!.TextContent.ShouldContain("该轮次已关闭");

        // Later changes do not alter the round as it was.
        await App.WithDbAsync(async db =>
        {
            var item = await db.Items.SingleAsync(i => i.Id == data.Soon);
            item.Status = ItemStatus.Done;
            return await db.SaveChangesAsync();
        });
        (await (await office.GetAsync($"/rounds/{first}/status")).HtmlAsync()).QuerySelector("#by-list .sentence")!.TextContent
            .ShouldBe("共 5 项，已落实到位 2 项、取得积极进展 1 项、推进中 1 项、未启动 1 项");

        // The ledger itself, as of the round: its items with the statuses kept then, even one withdrawn since.
        await App.WithDbAsync(async db =>
        {
            var item = await db.Items.SingleAsync(i => i.Id == data.Ongoing);
            item.WithdrawnAt = App.Clock.GetUtcNow();
            item.WithdrawnReason = "并入其他事项";
            return await db.SaveChangesAsync();
        });
        (await LedgerIdsAsync(office, $"?asOf={first}&status=Done")).Order().ShouldBe(new[] { data.Overdue, data.Done }.Order());
        (await LedgerIdsAsync(office, "?status=Done")).Order().ShouldBe(new[] { data.Overdue, data.Soon, data.Done }.Order());
        (await LedgerIdsAsync(office, $"?asOf={first}")).ShouldContain(data.Ongoing);
        (await LedgerIdsAsync(office, "")).ShouldNotContain(data.Ongoing);
        var asOf = await (await office.GetAsync($"/ledger?asOf={first}")).HtmlAsync();
        asOf.QuerySelector("#as-of")!.TextContent.ShouldContain("2021年上半年");
    }

    private static async Task<List<int>> LedgerIdsAsync(HttpClient client, string query) =>
        (await (await client.GetAsync("/ledger" + query)).HtmlAsync()).QuerySelectorAll("#ledger td.text a")
            .Select(a => int.Parse(a.GetAttribute("href")!.Split('/').Last())).ToList();

    [Fact]
    public async Task TheNextRoundShowsWhatReachedDoneWhatSlippedAndWhatWasNotReported()
    {
        var data = await App.CreateSmallListAsync();
        await App.AddUserAsync("office1", Role.Office);
        await App.AddUserAsync("czj", Role.Liaison, unitId: data.Finance);
        var office = await App.SignInAsync("office1");
        var liaison = await App.SignInAsync("czj");
        var first = await App.OpenRoundAsync(office, "2021年上半年", data.ListId);
        await App.ReportAndAcceptAsync(liaison, office, first, data.Later, ItemStatus.PositiveProgress, "已立项。");
        await App.CloseRoundAsync(office, first);

        var second = await App.OpenRoundAsync(office, "2021年下半年", data.ListId);
        await App.ReportAndAcceptAsync(liaison, office, second, data.Later, ItemStatus.Done, "已建成。");
        await App.ReportAndAcceptAsync(liaison, office, second, data.Overdue, ItemStatus.Blocked, "用地指标受阻。");
        await App.CloseRoundAsync(office, second);

        var changes = (await (await office.GetAsync($"/rounds/{second}/status")).HtmlAsync()).QuerySelector("#changes")!.TextContent;
        changes.ShouldContain("新增落实到位 1 项：《测试清单》第3项");
        changes.ShouldContain("进展倒退 1 项：《测试清单》第1项");
        // 5 lead reports owed, those on items 1 and 3 came.
        changes.ShouldContain("本轮未报 3 份");
    }

    [Fact]
    public async Task ClosingARoundWithUnreviewedReportsListsThemAndClosesOnlyWhenConfirmed()
    {
        var data = await App.CreateSmallListAsync();
        await App.WithDbAsync(async db =>
        {
            (await db.ItemLists.SingleAsync(l => l.Id == data.ListId)).DocumentNumber = "赣苏振领发〔2020〕1号";
            return await db.SaveChangesAsync();
        });
        await App.AddUserAsync("office1", Role.Office);
        await App.AddUserAsync("czj", Role.Liaison, unitId: data.Finance);
        await App.AddUserAsync("fgw", Role.Liaison, unitId: data.Development);
        var office = await App.SignInAsync("office1");
        var finance = await App.SignInAsync("czj");
        var development = await App.SignInAsync("fgw");
        var roundId = await App.OpenRoundAsync(office, "待审核轮次", data.ListId);
        foreach (var item in new[] { data.Later, data.Overdue })
        {
            await finance.PostFormAsync($"/rounds/{roundId}/items/{item}/report", new() { ["Status"] = "InProgress", ["Narrative"] = "推进中。", ["Version"] = "0", ["submit"] = "1" });
        }
        await App.ReportAndAcceptAsync(development, office, roundId, data.Soon, ItemStatus.PositiveProgress);
        var version = (await App.WithDbAsync(db => db.ReportingRounds.AsNoTracking().SingleAsync(r => r.Id == roundId))).Version;

        var asked = await office.PostFormAsync($"/rounds/{roundId}?version={version}", [], handler: "Close");
        asked.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = await asked.HtmlAsync();
        page.QuerySelectorAll("#close-unreviewed li").Select(li => li.TextContent.Trim())
            .ShouldBe(["市财政局（牵头）：赣苏振领发〔2020〕1号第1项", "市财政局（牵头）：赣苏振领发〔2020〕1号第3项"]);
        page.QuerySelector("#review-first")!.GetAttribute("href").ShouldBe($"/review?round={roundId}");
        page.QuerySelector("#close-anyway")!.TextContent.ShouldBe("仍然关闭");
        (await App.WithDbAsync(db => db.ReportingRounds.AsNoTracking().SingleAsync(r => r.Id == roundId))).State.ShouldBe(RoundState.Open);
        (await App.WithDbAsync(db => db.RoundItemStatuses.CountAsync(s => s.RoundId == roundId))).ShouldBe(0);

        var closed = await office.PostFormAsync($"/rounds/{roundId}?version={version}&force=true", [], handler: "Close");
        closed.Headers.Location!.ToString().ShouldBe($"/rounds/{roundId}/status");
        var status = await (await office.GetAsync($"/rounds/{roundId}/status")).HtmlAsync();
        status.QuerySelector(".notice")!.TextContent.ShouldContain("关闭时仍有 2 份报送未经审核，保持“待审核”");
        (await App.WithDbAsync(db => db.ReportingRounds.AsNoTracking().SingleAsync(r => r.Id == roundId))).State.ShouldBe(RoundState.Closed);
        (await App.WithDbAsync(db => db.ProgressReports.CountAsync(p => p.RoundId == roundId && p.State == ReportState.Submitted))).ShouldBe(2);
        var audit = await App.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.EntityType == nameof(ReportingRound) && a.EntityId == roundId.ToString()).Select(a => a.After ?? "").ToListAsync());
        audit.ShouldContain(a => a.Contains("关闭轮次时仍有 2 份报送待审核，保持待审核：市财政局：赣苏振领发〔2020〕1号第1项；市财政局：赣苏振领发〔2020〕1号第3项"));
    }

    [Fact]
    public async Task TheApiRefusesToCloseOverUnreviewedReportsUnlessForced()
    {
        var data = await App.CreateSmallListAsync();
        await App.AddUserAsync("office1", Role.Office);
        await App.AddUserAsync("czj", Role.Liaison, unitId: data.Finance);
        var office = await App.SignInAsync("office1");
        var finance = await App.SignInAsync("czj");
        var roundId = await App.OpenRoundAsync(office, "接口关闭轮次", data.ListId);
        await finance.PostFormAsync($"/rounds/{roundId}/items/{data.Overdue}/report", new() { ["Status"] = "InProgress", ["Narrative"] = "推进中。", ["Version"] = "0", ["submit"] = "1" });
        var reportId = await App.WithDbAsync(db => db.ProgressReports.Where(p => p.RoundId == roundId).Select(p => p.Id).SingleAsync());
        var version = (await App.WithDbAsync(db => db.ReportingRounds.AsNoTracking().SingleAsync(r => r.Id == roundId))).Version;
        var token = await office.AntiforgeryTokenAsync($"/rounds/{roundId}");

        async Task<HttpResponseMessage> CloseAsync(bool force)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/rounds/{roundId}/close")
            {
                Content = System.Net.Http.Json.JsonContent.Create(new { version, force }),
            };
            request.Headers.Add("RequestVerificationToken", token);
            return await office.SendAsync(request);
        }

        var refused = await CloseAsync(force: false);
        var body = await refused.Content.ReadAsStringAsync();
        refused.StatusCode.ShouldBe(HttpStatusCode.Conflict, body);
        var problem = System.Text.Json.Nodes.JsonNode.Parse(body)!;
        problem["detail"]!.GetValue<string>().ShouldContain("尚有 1 份报送待审核");
        var unreviewed = problem["unreviewed"]!.AsArray().Single()!;
        (unreviewed["reportId"]!.GetValue<int>(), unreviewed["unit"]!.GetValue<string>(), unreviewed["item"]!.GetValue<string>()).ShouldBe((reportId, "市财政局", "《测试清单》第1项"));
        (await App.WithDbAsync(db => db.ReportingRounds.AsNoTracking().SingleAsync(r => r.Id == roundId))).State.ShouldBe(RoundState.Open);

        var forced = await CloseAsync(force: true);
        forced.StatusCode.ShouldBe(HttpStatusCode.OK, await forced.Content.ReadAsStringAsync());
        (await App.WithDbAsync(db => db.ProgressReports.AsNoTracking().SingleAsync(p => p.Id == reportId))).State.ShouldBe(ReportState.Submitted);
    }
}

public sealed class RoundClosingTests_Postgres(PostgresApp app) : RoundClosingTests(app), IClassFixture<PostgresApp>;
public sealed class RoundClosingTests_Sqlite(SqliteApp app) : RoundClosingTests(app), IClassFixture<SqliteApp>;
