using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Zhenxing.IntegrationTests.Infrastructure;
using Zhenxing.Web.Features.ApiKeys;
using Zhenxing.Web.Features.Items;
using Zhenxing.Web.Features.Users;
using Zhenxing.Web.Infrastructure;

namespace Zhenxing.IntegrationTests.Features.Api;

/// <summary>The JSON API under /api/v1 with API keys: the ledger's filters, visibility and rules, as problem details when refused.</summary>
public abstract class ApiTests(ZhenxingAppFactory app) : IntegrationTest(app)
{
    [Fact]
    public async Task ItemsAreFilteredLikeTheLedgerWithTotalsAndPages()
    {
        var ledger = await App.CreateSmallListAsync();
        var api = await KeyClientAsync("office1", Role.Office);

        (await TotalAsync(api, "leadUnit=市财政局")).ShouldBe(2);
        (await TotalAsync(api, "leadUnit=市发展改革委")).ShouldBe(2);
        (await TotalAsync(api, "q=瑞金")).ShouldBe(2);
        (await TotalAsync(api, "leadUnit=市财政局&q=瑞金")).ShouldBe(1);
        (await TotalAsync(api, "status=Done&status=NotStarted")).ShouldBe(2);
        (await TotalAsync(api, "light=Red")).ShouldBe(1);
        (await TotalAsync(api, "light=green")).ShouldBe(3);
        (await TotalAsync(api, $"list={ledger.ListId}&overdue=true")).ShouldBe(1);

        var page = await GetJsonAsync(api, "/api/v1/items?pageSize=2&page=3");
        page["total"]!.GetValue<int>().ShouldBe(5);
        page["page"]!.GetValue<int>().ShouldBe(3);
        page["pageSize"]!.GetValue<int>().ShouldBe(2);
        page["items"]!.AsArray().Select(i => i!["id"]!.GetValue<int>()).ShouldBe([ledger.Ongoing]);

        var red = (await GetJsonAsync(api, "/api/v1/items?light=Red"))["items"]![0]!;
        red["id"]!.GetValue<int>().ShouldBe(ledger.Overdue);
        red["list"]!["title"]!.GetValue<string>().ShouldBe("测试清单");
        red["category"]!["label"]!.GetValue<string>().ShouldBe("一、第一类");
        red["text"]!.GetValue<string>().ShouldBe("推进瑞金机场前期工作");
        red["leadUnits"]!.AsArray().Select(u => u!.GetValue<string>()).ShouldBe(["市财政局"]);
        red["responsibleUnits"]!.AsArray().Count.ShouldBe(0);
        red["deadline"]!.GetValue<string>().ShouldBe(ChinaTime.Today(App.Clock).AddDays(-5).ToString("yyyy-MM-dd"));
        red["status"]!.GetValue<string>().ShouldBe("InProgress");
        red["light"]!.GetValue<string>().ShouldBe("Red");
        red["lightReason"]!.GetValue<string>().ShouldContain("已超过完成时限");
        red["version"]!.GetValue<int>().ShouldBe(0);
    }

