using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Zhenxing.IntegrationTests.Infrastructure;
using Zhenxing.Web.Features.Pairings;
using Zhenxing.Web.Features.Users;

namespace Zhenxing.IntegrationTests.Features.Pairings;

/// <summary>The pairing registry (对口支援): browsing, the Office's edits with history, and the activity log a county's liaison files.</summary>
public abstract class PairingTests(ZhenxingAppFactory app) : IntegrationTest(app)
{
    [Fact]
    public async Task TheImportedSchemeIsBrowsableBySupportingUnitByCountyAndByCity()
    {
        await App.ImportSeedAsync("003");
        await App.AddUserAsync("leader1", Role.Leader);
        var leader = await App.SignInAsync("leader1");

        var byUnit = await (await leader.GetAsync("/pairings")).HtmlAsync();
        byUnit.QuerySelectorAll("#pairings tbody tr[data-pairing]").Length.ShouldBe(61);
        byUnit.QuerySelector("#pairing-count")!.TextContent.ShouldBe("61 个结对");

        var byCounty = await (await leader.GetAsync("/pairings?view=county")).HtmlAsync();
        byCounty.QuerySelector("#pairings")!.GetAttribute("data-view").ShouldBe("County");
        byCounty.QuerySelectorAll("#pairings tbody tr[data-county]").Select(tr => tr.GetAttribute("data-county")).Distinct().Count().ShouldBe(43);
        var ruijin = byCounty.QuerySelectorAll("#pairings tbody tr[data-county=瑞金市] a").Select(a => a.TextContent).ToList();
        ruijin.ShouldBe(["财政部", "新华社"]);

        var byCity = await (await leader.GetAsync("/pairings?view=city")).HtmlAsync();
        byCity.QuerySelectorAll("#pairings tr.city-row").Select(tr => tr.GetAttribute("data-city")).ShouldBe(["赣州市", "吉安市", "抚州市", "龙岩市", "三明市"]);
        byCity.QuerySelector("tr.city-row[data-city=赣州市]")!.TextContent.ShouldContain("18 个县（市、区），36 个结对");

        var jian = await (await leader.GetAsync("/pairings?view=county&city=" + Uri.EscapeDataString("吉安市"))).HtmlAsync();
        jian.QuerySelectorAll("#pairings tbody tr[data-pairing]").Length.ShouldBe(8);

        var api = await leader.GetFromJsonAsync<JsonElement>("/api/v1/pairings?county=" + Uri.EscapeDataString("于都"));
        api.EnumerateArray().Select(p => p.GetProperty("supportingUnit").GetString()).ShouldBe(["国家卫生健康委", "国家粮食和储备局"]);
        api[0].GetProperty("startsOn").GetString().ShouldBe("2021-01-01");
        api[0].GetProperty("endsOn").GetString().ShouldBe("2030-12-31");
    }

    [Fact]
    public async Task TheOfficeAddsAPairingChangesThePartnerAndEndsAPeriodAndTheHistoryKeepsBoth()
    {
        var data = await App.CreatePairingsAsync();
        await App.AddUnitAsync("审计署", Zhenxing.Web.Features.Units.UnitKind.CentralUnit);
        await App.AddUnitAsync("会昌县", Zhenxing.Web.Features.Units.UnitKind.County);
        await App.AddUserAsync("office1", Role.Office);
        var office = await App.SignInAsync("office1");

        var missing = await office.PostFormAsync("/pairings/new", new() { ["Pairing.SchemeId"] = data.SchemeId.ToString(), ["Pairing.SupportingUnit"] = "审计所", ["Pairing.County"] = "会昌县", ["Pairing.City"] = "赣州市" }, handler: "Pairing");
        missing.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await missing.HtmlAsync()).QuerySelector(".errors")!.TextContent.ShouldContain("支援单位“审计所”不在单位名录中");

