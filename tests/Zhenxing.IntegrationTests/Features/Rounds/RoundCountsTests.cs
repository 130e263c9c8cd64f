using System.Net;
using System.Text.Json.Nodes;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using Zhenxing.IntegrationTests.Features.Bulletins;
using Zhenxing.IntegrationTests.Infrastructure;
using Zhenxing.Web.Features.Bulletins;
using Zhenxing.Web.Features.Items;
using Zhenxing.Web.Features.Rounds;
using Zhenxing.Web.Features.Users;
using Zhenxing.Web.Infrastructure;

namespace Zhenxing.IntegrationTests.Features.Rounds;

/// <summary>The six figures of a round (应报 / 已报 / 逾期报送 / 未报 / 待审核 / 已采纳): the same on every surface, and what the raw rows say.</summary>
public abstract class RoundCountsTests(ZhenxingAppFactory app) : IntegrationTest(app)
{
    private sealed record Figures(int Due, int Reported, int Late, int Missing, int Pending, int Accepted)
    {
        public string Sentence => $"应报 {Due} 份，已报 {Reported} 份（其中逾期报送 {Late} 份），未报 {Missing} 份；待审核 {Pending} 份，已采纳 {Accepted} 份";
    }

    private async Task SubmitAsync(HttpClient liaison, int roundId, int itemId, bool submit = true)
    {
        var version = await App.WithDbAsync(db => db.ProgressReports.Where(p => p.RoundId == roundId && p.ItemId == itemId && p.UnitId == UnitOf(liaison))
            .Select(p => (int?)p.Version).SingleOrDefaultAsync());
        var fields = new Dictionary<string, string> { ["Status"] = nameof(ItemStatus.InProgress), ["Narrative"] = "按计划推进。", ["Version"] = (version ?? 0).ToString() };
        if (submit)
        {
            fields["submit"] = "1";
        }
        (await liaison.PostFormAsync($"/rounds/{roundId}/items/{itemId}/report", fields)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    private readonly Dictionary<HttpClient, int> units = [];

    private int UnitOf(HttpClient liaison) => units[liaison];

    private async Task<HttpClient> LiaisonAsync(string name, int unitId)
    {
        await App.AddUserAsync(name, Role.Liaison, unitId: unitId);
        var client = await App.SignInAsync(name);
        units[client] = unitId;
        return client;
    }

    private async Task ReviewAsync(HttpClient office, int roundId, int itemId, int unitId, bool accept)
    {
        var report = await App.WithDbAsync(db => db.ProgressReports.AsNoTracking().SingleAsync(p => p.RoundId == roundId && p.ItemId == itemId && p.UnitId == unitId));
        var decision = accept ? "accept" : "return&reason=" + Uri.EscapeDataString("请补充佐证材料");
        (await office.PostFormAsync($"/rounds/{roundId}?reportId={report.Id}&version={report.Version}&decision={decision}", [], handler: "Review"))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    /// <summary>The figures straight from the tables: what each unit owes per item, and the state of its report.</summary>
    private Task<Figures> FromRawRowsAsync(int roundId) => App.WithDbAsync(async db =>
    {
        var round = await db.ReportingRounds.AsNoTracking().SingleAsync(r => r.Id == roundId);
        var lists = await db.RoundLists.Where(l => l.RoundId == roundId).Select(l => l.ItemListId).ToListAsync();
        var items = await db.Items.AsNoTracking().Where(i => lists.Contains(i.ItemListId) && i.WithdrawnAt == null).Select(i => i.Id).ToListAsync();
        var owed = (await db.ItemUnits.AsNoTracking().Where(u => items.Contains(u.ItemId)).ToListAsync())
            .Where(u => u.Role == ItemUnitRole.Lead || round.IncludeResponsibleUnits)
            .Select(u => (u.ItemId, u.UnitId)).ToList();
        var reports = (await db.ProgressReports.AsNoTracking().Where(p => p.RoundId == roundId).ToListAsync()).ToDictionary(p => (p.ItemId, p.UnitId));
        var states = owed.Select(o => reports.GetValueOrDefault(o)).ToList();
        var reported = states.Where(p => p is { State: ReportState.Submitted or ReportState.Accepted }).ToList();
        return new Figures(owed.Count, reported.Count, reported.Count(p => p!.Late), owed.Count - reported.Count,
            states.Count(p => p?.State == ReportState.Submitted), states.Count(p => p?.State == ReportState.Accepted));
    });

    private static Figures Read(IElement scope) => new(
        Count(scope, "due"), Count(scope, "reported"), Count(scope, "late"), Count(scope, "missing"), Count(scope, "pending"), Count(scope, "accepted"));

    private static int Count(IElement scope, string name) => int.Parse(scope.QuerySelector($"[data-count='{name}']")!.TextContent.Trim());

    private static Figures Read(JsonNode counts) => new(
        counts["due"]!.GetValue<int>(), counts["reported"]!.GetValue<int>(), counts["late"]!.GetValue<int>(), counts["missing"]!.GetValue<int>(),
        counts["pendingReview"]!.GetValue<int>(), counts["accepted"]!.GetValue<int>());

    [Fact]
    public async Task EverySurfaceShowsTheSameSixFiguresAsTheRawRows()
    {
        var data = await App.CreateSmallListAsync();
        // Item 2 has two lead units (co-lead); item 4 is withdrawn before the round and owes nothing.
        await App.WithDbAsync(async db =>
        {
            db.ItemUnits.Add(new ItemUnit { ItemId = data.Soon, UnitId = data.Education, Role = ItemUnitRole.Lead, Position = 1 });
            var withdrawn = await db.Items.SingleAsync(i => i.Id == data.Done);
            withdrawn.WithdrawnAt = App.Clock.GetUtcNow();
            withdrawn.WithdrawnReason = "并入其他事项";
            return await db.SaveChangesAsync();
        });
        await App.AddUserAsync("office1", Role.Office);
        var office = await App.SignInAsync("office1");
        var finance = await LiaisonAsync("czj", data.Finance);
        var development = await LiaisonAsync("fgw", data.Development);
        var education = await LiaisonAsync("jyj", data.Education);
        var today = ChinaTime.Today(App.Clock);
        var opened = await office.PostFormAsync("/rounds", new()
        {
            ["Form.Name"] = "数字一致轮次", ["Form.OpensOn"] = today.ToString("yyyy-MM-dd"), ["Form.DueOn"] = today.AddDays(10).ToString("yyyy-MM-dd"),
            ["Form.Lists"] = data.ListId.ToString(), ["Form.IncludeResponsibleUnits"] = "true",
        });
        var roundId = int.Parse(opened.Headers.Location!.ToString().Split('/').Last());

        await SubmitAsync(finance, roundId, data.Overdue);                        // lead, accepted
        await ReviewAsync(office, roundId, data.Overdue, data.Finance, accept: true);
        await SubmitAsync(development, roundId, data.Soon);                       // lead, returned, resubmitted: waits for review
        await ReviewAsync(office, roundId, data.Soon, data.Development, accept: false);
        await SubmitAsync(development, roundId, data.Soon);
        await SubmitAsync(education, roundId, data.Soon);                         // the co-lead: waits for review
        await SubmitAsync(education, roundId, data.Later);                        // a contribution (responsible unit), accepted
        await ReviewAsync(office, roundId, data.Later, data.Education, accept: true);
        await SubmitAsync(finance, roundId, data.Later, submit: false);           // a draft: not reported
        await SubmitAsync(finance, roundId, data.Ongoing);                        // a contribution returned and not resubmitted
        await ReviewAsync(office, roundId, data.Ongoing, data.Finance, accept: false);
        App.Clock.Advance(TimeSpan.FromDays(11));
        // Past the due date; the sessions of eleven days ago have ended.
        office = await App.SignInAsync("office1");
        development = await App.SignInAsync("fgw");
        units[development] = data.Development;
        await SubmitAsync(development, roundId, data.Ongoing);                    // late, accepted
        await ReviewAsync(office, roundId, data.Ongoing, data.Development, accept: true);

        var raw = await FromRawRowsAsync(roundId);
        // The history is the one meant: 7 reports owed (item 4 withdrawn, item 2 with two lead units, two contributions).
        (raw.Due, raw.Reported, raw.Late, raw.Pending, raw.Accepted).ShouldBe((7, 5, 1, 2, 3));

        var list = await (await office.GetAsync("/rounds")).HtmlAsync();
        Read(list.QuerySelector($"#rounds tr[data-round='{roundId}']")!).ShouldBe(raw, "报送轮次列表");
        var page = await (await office.GetAsync($"/rounds/{roundId}")).HtmlAsync();
        Read(page.QuerySelector("#round-counts")!).ShouldBe(raw, "轮次页");
        page.QuerySelector("#round-counts")!.TextContent.ShouldContain("按报送份数计，含牵头单位和责任单位");
        var status = await (await office.GetAsync($"/rounds/{roundId}/status")).HtmlAsync();
        Read(status.QuerySelector("#round-counts")!).ShouldBe(raw, "进展统计");

        var dashboard = await (await office.GetAsync($"/dashboard?round={roundId}")).HtmlAsync();
        dashboard.QuerySelector("#headline-sentence")!.TextContent.ShouldContain($"数字一致轮次{raw.Sentence}", Case.Sensitive, "看板");
        dashboard.QuerySelector("[data-count='reporting']")!.TextContent.Trim().ShouldBe($"{raw.Reported} / {raw.Due}");

        var rounds = JsonNode.Parse(await office.GetStringAsync("/api/v1/rounds"))!.AsArray();
        Read(rounds.Single(r => r!["id"]!.GetValue<int>() == roundId)!["counts"]!).ShouldBe(raw, "API 轮次列表");
        Read(JsonNode.Parse(await office.GetStringAsync($"/api/v1/rounds/{roundId}/statistics"))!["counts"]!).ShouldBe(raw, "API 进展统计");

        var bulletinId = await BulletinTests.DraftAsync(office, today, ChinaTime.Today(App.Clock));
        var bulletin = (await (await office.GetAsync($"/bulletins/{bulletinId}")).HtmlAsync()).Body!.TextContent;
        bulletin.ShouldContain($"报送轮次“数字一致轮次”（{BulletinText.Date(today.AddDays(10))}截止）{raw.Sentence}（按报送份数计，含牵头单位和责任单位）。", Case.Sensitive, "简报");

        // Closed, the round keeps the same figures everywhere.
        await App.CloseRoundAsync(office, roundId, force: true);
        var closedRaw = await FromRawRowsAsync(roundId);
        closedRaw.ShouldBe(raw);
        Read((await (await office.GetAsync("/rounds")).HtmlAsync()).QuerySelector($"#rounds tr[data-round='{roundId}']")!).ShouldBe(raw, "关闭后的列表");
        Read((await (await office.GetAsync($"/rounds/{roundId}/status")).HtmlAsync()).QuerySelector("#round-counts")!).ShouldBe(raw, "关闭后的进展统计");
    }
}

public sealed class RoundCountsTests_Postgres(PostgresApp app) : RoundCountsTests(app), IClassFixture<PostgresApp>;
public sealed class RoundCountsTests_Sqlite(SqliteApp app) : RoundCountsTests(app), IClassFixture<SqliteApp>;