    [Fact]
    public async Task ALiaisonKeySeesOnlyItsUnitsItemsAndGets404ForAnotherUnitsItem()
    {
        var ledger = await App.CreateSmallListAsync();
        var api = await KeyClientAsync("jyj", Role.Liaison, ledger.Education);

        var page = await GetJsonAsync(api, "/api/v1/items");
        page["total"]!.GetValue<int>().ShouldBe(2);
        page["items"]!.AsArray().Select(i => i!["id"]!.GetValue<int>()).Order().ShouldBe(new[] { ledger.Later, ledger.Done }.Order());
        (await TotalAsync(api, "leadUnit=市财政局")).ShouldBe(1);
        (await api.GetAsync($"/api/v1/items/{ledger.Later}")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var hidden = await api.GetAsync($"/api/v1/items/{ledger.Overdue}");
        hidden.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        hidden.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await hidden.Content.ReadFromJsonAsync<JsonObject>())!["detail"]!.GetValue<string>().ShouldContain("不存在，或您无权查看");
        (await api.GetAsync($"/api/v1/items/{ledger.Overdue + 1000}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var lists = await api.GetFromJsonAsync<JsonArray>("/api/v1/lists");
        lists!.Single()!["itemCount"]!.GetValue<int>().ShouldBe(2);
        var unit = await GetJsonAsync(api, $"/api/v1/units/{ledger.Finance}");
        unit["leadItemCount"]!.GetValue<int>().ShouldBe(1);
    }

    [Fact]
    public async Task ALeaderReadsEverythingButAPatchIsForbidden()
    {
        var ledger = await App.CreateSmallListAsync();
        var api = await KeyClientAsync("leader1", Role.Leader);

        (await TotalAsync(api, "")).ShouldBe(5);
        var item = await api.GetAsync($"/api/v1/items/{ledger.Soon}");
        item.StatusCode.ShouldBe(HttpStatusCode.OK);
        item.Headers.ETag!.Tag.ShouldBe("\"0\"");

        var refused = await PatchAsync(api, ledger.Soon, """{"status": "Done"}""", ifMatch: "\"0\"");

        refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        refused.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var problem = (await refused.Content.ReadFromJsonAsync<JsonObject>())!;
        problem["title"]!.GetValue<string>().ShouldBe("无权执行此操作");
        problem["detail"]!.GetValue<string>().ShouldContain("领导");
        (await App.WithDbAsync(db => db.Items.AsNoTracking().SingleAsync(i => i.Id == ledger.Soon))).Status.ShouldBe(ItemStatus.NotStarted);
    }

    [Fact]
    public async Task ABodyOverTheApiLimitIsAChineseProblemSayingTheLimit()
    {
        var ledger = await App.CreateSmallListAsync();
        var api = await KeyClientAsync("office1", Role.Office);

        var response = await PatchAsync(api, ledger.Soon, $$"""{"flagReason": "{{new string('x', 2 * 1024 * 1024)}}", "version": 0}""");

        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var problem = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        problem["title"]!.GetValue<string>().ShouldBe("请求内容过大");
        problem["detail"]!.GetValue<string>().ShouldContain("请求内容超过上限（1024 KB）");
        (await App.WithDbAsync(db => db.Items.AsNoTracking().SingleAsync(i => i.Id == ledger.Soon))).FlagReason.ShouldBeNull();
    }

    [Fact]
    public async Task AnOfficePatchOnAFreshVersionIsSavedAndAudited()
    {
        var ledger = await App.CreateSmallListAsync();
        var api = await KeyClientAsync("office1", Role.Office);

        var response = await PatchAsync(api, ledger.Soon,
            """{"status": "Done", "deadline": "2030-06-30", "deadlineText": "2030 年 6 月底前", "flagReason": "请加快进度"}""", ifMatch: "\"0\"");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Headers.ETag!.Tag.ShouldBe("\"1\"");
        var saved = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        saved["status"]!.GetValue<string>().ShouldBe("Done");
        saved["light"]!.GetValue<string>().ShouldBe("Red");
        saved["lightReason"]!.GetValue<string>().ShouldBe("振兴办督办：请加快进度");
        saved["version"]!.GetValue<int>().ShouldBe(1);
        var item = await App.WithDbAsync(db => db.Items.AsNoTracking().SingleAsync(i => i.Id == ledger.Soon));
        (item.Status, item.Deadline, item.DeadlineText, item.FlagReason, item.Text).ShouldBe(
            (ItemStatus.Done, new DateOnly(2030, 6, 30), "2030 年 6 月底前", "请加快进度", "争取赣州港建设支持"));
        var audit = await App.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .SingleAsync(a => a.EntityType == nameof(Item) && a.ItemId == ledger.Soon && a.Action == Zhenxing.Web.Infrastructure.Audit.AuditAction.Modified));
        audit.Actor.ShouldBe("office1");
        audit.Before!.ShouldContain("\"FlagReason\":null");
        audit.After!.ShouldContain("请加快进度");

        var cleared = await PatchAsync(api, ledger.Soon, """{"flagReason": null, "version": 1}""");
        cleared.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await App.WithDbAsync(db => db.Items.AsNoTracking().SingleAsync(i => i.Id == ledger.Soon))).FlagReason.ShouldBeNull();
    }

