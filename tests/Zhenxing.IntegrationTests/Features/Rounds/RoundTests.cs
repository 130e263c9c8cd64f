using System.Net;
using Microsoft.EntityFrameworkCore;
using Zhenxing.IntegrationTests.Infrastructure;
using Zhenxing.Web.Features.Items;
using Zhenxing.Web.Features.Rounds;
using Zhenxing.Web.Features.Users;
using Zhenxing.Web.Infrastructure;

namespace Zhenxing.IntegrationTests.Features.Rounds;

public abstract class RoundTests(ZhenxingAppFactory app) : IntegrationTest(app)
{
    private async Task<int> OpenRoundAsync(HttpClient office, int listId, DateOnly due, bool responsibleToo = false)
    {
        var today = ChinaTime.Today(App.Clock);
        var response = await office.PostFormAsync("/rounds", new()
        {
            ["Form.Name"] = "2021年上半年", ["Form.OpensOn"] = today.AddDays(-10).ToString("yyyy-MM-dd"), ["Form.DueOn"] = due.ToString("yyyy-MM-dd"),
            ["Form.Lists"] = listId.ToString(), ["Form.IncludeResponsibleUnits"] = responsibleToo ? "true" : "false",
        });
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        return int.Parse(response.Headers.Location!.ToString().Split('/').Last());
    }

    private static Dictionary<string, string> Report(string narrative, ItemStatus status = ItemStatus.PositiveProgress, int version = 0) =>
        new() { ["Status"] = status.ToString(), ["Narrative"] = narrative, ["Problems"] = "", ["Figures"] = "", ["Version"] = version.ToString() };

    [Fact]
    public async Task AHalfYearRoundRunsFromOpeningToAcceptedReports()
    {
        var data = await App.CreateSmallListAsync();
        await App.AddUserAsync("office1", Role.Office);
        await App.AddUserAsync("czj", Role.Liaison, unitId: data.Finance);
        var office = await App.SignInAsync("office1");
        var today = ChinaTime.Today(App.Clock);
        var roundId = await OpenRoundAsync(office, data.ListId, today.AddDays(20));

        // The finance liaison's inbox: the two items it leads, 20 days left.
        var liaison = await App.SignInAsync("czj");
        var inbox = await (await liaison.GetAsync("/inbox")).HtmlAsync();
        inbox.QuerySelectorAll("#inbox tbody tr").Length.ShouldBe(2);
        inbox.QuerySelector(".days-left")!.TextContent.ShouldBe("剩 20 天");

        var url = $"/rounds/{roundId}/items/{data.Later}/report";
        (await liaison.PostFormAsync(url, Report("已完成选址论证。"))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await App.WithDbAsync(db => db.ProgressReports.SingleAsync())).State.ShouldBe(ReportState.Draft);
        var draft = await App.WithDbAsync(db => db.ProgressReports.AsNoTracking().SingleAsync());
        var submitted = await liaison.PostFormAsync(url, new(Report("已完成选址论证，正在编制方案。", version: draft.Version)) { ["submit"] = "1" });
        submitted.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var report = await App.WithDbAsync(db => db.ProgressReports.AsNoTracking().SingleAsync());
        report.State.ShouldBe(ReportState.Submitted);
        report.Late.ShouldBeFalse();

        // The Office returns it with a reason; the unit is told, fixes it and submits again; the Office accepts.
        await office.PostFormAsync($"/rounds/{roundId}?reportId={report.Id}&version={report.Version}&decision=return&reason=请补充资金到位情况", [], handler: "Review");
        var returned = await App.WithDbAsync(db => db.ProgressReports.AsNoTracking().SingleAsync());
        returned.State.ShouldBe(ReportState.Returned);
        (await (await liaison.GetAsync(url)).HtmlAsync()).QuerySelector("#return-reason")!.TextContent.ShouldContain("请补充资金到位情况");
        (await App.WithDbAsync(db => db.Notifications.CountAsync(n => n.UnitId == data.Finance))).ShouldBe(1);
        await liaison.PostFormAsync(url, new(Report("已完成选址论证，资金已到位 3000 万元。", version: returned.Version)) { ["submit"] = "1" });
        var resubmitted = await App.WithDbAsync(db => db.ProgressReports.AsNoTracking().SingleAsync());
        resubmitted.State.ShouldBe(ReportState.Submitted);
        await office.PostFormAsync($"/rounds/{roundId}?reportId={resubmitted.Id}&version={resubmitted.Version}&decision=accept", [], handler: "Review");

        (await App.WithDbAsync(db => db.ProgressReports.AsNoTracking().SingleAsync())).State.ShouldBe(ReportState.Accepted);
        (await App.WithDbAsync(db => db.Items.AsNoTracking().SingleAsync(i => i.Id == data.Later))).Status.ShouldBe(ItemStatus.PositiveProgress);
        var ledger = await (await office.GetAsync("/ledger")).HtmlAsync();
        ledger.QuerySelector("#ledger")!.TextContent.ShouldContain("资金已到位 3000 万元");
        var item = await (await office.GetAsync($"/items/{data.Later}")).HtmlAsync();
        item.QuerySelector("#reports")!.TextContent.ShouldContain("已采纳");
        var round = await (await office.GetAsync($"/rounds/{roundId}")).HtmlAsync();
        round.QuerySelector("#round-counts")!.TextContent.ShouldContain("应报 5 份");
        round.QuerySelector("#round-counts")!.TextContent.ShouldContain("已采纳 1");
        var record = (await (await office.GetAsync($"/units/{data.Finance}")).HtmlAsync()).QuerySelectorAll("#reporting-record tbody td").Select(td => td.TextContent).ToList();
        record.ShouldBe(["2021年上半年", today.AddDays(20).ToString("yyyy-MM-dd"), "2", "1", "0", "0", "1", "0"]);
    }

