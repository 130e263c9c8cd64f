using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Zhenxing.IntegrationTests.Infrastructure;
using Zhenxing.Web.Features.Api;
using Zhenxing.Web.Features.ApiKeys;
using Zhenxing.Web.Features.Rounds;
using Zhenxing.Web.Features.Users;
using Zhenxing.Web.Infrastructure;

namespace Zhenxing.IntegrationTests.Features.Api;

/// <summary>
/// Another site can make a signed-in browser post a form to the API, cookie included: writes with the cookie need the
/// pages' anti-forgery token in a header and JSON; writes with an API key need neither.
/// </summary>
public abstract class ApiAntiforgeryTests(ZhenxingAppFactory app) : IntegrationTest(app)
{
    /// <summary>A round past its due date in which the three units of the small list owe reports.</summary>
    private async Task<string> RemindersUrlAsync()
    {
        var data = await App.CreateSmallListAsync();
        var today = ChinaTime.Today(App.Clock);
        var roundId = await App.WithDbAsync(async db =>
        {
            var round = new ReportingRound { Name = "2021年上半年", OpensOn = today.AddDays(-20), DueOn = today.AddDays(-2), Lists = [new() { ItemListId = data.ListId }] };
            db.ReportingRounds.Add(round);
            await db.SaveChangesAsync();
            return round.Id;
        });
        await App.AddUserAsync("office1", Role.Office);
        return $"/api/v1/rounds/{roundId}/reminders";
    }

    private Task<int> RemindersSentAsync() => App.WithDbAsync(db => db.Notifications.CountAsync(n => n.UnitId != null));

    private static async Task<string> RefusalAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(status, body);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        return JsonNode.Parse(body)!["detail"]!.GetValue<string>();
    }

    [Fact]
    public async Task ACrossSiteFormPostWithTheCookieIsRefusedInChineseAndRemindsNobody()
    {
        var url = await RemindersUrlAsync();
        var browser = await App.SignInAsync("office1");
        // What another site's form makes the browser send: the cookie, a form body, no header.
        browser.DefaultRequestHeaders.Remove(ApiAntiforgery.HeaderName);

        var formPost = await browser.PostAsync(url, new FormUrlEncodedContent([new("x", "1")]));
        var withoutBody = await browser.PostAsync(url, null);
        var forged = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(new { }) };
        forged.Headers.Add(ApiAntiforgery.HeaderName, "CfDJ8-forged");
        var forgedToken = await browser.SendAsync(forged);

        // A form body is refused for its type before anything else looks at it; a bodiless post for the missing token.
        (await RefusalAsync(formPost, HttpStatusCode.UnsupportedMediaType)).ShouldContain("application/json");
        (await RefusalAsync(withoutBody, HttpStatusCode.BadRequest)).ShouldContain("须在请求头 RequestVerificationToken 中携带页面的防伪令牌");
        (await RefusalAsync(forgedToken, HttpStatusCode.BadRequest)).ShouldBe("防伪令牌无效或已过期，本次请求未执行。请刷新页面后重试。");
        (await RefusalAsync(await browser.DeleteAsync("/api/v1/trips/1?version=0"), HttpStatusCode.BadRequest)).ShouldContain("防伪令牌");
        (await RemindersSentAsync()).ShouldBe(0);
        // Reading needs no token.
        (await browser.GetAsync("/api/v1/rounds")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task ACookieWriteWithThePagesTokenIsAcceptedWhenItSendsJson()
    {
        var url = await RemindersUrlAsync();
        var browser = await App.SignInAsync("office1");

        var form = await browser.PostAsync(url, new FormUrlEncodedContent([new("x", "1")]));
        (await RefusalAsync(form, HttpStatusCode.UnsupportedMediaType)).ShouldContain("application/json");
        (await RemindersSentAsync()).ShouldBe(0);

        var json = await browser.PostAsync(url, JsonContent.Create(new { }));

        json.StatusCode.ShouldBe(HttpStatusCode.OK, await json.Content.ReadAsStringAsync());
        (await json.Content.ReadFromJsonAsync<JsonObject>())!["sent"]!.GetValue<int>().ShouldBe(3);
        (await RemindersSentAsync()).ShouldBe(3);
    }

    [Fact]
    public async Task AWriteWithAnApiKeyNeedsNoTokenNorJson()
    {
        var url = await RemindersUrlAsync();
        var userId = await App.WithDbAsync(db => db.Users.Where(u => u.UserName == "office1").Select(u => u.Id).SingleAsync());
        await using var scope = App.Services.CreateAsyncScope();
        var (created, error) = await scope.ServiceProvider.GetRequiredService<CreateApiKey>().RunAsync(userId, "督查系统", CancellationToken.None);
        var api = App.CreateBrowser();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", created?.Secret ?? throw new InvalidOperationException(error));

        var response = await api.PostAsync(url, null);

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        (await RemindersSentAsync()).ShouldBe(3);
    }
}

public sealed class ApiAntiforgeryTests_Postgres(PostgresApp app) : ApiAntiforgeryTests(app), IClassFixture<PostgresApp>;
public sealed class ApiAntiforgeryTests_Sqlite(SqliteApp app) : ApiAntiforgeryTests(app), IClassFixture<SqliteApp>;