        var added = await office.PostFormAsync("/pairings/new", new() { ["Pairing.SchemeId"] = data.SchemeId.ToString(), ["Pairing.SupportingUnit"] = "审计署", ["Pairing.County"] = "会昌县", ["Pairing.City"] = "赣州市" }, handler: "Pairing");
        added.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var addedId = int.Parse(added.Headers.Location!.ToString().Split('/').Last());

        // A change of partner ends the old pairing the day before and starts the new one; both stay.
        var version = await App.WithDbAsync(db => db.Pairings.Where(p => p.Id == data.FinanceRuijin).Select(p => p.Version).SingleAsync());
        var noReason = await office.PostFormAsync($"/pairings/{data.FinanceRuijin}", new() { ["NewUnit"] = "审计署", ["ChangesOn"] = "2024-07-01", ["Version"] = version.ToString() }, handler: "ChangePartner");
        (await noReason.HtmlAsync()).QuerySelector(".errors")!.TextContent.ShouldContain("请填写原因");
        var changed = await office.PostFormAsync($"/pairings/{data.FinanceRuijin}", new() { ["NewUnit"] = "审计署", ["ChangesOn"] = "2024-07-01", ["Reason"] = "国办函调整结对关系", ["Version"] = version.ToString() }, handler: "ChangePartner");
        changed.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var successorId = int.Parse(changed.Headers.Location!.ToString().Split('/').Last());
        var old = await App.WithDbAsync(db => db.Pairings.AsNoTracking().SingleAsync(p => p.Id == data.FinanceRuijin));
        old.EndsOn.ShouldBe(new DateOnly(2024, 6, 30));
        old.EndReason.ShouldBe("调整结对：国办函调整结对关系");
        old.ReplacedById.ShouldBe(successorId);
        var successor = await App.WithDbAsync(db => db.Pairings.AsNoTracking().SingleAsync(p => p.Id == successorId));
        successor.StartsOn.ShouldBe(new DateOnly(2024, 7, 1));
        successor.CountyUnitId.ShouldBe(data.Ruijin);

        var page = await (await office.GetAsync($"/pairings/{successorId}")).HtmlAsync();
        var history = page.QuerySelectorAll("#pairing-history tbody tr").Select(tr => string.Join("|", tr.QuerySelectorAll("td").Select(td => td.TextContent.Trim()))).ToList();
        history.ShouldBe([
            "财政部|2021-01-01|2024-06-30|已结束：调整结对：国办函调整结对关系",
            "新华社|2021-01-01|2030-12-31|期内",
            "审计署|2024-07-01|2030-12-31|期内",
        ]);
        page.QuerySelector("#pairing-changes")!.TextContent.ShouldContain("新增结对");