    [Fact]
    public async Task AnOfficePatchOnAStaleVersionIsRefusedAndOverwritesNothing()
    {
        var ledger = await App.CreateSmallListAsync();
        var api = await KeyClientAsync("office1", Role.Office);
        (await PatchAsync(api, ledger.Later, """{"text": "建设教育强市示范项目（第一期）"}""", ifMatch: "\"0\"")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var staleHeader = await PatchAsync(api, ledger.Later, """{"text": "旧版本上的修改"}""", ifMatch: "\"0\"");
        var staleBody = await PatchAsync(api, ledger.Later, """{"status": "Blocked", "version": 0}""");
        var missing = await PatchAsync(api, ledger.Later, """{"status": "Blocked"}""");

        staleHeader.StatusCode.ShouldBe(HttpStatusCode.PreconditionFailed);
        staleBody.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        missing.StatusCode.ShouldBe(HttpStatusCode.PreconditionRequired);
        var problem = (await staleBody.Content.ReadFromJsonAsync<JsonObject>())!;
        problem["title"]!.GetValue<string>().ShouldBe("数据已被其他用户修改");
        problem["detail"]!.GetValue<string>().ShouldContain("当前版本为 1");
        var item = await App.WithDbAsync(db => db.Items.AsNoTracking().SingleAsync(i => i.Id == ledger.Later));
        (item.Text, item.Status, item.Version).ShouldBe(("建设教育强市示范项目（第一期）", ItemStatus.PositiveProgress, 1));
        (await App.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.EntityType == nameof(Item) && a.Action == Zhenxing.Web.Infrastructure.Audit.AuditAction.Modified))).ShouldBe(1);
    }

    [Fact]
    public async Task AnInvalidPatchAnswers400NamingTheFields()
    {
        var ledger = await App.CreateSmallListAsync();
        var api = await KeyClientAsync("office1", Role.Office);

        var response = await PatchAsync(api, ledger.Soon, """{"text": " ", "deadline": "8 月底前", "status": "Finished", "colour": "red"}""", ifMatch: "\"0\"");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject();
        errors.Select(e => e.Key).Order().ShouldBe(["colour", "deadline", "status", "text"]);
        errors["deadline"]![0]!.GetValue<string>().ShouldContain("yyyy-MM-dd");
        errors["status"]![0]!.GetValue<string>().ShouldContain("NotStarted、InProgress、PositiveProgress、Done、Blocked");
        (await App.WithDbAsync(db => db.Items.AsNoTracking().SingleAsync(i => i.Id == ledger.Soon))).Version.ShouldBe(0);
    }

    [Fact]
    public async Task ABadQueryValueAnswers400NamingTheParameterInChinese()
    {
        var api = await KeyClientAsync("office1", Role.Office);

        var response = await api.GetAsync("/api/v1/items?status=Finished&page=0&deadlineFrom=2021-13-01&list=abc&lead=市财政局");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var problem = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        problem["title"]!.GetValue<string>().ShouldBe("请求无效");
        problem["errors"]!.AsObject().Select(e => e.Key).Order().ShouldBe(["deadlineFrom", "lead", "list", "page", "status"]);
        problem["errors"]!["status"]![0]!.GetValue<string>().ShouldBe("参数 status（事项状态）的值“Finished”无效，应为 NotStarted、InProgress、PositiveProgress、Done、Blocked 之一。");
    }

    [Fact]
    public async Task AnImpossibleDateAnUnknownStatusOrALetterForAListAre400NamingTheParameterAndTheValue()
    {
        await App.CreateSmallListAsync();
        var api = await KeyClientAsync("office1", Role.Office);

        foreach (var (query, parameter, message) in new[]
        {
            ("deadlineFrom=2026-02-30", "deadlineFrom", "参数 deadlineFrom（完成时限从）的值“2026-02-30”不是存在的日期，日期应写作 yyyy-MM-dd，例如 2021-08-31。"),
            ("status=Bogus", "status", "参数 status（事项状态）的值“Bogus”无效，应为 NotStarted、InProgress、PositiveProgress、Done、Blocked 之一。"),
            ("list=abc", "list", "参数 list（清单编号）的值“abc”无效，应为不小于 1 的整数。"),
        })
        {
            var response = await api.GetAsync("/api/v1/items?" + query);

            response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, query);
            response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
            var problem = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
            problem["detail"]!.GetValue<string>().ShouldBe($"以下查询参数无效：{parameter}。");
            problem["errors"]![parameter]![0]!.GetValue<string>().ShouldBe(message);
        }
    }

    [Fact]
    public async Task ABodyThatIsNotJsonIsRefusedWith415InChineseAndChangesNothing()
    {
        var ledger = await App.CreateSmallListAsync();
        var api = await KeyClientAsync("office1", Role.Office);

        var bodies = new (string Method, string Url, HttpContent Content)[]
        {
            ("PATCH", $"/api/v1/items/{ledger.Soon}", new StringContent("""{"status": "Done", "version": 0}""", Encoding.UTF8, "text/plain")),
            ("PATCH", $"/api/v1/items/{ledger.Soon}", new FormUrlEncodedContent(new Dictionary<string, string> { ["status"] = "Done", ["version"] = "0" })),
            ("POST", "/api/v1/rounds", new FormUrlEncodedContent(new Dictionary<string, string> { ["name"] = "2026年一季度", ["dueOn"] = "2026-03-31" })),
        };
        foreach (var (method, url, content) in bodies)
        {
            var response = await api.SendAsync(new HttpRequestMessage(new HttpMethod(method), url) { Content = content });

            var body = await response.Content.ReadAsStringAsync();
            response.StatusCode.ShouldBe(HttpStatusCode.UnsupportedMediaType, $"{method} {url} {content.Headers.ContentType}: {body}");
            response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
            var problem = JsonNode.Parse(body)!;
            problem["status"]!.GetValue<int>().ShouldBe(415);
            problem["title"]!.GetValue<string>().ShouldBe("不支持的内容类型");
            problem["detail"]!.GetValue<string>().ShouldContain($"“{content.Headers.ContentType!.MediaType}”");
            problem["detail"]!.GetValue<string>().ShouldContain("application/json");
        }
        (await App.WithDbAsync(db => db.Items.AsNoTracking().SingleAsync(i => i.Id == ledger.Soon))).Status.ShouldBe(ItemStatus.NotStarted);
        (await App.WithDbAsync(db => db.ReportingRounds.CountAsync())).ShouldBe(0);
        (await PatchAsync(api, ledger.Soon, """{"status": "Done", "version": 0}""")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task ListsCategoriesAndUnitsAnswerWithCounts()
    {
        var ledger = await App.CreateSmallListAsync();
        var api = await KeyClientAsync("office1", Role.Office);

        var list = await GetJsonAsync(api, $"/api/v1/lists/{ledger.ListId}");
        list["kind"]!.GetValue<string>().ShouldBe("MajorItems");
        list["itemCount"]!.GetValue<int>().ShouldBe(5);
        var category = list["categories"]!.AsArray().Single()!;
        (category["path"]!.GetValue<string>(), category["declaredCount"]!.GetValue<int>(), category["itemCount"]!.GetValue<int>()).ShouldBe(("一", 5, 5));
        (await api.GetFromJsonAsync<JsonArray>($"/api/v1/categories?list={ledger.ListId}"))!.Count.ShouldBe(1);
        (await api.GetAsync("/api/v1/lists/999999")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await api.GetAsync("/api/v1/categories?list=x")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        var units = await api.GetFromJsonAsync<JsonArray>("/api/v1/units");
        units!.Select(u => u!["name"]!.GetValue<string>()).ShouldBe(["市发改委", "市教育局", "市财政局"], ignoreOrder: true);
        var development = units!.Single(u => u!["name"]!.GetValue<string>() == "市发改委")!;
        development["aliases"]!.AsArray().Select(a => a!.GetValue<string>()).ShouldBe(["市发展改革委"]);
        development["kind"]!.GetValue<string>().ShouldBe("CityDepartment");
    }

    [Fact]
    public async Task ARevokedKeyIsRefusedWith401AndTheKeyPageShowsANewKeyOnce()
    {
        await App.AddUserAsync("office1", Role.Office);
        var browser = await App.SignInAsync("office1");

        var created = await browser.PostFormAsync("/account/apikeys", new() { ["Name"] = "督查系统" }, handler: "Create");
        var page = await created.HtmlAsync();
        var secret = page.QuerySelector("#secret")!.TextContent.Trim();
        secret.ShouldStartWith("zx_");
        secret.Length.ShouldBe(35);
        var row = page.QuerySelector("#keys tbody tr")!;
        row.TextContent.ShouldContain("督查系统");
        row.TextContent.ShouldContain(secret[..9]);
        var stored = await App.WithDbAsync(db => db.ApiKeys.AsNoTracking().SingleAsync());
        stored.Hash.ShouldNotContain(secret);

        var api = ClientWithKey(secret);
        (await api.GetAsync("/api/v1/items")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await App.WithDbAsync(db => db.ApiKeys.AsNoTracking().SingleAsync())).LastUsedAt.ShouldNotBeNull();
        (await browser.GetStringAsync("/account/apikeys")).ShouldNotContain(secret);

        var revoked = await browser.PostFormAsync($"/account/apikeys?id={stored.Id}", new(), handler: "Revoke");
        revoked.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await revoked.HtmlAsync()).QuerySelector("#keys tbody tr")!.TextContent.ShouldContain("已撤销");

        var refused = await api.GetAsync("/api/v1/items");
        refused.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        refused.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await refused.Content.ReadFromJsonAsync<JsonObject>())!["detail"]!.GetValue<string>().ShouldContain("已被撤销");
    }

    [Fact]
    public async Task AUserCannotRevokeAnotherUsersKey()
    {
        var other = await App.AddUserAsync("office2", Role.Office);
        var (secret, keyId) = await CreateKeyAsync(other.Id);
        await App.AddUserAsync("office1", Role.Office);
        var browser = await App.SignInAsync("office1");

        (await browser.GetStringAsync("/account/apikeys")).ShouldContain("您还没有 API 密钥");
        (await browser.PostFormAsync($"/account/apikeys?id={keyId}", new(), handler: "Revoke")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await ClientWithKey(secret).GetAsync("/api/v1/units")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task AKeyOfADeactivatedUserOrAnUnknownKeyIsRefused()
    {
        var user = await App.AddUserAsync("office1", Role.Office);
        var (secret, _) = await CreateKeyAsync(user.Id);
        await App.WithDbAsync(db => db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.IsActive, false)));

        (await ClientWithKey(secret).GetAsync("/api/v1/items")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await ClientWithKey("zx_" + new string('a', 32)).GetAsync("/api/v1/items")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task TheLastUseOfAKeyIsRecordedAtMostOnceAMinute()
    {
        var user = await App.AddUserAsync("office1", Role.Office);
        var (secret, keyId) = await CreateKeyAsync(user.Id);
        var api = ClientWithKey(secret);
        // Whole seconds, so that both databases store the instant exactly.
        var now = App.Clock.GetUtcNow();
        var first = new DateTimeOffset(now.Ticks - now.Ticks % TimeSpan.TicksPerSecond, TimeSpan.Zero).AddSeconds(1);
        App.Clock.SetUtcNow(first);

        await api.GetAsync("/api/v1/units");
        App.Clock.Advance(TimeSpan.FromSeconds(30));
        await api.GetAsync("/api/v1/units");
        var afterHalfAMinute = await LastUsedAsync();
        App.Clock.Advance(TimeSpan.FromSeconds(45));
        await api.GetAsync("/api/v1/units");

        afterHalfAMinute.ShouldBe(first);
        (await LastUsedAsync()).ShouldBe(first.AddSeconds(75));

        Task<DateTimeOffset?> LastUsedAsync() =>
            App.WithDbAsync(db => db.ApiKeys.AsNoTracking().Where(k => k.Id == keyId).Select(k => k.LastUsedAt).SingleAsync());
    }

    [Fact]
    public async Task AnUnexpectedErrorIsA500ProblemWithoutInternals()
    {
        await using var broken = App.WithWebHostBuilder(builder => builder.ConfigureServices(services =>
            services.AddScoped<Zhenxing.Web.Features.Ledger.LedgerQuery>(_ => throw new InvalidOperationException("secret internals"))));
        var user = await App.AddUserAsync("office1", Role.Office);
        var (secret, _) = await CreateKeyAsync(user.Id);
        var api = broken.CreateClient();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);

        var response = await api.GetAsync("/api/v1/items");

        response.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var body = await response.Content.ReadAsStringAsync();
        body.ShouldNotContain("secret internals");
        body.ShouldNotContain("InvalidOperationException");
        JsonNode.Parse(body)!["title"]!.GetValue<string>().ShouldBe("服务器内部错误");
    }

    [Fact]
    public async Task AnonymousCallsGet401ProblemDetailsNotARedirect()
    {
        var anonymous = App.CreateBrowser();

        var response = await anonymous.GetAsync("/api/v1/items?leadUnit=市财政局");

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        response.Headers.Location.ShouldBeNull();
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var problem = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        problem["status"]!.GetValue<int>().ShouldBe(401);
        problem["title"]!.GetValue<string>().ShouldBe("未登录或 API 密钥无效");
        (await anonymous.GetAsync("/api/v1/nothing-here")).Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task TheSignInCookieWorksForTheApiToo()
    {
        var ledger = await App.CreateSmallListAsync();
        await App.AddUserAsync("czj", Role.Liaison, unitId: ledger.Finance);
        var browser = await App.SignInAsync("czj");

        (await TotalAsync(browser, "")).ShouldBe(3);
        (await browser.GetAsync($"/api/v1/items/{ledger.Soon}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await PatchAsync(browser, ledger.Overdue, """{"status": "Done", "version": 0}""")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task TheOpenApiDocumentListsThePathsAndTheReferencePageIsServedByTheApp()
    {
        var anonymous = App.CreateBrowser();

        var document = (await anonymous.GetFromJsonAsync<JsonObject>("/openapi/v1.json"))!;

        document["paths"]!.AsObject().Select(p => p.Key).ShouldBe(
            ["/api/v1/lists", "/api/v1/lists/{id}", "/api/v1/categories", "/api/v1/items", "/api/v1/items/{id}", "/api/v1/units", "/api/v1/units/{id}", "/api/v1/rounds", "/api/v1/rounds/{id}/obligations", "/api/v1/rounds/{id}/items/{itemId}/report", "/api/v1/reports/{id}/review", "/api/v1/rounds/{id}/reminders", "/api/v1/rounds/{id}/close", "/api/v1/rounds/{id}/statistics", "/api/v1/dashboard", "/api/v1/bulletins", "/api/v1/bulletins/{id}",
             "/api/v1/pairings", "/api/v1/pairings/{id}", "/api/v1/pairing-schemes", "/api/v1/pairings/{id}/change-partner", "/api/v1/pairings/{id}/end",
             "/api/v1/pairings/{id}/activities", "/api/v1/pairing-activities/{id}", "/api/v1/pairings/figures", "/api/v1/pairings/evaluation",
             "/api/v1/trips", "/api/v1/trips/{id}", "/api/v1/trips/compliance", "/api/v1/trips/rule",
             "/api/v1/targets", "/api/v1/targets/{id}", "/api/v1/targets/candidates", "/api/v1/rounds/{id}/targets", "/api/v1/rounds/{id}/targets/{targetId}/report",
             "/api/v1/target-reports/{id}/review", "/api/v1/meetings", "/api/v1/meetings/{id}", "/api/v1/meetings/{id}/matters", "/api/v1/matters/{id}", "/api/v1/matters/{id}/landing"],
            ignoreOrder: true);
        document["components"]!["securitySchemes"]!["ApiKey"]!["scheme"]!.GetValue<string>().ShouldBe("bearer");
        var parameters = document["paths"]!["/api/v1/items"]!["get"]!["parameters"]!.AsArray().Select(p => p!["name"]!.GetValue<string>());
        parameters.ShouldContain("leadUnit");
        parameters.ShouldContain("status");
        document["paths"]!["/api/v1/items/{id}"]!["patch"].ShouldNotBeNull();
        document["components"]!["schemas"]!["StatusLight"]!["enum"]!.AsArray().Select(v => v!.GetValue<string>()).ShouldBe(["Green", "Yellow", "Red"]);

        var reference = await anonymous.GetStringAsync("/api/docs/");
        reference.ShouldContain("振兴督查调度平台 API");
        reference.ShouldNotContain("cdn.");
        (await anonymous.GetAsync("/api/docs/scalar.js")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private async Task<HttpClient> KeyClientAsync(string userName, Role role, int? unitId = null)
    {
        var user = await App.AddUserAsync(userName, role, unitId: unitId);
        var (secret, _) = await CreateKeyAsync(user.Id);
        return ClientWithKey(secret);
    }

    private async Task<(string Secret, int Id)> CreateKeyAsync(int userId)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var (created, error) = await scope.ServiceProvider.GetRequiredService<CreateApiKey>().RunAsync(userId, "测试", CancellationToken.None);
        return created is null ? throw new InvalidOperationException(error) : (created.Secret, created.Key.Id);
    }

    private HttpClient ClientWithKey(string secret)
    {
        var client = App.CreateBrowser();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return client;
    }

    private static async Task<JsonObject> GetJsonAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, body);
        return JsonNode.Parse(body)!.AsObject();
    }

    private static async Task<int> TotalAsync(HttpClient client, string query) =>
        (await GetJsonAsync(client, "/api/v1/items?" + query))["total"]!.GetValue<int>();

    private static Task<HttpResponseMessage> PatchAsync(HttpClient client, int itemId, string json, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/items/{itemId}") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }
        return client.SendAsync(request);
    }
}

public sealed class ApiTests_Postgres(PostgresApp app) : ApiTests(app), IClassFixture<PostgresApp>;
public sealed class ApiTests_Sqlite(SqliteApp app) : ApiTests(app), IClassFixture<SqliteApp>;
