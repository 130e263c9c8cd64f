using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Zhenxing.IntegrationTests.Infrastructure;
using Zhenxing.Web.Features.Extensions;
using Zhenxing.Web.Features.Items;
using Zhenxing.Web.Features.Users;
using Zhenxing.Web.Infrastructure;

namespace Zhenxing.IntegrationTests.Features.Extensions;

/// <summary>
/// 延期申请: a lead unit asks before the deadline, the Office approves or refuses; the item keeps its original deadline,
/// and the light, the overdue filter and the dashboard judge it by the approved one.
/// </summary>
public abstract class ExtensionTests(ZhenxingAppFactory app) : IntegrationTest(app)
{
    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd");

    private async Task<HttpResponseMessage> AskAsync(HttpClient liaison, int itemId, DateOnly? to, string reason = "省里的批复尚未下达，需等待省发改委审批。", string progress = "已完成可研报告编制并上报。")
    {
        var version = await App.WithDbAsync(db => db.Items.Where(i => i.Id == itemId).Select(i => i.Version).SingleAsync());
        return await liaison.PostFormAsync($"/items/{itemId}/extension", new()
        {
            ["RequestedDeadline"] = to is { } d ? Day(d) : "", ["Reason"] = reason, ["Progress"] = progress, ["ItemVersion"] = version.ToString(),
        });
    }

    private static async Task<HttpResponseMessage> DecideAsync(HttpClient office, ExtensionRequest request, string decision, string reason = "", int? version = null) =>
        await office.PostFormAsync("/extensions", new()
        {
            ["requestId"] = request.Id.ToString(), ["version"] = (version ?? request.Version).ToString(), ["decision"] = decision, ["reason"] = reason,
        }, handler: "Decide");

    private async Task<ExtensionRequest> OnlyRequestAsync() => await App.WithDbAsync(db => db.ExtensionRequests.AsNoTracking().SingleAsync());

    private static async Task<string> LightAsync(HttpClient client, int itemId)
    {
        var page = await (await client.GetAsync($"/items/{itemId}")).HtmlAsync();
        return page.QuerySelector("#light .light")!.ClassList.Single(c => c != "light");
    }

    private static async Task<List<int>> OverdueAsync(HttpClient client)
    {
        var page = await (await client.GetAsync("/ledger?overdue=true")).HtmlAsync();
        return page.QuerySelectorAll("#ledger td.text a").Select(a => int.Parse(a.GetAttribute("href")!.Split('/').Last())).ToList();
    }

    private static async Task<JsonElement> HeadlineAsync(HttpClient client)
    {
        var response = await client.GetAsync("/api/v1/dashboard");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("headline");
    }

    private static int Lights(JsonElement headline, string light) =>
        headline.GetProperty("byLight").EnumerateArray().Single(e => e.GetProperty("light").GetString() == light).GetProperty("count").GetInt32();

