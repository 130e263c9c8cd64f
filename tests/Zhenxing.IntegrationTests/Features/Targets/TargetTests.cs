using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Zhenxing.IntegrationTests.Infrastructure;
using Zhenxing.Web.Features.ApiKeys;
using Zhenxing.Web.Features.Rounds;
using Zhenxing.Web.Features.Targets;
using Zhenxing.Web.Features.Users;
using Zhenxing.Web.Infrastructure;

namespace Zhenxing.IntegrationTests.Features.Targets;

/// <summary>Targets (指标): the Office sets them, owner units report values in rounds that include targets, progress against the trajectory.</summary>
public abstract class TargetTests(ZhenxingAppFactory app) : IntegrationTest(app)
{
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3, 4];

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

    private static Dictionary<string, string> TargetForm(string title, string owner, string unit, string baseline, string baselineYear, string value, string year,
        string? milestones = null, string version = "0") => new()
    {
        ["Form.Title"] = title, ["Form.OwnerUnit"] = owner, ["Form.MeasureUnit"] = unit, ["Form.BaselineValue"] = baseline, ["Form.BaselineYear"] = baselineYear,
        ["Form.TargetValue"] = value, ["Form.TargetYear"] = year, ["Form.Direction"] = "AtLeast", ["Form.Milestones"] = milestones ?? "", ["Form.Version"] = version,
    };

    private async Task<int> OpenTargetRoundAsync(HttpClient office, int listId, bool includeTargets = true, string name = "2026年11月工作调度")
    {
        var today = ChinaTime.Today(App.Clock);
        var fields = new Dictionary<string, string>
        {
            ["Form.Name"] = name, ["Form.OpensOn"] = today.AddDays(-5).ToString("yyyy-MM-dd"), ["Form.DueOn"] = today.AddDays(10).ToString("yyyy-MM-dd"),
            ["Form.Lists"] = listId.ToString(),
        };
        if (includeTargets)
        {
            fields["Form.IncludeTargets"] = "true";
        }
        var response = await office.PostFormAsync("/rounds", fields);
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        return int.Parse(response.Headers.Location!.ToString().Split('/').Last());
    }

    private static async Task<HttpResponseMessage> ReportAsync(HttpClient client, int roundId, int targetId, string value, string? asOf = null, string version = "0",
        (string Name, byte[] Content)? file = null)
    {
        var url = $"/rounds/{roundId}/targets";
        var token = await client.AntiforgeryTokenAsync(url);
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent(value), "Value" },
            { new StringContent(version), "Version" },
            { new StringContent("统计公报数"), "Note" },
        };
        if (asOf is not null)
        {
            form.Add(new StringContent(asOf), "AsOf");
        }
        if (file is { } f)
        {
            form.Add(new ByteArrayContent(f.Content), "Uploads", f.Name);
        }
        return await client.PostAsync($"{url}?handler=Report&targetId={targetId}", form);
    }

    [Fact]
    public async Task ATargetEvidenceNameWithARightToLeftOverrideIsStoredAndDownloadedWithoutIt()
    {
        var data = await App.CreateSmallListAsync();
        await App.AddUserAsync("office1", Role.Office);
        await App.AddUserAsync("czj", Role.Liaison, unitId: data.Finance);
        var office = await App.SignInAsync("office1");
        await office.PostFormAsync("/targets/new", TargetForm("全年争资", "市财政局", "亿元", "0", "2019", "750", "2020"));
        var targetId = await App.WithDbAsync(db => db.Targets.Select(t => t.Id).SingleAsync());
        var roundId = await OpenTargetRoundAsync(office, data.ListId);

        (await ReportAsync(await App.SignInAsync("czj"), roundId, targetId, "780", file: ("决算\u202Egnp.exe", Png))).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var evidence = await App.WithDbAsync(db => db.TargetEvidence.AsNoTracking().SingleAsync());
        evidence.FileName.ShouldBe("决算gnp.exe");
        (await office.GetAsync($"/targets/evidence/{evidence.Id}")).Content.Headers.ContentDisposition!.FileNameStar.ShouldBe("决算gnp.exe");
    }

    [Fact]
    public async Task TheOfficeSetsATargetWithChineseErrorsNamingTheFieldAndAStaleEditIsRefused()
    {
        await App.AddUnitAsync("市发改委", aliases: "市发展改革委");
        await App.AddUserAsync("office1", Role.Office);
        var office = await App.SignInAsync("office1");

        var bad = await office.PostFormAsync("/targets/new", TargetForm("地区生产总值", "市统计委", "亿元", "四千", "2021", "6000", "2020", "2023 x"));
        bad.StatusCode.ShouldBe(HttpStatusCode.OK);
        var errors = (await bad.HtmlAsync()).QuerySelector(".errors")!.TextContent;
        errors.ShouldContain("责任单位“市统计委”不在单位名录中");
        errors.ShouldContain("基期值应为数字（单位：亿元）");
        errors.ShouldContain("目标年份（2020）应晚于基期年份（2021）");
        errors.ShouldContain("年度目标第 1 行“2023 x”");
        (await App.WithDbAsync(db => db.Targets.CountAsync())).ShouldBe(0);

        var created = await office.PostFormAsync("/targets/new", TargetForm("地区生产总值", "市发展改革委", "亿元", "4,000", "2021", "6000", "2025", "2023 5000"));
        created.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var target = await App.WithDbAsync(db => db.Targets.AsNoTracking().Include(t => t.Milestones).Include(t => t.OwnerUnit).SingleAsync());
        created.Headers.Location!.ToString().ShouldBe($"/targets/{target.Id}");
        (target.OwnerUnit!.Name, target.BaselineValue, target.TargetValue, target.MeasureUnit).ShouldBe(("市发改委", 4000m, 6000m, "亿元"));
        target.Milestones.Single().Value.ShouldBe(5000m);

        var page = await (await office.GetAsync($"/targets/{target.Id}")).HtmlAsync();
        page.QuerySelector("#target-facts")!.TextContent.ShouldContain("2025 年 不低于 6000 亿元");
        page.QuerySelector("#target-state")!.TextContent.ShouldContain("暂无数据");
        page.QuerySelectorAll("#trajectory-table tbody tr").Select(r => r.TextContent).ShouldContain(r => r.Contains("2023") && r.Contains("5000") && r.Contains("年度目标"));
        page.QuerySelector("#trajectory-chart path.plan").ShouldNotBeNull();

        var edit = $"/targets/{target.Id}/edit";
        (await office.PostFormAsync(edit, TargetForm("地区生产总值（GDP）", "市发改委", "亿元", "4000", "2021", "6000", "2025"))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var stale = await office.PostFormAsync(edit, TargetForm("地区生产总值", "市发改委", "亿元", "4000", "2021", "6500", "2025"));
        (await stale.HtmlAsync()).QuerySelector(".errors")!.TextContent.ShouldContain("已被他人修改");
        var saved = await App.WithDbAsync(db => db.Targets.AsNoTracking().Include(t => t.Milestones).SingleAsync());
        (saved.Title, saved.TargetValue, saved.Milestones.Count, saved.Version).ShouldBe(("地区生产总值（GDP）", 6000m, 0, 1));
        (await App.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.EntityType == nameof(Target)))).ShouldBe(2);
    }

    [Fact]
    public async Task ProgressAgainstTheTrajectoryMatchesAHandCount()
    {
        var data = await App.CreateSmallListAsync();
        var office = await KeyClientAsync("office1", Role.Office);
        var development = await KeyClientAsync("fgw", Role.Liaison, data.Development);
        object Target(string title, string unit, decimal baseline, decimal value, string direction, object[]? milestones = null) => new
        {
            title, ownerUnit = "市发改委", measureUnit = unit, baselineValue = baseline, baselineYear = 2021, targetValue = value, targetYear = 2025, direction,
            milestones = milestones ?? [], version = 0,
        };
        async Task<int> CreateAsync(object body) => (await JsonAsync(await office.PostAsJsonAsync("/api/v1/targets", body), HttpStatusCode.Created))["id"]!.GetValue<int>();
        var gdp = await CreateAsync(Target("地区生产总值", "亿元", 4000, 6000, "AtLeast"));
        var factories = await CreateAsync(Target("智能工厂、数字化车间", "家", 0, 100, "AtLeast",
            [new { year = 2022, value = 20 }, new { year = 2023, value = 45 }, new { year = 2024, value = 70 }]));
        var energy = await CreateAsync(Target("单位GDP能耗", "吨标准煤/万元", 0.6m, 0.5m, "AtMost"));
        var cloud = await CreateAsync(Target("上云企业", "家", 0, 10000, "AtLeast"));
        (await development.PostAsJsonAsync("/api/v1/targets", Target("x", "家", 0, 1, "AtLeast"))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await JsonAsync(await office.PostAsJsonAsync("/api/v1/targets", new { title = "", ownerUnit = "市发改委", measureUnit = "家", baselineYear = 2021, targetYear = 2025, direction = "AtLeast", version = 0 }),
            HttpStatusCode.BadRequest))["errors"]!["title"]![0]!.GetValue<string>().ShouldContain("请填写指标名称");

        var today = ChinaTime.Today(App.Clock);
        var round = (await JsonAsync(await office.PostAsJsonAsync("/api/v1/rounds", new
        {
            name = "2026年11月工作调度", opensOn = today.AddDays(-5).ToString("yyyy-MM-dd"), dueOn = today.AddDays(10).ToString("yyyy-MM-dd"), lists = new[] { data.ListId }, includeTargets = true,
        }), HttpStatusCode.Created))["id"]!.GetValue<int>();
        var owed = (await JsonAsync(await development.GetAsync($"/api/v1/rounds/{round}/targets"), HttpStatusCode.OK)).AsArray();
        owed.Count.ShouldBe(4);

        async Task ReportAndAcceptAsync(int target, decimal value, string asOf, bool accept = true)
        {
            var report = await JsonAsync(await development.PutAsJsonAsync($"/api/v1/rounds/{round}/targets/{target}/report", new { value, asOf, note = "统计公报数", version = 0 }), HttpStatusCode.OK);
            report["state"]!.GetValue<string>().ShouldBe("Submitted");
            if (accept)
            {
                var reviewed = await JsonAsync(await office.PostAsJsonAsync($"/api/v1/target-reports/{report["id"]}/review", new { version = report["version"]!.GetValue<int>(), accept = true }), HttpStatusCode.OK);
                reviewed["state"]!.GetValue<string>().ShouldBe("Accepted");
            }
        }
        // GDP: 4000 + 2000 × 730 / 1461 = 4999.32 due by the end of 2023; 4936 is behind.
        await ReportAndAcceptAsync(gdp, 4936, "2023-12-31");
        // Factories: the 2023 milestone is 45; 48 is on track.
        await ReportAndAcceptAsync(factories, 48, "2023-12-31");
        // Energy, at most: 0.6 − 0.1 × 730 / 1461 = 0.55003 by the end of 2023; 0.54 is on track.
        await ReportAndAcceptAsync(energy, 0.54m, "2023-12-31");
        // A value not yet accepted counts for nothing.
        await ReportAndAcceptAsync(cloud, 3000, "2023-12-31", accept: false);

        var progress = await JsonAsync(await development.GetAsync("/api/v1/targets"), HttpStatusCode.OK);
        (progress["onTrack"]!.GetValue<int>(), progress["behind"]!.GetValue<int>(), progress["noData"]!.GetValue<int>()).ShouldBe((2, 1, 1));
        progress["sentence"]!.GetValue<string>().ShouldBe("共 4 项指标，按进度 2 项、滞后 1 项、暂无数据 1 项");
        JsonNode One(int id) => progress["targets"]!.AsArray().Single(t => t!["id"]!.GetValue<int>() == id)!;
        (One(gdp)["state"]!.GetValue<string>(), One(gdp)["expected"]!.GetValue<decimal>(), One(gdp)["progress"]!.GetValue<double>()).ShouldBe(("Behind", 4999.3155m, 46.8));
        (One(factories)["state"]!.GetValue<string>(), One(factories)["expected"]!.GetValue<decimal>()).ShouldBe(("OnTrack", 45m));
        (One(energy)["state"]!.GetValue<string>(), One(energy)["expected"]!.GetValue<decimal>()).ShouldBe(("OnTrack", 0.55m));
        One(cloud)["state"]!.GetValue<string>().ShouldBe("NoData");
        (await JsonAsync(await office.GetAsync("/api/v1/targets?state=Behind"), HttpStatusCode.OK))["targets"]!.AsArray().Single()!["id"]!.GetValue<int>().ShouldBe(gdp);
        (await office.GetAsync("/api/v1/targets?state=Late")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        // The list page shows the same verdicts, and its filters live in the URL.
        var browser = await App.SignInAsync("office1");
        var list = await (await browser.GetAsync("/targets?state=OnTrack")).HtmlAsync();
        list.QuerySelectorAll("#targets tr[data-target]").Select(r => int.Parse(r.GetAttribute("data-target")!)).Order().ShouldBe(new[] { factories, energy }.Order());
        list.QuerySelector("#target-counts")!.TextContent.ShouldContain("共 4 项指标，按进度 2 项、滞后 1 项、暂无数据 1 项");
        var detail = await (await browser.GetAsync($"/targets/{gdp}")).HtmlAsync();
        detail.QuerySelector("#target-state")!.TextContent.ShouldContain("进度应达 4999.32");
        detail.QuerySelectorAll("#trajectory-chart circle.behind").Length.ShouldBe(1);
    }

    [Fact]
    public async Task OnlyTheOwnerUnitsLiaisonsAndTheOfficeReportAndTheOfficeAcceptsOrReturns()
    {
        var data = await App.CreateSmallListAsync();
        await App.AddUserAsync("office1", Role.Office);
        await App.AddUserAsync("czj", Role.Liaison, unitId: data.Finance);
        await App.AddUserAsync("jyj", Role.Liaison, unitId: data.Education);
        await App.AddUserAsync("leader1", Role.Leader);
        var office = await App.SignInAsync("office1");
        var finance = await App.SignInAsync("czj");
        var education = await App.SignInAsync("jyj");
        var leader = await App.SignInAsync("leader1");
        (await office.PostFormAsync("/targets/new", TargetForm("全年争资", "市财政局", "亿元", "0", "2019", "750", "2020"))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var targetId = await App.WithDbAsync(db => db.Targets.Select(t => t.Id).SingleAsync());
        var roundId = await OpenTargetRoundAsync(office, data.ListId);
        var plainRound = await OpenTargetRoundAsync(office, data.ListId, includeTargets: false, name: "只报事项");
        var due = ChinaTime.Today(App.Clock).AddDays(10);

        (await (await finance.GetAsync($"/rounds/{roundId}/targets")).HtmlAsync()).QuerySelectorAll("#round-targets tr[data-target]").Length.ShouldBe(1);
        (await (await education.GetAsync($"/rounds/{roundId}/targets")).HtmlAsync()).QuerySelectorAll("#round-targets tr[data-target]").Length.ShouldBe(0);
        (await (await finance.GetAsync("/inbox")).HtmlAsync()).QuerySelector("#inbox-targets")!.TextContent.ShouldContain("本单位负责 1 项指标，已报送 0 项");

        (await ReportAsync(education, roundId, targetId, "780")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await ReportAsync(leader, roundId, targetId, "780")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await (await ReportAsync(finance, roundId, targetId, "七百八十")).HtmlAsync()).QuerySelector(".errors")!.TextContent
            .ShouldContain("完成值应为数字（单位：亿元）");
        (await (await ReportAsync(finance, roundId, targetId, "780", due.AddDays(1).ToString("yyyy-MM-dd"))).HtmlAsync()).QuerySelector(".errors")!.TextContent
            .ShouldContain("不能晚于本轮截止日期");
        (await (await ReportAsync(finance, plainRound, targetId, "780")).HtmlAsync()).QuerySelector(".errors")!.TextContent.ShouldContain("不报送指标完成值");
        (await App.WithDbAsync(db => db.TargetReports.CountAsync())).ShouldBe(0);

        (await ReportAsync(finance, roundId, targetId, "780", "2020-12-31", file: ("决算表.png", Png))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var report = await App.WithDbAsync(db => db.TargetReports.AsNoTracking().Include(r => r.Evidence).SingleAsync());
        (report.State, report.Value, report.AsOf, report.UnitId, report.Late).ShouldBe((ReportState.Submitted, 780m, new DateOnly(2020, 12, 31), data.Finance, false));
        report.Evidence.Single().ContentType.ShouldBe("image/png");
        (await leader.GetAsync($"/targets/evidence/{report.Evidence.Single().Id}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await (await ReportAsync(finance, roundId, targetId, "790")).HtmlAsync()).QuerySelector(".errors")!.TextContent.ShouldContain("等待振兴办审核");

        var reviewUrl = $"/rounds/{roundId}/targets";
        (await finance.PostFormAsync($"{reviewUrl}?reportId={report.Id}&version={report.Version}&decision=accept", [], handler: "Review")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        await office.PostFormAsync($"{reviewUrl}?reportId={report.Id}&version={report.Version}&decision=return", [], handler: "Review");
        (await App.WithDbAsync(db => db.TargetReports.AsNoTracking().SingleAsync())).State.ShouldBe(ReportState.Submitted);
        await office.PostFormAsync($"{reviewUrl}?reportId={report.Id}&version={report.Version}&decision=return&reason=请附决算数据", [], handler: "Review");
        report = await App.WithDbAsync(db => db.TargetReports.AsNoTracking().SingleAsync());
        (report.State, report.ReturnReason).ShouldBe((ReportState.Returned, "请附决算数据"));
        (await App.WithDbAsync(db => db.Notifications.CountAsync(n => n.UnitId == data.Finance && n.Text.Contains("全年争资")))).ShouldBe(1);

        // A resubmission over a newer version is refused with the value that is there; with the right version it goes through.
        (await ReportAsync(finance, roundId, targetId, "783", "2020-12-31", version: "0")).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await ReportAsync(office, roundId, targetId, "783", "2020-12-31", version: report.Version.ToString())).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        report = await App.WithDbAsync(db => db.TargetReports.AsNoTracking().SingleAsync());
        (report.State, report.Value, report.SubmittedByName).ShouldBe((ReportState.Submitted, 783m, "office1"));
        await office.PostFormAsync($"{reviewUrl}?reportId={report.Id}&version={report.Version}&decision=accept", [], handler: "Review");
        (await App.WithDbAsync(db => db.TargetReports.AsNoTracking().SingleAsync())).State.ShouldBe(ReportState.Accepted);

        var audit = await App.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.EntityType == nameof(TargetReport)).OrderBy(a => a.Id).ToListAsync());
        audit.Select(a => a.Actor).ShouldBe(["czj", "office1", "office1", "office1"]);
        var detail = await (await leader.GetAsync($"/targets/{targetId}")).HtmlAsync();
        detail.QuerySelector("#target-state")!.TextContent.ShouldContain("按进度");
        detail.QuerySelector("#target-values")!.TextContent.ShouldContain("决算表.png");
    }

    [Fact]
    public async Task CandidatesFromSeed004AreProposedAndOnlyTheConfirmedOnesAreStored()
    {
        await App.ImportSeedAsync("004");
        await App.AddUnitAsync("市发改委");
        await App.AddUserAsync("office1", Role.Office);
        await App.AddUserAsync("czj", Role.Liaison, unitId: (await App.AddUnitAsync("市财政局")).Id);
        var office = await App.SignInAsync("office1");
        var documentId = await App.WithDbAsync(db => db.SourceDocuments.Where(d => d.ConfirmedAt != null).Select(d => d.Id).SingleAsync());

        var extracted = await (await office.PostFormAsync("/targets/candidates", new() { ["DocumentId"] = documentId.ToString(), ["SourceName"] = "市第六次党代会报告" }, handler: "Extract")).HtmlAsync();
        var rows = extracted.QuerySelectorAll("#candidates tr[data-candidate]");
        rows.Length.ShouldBeGreaterThan(6);
        string Field(AngleSharp.Dom.IElement row, string name) => row.QuerySelector($"[name$='.{name}']")!.GetAttribute("value") ?? "";
        var gdp = rows.Single(r => Field(r, "Title") == "经济总量");
        (Field(gdp, "TargetValue"), Field(gdp, "MeasureUnit"), Field(gdp, "TargetYear"), Field(gdp, "BaselineYear")).ShouldBe(("6000", "亿元", "2025", "2021"));
        var cloud = rows.Single(r => Field(r, "Title") == "上云企业");
        (Field(cloud, "TargetValue"), Field(cloud, "MeasureUnit")).ShouldBe(("10000", "家"));
        (await App.WithDbAsync(db => db.Targets.CountAsync())).ShouldBe(0);

        Dictionary<string, string> Confirm(params (int Index, string Title, string Baseline)[] chosen)
        {
            var fields = new Dictionary<string, string> { ["SourceName"] = "市第六次党代会报告", ["SourceDocumentId"] = documentId.ToString() };
            foreach (var (index, title, baseline) in chosen)
            {
                var p = $"Candidates[{index}]";
                fields[$"{p}.Selected"] = "true";
                fields[$"{p}.Title"] = title;
                fields[$"{p}.OwnerUnit"] = "市发改委";
                fields[$"{p}.MeasureUnit"] = "亿元";
                fields[$"{p}.BaselineValue"] = baseline;
                fields[$"{p}.BaselineYear"] = "2021";
                fields[$"{p}.TargetValue"] = "6000";
                fields[$"{p}.TargetYear"] = "2025";
                fields[$"{p}.Direction"] = "AtLeast";
                fields[$"{p}.Sentence"] = "主要经济指标增速保持全省前列，经济总量向6000亿元迈进";
            }
            return fields;
        }
        var refused = await (await office.PostFormAsync("/targets/candidates", Confirm((0, "地区生产总值", "4000"), (1, "另一项", "")), handler: "Confirm")).HtmlAsync();
        refused.QuerySelector(".errors")!.TextContent.ShouldContain("本次未保存任何指标");
        refused.QuerySelector("#candidates tr[data-candidate='1']")!.TextContent.ShouldContain("请填写基期值（单位：亿元）");
        (await App.WithDbAsync(db => db.Targets.CountAsync())).ShouldBe(0);

        var confirmed = await office.PostFormAsync("/targets/candidates", Confirm((0, "地区生产总值", "4000")), handler: "Confirm");
        confirmed.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var target = await App.WithDbAsync(db => db.Targets.AsNoTracking().SingleAsync());
        (target.Title, target.TargetValue, target.SourceDocumentId, target.SourceName).ShouldBe(("地区生产总值", 6000m, documentId, "市第六次党代会报告"));
        target.SourceSentence!.ShouldContain("经济总量向6000亿元迈进");

        // The API proposes candidates from text without storing anything; it is the Office's.
        var api = await KeyClientAsync("office-api", Role.Office);
        var candidates = (await JsonAsync(await api.PostAsJsonAsync("/api/v1/targets/candidates", new { text = "力争到2025年，上云企业突破1万家。", documentYear = 2021 }), HttpStatusCode.OK)).AsArray();
        (candidates.Single()!["value"]!.GetValue<decimal>(), candidates.Single()!["measureUnit"]!.GetValue<string>(), candidates.Single()!["year"]!.GetValue<int>()).ShouldBe((10000m, "家", 2025));
        var liaisonApi = await KeyClientAsync("czj-api", Role.Liaison, await App.WithDbAsync(db => db.Units.Where(u => u.Name == "市财政局").Select(u => u.Id).SingleAsync()));
        (await liaisonApi.PostAsJsonAsync("/api/v1/targets/candidates", new { text = "x" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await App.WithDbAsync(db => db.Targets.CountAsync())).ShouldBe(1);
    }

    [Fact]
    public async Task TheDashboardShowsTheTargetsProgressAndFollowsANewAcceptedValue()
    {
        var data = await App.CreateSmallListAsync();
        await App.AddUserAsync("office1", Role.Office);
        await App.AddUserAsync("czj", Role.Liaison, unitId: data.Finance);
        await App.AddUserAsync("leader1", Role.Leader);
        var office = await App.SignInAsync("office1");
        var finance = await App.SignInAsync("czj");
        var leader = await App.SignInAsync("leader1");
        await office.PostFormAsync("/targets/new", TargetForm("全年争资", "市财政局", "亿元", "0", "2019", "750", "2020"));
        await office.PostFormAsync("/targets/new", TargetForm("新增地方政府债券", "市财政局", "亿元", "0", "2019", "150", "2020"));
        var ids = await App.WithDbAsync(db => db.Targets.OrderBy(t => t.Id).Select(t => t.Id).ToListAsync());
        var roundId = await OpenTargetRoundAsync(office, data.ListId);
        async Task AcceptAsync(int targetId, string value)
        {
            (await ReportAsync(finance, roundId, targetId, value, "2020-12-31")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
            var report = await App.WithDbAsync(db => db.TargetReports.AsNoTracking().SingleAsync(r => r.TargetId == targetId));
            await office.PostFormAsync($"/rounds/{roundId}/targets?reportId={report.Id}&version={report.Version}&decision=accept", [], handler: "Review");
        }
        await AcceptAsync(ids[0], "783");

        var first = await JsonAsync(await leader.GetAsync("/api/v1/dashboard"), HttpStatusCode.OK);
        (first["targets"]!["onTrack"]!.GetValue<int>(), first["targets"]!["behind"]!.GetValue<int>(), first["targets"]!["noData"]!.GetValue<int>()).ShouldBe((1, 0, 1));
        var page = await (await leader.GetAsync("/dashboard")).HtmlAsync();
        page.QuerySelector("[data-count='targets:OnTrack'] b")!.TextContent.ShouldBe("1");
        page.QuerySelector("#targets-sentence")!.TextContent.ShouldBe("共 2 项指标，按进度 1 项、滞后 0 项、暂无数据 1 项。");
        page.QuerySelectorAll("#table-targets tr[data-target]").Select(r => r.GetAttribute("data-state")).ShouldBe(["OnTrack", "NoData"]);
        page.QuerySelector("#meetings-line")!.TextContent.ShouldContain("尚无已召开的会议");
        page.QuerySelector("#table-targets a")!.GetAttribute("href").ShouldBe($"/targets/{ids[0]}");

        // The dashboard keeps its figures while the ledger is unchanged; an accepted value is an audited change, so it moves them.
        await AcceptAsync(ids[1], "138");
        var second = await JsonAsync(await leader.GetAsync("/api/v1/dashboard"), HttpStatusCode.OK);
        (second["targets"]!["onTrack"]!.GetValue<int>(), second["targets"]!["behind"]!.GetValue<int>(), second["targets"]!["noData"]!.GetValue<int>()).ShouldBe((1, 1, 0));
    }
}

public sealed class TargetTests_Postgres(PostgresApp app) : TargetTests(app), IClassFixture<PostgresApp>;
public sealed class TargetTests_Sqlite(SqliteApp app) : TargetTests(app), IClassFixture<SqliteApp>;