        // A stale version is refused; the period's end is kept with its reason.
        var stale = await office.PostFormAsync($"/pairings/{data.FinanceRuijin}", new() { ["EndsOn"] = "2024-01-01", ["Reason"] = "期满", ["Version"] = version.ToString() }, handler: "End");
        (await stale.HtmlAsync()).QuerySelector(".errors")!.TextContent.ShouldContain("已被其他用户修改");
        var ended = await office.PostAsJsonAsync($"/api/v1/pairings/{addedId}/end", new { version = 0, endsOn = "2025-12-31", reason = "对口支援期满" });
        ended.StatusCode.ShouldBe(HttpStatusCode.OK, await ended.Content.ReadAsStringAsync());
        var endedRow = await ended.Content.ReadFromJsonAsync<JsonElement>();
        endedRow.GetProperty("endsOn").GetString().ShouldBe("2025-12-31");
        endedRow.GetProperty("active").GetBoolean().ShouldBeFalse();
        var outside = await office.PostAsJsonAsync($"/api/v1/pairings/{data.XinhuaRuijin}/end", new { version = 0, endsOn = "2031-01-01", reason = "x" });
        outside.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await outside.Content.ReadAsStringAsync()).ShouldContain("结束日期应在结对期限");

        var endedView = await (await office.GetAsync("/pairings?state=ended")).HtmlAsync();
        endedView.QuerySelectorAll("#pairings tbody tr[data-pairing]").Select(tr => tr.QuerySelector("td")!.TextContent).ShouldBe(["财政部", "审计署"], ignoreOrder: true);
        var audit = await App.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.EntityType == nameof(Pairing) && a.EntityId == data.FinanceRuijin.ToString()));
        audit.ShouldBeGreaterThanOrEqualTo(2);
    }

    [Fact]
    public async Task ACountyLiaisonFilesActivitiesForItsOwnCountyOnlyAndEditsAreChecked()
    {
        var data = await App.CreatePairingsAsync();
        await App.AddUserAsync("ruijin", Role.Liaison, unitId: data.Ruijin);
        await App.AddUserAsync("leader1", Role.Leader);
        var liaison = await App.SignInAsync("ruijin");
        var leader = await App.SignInAsync("leader1");

        var visit = await liaison.PostFormAsync($"/pairings/{data.FinanceRuijin}", new()
        {
            ["Activity.Kind"] = "Visit", ["Activity.OccurredOn"] = "2025-03-10", ["Activity.People"] = "市长 张三", ["Activity.Counterpart"] = "财政部预算司", ["Activity.Title"] = "争取革命老区转移支付",
        }, handler: "File");
        visit.StatusCode.ShouldBe(HttpStatusCode.Redirect);

        // Validation names the field in Chinese; nothing is stored.
        var funds = await liaison.PostFormAsync($"/pairings/{data.FinanceRuijin}", new()
        {
            ["Activity.Kind"] = "Support", ["Activity.OccurredOn"] = "2025-04-01", ["Activity.SupportKind"] = "Funds", ["Activity.Title"] = "中央预算内投资",
        }, handler: "File");
        funds.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await funds.HtmlAsync()).QuerySelector(".errors")!.TextContent.ShouldContain("争取资金支持请填写金额（万元）");
        var research = await liaison.PostFormAsync($"/pairings/{data.FinanceRuijin}", new() { ["Activity.Kind"] = "ResearchVisit", ["Activity.OccurredOn"] = "2025-04-01" }, handler: "File");
        var errors = (await research.HtmlAsync()).QuerySelector(".errors")!.TextContent;
        errors.ShouldContain("请填写来调研领导（姓名、职务）");
        errors.ShouldContain("请选择领导职级");

        // Another county's pairing: refused on the server, on the page and over the API; a leader reads but does not file.
        (await liaison.PostFormAsync($"/pairings/{data.HealthYudu}", new() { ["Activity.Kind"] = "Symposium", ["Activity.OccurredOn"] = "2025-04-01", ["Activity.Title"] = "座谈" }, handler: "File"))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await liaison.PostAsJsonAsync($"/api/v1/pairings/{data.HealthYudu}/activities", new { kind = "Symposium", occurredOn = "2025-04-01", title = "座谈" }))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await leader.PostAsJsonAsync($"/api/v1/pairings/{data.FinanceRuijin}/activities", new { kind = "Symposium", occurredOn = "2025-04-01", title = "座谈" }))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var viaApi = await liaison.PostAsJsonAsync($"/api/v1/pairings/{data.XinhuaRuijin}/activities", new { kind = "Support", occurredOn = "2025-05-01", supportKind = "Funds", title = "新闻宣传专项资金", amount = 120.5 });
        viaApi.StatusCode.ShouldBe(HttpStatusCode.Created, await viaApi.Content.ReadAsStringAsync());

        var activities = await App.WithDbAsync(db => db.PairingActivities.AsNoTracking().OrderBy(a => a.Id).ToListAsync());
        activities.Count.ShouldBe(2);
        activities[0].Kind.ShouldBe(PairingActivityKind.Visit);
        activities[0].CreatedByName.ShouldBe("ruijin");
        activities[1].Amount.ShouldBe(120.5m);

        var page = await (await leader.GetAsync($"/pairings/{data.FinanceRuijin}")).HtmlAsync();
        page.QuerySelector("#activity-table tbody tr")!.TextContent.ShouldContain("赴部委对接：市长 张三，对接财政部预算司，争取革命老区转移支付");
        page.QuerySelector("#activity-form").ShouldBeNull();

        // Edits carry the version read: a second edit on the old version is refused and shows the current entry.
        var edit = $"/pairings/activities/{activities[0].Id}/edit";
        var fields = new Dictionary<string, string>
        {
            ["Activity.Kind"] = "Visit", ["Activity.OccurredOn"] = "2025-03-11", ["Activity.People"] = "市长 张三、副市长 李四", ["Activity.Counterpart"] = "财政部预算司", ["Activity.Version"] = activities[0].Version.ToString(),
        };
        (await liaison.PostFormAsync(edit, fields)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var conflict = await liaison.PostFormAsync(edit, new(fields) { ["Activity.People"] = "别的内容" });
        conflict.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await conflict.HtmlAsync()).QuerySelector("#conflict")!.TextContent.ShouldContain("市长 张三、副市长 李四");
        (await leader.GetAsync(edit)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var current = await App.WithDbAsync(db => db.PairingActivities.AsNoTracking().SingleAsync(a => a.Id == activities[0].Id));
        current.OccurredOn.ShouldBe(new DateOnly(2025, 3, 11));
        (await liaison.DeleteAsync($"/api/v1/pairing-activities/{current.Id}?version={current.Version - 1}")).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await liaison.DeleteAsync($"/api/v1/pairing-activities/{current.Id}?version={current.Version}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var audit = await App.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.EntityType == nameof(PairingActivity) && a.EntityId == current.Id.ToString()).OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
        audit.Select(a => a.ToString()).ShouldBe(["Added", "Modified", "Deleted"]);
    }

    [Fact]
    public async Task ACadreTermEndingWithinThirtyDaysIsRemindedOnce()
    {
        var data = await App.CreatePairingsAsync();
        await App.AddUserAsync("office1", Role.Office);
        var office = await App.SignInAsync("office1");
        var today = Zhenxing.Web.Infrastructure.ChinaTime.Today(App.Clock);
        async Task FileCadre(string name, DateOnly ends) =>
            (await office.PostAsJsonAsync($"/api/v1/pairings/{data.FinanceRuijin}/activities", new
            {
                kind = "Cadre", occurredOn = today.AddYears(-2).ToString("yyyy-MM-dd"), people = name, post = "瑞金市副市长", batch = "第三批", termEndsOn = ends.ToString("yyyy-MM-dd"),
            })).StatusCode.ShouldBe(HttpStatusCode.Created);
        await FileCadre("王挂职", today.AddDays(20));
        await FileCadre("李挂职", today.AddDays(45));

        async Task<int> RunAsync()
        {
            await using var scope = App.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<CadreTermReminders>().RunAsync(CancellationToken.None);
        }
        (await RunAsync()).ShouldBe(1);
        (await RunAsync()).ShouldBe(0);
        var notices = await App.WithDbAsync(db => db.Notifications.AsNoTracking().ToListAsync());
        notices.Count.ShouldBe(2);
        notices.ShouldContain(n => n.UnitId == data.Ruijin && n.Text.Contains("王挂职") && n.Text.Contains("还有 20 天"));
        notices.ShouldContain(n => n.UserId != null && n.Link == $"/pairings/{data.FinanceRuijin}#activities");

        // 25 days later the second term is within 30 days too.
        App.Clock.Advance(TimeSpan.FromDays(25));
        (await RunAsync()).ShouldBe(1);
        (await App.WithDbAsync(db => db.Notifications.CountAsync(n => n.Text.Contains("李挂职")))).ShouldBe(2);
    }
}

public sealed class PairingTests_Postgres(PostgresApp app) : PairingTests(app), IClassFixture<PostgresApp>;
public sealed class PairingTests_Sqlite(SqliteApp app) : PairingTests(app), IClassFixture<SqliteApp>;