    [Fact]
    public async Task AReturnedReportTurnsTheItemYellowAndAMissedRoundTurnsItRed()
    {
        var data = await App.CreateSmallListAsync();
        await App.AddUserAsync("office1", Role.Office);
        await App.AddUserAsync("czj", Role.Liaison, unitId: data.Finance);
        var office = await App.SignInAsync("office1");
        var roundId = await OpenRoundAsync(office, data.ListId, ChinaTime.Today(App.Clock).AddDays(20));
        await (await App.SignInAsync("czj")).PostFormAsync($"/rounds/{roundId}/items/{data.Later}/report", new(Report("已开工。")) { ["submit"] = "1" });
        var report = await App.WithDbAsync(db => db.ProgressReports.AsNoTracking().SingleAsync());
        await office.PostFormAsync($"/rounds/{roundId}?reportId={report.Id}&version={report.Version}&decision=return&reason=数据不全", [], handler: "Review");

        (await (await office.GetAsync($"/items/{data.Later}")).HtmlAsync()).QuerySelector("#light")!.TextContent.ShouldContain("报送被振兴办退回");
        (await ReadIdsAsync(office, "?light=Yellow")).Order().ShouldBe(new[] { data.Soon, data.Later }.Order());

        // The round's due date passes: every item not done whose lead unit has no submitted report turns red.
        await App.WithDbAsync(async db =>
        {
            var round = await db.ReportingRounds.SingleAsync();
            round.DueOn = ChinaTime.Today(App.Clock).AddDays(-1);
            return await db.SaveChangesAsync();
        });
        (await (await office.GetAsync($"/items/{data.Ongoing}")).HtmlAsync()).QuerySelector("#light")!.TextContent.ShouldContain("上一轮报送截止后，牵头单位未报送进展");
        (await ReadIdsAsync(office, "?light=Red")).Order().ShouldBe(new[] { data.Overdue, data.Soon, data.Later, data.Ongoing }.Order());
        (await ReadIdsAsync(office, "?light=Green")).ShouldBe([data.Done]);
    }

    private static async Task<List<int>> ReadIdsAsync(HttpClient client, string query) =>
        (await (await client.GetAsync("/ledger" + query)).HtmlAsync()).QuerySelectorAll("#ledger td.text a")
            .Select(a => int.Parse(a.GetAttribute("href")!.Split('/').Last())).ToList();

