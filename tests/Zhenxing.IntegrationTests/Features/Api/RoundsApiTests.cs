using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Zhenxing.IntegrationTests.Infrastructure;
using Zhenxing.Web.Features.ApiKeys;
using Zhenxing.Web.Features.Users;
using Zhenxing.Web.Infrastructure;

namespace Zhenxing.IntegrationTests.Features.Api;

/// <summary>A whole reporting round through the JSON API, with API keys of the Office and two liaisons.</summary>
public abstract class RoundsApiTests(ZhenxingAppFactory app) : IntegrationTest(app)
{
    private async Task<HttpClient> KeyClientAsync(string userName, Role role, int? unitId = null)
    {
        var user = await App.AddUserAsync(userName, role, unitId: unitId);
        await using var scope = App.Services.CreateAsyncScope();
        var (created, error) = await scope.ServiceProvider.GetRequiredService<CreateApiKey>().RunAsync(user.Id, "测试", CancellationToken.None);
        var client = App.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", created?.Secret ?? throw new InvalidOperationException(error));
        return client;
    }

    private static async Task<JsonNode> JsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(expected, body);
        return JsonNode.Parse(body)!;
    }

    [Fact]
    public async Task OversizedBodiesAndOverlongTextsAreRefusedInChineseAndNothingIsStored()
    {
        var data = await App.CreateSmallListAsync();
        var office = await KeyClientAsync("office1", Role.Office);
        var finance = await KeyClientAsync("czj", Role.Liaison, data.Finance);
        var today = ChinaTime.Today(App.Clock);
        var round = await JsonAsync(await office.PostAsJsonAsync("/api/v1/rounds",
            new { name = "十一月调度", opensOn = today.ToString("yyyy-MM-dd"), dueOn = today.AddDays(10).ToString("yyyy-MM-dd"), lists = new[] { data.ListId } }), HttpStatusCode.Created);
        var url = $"/api/v1/rounds/{round["id"]!.GetValue<int>()}/items/{data.Later}/report";

        var body = System.Text.Json.JsonSerializer.Serialize(new { status = "Done", narrative = new string('进', 400_000), version = 0, submit = true });
        var huge = await JsonAsync(await finance.PutAsync(url, new StringContent(body, System.Text.Encoding.UTF8, "application/json")), HttpStatusCode.RequestEntityTooLarge);
        var overlong = await JsonAsync(await finance.PutAsJsonAsync(url, new { status = "Done", narrative = new string('进', 8001), version = 0, submit = true }), HttpStatusCode.BadRequest);

        huge["title"]!.GetValue<string>().ShouldBe("请求内容过大");
        huge["detail"]!.GetValue<string>().ShouldContain("超过上限（1024 KB）");
        overlong["detail"]!.GetValue<string>().ShouldContain("进展情况不超过 8000 字");
        (await App.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.AnyAsync(db.ProgressReports))).ShouldBeFalse();
    }

    [Fact]
    public async Task AHalfYearRoundRunsThroughTheApi()
    {
        var data = await App.CreateSmallListAsync();
        var office = await KeyClientAsync("office1", Role.Office);
        var finance = await KeyClientAsync("czj", Role.Liaison, data.Finance);
        var development = await KeyClientAsync("fgw", Role.Liaison, data.Development);
        var leader = await KeyClientAsync("leader1", Role.Leader);
        var today = ChinaTime.Today(App.Clock);

        var round = await JsonAsync(await office.PostAsJsonAsync("/api/v1/rounds",
            new { name = "2021年上半年", opensOn = today.ToString("yyyy-MM-dd"), dueOn = today.AddDays(10).ToString("yyyy-MM-dd"), lists = new[] { data.ListId } }), HttpStatusCode.Created);
        var roundId = round["id"]!.GetValue<int>();
        (await finance.PostAsJsonAsync("/api/v1/rounds", new { name = "x" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var owed = (await JsonAsync(await finance.GetAsync($"/api/v1/rounds/{roundId}/obligations"), HttpStatusCode.OK)).AsArray();
        owed.Select(o => o!["itemId"]!.GetValue<int>()).Order().ShouldBe(new[] { data.Overdue, data.Later }.Order());

        var url = $"/api/v1/rounds/{roundId}/items/{data.Later}/report";
        var draft = await JsonAsync(await finance.PutAsJsonAsync(url, new { status = "PositiveProgress", narrative = "已立项。", version = 0, submit = false }), HttpStatusCode.OK);
        draft["state"]!.GetValue<string>().ShouldBe("Draft");
        var submitted = await JsonAsync(await finance.PutAsJsonAsync(url, new { status = "Done", narrative = "已建成。", version = draft["version"]!.GetValue<int>(), submit = true }), HttpStatusCode.OK);
        (await JsonAsync(await finance.PutAsJsonAsync(url, new { status = "Done", narrative = "再改", version = 0, submit = false }), HttpStatusCode.BadRequest))["detail"]!.GetValue<string>()
            .ShouldContain("已提交");
        (await leader.PutAsJsonAsync(url, new { status = "Done", narrative = "x", version = 0, submit = true })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await development.PutAsJsonAsync(url, new { status = "Done", narrative = "x", version = 0, submit = true })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var soon = await JsonAsync(await development.PutAsJsonAsync($"/api/v1/rounds/{roundId}/items/{data.Soon}/report",
            new { status = "PositiveProgress", narrative = "港口规划已批复。", version = 0, submit = true }), HttpStatusCode.OK);

        // Returned, fixed, accepted.
        var reportId = submitted["id"]!.GetValue<int>();
        (await finance.PostAsJsonAsync($"/api/v1/reports/{reportId}/review", new { version = 0, accept = true })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var returned = await JsonAsync(await office.PostAsJsonAsync($"/api/v1/reports/{reportId}/review",
            new { version = submitted["version"]!.GetValue<int>(), accept = false, reason = "请附验收材料" }), HttpStatusCode.OK);
        returned["state"]!.GetValue<string>().ShouldBe("Returned");
        var again = await JsonAsync(await finance.PutAsJsonAsync(url, new { status = "Done", narrative = "已建成并通过验收。", version = returned["version"]!.GetValue<int>(), submit = true }), HttpStatusCode.OK);
        await JsonAsync(await office.PostAsJsonAsync($"/api/v1/reports/{reportId}/review", new { version = again["version"]!.GetValue<int>(), accept = true }), HttpStatusCode.OK);
        await JsonAsync(await office.PostAsJsonAsync($"/api/v1/reports/{soon["id"]!.GetValue<int>()}/review", new { version = soon["version"]!.GetValue<int>(), accept = true }), HttpStatusCode.OK);

        // Units still owing (finance for item 1, development for item 5, education for item 4) are reminded; then the round closes.
        (await JsonAsync(await office.PostAsync($"/api/v1/rounds/{roundId}/reminders", null), HttpStatusCode.OK))["sent"]!.GetValue<int>().ShouldBe(3);
        var rounds = (await JsonAsync(await office.GetAsync("/api/v1/rounds"), HttpStatusCode.OK)).AsArray();
        var closed = await JsonAsync(await office.PostAsJsonAsync($"/api/v1/rounds/{roundId}/close", new { version = rounds[0]!["version"]!.GetValue<int>() }), HttpStatusCode.OK);
        closed["state"]!.GetValue<string>().ShouldBe("Closed");
        (await JsonAsync(await finance.PutAsJsonAsync($"/api/v1/rounds/{roundId}/items/{data.Overdue}/report", new { status = "Done", narrative = "补报", version = 0, submit = true }), HttpStatusCode.BadRequest))
            ["detail"]!.GetValue<string>().ShouldContain("已关闭");

        var statistics = await JsonAsync(await office.GetAsync($"/api/v1/rounds/{roundId}/statistics"), HttpStatusCode.OK);
        statistics["lists"]![0]!["sentence"]!.GetValue<string>().ShouldBe("共 5 项，已落实到位 2 项、取得积极进展 1 项、推进中 2 项");
        var mine = await JsonAsync(await finance.GetAsync($"/api/v1/rounds/{roundId}/statistics"), HttpStatusCode.OK);
        mine["lists"]![0]!["total"]!.GetValue<int>().ShouldBe(3);
    }
}

public sealed class RoundsApiTests_Postgres(PostgresApp app) : RoundsApiTests(app), IClassFixture<PostgresApp>;
public sealed class RoundsApiTests_Sqlite(SqliteApp app) : RoundsApiTests(app), IClassFixture<SqliteApp>;
