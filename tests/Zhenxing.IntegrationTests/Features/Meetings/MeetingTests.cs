using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Zhenxing.IntegrationTests.Infrastructure;
using Zhenxing.Web.Features.ApiKeys;
using Zhenxing.Web.Features.Meetings;
using Zhenxing.Web.Features.Targets;
using Zhenxing.Web.Features.Users;
using Zhenxing.Web.Infrastructure;

namespace Zhenxing.IntegrationTests.Features.Meetings;

/// <summary>Meetings (会议): the matters put to them, their decisions, their landing reported by the lead units, the office's summary line.</summary>
public abstract class MeetingTests(ZhenxingAppFactory app) : IntegrationTest(app)
{
    private async Task<int> CreateMeetingAsync(HttpClient office, string title, DateOnly heldOn, string level)
    {
        var response = await office.PostFormAsync("/meetings", new() { ["Title"] = title, ["HeldOn"] = heldOn.ToString("yyyy-MM-dd"), ["NewLevel"] = level });
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        return int.Parse(response.Headers.Location!.ToString().Split('/').Last());
    }

    private static Task<HttpResponseMessage> AddMatterAsync(HttpClient office, int meetingId, string text, string lead, string? decision, params int[] items)
    {
        var fields = new List<KeyValuePair<string, string>> { new("text", text), new("leadUnit", lead) };
        if (decision is not null)
        {
            fields.Add(new("decision", decision));
        }
        fields.AddRange(items.Select(i => new KeyValuePair<string, string>("items", i.ToString())));
        return PostAsync(office, $"/meetings/{meetingId}", "AddMatter", fields);
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string url, string handler, List<KeyValuePair<string, string>> fields)
    {
        var token = await client.AntiforgeryTokenAsync(url);
        fields.Add(new("__RequestVerificationToken", token));
        return await client.PostAsync($"{url}?handler={handler}", new FormUrlEncodedContent(fields));
    }

    private async Task<HttpResponseMessage> LandingAsync(HttpClient client, int meetingId, string matterText, LandingStatus status, string note, int? version = null)
    {
        var matter = await App.WithDbAsync(db => db.MeetingMatters.AsNoTracking().SingleAsync(m => m.Text == matterText));
        return await PostAsync(client, $"/meetings/{meetingId}", "Landing",
            [new("matterId", matter.Id.ToString()), new("status", status.ToString()), new("note", note), new("version", (version ?? matter.Version).ToString())]);
    }

