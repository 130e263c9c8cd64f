using System.Globalization;
using System.Net;
using DocumentFormat.OpenXml.Packaging;
using Microsoft.EntityFrameworkCore;
using Zhenxing.IntegrationTests.Infrastructure;
using Zhenxing.Web.Features.Assessments;
using Zhenxing.Web.Features.Items;
using Zhenxing.Web.Features.Rounds;
using Zhenxing.Web.Features.Users;
using S = DocumentFormat.OpenXml.Spreadsheet;

namespace Zhenxing.IntegrationTests.Features.Assessments;

public abstract class AssessmentTests(ZhenxingAppFactory app) : IntegrationTest(app)
{
    private sealed record Row(int Rank, string Unit, decimal Completion, decimal Punctuality, decimal Quality, decimal Adjustment, decimal Score);

    private static decimal Number(string text) =>
        decimal.Parse(new string(text.TakeWhile(c => char.IsDigit(c) || c is '.' or '-' or '+').ToArray()), NumberStyles.Number | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);

    private static async Task<List<Row>> RankingAsync(HttpClient client, int methodId)
    {
        var response = await client.GetAsync($"/assessments/{methodId}");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = await response.HtmlAsync();
        return page.QuerySelectorAll("#ranking tbody tr").Select(tr => new Row(
            int.Parse(tr.QuerySelector(".rank")!.TextContent),
            tr.QuerySelector(".unit")!.TextContent.Trim(),
            Number(tr.QuerySelector(".completion")!.TextContent),
            Number(tr.QuerySelector(".punctuality")!.TextContent),
            Number(tr.QuerySelector(".quality")!.TextContent),
            Number(tr.QuerySelector(".adjustment")!.TextContent),
            Number(tr.QuerySelector(".score")!.TextContent))).ToList();
    }

    /// <summary>The liaison submits a lead report; the Office accepts it with a rating, or leaves it submitted.</summary>
    private async Task ReportAsync(HttpClient liaison, HttpClient office, int roundId, int itemId, ItemStatus status, int? stars, bool accept = true)
    {
        await liaison.PostFormAsync($"/rounds/{roundId}/items/{itemId}/report", new()
        {
            ["Status"] = status.ToString(), ["Narrative"] = "按计划推进。", ["Version"] = "0", ["submit"] = "1",
        });
        var report = await App.WithDbAsync(db => db.ProgressReports.AsNoTracking().SingleAsync(p => p.RoundId == roundId && p.ItemId == itemId));
        report.State.ShouldBe(ReportState.Submitted);
        if (accept)
        {
            (await office.PostFormAsync($"/rounds/{roundId}?reportId={report.Id}&version={report.Version}&decision=accept{(stars is { } s ? $"&rating={s}" : "")}", [], handler: "Review"))
                .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        }
    }

    private static async Task<int> CreateMethodAsync(HttpClient office, int year, int listId, string weights = "50/30/20")
    {
        var w = weights.Split('/');
        var response = await office.PostFormAsync("/assessments", new()
        {
            ["Form.Year"] = year.ToString(), ["Form.Title"] = $"{year}年度振兴工作考评",
            ["Form.CompletionWeight"] = w[0], ["Form.PunctualityWeight"] = w[1], ["Form.QualityWeight"] = w[2], ["Form.Lists"] = listId.ToString(),
        });
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        return int.Parse(response.Headers.Location!.ToString().Split('/').Last());
    }

    private static async Task<HttpResponseMessage> AdjustAsync(HttpClient office, int methodId, string unit, string points, string reason) =>
        await office.PostFormAsync($"/assessments/{methodId}", new() { ["UnitName"] = unit, ["Points"] = points, ["Reason"] = reason }, handler: "Adjust");

    private sealed record History(LedgerData.SmallList Data, int RoundId, int MethodId, HttpClient Office);