    [Fact]
    public async Task ALeadersInstructionIsAnsweredInTheLeadUnitsNextReport()
    {
        var data = await App.CreateSmallListAsync();
        var leader = await App.AddUserAsync("leader1", Role.Leader);
        await App.AddUserAsync("office1", Role.Office);
        await App.AddUserAsync("czj", Role.Liaison, unitId: data.Finance);
        await (await App.SignInAsync("leader1")).PostFormAsync($"/items/{data.Later}", new() { ["text"] = "请说明资金安排。" }, handler: "Instruct");
        var instruction = await App.WithDbAsync(db => db.Instructions.AsNoTracking().SingleAsync());
        var roundId = await OpenRoundAsync(await App.SignInAsync("office1"), data.ListId, ChinaTime.Today(App.Clock).AddDays(20));
        var liaison = await App.SignInAsync("czj");
        var url = $"/rounds/{roundId}/items/{data.Later}/report";
        (await (await liaison.GetAsync(url)).HtmlAsync()).QuerySelector($"#answer-{instruction.Id}").ShouldNotBeNull();

        var withoutAnswer = await liaison.PostFormAsync(url, new(Report("已开工。")) { ["submit"] = "1" });
        (await withoutAnswer.HtmlAsync()).QuerySelector(".errors")!.TextContent.ShouldContain("请在本次报送中逐条答复");
        (await App.WithDbAsync(db => db.ProgressReports.AnyAsync(p => p.State == ReportState.Submitted))).ShouldBeFalse();

        await liaison.PostFormAsync(url, new(Report("已开工。")) { ["submit"] = "1", [$"Answers[{instruction.Id}]"] = "资金已列入年度预算。" });

        (await App.WithDbAsync(db => db.ProgressReports.AsNoTracking().SingleAsync())).State.ShouldBe(ReportState.Submitted);
        (await App.WithDbAsync(db => db.Instructions.AsNoTracking().SingleAsync())).Answer.ShouldBe("资金已列入年度预算。");
        (await App.WithDbAsync(db => db.Notifications.CountAsync(n => n.UserId == leader.Id))).ShouldBe(1);
    }