    [Fact]
    public async Task MattersPutToAMeetingAreDecidedAndFollowedToLandingAndTheSummaryMatchesAHandCount()
    {
        var data = await App.CreateSmallListAsync();
        await App.AddUserAsync("office1", Role.Office);
        await App.AddUserAsync("czj", Role.Liaison, unitId: data.Finance);
        await App.AddUserAsync("fgw", Role.Liaison, unitId: data.Development);
        await App.AddUserAsync("jyj", Role.Liaison, unitId: data.Education);
        await App.AddUserAsync("leader1", Role.Leader);
        var office = await App.SignInAsync("office1");
        var finance = await App.SignInAsync("czj");
        var development = await App.SignInAsync("fgw");
        var education = await App.SignInAsync("jyj");
        var today = ChinaTime.Today(App.Clock);

        var bad = await office.PostFormAsync("/meetings", new() { ["Title"] = "", ["NewLevel"] = "Promotion" });
        var badErrors = (await bad.HtmlAsync()).QuerySelector(".errors")!.TextContent;
        badErrors.ShouldContain("请填写会议名称");
        badErrors.ShouldContain("请填写会议日期");

        var held = await CreateMeetingAsync(office, "2020年省支持工作推进会", today.AddDays(-30), "Promotion");
        (await AddMatterAsync(office, held, "支持瑞金机场建设", "市财政局", "同意支持", data.Overdue)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await AddMatterAsync(office, held, "支持赣州港建设", "市发展改革委", "同意支持", data.Soon, data.Ongoing)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await AddMatterAsync(office, held, "支持教育强市示范项目", "市教育局", null)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var unknown = await AddMatterAsync(office, held, "支持某事", "市统计委", null);
        (await unknown.HtmlAsync()).QuerySelector(".errors")!.TextContent.ShouldContain("牵头单位“市统计委”不在单位名录中");
        (await finance.PostFormAsync($"/meetings/{held}", new() { ["text"] = "x", ["leadUnit"] = "市财政局" }, handler: "AddMatter")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var planned = await CreateMeetingAsync(office, "部际联席会议第八次会议", today.AddDays(20), "InterministerialJoint");
        (await (await AddMatterAsync(office, planned, "延续西部大开发政策", "市发改委", "同意")).HtmlAsync()).QuerySelector(".errors")!.TextContent
            .ShouldContain("召开后再填写议定事项");
        (await AddMatterAsync(office, planned, "延续西部大开发政策", "市发改委", null)).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        // The lead unit's liaisons report the landing; another unit's liaison may not; before the meeting nobody may.
        (await LandingAsync(finance, held, "支持瑞金机场建设", LandingStatus.Landed, "机场已开工建设")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await LandingAsync(finance, held, "支持赣州港建设", LandingStatus.Landed, "x")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await LandingAsync(development, held, "支持赣州港建设", LandingStatus.InProgress, "规划已报批")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await LandingAsync(development, held, "支持赣州港建设", LandingStatus.Landed, "规划已获批复")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await (await LandingAsync(education, held, "支持教育强市示范项目", LandingStatus.InProgress, "", null)).HtmlAsync()).QuerySelector(".errors")!.TextContent
            .ShouldContain("请填写落实情况说明");
        (await (await LandingAsync(education, held, "支持教育强市示范项目", LandingStatus.InProgress, "正在对接", version: 5)).HtmlAsync()).QuerySelector(".errors")!.TextContent
            .ShouldContain("已被他人更新");
        (await LandingAsync(education, held, "支持教育强市示范项目", LandingStatus.InProgress, "正在对接")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await (await LandingAsync(office, planned, "延续西部大开发政策", LandingStatus.Landed, "x")).HtmlAsync()).QuerySelector(".errors")!.TextContent
            .ShouldContain("召开后再报送落实情况");

        var port = await App.WithDbAsync(db => db.MeetingMatters.AsNoTracking().Include(m => m.Progress).SingleAsync(m => m.Text == "支持赣州港建设"));
        (port.Status, port.LandedOn, port.Progress.Count).ShouldBe((LandingStatus.Landed, today, 2));
        (await App.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.EntityType == nameof(MeetingMatter) && a.Actor == "fgw"))).ShouldBe(2);

        // Hand count: the held meeting studied 3 matters, 2 landed, 1 in progress; the planned one has 1.
        var list = await (await education.GetAsync("/meetings")).HtmlAsync();
        list.QuerySelector("#meetings-summary")!.TextContent.ShouldBe("召开会议 1 次，研究我市 3 项重大事项，目前 2 项已落地实施；另有 1 次会议待召开，拟提请研究事项 1 项。");
        list.QuerySelector($"#meetings tr[data-meeting='{held}'] .sentence")!.TextContent.ShouldBe("研究我市 3 项重大事项，目前 2 项已落地实施、1 项正在推进");
        var period = await (await education.GetAsync($"/meetings?from={today.AddDays(-5):yyyy-MM-dd}&level=InterministerialJoint")).HtmlAsync();
        period.QuerySelectorAll("#meetings tr[data-meeting]").Length.ShouldBe(1);
        period.QuerySelector("#meetings-summary")!.TextContent.ShouldContain("尚无已召开的会议；另有 1 次会议待召开");
        (await education.GetAsync("/meetings?from=2021-13-01")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var detail = await (await education.GetAsync($"/meetings/{held}")).HtmlAsync();
        detail.QuerySelector("#meeting-summary")!.TextContent.ShouldBe("研究我市 3 项重大事项，目前 2 项已落地实施、1 项正在推进。");
        // The education liaison sees none of the port matter's items: they are another unit's.
        detail.QuerySelector($"#matter-{port.Id}")!.TextContent.ShouldContain("及其他单位的事项 2 项");
        detail.QuerySelectorAll(".landing-form").Length.ShouldBe(1);

        // The item page lists the matters put to meetings about it.
        var item = await (await finance.GetAsync($"/items/{data.Overdue}")).HtmlAsync();
        item.QuerySelector("#item-meetings")!.TextContent.ShouldContain("2020年省支持工作推进会");
        item.QuerySelector("#item-meetings")!.TextContent.ShouldContain("已落地实施");

        await using var scope = App.Services.CreateAsyncScope();
        var summary = await scope.ServiceProvider.GetRequiredService<PeriodProgressSummary>().GetAsync(today.AddDays(-60), today, CancellationToken.None);
        (summary.Meetings.Held, summary.Meetings.Matters, summary.Meetings.Landed, summary.Meetings.Planned).ShouldBe((1, 3, 2, 0));
    }

    [Fact]
    public async Task MeetingsRunThroughTheApiWithTheSamePermissions()
    {
        var data = await App.CreateSmallListAsync();
        async Task<HttpClient> KeyAsync(string name, Role role, int? unit = null)
        {
            var user = await App.AddUserAsync(name, role, unitId: unit);
            await using var scope = App.Services.CreateAsyncScope();
            var (created, _) = await scope.ServiceProvider.GetRequiredService<CreateApiKey>().RunAsync(user.Id, "测试", CancellationToken.None);
            var client = App.CreateClient();
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", created!.Secret);
            return client;
        }
        var office = await KeyAsync("office1", Role.Office);
        var finance = await KeyAsync("czj", Role.Liaison, data.Finance);
        var today = ChinaTime.Today(App.Clock);

        var created = await office.PostAsJsonAsync("/api/v1/meetings", new { title = "市苏区振兴领导小组会", heldOn = today.AddDays(-3).ToString("yyyy-MM-dd"), level = "LeadingGroup", version = 0 });
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var meetingId = JsonNode.Parse(await created.Content.ReadAsStringAsync())!["id"]!.GetValue<int>();
        (await finance.PostAsJsonAsync("/api/v1/meetings", new { title = "x", heldOn = "2021-01-01", level = "Other", version = 0 })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var withMatter = JsonNode.Parse(await (await office.PostAsJsonAsync($"/api/v1/meetings/{meetingId}/matters",
            new { text = "支持瑞金机场建设", leadUnit = "市财政局", items = new[] { data.Overdue }, decision = "同意", version = 0 })).Content.ReadAsStringAsync())!;
        var matter = withMatter["matterList"]!.AsArray().Single()!;
        matter["items"]!.AsArray().Single()!.GetValue<int>().ShouldBe(data.Overdue);

        var landed = await finance.PostAsJsonAsync($"/api/v1/matters/{matter["id"]}/landing", new { status = "Landed", note = "已开工", version = matter["version"]!.GetValue<int>() });
        landed.StatusCode.ShouldBe(HttpStatusCode.OK, await landed.Content.ReadAsStringAsync());
        (await finance.PostAsJsonAsync($"/api/v1/matters/{matter["id"]}/landing", new { status = "Landed", note = "再报", version = 0 })).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var summary = JsonNode.Parse(await (await finance.GetAsync("/api/v1/meetings")).Content.ReadAsStringAsync())!;
        (summary["held"]!.GetValue<int>(), summary["matters"]!.GetValue<int>(), summary["landed"]!.GetValue<int>()).ShouldBe((1, 1, 1));
        summary["sentence"]!.GetValue<string>().ShouldBe("召开会议 1 次，研究我市 1 项重大事项，目前 1 项已落地实施");
        (await finance.GetAsync("/api/v1/meetings/999")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}

public sealed class MeetingTests_Postgres(PostgresApp app) : MeetingTests(app), IClassFixture<PostgresApp>;
public sealed class MeetingTests_Sqlite(SqliteApp app) : MeetingTests(app), IClassFixture<SqliteApp>;