    /// <summary>
    /// The small list (items 1 and 3 led by 市财政局, 2 and 5 by 市发改委, 4 by 市教育局) and one round, due in 10 days:
    /// 财政 reports item 3 (done) on time, rated 5 stars; 教育 reports item 4 (done) on time, rated 4 stars; eleven days on,
    /// 财政 reports item 1 (blocked) late, rated 2 stars; 发改 reports nothing. The round is closed, and the Office gives
    /// 发改 +2 and 教育 −1 under a method with weights 50/30/20.
    /// </summary>
    private async Task<History> BuildProgramAsync()
    {
        var data = await App.CreateSmallListAsync();
        await App.AddUserAsync("office1", Role.Office);
        await App.AddUserAsync("czj", Role.Liaison, unitId: data.Finance);
        await App.AddUserAsync("jyj", Role.Liaison, unitId: data.Education);
        var office = await App.SignInAsync("office1");
        var finance = await App.SignInAsync("czj");
        var education = await App.SignInAsync("jyj");

        var round = await App.OpenRoundAsync(office, "第一轮", data.ListId);
        await ReportAsync(finance, office, round, data.Later, ItemStatus.Done, 5);
        await ReportAsync(education, office, round, data.Done, ItemStatus.Done, 4);
        App.Clock.Advance(TimeSpan.FromDays(11));
        (office, finance) = (await App.SignInAsync("office1"), await App.SignInAsync("czj"));
        await ReportAsync(finance, office, round, data.Overdue, ItemStatus.Blocked, 2);
        await App.CloseRoundAsync(office, round);

        var year = (await App.WithDbAsync(db => db.ReportingRounds.SingleAsync(r => r.Id == round))).DueOn.Year;
        var method = await CreateMethodAsync(office, year, data.ListId);
        (await AdjustAsync(office, method, "市发展改革委", "2", "获省级通报表扬")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await AdjustAsync(office, method, "市教育局", "-1", "报送材料数据有误")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        return new History(data, round, method, office);
    }

    [Fact]
    public async Task TheRankingOfASmallProgramMatchesAHandComputation()
    {
        var (_, _, method, office) = await BuildProgramAsync();

        // By hand, weights 50/30/20; the round is past due and closed with all five items kept.
        // 市财政局: items 1 (blocked) and 3 (done): completion 1/2 = 50.0; owed 1 (late) and 3 (on time): punctuality 1/2 = 50.0;
        //           ratings 5 and 2: (5 + 2) / 2 = 3.5 stars × 20 = 70.0; score 50.0×0.5 + 50.0×0.3 + 70.0×0.2 = 25 + 15 + 14 = 54.0.
        // 市发改委: items 2 (not started) and 5 (in progress): 0/2 = 0.0; owed 2 and 5, both missing: 0/2 = 0.0; no rating: 0.0;
        //           score 0 + 0 + 0 + 2 = 2.0.
        // 市教育局: item 4 (done): 1/1 = 100.0; owed 4, on time: 1/1 = 100.0; rating 4: 4 × 20 = 80.0;
        //           score 100×0.5 + 100×0.3 + 80×0.2 − 1 = 50 + 30 + 16 − 1 = 95.0.
        // Ranks by score: 教育 95.0, 财政 54.0, 发改 2.0.
        var ranking = await RankingAsync(office, method);
        ranking.ShouldBe(
        [
            new Row(1, "市教育局", 100.0m, 100.0m, 80.0m, -1.0m, 95.0m),
            new Row(2, "市财政局", 50.0m, 50.0m, 70.0m, 0.0m, 54.0m),
            new Row(3, "市发改委", 0.0m, 0.0m, 0.0m, 2.0m, 2.0m),
        ]);
        var page = await (await office.GetAsync($"/assessments/{method}")).HtmlAsync();
        page.QuerySelector("#ranking tr:last-child .quality")!.TextContent.ShouldContain("无评分");

        // The ratings were stored with the acceptances.
        var ratings = await App.WithDbAsync(db => db.ProgressReports.OrderBy(p => p.Id).Select(p => p.QualityRating).ToListAsync());
        ratings.ShouldBe([5, 4, 2]);
    }

    [Fact]
    public async Task TheTracePageListsExactlyTheItemsAndReportsBehindAUnitsScore()
    {
        var (data, round, method, office) = await BuildProgramAsync();

        var page = await (await office.GetAsync($"/assessments/{method}/units/{data.Finance}")).HtmlAsync();
        page.QuerySelectorAll("#items tbody tr").Select(tr => int.Parse(tr.GetAttribute("data-item")!)).ShouldBe([data.Overdue, data.Later]);
        page.QuerySelectorAll("#items tbody tr a").Select(a => a.GetAttribute("href")).ShouldBe([$"/items/{data.Overdue}", $"/items/{data.Later}"]);
        page.QuerySelectorAll("#items tbody tr .status").Select(td => td.TextContent).ShouldBe([ItemStatus.Blocked.ToChinese(), ItemStatus.Done.ToChinese()]);
        page.QuerySelectorAll("#owed tbody tr").Select(tr => (int.Parse(tr.GetAttribute("data-round")!), int.Parse(tr.GetAttribute("data-item")!), tr.QuerySelector(".punctuality")!.TextContent))
            .ShouldBe([(round, data.Overdue, "逾期"), (round, data.Later, "按时")]);
        page.QuerySelectorAll("#rated tbody tr").Select(tr => (int.Parse(tr.GetAttribute("data-item")!), int.Parse(tr.QuerySelector(".stars")!.GetAttribute("data-stars")!)))
            .OrderBy(r => r.Item1).ShouldBe(new[] { (data.Overdue, 2), (data.Later, 5) }.OrderBy(r => r.Item1));
        page.QuerySelectorAll("#adjustments tbody tr").ShouldBeEmpty();
        page.QuerySelector("#sum-completion")!.TextContent.ShouldContain("25.00");
        page.QuerySelector("#sum-punctuality")!.TextContent.ShouldContain("15.00");
        page.QuerySelector("#sum-quality")!.TextContent.ShouldContain("14.00");
        page.QuerySelector("#sum-score")!.TextContent.ShouldContain("54.0");

        var development = await (await office.GetAsync($"/assessments/{method}/units/{data.Development}")).HtmlAsync();
        development.QuerySelectorAll("#owed tbody tr .punctuality").Select(td => td.TextContent).ShouldBe(["未报送", "未报送"]);
        development.QuerySelector("#rated")!.TextContent.ShouldContain("无评分");
        development.QuerySelectorAll("#adjustments tbody tr").Select(tr => (tr.QuerySelector(".points")!.TextContent, tr.QuerySelector(".reason")!.TextContent))
            .ShouldBe([("+2.0", "获省级通报表扬")]);

        (await office.GetAsync($"/assessments/{method}/units/999999")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task WrongWeightsAMissingReasonAndAnUnknownUnitAreRefusedInChineseAndNothingIsStored()
    {
        var data = await App.CreateSmallListAsync();
        await App.AddUserAsync("office1", Role.Office);
        var office = await App.SignInAsync("office1");

        var response = await office.PostFormAsync("/assessments", new()
        {
            ["Form.Year"] = "2026", ["Form.Title"] = "2026年度振兴工作考评",
            ["Form.CompletionWeight"] = "50", ["Form.PunctualityWeight"] = "30", ["Form.QualityWeight"] = "10", ["Form.Lists"] = data.ListId.ToString(),
        });
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var errors = (await response.HtmlAsync()).QuerySelector(".errors")!.TextContent;
        errors.ShouldContain("三项权重之和应为 100：事项完成率权重 50 + 按时报送率权重 30 + 报送质量权重 10 = 90");
        response = await office.PostFormAsync("/assessments", new() { ["Form.Year"] = "二〇二六", ["Form.Title"] = "", ["Form.CompletionWeight"] = "x", ["Form.PunctualityWeight"] = "30", ["Form.QualityWeight"] = "20" });
        errors = (await response.HtmlAsync()).QuerySelector(".errors")!.TextContent;
        errors.ShouldContain("考评年度");
        errors.ShouldContain("考评办法名称");
        errors.ShouldContain("事项完成率权重应为 0 到 100 之间的整数");
        errors.ShouldContain("请选择至少一份计入考评的清单");
        (await App.WithDbAsync(db => db.AssessmentMethods.CountAsync())).ShouldBe(0);

        var method = await CreateMethodAsync(office, 2026, data.ListId);
        response = await AdjustAsync(office, method, "市财政局", "2", "  ");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.HtmlAsync()).QuerySelector(".errors")!.TextContent.ShouldContain("请填写加减分的理由");
        response = await AdjustAsync(office, method, "市不存在局", "2", "表扬");
        (await response.HtmlAsync()).QuerySelector(".errors")!.TextContent.ShouldContain("单位“市不存在局”不在单位名录中");
        response = await AdjustAsync(office, method, "市财政局", "1.25", "表扬");
        (await response.HtmlAsync()).QuerySelector(".errors")!.TextContent.ShouldContain("分值应为非零数字，最多一位小数");
        (await App.WithDbAsync(db => db.AssessmentAdjustments.CountAsync())).ShouldBe(0);
    }

    [Fact]
    public async Task EveryRoleReadsTheRankingButOnlyTheOfficeWritesIt()
    {
        var data = await App.CreateSmallListAsync();
        await App.AddUserAsync("office1", Role.Office);
        await App.AddUserAsync("czj", Role.Liaison, unitId: data.Finance);
        await App.AddUserAsync("leader1", Role.Leader);
        var office = await App.SignInAsync("office1");
        var method = await CreateMethodAsync(office, 2026, data.ListId);
        var liaison = await App.SignInAsync("czj");
        var leader = await App.SignInAsync("leader1");

        foreach (var url in new[] { "/assessments", $"/assessments/{method}", $"/assessments/{method}/units/{data.Finance}", $"/assessments/{method}/export.xlsx" })
        {
            (await liaison.GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.OK, url);
            (await leader.GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.OK, url);
            var anonymous = await App.CreateBrowser().GetAsync(url);
            anonymous.StatusCode.ShouldBe(HttpStatusCode.Redirect, url);
            anonymous.Headers.Location!.ToString().ShouldContain("/account/login");
        }
        var liaisonPage = await (await liaison.GetAsync($"/assessments/{method}")).HtmlAsync();
        liaisonPage.QuerySelector("#adjust-form").ShouldBeNull();
        (await (await liaison.GetAsync("/assessments")).HtmlAsync()).QuerySelector("#new-method").ShouldBeNull();

        var token = await liaison.AntiforgeryTokenAsync("/ledger");
        (await liaison.PostFormWithTokenAsync("/assessments", new()
        {
            ["Form.Year"] = "2026", ["Form.Title"] = "另一办法", ["Form.CompletionWeight"] = "50", ["Form.PunctualityWeight"] = "30", ["Form.QualityWeight"] = "20", ["Form.Lists"] = data.ListId.ToString(),
        }, token)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await liaison.PostFormWithTokenAsync($"/assessments/{method}?handler=Adjust", new() { ["UnitName"] = "市财政局", ["Points"] = "5", ["Reason"] = "自评" }, token))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var leaderToken = await leader.AntiforgeryTokenAsync("/ledger");
        (await leader.PostFormWithTokenAsync($"/assessments/{method}?handler=Adjust", new() { ["UnitName"] = "市财政局", ["Points"] = "5", ["Reason"] = "表扬" }, leaderToken))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await App.WithDbAsync(db => db.AssessmentMethods.CountAsync())).ShouldBe(1);
        (await App.WithDbAsync(db => db.AssessmentAdjustments.CountAsync())).ShouldBe(0);
    }

    [Fact]
    public async Task ALiaisonReadsTheWholeRankingButTracesOnlyItsOwnUnit()
    {
        var (data, _, method, _) = await BuildProgramAsync();
        await App.AddUserAsync("leader1", Role.Leader);
        var liaison = await App.SignInAsync("czj");
        var leader = await App.SignInAsync("leader1");
        // What the traces of 发改 and 教育 name one by one: their items and the reason of an adjustment.
        string[] othersDetails = ["争取赣州港建设支持", "持续推进营商环境改革", "完成瑞金干部学院扩建", "获省级通报表扬", "报送材料数据有误"];

        (await liaison.GetAsync($"/assessments/{method}/units/{data.Finance}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        foreach (var other in new[] { data.Development, data.Education })
        {
            var response = await liaison.GetAsync($"/assessments/{method}/units/{other}");
            response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
            var text = await response.Content.ReadAsStringAsync();
            othersDetails.ShouldAllBe(detail => !text.Contains(detail));
            (await liaison.GetAsync($"/units/{other}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
            (await leader.GetAsync($"/assessments/{method}/units/{other}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        }
        (await liaison.GetAsync($"/items/{data.Soon}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        // The ranking itself is public: every unit with its figures, a trace link only to the liaison's own unit.
        (await RankingAsync(liaison, method)).Select(r => r.Unit).ShouldBe(["市教育局", "市财政局", "市发改委"]);
        var page = await (await liaison.GetAsync($"/assessments/{method}")).HtmlAsync();
        page.QuerySelectorAll("#ranking a").Select(a => a.GetAttribute("href")).ShouldBe([$"/assessments/{method}/units/{data.Finance}"]);
        othersDetails.ShouldAllBe(detail => !page.Body!.TextContent.Contains(detail));
        var leaderPage = await (await leader.GetAsync($"/assessments/{method}")).HtmlAsync();
        leaderPage.QuerySelectorAll("#ranking a").Length.ShouldBe(3);

        var xlsx = await liaison.GetAsync($"/assessments/{method}/export.xlsx");
        xlsx.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var document = SpreadsheetDocument.Open(new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync()), false);
        var cells = document.WorkbookPart!.WorksheetParts.Single().Worksheet!.Descendants<S.Cell>().Select(c => c.InlineString?.InnerText ?? c.CellValue?.Text ?? "").ToList();
        cells.ShouldContain("市发改委");
        cells.ShouldContain("市教育局");
        othersDetails.ShouldAllBe(detail => !cells.Any(c => c.Contains(detail)));
    }

    [Fact]
    public async Task TheXlsxExportHoldsTheRankingAsThePageShowsIt()
    {
        var (_, _, method, office) = await BuildProgramAsync();
        var ranking = await RankingAsync(office, method);

        var response = await office.GetAsync($"/assessments/{method}/export.xlsx");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        var content = await response.Content.ReadAsByteArrayAsync();
        using var document = SpreadsheetDocument.Open(new MemoryStream(content), false);
        new DocumentFormat.OpenXml.Validation.OpenXmlValidator().Validate(document).Select(e => $"{e.Path?.XPath}: {e.Description}").ShouldBeEmpty();
        var sheet = document.WorkbookPart!.WorksheetParts.Single().Worksheet;
        var rows = sheet.Descendants<S.Row>().Select(r => r.Elements<S.Cell>().Select(c => c.InlineString?.InnerText ?? c.CellValue?.Text ?? "").ToList()).ToList();

        rows[0][0].ShouldBe(await App.WithDbAsync(db => db.AssessmentMethods.Select(m => m.Title).SingleAsync()));
        rows[1].ShouldBe(["名次", "单位", "事项完成率", "按时报送率", "报送质量", "加减分", "得分"]);
        rows.Skip(2).Select(r => new Row(int.Parse(r[0]), r[1], decimal.Parse(r[2], CultureInfo.InvariantCulture), decimal.Parse(r[3], CultureInfo.InvariantCulture),
                decimal.Parse(r[4], CultureInfo.InvariantCulture), decimal.Parse(r[5], CultureInfo.InvariantCulture), decimal.Parse(r[6], CultureInfo.InvariantCulture)))
            .ShouldBe(ranking);
        rows[2][6].ShouldBe("95.0");
    }

    [Fact]
    public async Task TheAssessmentOfTheDemoSeedMatchesAHandComputation()
    {
        // Seed 001: the 18 items of 蓉江新区's 2021 list. 区财政局 leads 一.5 and 二.3; 区市监局 leads 二.10; 区党群部, 区经发局,
        // 区住建局, 区社管局, 区农办 and 区产业招商局 lead the other 15.
        await App.ImportSeedAsync("001");
        await App.AddUserAsync("office1", Role.Office);
        var office = await App.SignInAsync("office1");
        var (listId, items) = await App.WithDbAsync(async db =>
        {
            var list = await db.ItemLists.SingleAsync();
            var all = await db.Items.Where(i => i.ItemListId == list.Id)
                .Select(i => new { i.Id, i.Number, i.Status, Category = i.Category!.Number, Lead = i.Units.Where(u => u.Role == ItemUnitRole.Lead).Select(u => u.Unit!.Name).Single() })
                .ToListAsync();
            return (list.Id, all);
        });
        items.Count.ShouldBe(18);
        items.ShouldAllBe(i => i.Status == ItemStatus.NotStarted);
        int Item(string category, string number) => items.Single(i => i.Category == category && i.Number == number).Id;
        var (fiscal1, fiscal2, market) = (Item("一", "5"), Item("二", "3"), Item("二", "10"));
        items.Where(i => i.Lead == "区财政局").Select(i => i.Id).Order().ShouldBe(new[] { fiscal1, fiscal2 }.Order());
        items.Where(i => i.Lead == "区市监局").Select(i => i.Id).ShouldBe([market]);

        // A tiny history written by hand: the mid-year round of 2021 (open, past due), three lead reports.
        await App.WithDbAsync(async db =>
        {
            var units = await db.Units.Where(u => u.Name == "区财政局" || u.Name == "区市监局").ToDictionaryAsync(u => u.Name, u => u.Id);
            var round = new ReportingRound { Name = "2021年上半年", OpensOn = new(2021, 6, 1), DueOn = new(2021, 6, 30), Lists = [new() { ItemListId = listId }] };
            db.ReportingRounds.Add(round);
            await db.SaveChangesAsync();
            ProgressReport Report(int itemId, string unit, ItemStatus status, ReportState state, bool late, int? stars) => new()
            {
                RoundId = round.Id, ItemId = itemId, UnitId = units[unit], Role = ItemUnitRole.Lead, Status = status, Narrative = "按计划推进。",
                State = state, Late = late, QualityRating = stars, UpdatedAt = App.Clock.GetUtcNow(), UpdatedByName = "测试",
            };
            db.ProgressReports.AddRange(
                Report(fiscal1, "区财政局", ItemStatus.Done, ReportState.Accepted, late: false, stars: 4),
                Report(fiscal2, "区财政局", ItemStatus.InProgress, ReportState.Submitted, late: true, stars: null),
                Report(market, "区市监局", ItemStatus.PositiveProgress, ReportState.Accepted, late: false, stars: 3));
            (await db.Items.SingleAsync(i => i.Id == fiscal1)).Status = ItemStatus.Done;
            (await db.Items.SingleAsync(i => i.Id == market)).Status = ItemStatus.PositiveProgress;
            return await db.SaveChangesAsync();
        });
        var method = await CreateMethodAsync(office, 2021, listId);

        // By hand, weights 50/30/20:
        // 区财政局: 一.5 done, 二.3 not: 1/2 = 50.0; 一.5 on time, 二.3 late: 1/2 = 50.0; one rating of 4: 80.0;
        //           50×0.5 + 50×0.3 + 80×0.2 = 25 + 15 + 16 = 56.0 → 1st.
        // 区市监局: 二.10 in positive progress: 0/1 = 0.0; on time 1/1 = 100.0; one rating of 3: 60.0;
        //           0 + 100×0.3 + 60×0.2 = 30 + 12 = 42.0 → 2nd.
        // The six other units: nothing done, every report missing, no rating: 0.0, sharing 3rd place.
        var ranking = await RankingAsync(office, method);
        ranking.Count.ShouldBe(8);
        ranking[0].ShouldBe(new Row(1, "区财政局", 50.0m, 50.0m, 80.0m, 0m, 56.0m));
        ranking[1].ShouldBe(new Row(2, "区市监局", 0.0m, 100.0m, 60.0m, 0m, 42.0m));
        ranking.Skip(2).ShouldAllBe(r => r.Rank == 3 && r.Score == 0m && r.Completion == 0m && r.Punctuality == 0m && r.Quality == 0m);
        ranking.Skip(2).Select(r => r.Unit).Order().ShouldBe(new[] { "区党群部", "区经发局", "区住建局", "区社管局", "区农办", "区产业招商局" }.Order());
    }
}

public sealed class AssessmentTests_Postgres(PostgresApp app) : AssessmentTests(app), IClassFixture<PostgresApp>;
public sealed class AssessmentTests_Sqlite(SqliteApp app) : AssessmentTests(app), IClassFixture<SqliteApp>;