    private static async Task<HttpResponseMessage> PostReportWithFilesAsync(HttpClient client, string url, string narrative, params (string Name, byte[] Content)[] files)
    {
        var token = await client.AntiforgeryTokenAsync(url);
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent("InProgress"), "Status" },
            { new StringContent(narrative), "Narrative" },
            { new StringContent("0"), "Version" },
        };
        foreach (var (name, content) in files)
        {
            form.Add(new ByteArrayContent(content), "Uploads", name);
        }
        return await client.PostAsync(url, form);
    }

    [Fact]
    public async Task EvidenceIsCheckedByContentStoredAndOnlyShownToThoseWhoSeeTheItem()
    {
        var data = await App.CreateSmallListAsync();
        await App.AddUserAsync("office1", Role.Office);
        await App.AddUserAsync("czj", Role.Liaison, unitId: data.Finance);
        await App.AddUserAsync("fgw", Role.Liaison, unitId: data.Development);
        var office = await App.SignInAsync("office1");
        var roundId = await OpenRoundAsync(office, data.ListId, ChinaTime.Today(App.Clock).AddDays(20));
        var liaison = await App.SignInAsync("czj");
        var url = $"/rounds/{roundId}/items/{data.Later}/report";
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3];
        var pdf = "%PDF-1.4 test"u8.ToArray();

        var refused = await PostReportWithFilesAsync(liaison, url, "附照片", ("现场.png", png), ("方案.pdf", "这其实是文本"u8.ToArray()));
        (await refused.HtmlAsync()).QuerySelector(".errors")!.TextContent.ShouldContain("文件“方案.pdf”不是 PDF");
        (await App.WithDbAsync(db => db.Evidence.AnyAsync())).ShouldBeFalse();

        (await PostReportWithFilesAsync(liaison, url, "附照片", ("现场.png", png), ("方案.pdf", pdf))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var files = await App.WithDbAsync(db => db.Evidence.AsNoTracking().OrderBy(e => e.Id).ToListAsync());
        files.Select(f => (f.FileName, f.ContentType)).ShouldBe([("现场.png", "image/png"), ("方案.pdf", "application/pdf")]);
        (await liaison.GetByteArrayAsync($"/evidence/{files[0].Id}")).ShouldBe(png);

        // A draft's files stay with its unit; once submitted, whoever sees the item sees them.
        (await office.GetAsync($"/evidence/{files[0].Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var draft = await App.WithDbAsync(db => db.ProgressReports.AsNoTracking().SingleAsync());
        await liaison.PostFormAsync(url, new(Report("附照片", version: draft.Version)) { ["submit"] = "1" });
        (await office.GetAsync($"/evidence/{files[1].Id}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await (await App.SignInAsync("fgw")).GetAsync($"/evidence/{files[1].Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await (await office.GetAsync($"/items/{data.Later}")).HtmlAsync()).QuerySelector(".attachments")!.TextContent.ShouldContain("现场.png");
    }

    [Fact]
    public async Task AnEvidenceNameWithBidiOrControlCharactersIsStoredShownAndDownloadedWithoutThem()
    {
        var data = await App.CreateSmallListAsync();
        await App.AddUserAsync("office1", Role.Office);
        await App.AddUserAsync("czj", Role.Liaison, unitId: data.Finance);
        var roundId = await OpenRoundAsync(await App.SignInAsync("office1"), data.ListId, ChinaTime.Today(App.Clock).AddDays(20));
        var liaison = await App.SignInAsync("czj");
        var url = $"/rounds/{roundId}/items/{data.Later}/report";
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3];

        // Shown as "bexe.png", and as "现场照片.pdf" with isolates, marks and a bell.
        (await PostReportWithFilesAsync(liaison, url, "附照片", ("b\u202Egnp.exe", png), ("现场\u2067照片\u2069\u200F\u061C\u0007.png", png))).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var files = await App.WithDbAsync(db => db.Evidence.AsNoTracking().OrderBy(e => e.Id).ToListAsync());
        files.Select(f => f.FileName).ShouldBe(["bgnp.exe", "现场照片.png"]);
        var page = await (await liaison.GetAsync(url)).Content.ReadAsStringAsync();
        page.ShouldContain(">bgnp.exe</a>");
        page.ShouldNotContain("\u202E");
        var download = await liaison.GetAsync($"/evidence/{files[0].Id}");
        download.Content.Headers.ContentDisposition!.FileNameStar.ShouldBe("bgnp.exe");

        // A name stored before names were cleaned is cleaned on its way out.
        await App.WithDbAsync(db => db.Evidence.Where(e => e.Id == files[1].Id).ExecuteUpdateAsync(s => s.SetProperty(e => e.FileName, "旧\u202Egnp.exe")));
        var old = (await liaison.GetAsync($"/evidence/{files[1].Id}")).Content.Headers.ContentDisposition!;
        old.FileNameStar.ShouldBe("旧gnp.exe");
        old.ToString().ShouldNotContain("%E2%80%AE", Case.Insensitive);
    }

    [Fact]
    public async Task AMissedMilestoneTurnsTheItemRedUntilAnAcceptedReportMeetsIt()
    {
        var data = await App.CreateSmallListAsync();
        await App.AddUserAsync("office1", Role.Office);
        await App.AddUserAsync("czj", Role.Liaison, unitId: data.Finance);
        var office = await App.SignInAsync("office1");
        var today = ChinaTime.Today(App.Clock);
        await office.PostFormAsync($"/items/{data.Later}", new() { ["dueOn"] = today.AddDays(-1).ToString("yyyy-MM-dd"), ["description"] = "完成可研批复" }, handler: "AddMilestone");

        var item = await (await office.GetAsync($"/items/{data.Later}")).HtmlAsync();
        item.QuerySelector("#light")!.TextContent.ShouldContain("形象进度未完成：完成可研批复");
        item.QuerySelector("#milestones")!.TextContent.ShouldContain("未按期完成");
        (await ReadIdsAsync(office, "?light=Red")).ShouldContain(data.Later);

        var roundId = await OpenRoundAsync(office, data.ListId, today.AddDays(10));
        var liaison = await App.SignInAsync("czj");
        var url = $"/rounds/{roundId}/items/{data.Later}/report";
        var milestone = await App.WithDbAsync(db => db.Milestones.AsNoTracking().SingleAsync());
        (await (await liaison.GetAsync(url)).HtmlAsync()).QuerySelector("#milestones")!.TextContent.ShouldContain("完成可研批复");
        await liaison.PostFormAsync(url, new(Report("可研已批复。")) { ["submit"] = "1", ["MilestonesMet"] = milestone.Id.ToString() });
        var report = await App.WithDbAsync(db => db.ProgressReports.AsNoTracking().SingleAsync());
        await office.PostFormAsync($"/rounds/{roundId}?reportId={report.Id}&version={report.Version}&decision=accept", [], handler: "Review");

        (await App.WithDbAsync(db => db.Milestones.AsNoTracking().SingleAsync())).AchievedAt.ShouldNotBeNull();
        (await ReadIdsAsync(office, "?light=Red")).ShouldNotContain(data.Later);
        (await (await office.GetAsync($"/items/{data.Later}")).HtmlAsync()).QuerySelector("#milestones")!.TextContent.ShouldContain("已完成");
    }

    [Fact]
    public async Task AnItemsOwnFrequencyProposesItsRoundAndTurnsItRedWhenItsReportDoesNotCome()
    {
        var data = await App.CreateSmallListAsync();
        await App.AddUserAsync("office1", Role.Office);
        await App.AddUserAsync("czj", Role.Liaison, unitId: data.Finance);
        var office = await App.SignInAsync("office1");
        (await office.PostFormAsync($"/lists/{data.ListId}", new() { ["Title"] = "测试清单", ["Year"] = "2026", ["MonthlyReportingDay"] = "28", ["Version"] = "0" }))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var edit = await office.PostFormAsync($"/items/{data.Later}/edit", new()
        {
            ["Form.ListId"] = data.ListId.ToString(), ["Form.Number"] = "3", ["Form.Text"] = "建设教育强市示范项目", ["Form.LeadUnits"] = "市财政局",
            ["Form.ResponsibleUnits"] = "市教育局", ["Form.Deadline"] = ChinaTime.Today(App.Clock).AddDays(90).ToString("yyyy-MM-dd"),
            ["Form.Status"] = "PositiveProgress", ["Form.ReportingFrequency"] = "Monthly", ["Form.Version"] = "0",
        });
        edit.StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var light = (await (await office.GetAsync($"/items/{data.Later}")).HtmlAsync()).QuerySelector("#light")!.TextContent;
        light.ShouldContain("按每月汇报，");
        light.ShouldContain("的进展未报送");
        var proposal = (await (await office.GetAsync("/rounds")).HtmlAsync()).QuerySelector("#proposed form")!;
        var fields = proposal.QuerySelectorAll("input[type=hidden]").ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value")!);
        var today = ChinaTime.Today(App.Clock);
        fields["Form.Name"].ShouldBe($"{today.Year}年{today.Month}月（每月汇报）");
        fields["Form.DueOn"].ShouldBe(new DateOnly(today.Year, today.Month, 28).ToString("yyyy-MM-dd"));
        var opened = await office.PostFormAsync("/rounds", fields);
        var roundId = int.Parse(opened.Headers.Location!.ToString().Split('/').Last());
        (await (await office.GetAsync("/rounds")).HtmlAsync()).QuerySelector("#proposed").ShouldBeNull();

        await (await App.SignInAsync("czj")).PostFormAsync($"/rounds/{roundId}/items/{data.Later}/report", new(Report("本月已完成主体结构。")) { ["submit"] = "1" });

        (await (await office.GetAsync($"/items/{data.Later}")).HtmlAsync()).QuerySelector("#light")!.TextContent.ShouldContain("绿灯");
    }

    [Fact]
    public async Task AReportAfterTheDueDateIsAcceptedAndMarkedLate()
    {
        var data = await App.CreateSmallListAsync();
        await App.AddUserAsync("office1", Role.Office);
        await App.AddUserAsync("czj", Role.Liaison, unitId: data.Finance);
        var roundId = await OpenRoundAsync(await App.SignInAsync("office1"), data.ListId, ChinaTime.Today(App.Clock).AddDays(-1));
        var liaison = await App.SignInAsync("czj");

        (await (await liaison.GetAsync("/inbox")).HtmlAsync()).QuerySelector(".days-left")!.TextContent.ShouldBe("已逾期 1 天");
        await liaison.PostFormAsync($"/rounds/{roundId}/items/{data.Overdue}/report", new(Report("补报：已开工。")) { ["submit"] = "1" });

        var report = await App.WithDbAsync(db => db.ProgressReports.AsNoTracking().SingleAsync());
        report.State.ShouldBe(ReportState.Submitted);
        report.Late.ShouldBeTrue();
    }

    [Fact]
    public async Task TwoLiaisonsEditingTheSameDraft_TheSecondSeesTheOthersTextAndLosesNothing()
    {
        var data = await App.CreateSmallListAsync();
        await App.AddUserAsync("office1", Role.Office);
        await App.AddUserAsync("czj1", Role.Liaison, unitId: data.Finance);
        await App.AddUserAsync("czj2", Role.Liaison, unitId: data.Finance);
        var roundId = await OpenRoundAsync(await App.SignInAsync("office1"), data.ListId, ChinaTime.Today(App.Clock).AddDays(20));
        var url = $"/rounds/{roundId}/items/{data.Later}/report";
        var first = await App.SignInAsync("czj1");
        await first.PostFormAsync(url, Report("初稿"));
        var version = (await App.WithDbAsync(db => db.ProgressReports.AsNoTracking().SingleAsync())).Version;
        var second = await App.SignInAsync("czj2");
        var firstToken = await first.AntiforgeryTokenAsync(url);
        var secondToken = await second.AntiforgeryTokenAsync(url);

        (await first.PostFormWithTokenAsync(url, Report("第一位联络员的修改", version: version), firstToken)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var conflict = await second.PostFormWithTokenAsync(url, Report("第二位联络员的修改", version: version), secondToken);

        conflict.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var page = await conflict.HtmlAsync();
        page.QuerySelector("#conflict")!.TextContent.ShouldContain("第一位联络员的修改");
        page.QuerySelector("#Narrative")!.TextContent.ShouldContain("第二位联络员的修改");
        (await App.WithDbAsync(db => db.ProgressReports.AsNoTracking().SingleAsync())).Narrative.ShouldBe("第一位联络员的修改");
    }

    [Fact]
    public async Task AResponsibleUnitsContributionIsShownToTheLeadUnit()
    {
        var data = await App.CreateSmallListAsync();
        await App.AddUserAsync("office1", Role.Office);
        await App.AddUserAsync("czj", Role.Liaison, unitId: data.Finance);
        await App.AddUserAsync("jyj", Role.Liaison, unitId: data.Education);
        var roundId = await OpenRoundAsync(await App.SignInAsync("office1"), data.ListId, ChinaTime.Today(App.Clock).AddDays(20), responsibleToo: true);
        var education = await App.SignInAsync("jyj");
        (await (await education.GetAsync("/inbox")).HtmlAsync()).QuerySelector("#inbox")!.TextContent.ShouldContain("责任（协办）");

        await education.PostFormAsync($"/rounds/{roundId}/items/{data.Later}/report", new(Report("教育局已完成校舍规划。")) { ["submit"] = "1" });

        var lead = await (await (await App.SignInAsync("czj")).GetAsync($"/rounds/{roundId}/items/{data.Later}/report")).HtmlAsync();
        lead.QuerySelector("#contributions")!.TextContent.ShouldContain("教育局已完成校舍规划");
    }

    [Fact]
    public async Task ALiaisonCannotReportForAnItemItsUnitDoesNotOwe()
    {
        var data = await App.CreateSmallListAsync();
        await App.AddUserAsync("office1", Role.Office);
        await App.AddUserAsync("jyj", Role.Liaison, unitId: data.Education);
        var roundId = await OpenRoundAsync(await App.SignInAsync("office1"), data.ListId, ChinaTime.Today(App.Clock).AddDays(20));
        var education = await App.SignInAsync("jyj");

        // Not its item at all: 404. Its item as responsible unit in a lead-only round: refused with a reason.
        (await education.GetAsync($"/rounds/{roundId}/items/{data.Soon}/report")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var refused = await education.PostFormAsync($"/rounds/{roundId}/items/{data.Later}/report", new(Report("x")) { ["submit"] = "1" });
        (await refused.HtmlAsync()).QuerySelector(".errors")!.TextContent.ShouldContain("本单位在该轮次中无需报送此事项");
        (await App.WithDbAsync(db => db.ProgressReports.AnyAsync())).ShouldBeFalse();
    }
}

public sealed class RoundTests_Postgres(PostgresApp app) : RoundTests(app), IClassFixture<PostgresApp>;
public sealed class RoundTests_Sqlite(SqliteApp app) : RoundTests(app), IClassFixture<SqliteApp>;