    [Fact]
    public async Task AnApprovedExtensionKeepsTheOriginalDeadlineAndTheLightTheOverdueFilterAndTheDashboardFollowTheNewOne()
    {
        // Item 2 of the small list (lead 市发改委) is due in 10 days: yellow.
        var data = await App.CreateSmallListAsync();
        var office1 = await App.AddUserAsync("office1", Role.Office);
        await App.AddUserAsync("fgw", Role.Liaison, unitId: data.Development);
        var office = await App.SignInAsync("office1");
        var liaison = await App.SignInAsync("fgw");
        var today = ChinaTime.Today(App.Clock);
        var original = today.AddDays(10);
        var extended = today.AddDays(120);
        (await LightAsync(liaison, data.Soon)).ShouldBe("yellow");
        (await (await liaison.GetAsync($"/items/{data.Soon}")).HtmlAsync()).QuerySelector("#ask-extension").ShouldNotBeNull();

        (await AskAsync(liaison, data.Soon, extended)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var request = await OnlyRequestAsync();
        (request.State, request.UnitId, request.CurrentDeadline, request.RequestedDeadline).ShouldBe((ExtensionState.Pending, data.Development, original, extended));
        (await App.WithDbAsync(db => db.Notifications.AsNoTracking().SingleAsync(n => n.UserId == office1.Id))).Link.ShouldBe("/extensions");
        // One open request per item.
        var again = await AskAsync(liaison, data.Soon, extended.AddDays(10));
        again.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await again.HtmlAsync()).QuerySelector(".errors")!.TextContent.ShouldContain("已有一份待审批的延期申请");
        (await App.WithDbAsync(db => db.ExtensionRequests.CountAsync())).ShouldBe(1);
        // Waiting, nothing changes.
        (await LightAsync(office, data.Soon)).ShouldBe("yellow");
        var pendingPage = await (await office.GetAsync("/extensions")).HtmlAsync();
        pendingPage.QuerySelector("#pending-count")!.TextContent.ShouldBe("1");
        (await (await office.GetAsync($"/items/{data.Soon}")).HtmlAsync()).QuerySelector("#pending-extensions-link")!.TextContent.ShouldContain("待审批的延期申请 1 项");

        (await DecideAsync(office, request, "approve")).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var item = await App.WithDbAsync(db => db.Items.AsNoTracking().SingleAsync(i => i.Id == data.Soon));
        (item.Deadline, item.ExtendedDeadline, item.EffectiveDeadline).ShouldBe((original, extended, extended));
        (await OnlyRequestAsync()).State.ShouldBe(ExtensionState.Approved);
        var itemPage = await (await liaison.GetAsync($"/items/{data.Soon}")).HtmlAsync();
        itemPage.QuerySelector("#deadline")!.TextContent.ShouldContain($"原定 {Day(original)}，延期至 {Day(extended)}（已批准）");
        itemPage.QuerySelector("#extensions .extension-state")!.TextContent.ShouldContain("已批准");
        (await LightAsync(liaison, data.Soon)).ShouldBe("green");
        (await App.WithDbAsync(db => db.Notifications.AsNoTracking().SingleAsync(n => n.UnitId == data.Development))).Text.ShouldContain($"已批准您单位对事项“争取赣州港建设支持”的延期申请：完成时限延期至 {Day(extended)}");
        var audited = await App.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.ItemId == data.Soon).Select(a => new { a.EntityType, a.Action, a.After }).ToListAsync());
        audited.Count(a => a.EntityType == nameof(ExtensionRequest)).ShouldBe(2);
        audited.ShouldContain(a => a.EntityType == nameof(Item) && a.After!.Contains($"\"ExtendedDeadline\":\"{Day(extended)}\""));
        (await (await office.GetAsync($"/items/{data.Soon}")).HtmlAsync()).QuerySelector("#history")!.TextContent.ShouldContain("延期至");

        // Twenty days on the original deadline has passed: item 2 is neither overdue nor red; item 1 (not extended) is both.
        App.Clock.Advance(TimeSpan.FromDays(20));
        office = await App.SignInAsync("office1");
        (await OverdueAsync(office)).ShouldBe([data.Overdue]);
        (await LightAsync(office, data.Soon)).ShouldBe("green");
        (await LightAsync(office, data.Overdue)).ShouldBe("red");
        var headline = await HeadlineAsync(office);
        headline.GetProperty("overdue").GetInt32().ShouldBe(1);
        Lights(headline, "Red").ShouldBe(1);
        var redPage = await (await office.GetAsync("/ledger?light=Red")).HtmlAsync();
        redPage.QuerySelectorAll("#ledger td.text a").Select(a => int.Parse(a.GetAttribute("href")!.Split('/').Last())).ShouldBe([data.Overdue]);
    }

    [Fact]
    public async Task RequestsTooLateByAnotherUnitOrForADoneOrWithdrawnItemAreRefusedInChineseAndNothingIsStored()
    {
        var data = await App.CreateSmallListAsync();
        await App.AddUserAsync("czj", Role.Liaison, unitId: data.Finance);
        await App.AddUserAsync("jyj", Role.Liaison, unitId: data.Education);
        await App.AddUserAsync("office1", Role.Office);
        var finance = await App.SignInAsync("czj");
        var education = await App.SignInAsync("jyj");
        var office = await App.SignInAsync("office1");
        var today = ChinaTime.Today(App.Clock);

        async Task Refused(HttpClient client, int itemId, string problem)
        {
            var response = await AskAsync(client, itemId, today.AddDays(200));
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            (await response.HtmlAsync()).QuerySelector(".errors")!.TextContent.ShouldContain(problem);
            var page = await (await client.GetAsync($"/items/{itemId}/extension")).HtmlAsync();
            page.QuerySelector("#extension-form").ShouldBeNull();
            page.QuerySelector("#extension-refusal")!.TextContent.ShouldContain(problem);
        }

        // Item 1 (lead 财政) was due 5 days ago.
        await Refused(finance, data.Overdue, $"该事项已超过完成时限（{Day(today.AddDays(-5))}），不能再申请延期");
        // Item 3: 教育 is only responsible for it.
        await Refused(education, data.Later, "只有该事项牵头单位的联络员可以申请延期");
        // Item 4 (lead 教育) is done.
        await Refused(education, data.Done, "该事项已落实到位，无需申请延期");
        // Item 2 belongs to 发改 alone: 财政 does not see it.
        (await AskAsync(finance, data.Soon, today.AddDays(200))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        // Only a liaison asks.
        (await AskAsync(office, data.Later, today.AddDays(200))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        // Bad input names its field.
        var response = await AskAsync(finance, data.Later, today.AddDays(90), reason: " ", progress: "");
        var errors = (await response.HtmlAsync()).QuerySelector(".errors")!.TextContent;
        errors.ShouldContain($"申请延期至的日期（{Day(today.AddDays(90))}）应晚于当前完成时限（{Day(today.AddDays(90))}）");
        errors.ShouldContain("请填写延期理由");
        errors.ShouldContain("请填写目前进展");
        (await (await AskAsync(finance, data.Later, null)).HtmlAsync()).QuerySelector(".errors")!.TextContent.ShouldContain("请填写申请延期至的日期");
        // A stale form: the item changed since it was opened.
        var stale = await finance.PostFormAsync($"/items/{data.Later}/extension", new()
        {
            ["RequestedDeadline"] = Day(today.AddDays(200)), ["Reason"] = "理由", ["Progress"] = "进展", ["ItemVersion"] = "99",
        });
        stale.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await stale.HtmlAsync()).QuerySelector(".errors")!.TextContent.ShouldContain("该事项在您填写期间已被修改");

        // Withdrawn.
        await App.WithDbAsync(async db =>
        {
            var item = await db.Items.SingleAsync(i => i.Id == data.Later);
            item.WithdrawnAt = App.Clock.GetUtcNow();
            item.WithdrawnReason = "并入其他事项";
            return await db.SaveChangesAsync();
        });
        await Refused(finance, data.Later, "该事项已撤销，不能申请延期");

        (await App.WithDbAsync(db => db.ExtensionRequests.CountAsync())).ShouldBe(0);
        (await App.WithDbAsync(db => db.Notifications.CountAsync())).ShouldBe(0);
    }

    [Fact]
    public async Task ARefusalNeedsAReasonTellsTheUnitAndLeavesTheDeadlineWhileAStaleOrSecondDecisionIsRefused()
    {
        var data = await App.CreateSmallListAsync();
        await App.AddUserAsync("office1", Role.Office);
        await App.AddUserAsync("fgw", Role.Liaison, unitId: data.Development);
        var office = await App.SignInAsync("office1");
        var liaison = await App.SignInAsync("fgw");
        var today = ChinaTime.Today(App.Clock);
        (await AskAsync(liaison, data.Soon, today.AddDays(60))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var request = await OnlyRequestAsync();

        var response = await DecideAsync(office, request, "refuse", "  ");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.HtmlAsync()).QuerySelector($"#extension-{request.Id} .errors")!.TextContent.ShouldContain("请填写不批准的理由");
        response = await DecideAsync(office, request, "approve", version: request.Version + 1);
        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await response.HtmlAsync()).QuerySelector($"#extension-{request.Id} .errors")!.TextContent.ShouldContain("审批未保存");
        (await OnlyRequestAsync()).State.ShouldBe(ExtensionState.Pending);

        (await DecideAsync(office, request, "refuse", "港口项目须按期完成，请加快推进。")).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var refused = await OnlyRequestAsync();
        (refused.State, refused.DecisionReason).ShouldBe((ExtensionState.Refused, "港口项目须按期完成，请加快推进。"));
        refused.DecidedByName.ShouldNotBeNullOrEmpty();
        (await App.WithDbAsync(db => db.Items.AsNoTracking().SingleAsync(i => i.Id == data.Soon))).ExtendedDeadline.ShouldBeNull();
        (await App.WithDbAsync(db => db.Notifications.AsNoTracking().SingleAsync(n => n.UnitId == data.Development))).Text
            .ShouldBe($"振兴办未批准您单位对事项“争取赣州港建设支持”的延期申请，完成时限仍为 {Day(today.AddDays(10))}。理由：港口项目须按期完成，请加快推进。");
        (await LightAsync(liaison, data.Soon)).ShouldBe("yellow");
        var itemPage = await (await liaison.GetAsync($"/items/{data.Soon}")).HtmlAsync();
        itemPage.QuerySelector("#extensions .extension-state")!.TextContent.ShouldContain("未批准");
        itemPage.QuerySelector("#extensions .extension-state")!.TextContent.ShouldContain("港口项目须按期完成");
        // Decided once: a second decision is refused; the unit may ask again.
        response = await DecideAsync(office, refused, "approve");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.HtmlAsync()).QuerySelector(".errors")!.TextContent.ShouldContain("不能再次审批");
        (await OnlyRequestAsync()).State.ShouldBe(ExtensionState.Refused);
        itemPage.QuerySelector("#ask-extension").ShouldNotBeNull();
        (await (await office.GetAsync("/extensions")).HtmlAsync()).QuerySelector("#decided-extensions")!.TextContent.ShouldContain("未批准");
    }
}

public sealed class ExtensionTests_Postgres(PostgresApp app) : ExtensionTests(app), IClassFixture<PostgresApp>;
public sealed class ExtensionTests_Sqlite(SqliteApp app) : ExtensionTests(app), IClassFixture<SqliteApp>;
