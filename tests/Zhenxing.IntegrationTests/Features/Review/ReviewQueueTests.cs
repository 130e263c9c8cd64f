using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Zhenxing.IntegrationTests.Infrastructure;
using Zhenxing.Web.Features.Items;
using Zhenxing.Web.Features.Review;
using Zhenxing.Web.Features.Rounds;
using Zhenxing.Web.Features.Users;
using Zhenxing.Web.Infrastructure;

namespace Zhenxing.IntegrationTests.Features.Review;

public abstract class ReviewQueueTests(ZhenxingAppFactory app) : IntegrationTest(app)
{
    private async Task<int> OpenRoundAsync(HttpClient office, string name, int listId, DateOnly due)
    {
        var today = ChinaTime.Today(App.Clock);
        var response = await office.PostFormAsync("/rounds", new()
        {
            ["Form.Name"] = name, ["Form.OpensOn"] = today.AddDays(-5).ToString("yyyy-MM-dd"), ["Form.DueOn"] = due.ToString("yyyy-MM-dd"),
            ["Form.Lists"] = listId.ToString(), ["Form.IncludeResponsibleUnits"] = "true",
        });
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        return int.Parse(response.Headers.Location!.ToString().Split('/').Last());
    }

    private static async Task SubmitAsync(HttpClient liaison, int roundId, int itemId, string narrative, string problems = "", string nextSteps = "")
    {
        var response = await liaison.PostFormAsync($"/rounds/{roundId}/items/{itemId}/report", new()
        {
            ["Status"] = nameof(ItemStatus.PositiveProgress), ["Narrative"] = narrative, ["Problems"] = problems, ["NextSteps"] = nextSteps, ["Figures"] = "", ["Version"] = "0", ["submit"] = "1",
        });
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    private Task<ProgressReport> ReportAsync(int roundId, int itemId, int unitId) =>
        App.WithDbAsync(db => db.ProgressReports.AsNoTracking().SingleAsync(p => p.RoundId == roundId && p.ItemId == itemId && p.UnitId == unitId));

    /// <summary>Posts a review as review.js does: the form with its token, and the header that asks for JSON.</summary>
    private static async Task<(HttpStatusCode Status, JsonElement Body)> ReviewInPlaceAsync(HttpClient office, Dictionary<string, string> fields)
    {
        var token = await office.AntiforgeryTokenAsync("/review");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/review?handler=Review")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = token }),
        };
        request.Headers.Add("X-Requested-With", "fetch");
        var response = await office.SendAsync(request);
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement);
    }

    private static List<string> EntryIds(AngleSharp.Html.Dom.IHtmlDocument page) =>
        page.QuerySelectorAll("#review-queue .review-entry").Select(e => e.Id!).ToList();

    [Fact]
    public async Task TheQueueListsWaitingReportsAcrossRoundsOldestFirstWithTheirFiltersAndThePreviousReport()
    {
        var data = await App.CreateSmallListAsync();
        await App.AddUserAsync("office1", Role.Office);
        await App.AddUserAsync("czj", Role.Liaison, unitId: data.Finance);
        await App.AddUserAsync("fgw", Role.Liaison, unitId: data.Development);
        var office = await App.SignInAsync("office1");
        var finance = await App.SignInAsync("czj");
        var development = await App.SignInAsync("fgw");
        var today = ChinaTime.Today(App.Clock);

        // An earlier round: the finance bureau's accepted report on item 1, then the round is closed.
        var first = await OpenRoundAsync(office, "一季度", data.ListId, today.AddDays(1));
        await SubmitAsync(finance, first, data.Overdue, "一季度：完成机场选址。");
        var earlier = await ReportAsync(first, data.Overdue, data.Finance);
        await office.PostFormAsync($"/rounds/{first}?reportId={earlier.Id}&version={earlier.Version}&decision=accept", [], handler: "Review");
        await App.CloseRoundAsync(office, first);

        // The current round: finance submits item 1 (with a file), then 发改委 item 2; a draft and a reviewed report stay out.
        var second = await OpenRoundAsync(office, "二季度", data.ListId, today.AddDays(3));
        await SubmitAsync(finance, second, data.Overdue, "二季度：机场可研报告已报批。", problems: "用地指标紧张", nextSteps: "三季度完成用地预审。");
        var withFile = await ReportAsync(second, data.Overdue, data.Finance);
        withFile.NextSteps.ShouldBe("三季度完成用地预审。");
        await App.WithDbAsync(async db =>
        {
            db.Evidence.Add(new Evidence { ReportId = withFile.Id, FileName = "批复.pdf", ContentType = "application/pdf", Size = 2048, Content = "%PDF-1.4"u8.ToArray(), UploadedAt = App.Clock.GetUtcNow() });
            return await db.SaveChangesAsync();
        });
        App.Clock.Advance(TimeSpan.FromMinutes(5));
        await SubmitAsync(development, second, data.Soon, "港口项目已进入国家规划。");
        await development.PostFormAsync($"/rounds/{second}/items/{data.Ongoing}/report", new()
        {
            ["Status"] = nameof(ItemStatus.InProgress), ["Narrative"] = "草稿", ["Version"] = "0",
        });
        // Four days on, past the due date: the finance bureau's contribution on item 5 comes in late.
        App.Clock.Advance(TimeSpan.FromDays(4));
        // (the sessions of four days ago have expired)
        finance = await App.SignInAsync("czj");
        office = await App.SignInAsync("office1");
        await SubmitAsync(finance, second, data.Ongoing, "配合推进营商环境改革。");

        var page = await (await office.GetAsync("/review")).HtmlAsync();
        var late = await ReportAsync(second, data.Ongoing, data.Finance);
        var soon = await ReportAsync(second, data.Soon, data.Development);
        EntryIds(page).ShouldBe([$"entry-{withFile.Id}", $"entry-{soon.Id}", $"entry-{late.Id}"]);
        page.QuerySelector("#review-total")!.TextContent.ShouldBe("3");
        var entry = page.QuerySelector($"#entry-{withFile.Id}")!;
        entry.QuerySelector("h2")!.TextContent.ShouldContain("测试清单 · 第 1 项 推进瑞金机场前期工作");
        entry.QuerySelector(".entry-round")!.TextContent.ShouldBe("二季度");
        entry.QuerySelector(".entry-meta")!.TextContent.ShouldContain("市财政局（牵头）");
        entry.QuerySelector(".entry-meta")!.TextContent.ShouldContain(ChinaTime.Format(withFile.SubmittedAt));
        entry.QuerySelector(".late-mark").ShouldBeNull();
        entry.QuerySelector(".narrative")!.TextContent.ShouldContain("二季度：机场可研报告已报批。");
        entry.QuerySelector(".problems")!.TextContent.ShouldBe("用地指标紧张");
        entry.QuerySelector(".next-steps")!.TextContent.ShouldBe("三季度完成用地预审。");
        entry.QuerySelector(".evidence a")!.TextContent.ShouldBe("批复.pdf");
        entry.QuerySelector(".stars").ShouldNotBeNull();
        var previous = entry.QuerySelector(".previous")!.TextContent;
        previous.ShouldContain("上次报送：一季度（已采纳");
        previous.ShouldContain("一季度：完成机场选址。");
        var contribution = page.QuerySelector($"#entry-{late.Id}")!;
        contribution.QuerySelector(".entry-meta")!.TextContent.ShouldContain("市财政局（责任）");
        contribution.QuerySelector(".late-mark")!.TextContent.ShouldBe("逾期报送");
        contribution.QuerySelector(".previous")!.TextContent.ShouldContain("上次报送：无");
        // Contributions are not rated.
        contribution.QuerySelector(".stars").ShouldBeNull();

        EntryIds(await (await office.GetAsync($"/review?unit={data.Finance}")).HtmlAsync()).ShouldBe([$"entry-{withFile.Id}", $"entry-{late.Id}"]);
        EntryIds(await (await office.GetAsync("/review?late=true")).HtmlAsync()).ShouldBe([$"entry-{late.Id}"]);
        EntryIds(await (await office.GetAsync($"/review?round={second}&list={data.ListId}")).HtmlAsync()).Count.ShouldBe(3);
        EntryIds(await (await office.GetAsync($"/review?round={first}")).HtmlAsync()).ShouldBeEmpty();
        EntryIds(await (await office.GetAsync($"/review?list={data.ListId + 1000}")).HtmlAsync()).ShouldBeEmpty();

        // The Office's home is the queue, and the menu's 审核 link carries the count.
        (await office.GetAsync("/")).Headers.Location!.ToString().ShouldBe("/review");
        page.QuerySelector(".mainnav a[href='/review']")!.GetAttribute("data-count").ShouldBe("3");
    }

    [Fact]
    public async Task TheQueueIsPagedTwentyAtATime()
    {
        var data = await App.CreateSmallListAsync();
        await App.AddUserAsync("office1", Role.Office);
        var office = await App.SignInAsync("office1");
        var roundId = await OpenRoundAsync(office, "全年", data.ListId, ChinaTime.Today(App.Clock).AddDays(10));
        // 25 waiting reports, written directly: one per item of a list of 25 items led by the finance bureau.
        await App.WithDbAsync(async db =>
        {
            var list = await db.ItemLists.Include(l => l.Categories).SingleAsync(l => l.Id == data.ListId);
            for (var n = 6; n <= 30; n++)
            {
                var item = new Item { Number = n.ToString(), Position = n, Text = $"事项{n}", Status = ItemStatus.InProgress, Category = list.Categories[0], Units = [new ItemUnit { UnitId = data.Finance, Role = ItemUnitRole.Lead }] };
                list.Items.Add(item);
                db.ProgressReports.Add(new ProgressReport
                {
                    RoundId = roundId, Item = item, UnitId = data.Finance, Role = ItemUnitRole.Lead, Status = ItemStatus.InProgress, Narrative = $"进展{n}",
                    State = ReportState.Submitted, SubmittedAt = App.Clock.GetUtcNow().AddMinutes(n), UpdatedAt = App.Clock.GetUtcNow(),
                });
            }
            return await db.SaveChangesAsync();
        });

        var first = await (await office.GetAsync("/review")).HtmlAsync();
        EntryIds(first).Count.ShouldBe(20);
        first.QuerySelector("#review-total")!.TextContent.ShouldBe("25");
        first.QuerySelector("#review-pager a[rel=next]")!.GetAttribute("href").ShouldBe("/review?p=2");
        var second = await (await office.GetAsync("/review?p=2")).HtmlAsync();
        EntryIds(second).Count.ShouldBe(5);
        second.QuerySelector("#entry-" + (await App.WithDbAsync(db => db.ProgressReports.OrderByDescending(p => p.Id).Select(p => p.Id).FirstAsync())))!.ShouldNotBeNull();
    }

    [Fact]
    public async Task AcceptAndReturnHappenInPlaceThroughTheWorkflow()
    {
        var data = await App.CreateSmallListAsync();
        await App.AddUserAsync("office1", Role.Office);
        await App.AddUserAsync("office2", Role.Office);
        await App.AddUserAsync("czj", Role.Liaison, unitId: data.Finance);
        var office = await App.SignInAsync("office1");
        var finance = await App.SignInAsync("czj");
        var roundId = await OpenRoundAsync(office, "二季度", data.ListId, ChinaTime.Today(App.Clock).AddDays(10));
        await SubmitAsync(finance, roundId, data.Overdue, "机场可研报告已报批。");
        await SubmitAsync(finance, roundId, data.Later, "示范项目已开工。");
        await SubmitAsync(finance, roundId, data.Ongoing, "配合推进。");
        var accepted = await ReportAsync(roundId, data.Overdue, data.Finance);
        var returned = await ReportAsync(roundId, data.Later, data.Finance);
        var third = await ReportAsync(roundId, data.Ongoing, data.Finance);

        // 采纳 with 4 stars: the report is accepted and rated, the item takes the reported status.
        var (status, body) = await ReviewInPlaceAsync(office, new() { ["reportId"] = accepted.Id.ToString(), ["version"] = accepted.Version.ToString(), ["decision"] = "accept", ["rating"] = "4" });
        status.ShouldBe(HttpStatusCode.OK);
        body.GetProperty("outcome").GetString().ShouldBe("已采纳（4 星）。");
        body.GetProperty("waiting").GetInt32().ShouldBe(2);
        var afterAccept = await ReportAsync(roundId, data.Overdue, data.Finance);
        afterAccept.State.ShouldBe(ReportState.Accepted);
        afterAccept.QualityRating.ShouldBe(4);
        (await App.WithDbAsync(db => db.Items.AsNoTracking().SingleAsync(i => i.Id == data.Overdue))).Status.ShouldBe(ItemStatus.PositiveProgress);
        (await App.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.EntityType == nameof(ProgressReport) && a.EntityId == accepted.Id.ToString() && a.After!.Contains("Accepted")))).ShouldBeTrue();

        // 退回 without a reason: refused in Chinese, nothing changes.
        (status, body) = await ReviewInPlaceAsync(office, new() { ["reportId"] = returned.Id.ToString(), ["version"] = returned.Version.ToString(), ["decision"] = "return", ["reason"] = "  " });
        status.ShouldBe(HttpStatusCode.BadRequest);
        body.GetProperty("problem").GetString().ShouldBe("退回时请填写原因。");
        (await ReportAsync(roundId, data.Later, data.Finance)).State.ShouldBe(ReportState.Submitted);

        // 退回 with a picked reason and a note: returned, the unit is told why.
        (status, body) = await ReviewInPlaceAsync(office, new() { ["reportId"] = returned.Id.ToString(), ["version"] = returned.Version.ToString(), ["decision"] = "return", ["reasons"] = "缺少佐证材料", ["reason"] = "请附开工照片" });
        status.ShouldBe(HttpStatusCode.OK);
        body.GetProperty("outcome").GetString()!.ShouldContain("已退回");
        var afterReturn = await ReportAsync(roundId, data.Later, data.Finance);
        afterReturn.State.ShouldBe(ReportState.Returned);
        afterReturn.ReturnReason.ShouldBe("缺少佐证材料；请附开工照片");
        (await App.WithDbAsync(db => db.Notifications.SingleAsync(n => n.UnitId == data.Finance))).Text.ShouldContain("缺少佐证材料；请附开工照片");

        // A second Office user, with the page opened before: told who reviewed it first, nothing saved.
        var other = await App.SignInAsync("office2");
        (status, body) = await ReviewInPlaceAsync(other, new() { ["reportId"] = accepted.Id.ToString(), ["version"] = accepted.Version.ToString(), ["decision"] = "return", ["reason"] = "数据有误" });
        status.ShouldBe(HttpStatusCode.Conflict);
        body.GetProperty("problem").GetString().ShouldBe($"该报送已由office1于 {ChinaTime.Format(afterAccept.ReviewedAt)} 采纳，您的审核未保存。");
        (await ReportAsync(roundId, data.Overdue, data.Finance)).State.ShouldBe(ReportState.Accepted);

        // Without the script the form post returns to the same filters, at the next entry.
        var plain = await office.PostFormAsync("/review", new() { ["reportId"] = third.Id.ToString(), ["version"] = third.Version.ToString(), ["decision"] = "accept", ["next"] = "987", ["unit"] = data.Finance.ToString(), ["late"] = "false" }, handler: "Review");
        plain.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        plain.Headers.Location!.ToString().ShouldBe($"/review?unit={data.Finance}#entry-987");
        (await ReportAsync(roundId, data.Ongoing, data.Finance)).State.ShouldBe(ReportState.Accepted);
        var after = await (await office.GetAsync($"/review?unit={data.Finance}")).HtmlAsync();
        after.QuerySelector("#review-message")!.TextContent.ShouldBe("已采纳。");
        after.QuerySelector("#review-empty").ShouldNotBeNull();
    }

    [Fact]
    public async Task ThreeSubmissionsFromAUnitGiveTheOfficeOneNotice()
    {
        var data = await App.CreateSmallListAsync();
        var office = await App.AddUserAsync("office1", Role.Office);
        await App.AddUserAsync("czj", Role.Liaison, unitId: data.Finance);
        var officeClient = await App.SignInAsync("office1");
        var finance = await App.SignInAsync("czj");
        var roundId = await OpenRoundAsync(officeClient, "二季度", data.ListId, ChinaTime.Today(App.Clock).AddDays(10));

        async Task<int> RunAsync()
        {
            await using var scope = App.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<NotifyOfficeOfSubmissions>().RunAsync(CancellationToken.None);
        }
        Task<List<Zhenxing.Web.Features.Notifications.Notification>> NoticesAsync() =>
            App.WithDbAsync(db => db.Notifications.AsNoTracking().Where(n => n.UserId == office.Id).OrderBy(n => n.Id).ToListAsync());

        (await RunAsync()).ShouldBe(0);
        await SubmitAsync(finance, roundId, data.Overdue, "一");
        await SubmitAsync(finance, roundId, data.Later, "二");
        await SubmitAsync(finance, roundId, data.Ongoing, "三");
        // Submitting tells the Office nothing by itself: no notice per report.
        (await NoticesAsync()).ShouldBeEmpty();

        (await RunAsync()).ShouldBe(1);
        var notice = (await NoticesAsync()).ShouldHaveSingleItem();
        notice.Text.ShouldBe("市财政局 报送了 3 份进展，待审核。");
        notice.Link.ShouldBe($"/review?unit={data.Finance}");
        (await RunAsync()).ShouldBe(0);

        // While the notice is unread, more reports bring no second one, even hours later.
        var report = await ReportAsync(roundId, data.Later, data.Finance);
        await officeClient.PostFormAsync($"/rounds/{roundId}?reportId={report.Id}&version={report.Version}&decision=return&reason=补充", [], handler: "Review");
        App.Clock.Advance(TimeSpan.FromHours(2));
        var returned = await ReportAsync(roundId, data.Later, data.Finance);
        await finance.PostFormAsync($"/rounds/{roundId}/items/{data.Later}/report", new()
        {
            ["Status"] = nameof(ItemStatus.PositiveProgress), ["Narrative"] = "二，已补充", ["Version"] = returned.Version.ToString(), ["submit"] = "1",
        });
        (await RunAsync()).ShouldBe(0);

        // Once read, the next batch is announced, counting only what arrived since the previous notice.
        await App.WithDbAsync(db => db.Notifications.Where(n => n.Id == notice.Id).ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, App.Clock.GetUtcNow())));
        (await RunAsync()).ShouldBe(1);
        (await NoticesAsync()).Last().Text.ShouldBe("市财政局 报送了 1 份进展，待审核。");
    }
}

public sealed class ReviewQueueTests_Postgres(PostgresApp app) : ReviewQueueTests(app), IClassFixture<PostgresApp>;
public sealed class ReviewQueueTests_Sqlite(SqliteApp app) : ReviewQueueTests(app), IClassFixture<SqliteApp>;
