using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using Zhenxing.IntegrationTests.Infrastructure;
using Zhenxing.Web.Features.Items;
using Zhenxing.Web.Features.Pairings;
using Zhenxing.Web.Features.Trips;
using Zhenxing.Web.Features.Units;
using Zhenxing.Web.Features.Users;
using S = DocumentFormat.OpenXml.Spreadsheet;

namespace Zhenxing.IntegrationTests.Features.Pairings;

/// <summary>
/// The seed-000 figures, the evaluation and a month's compliance from a small program built here, against a hand count.
/// Period: 2025-01-01 to 2025-06-30.
/// </summary>
public abstract class PairingFiguresTests(ZhenxingAppFactory app) : IntegrationTest(app)
{
    private sealed record Program(PairingData.SmallRegistry Registry, int Development, int Industry, int CountySupportList);

    private async Task<Program> BuildAsync()
    {
        var r = await App.CreatePairingsAsync();
        var development = await App.AddUnitAsync("市发改委", UnitKind.CityDepartment);
        var industry = await App.AddUnitAsync("市工信局", UnitKind.CityDepartment);
        var listId = await App.WithDbAsync(async db =>
        {
            PairingActivity A(int pairing, PairingActivityKind kind, string on, Action<PairingActivity>? more = null)
            {
                var a = new PairingActivity { PairingId = pairing, Kind = kind, OccurredOn = DateOnly.Parse(on), People = "某某", Title = "事项", CreatedByName = "测试" };
                more?.Invoke(a);
                return a;
            }
            db.PairingActivities.AddRange(
                // 赴部委对接: 3 in the period (two outside).
                A(r.FinanceRuijin, PairingActivityKind.Visit, "2025-03-10"), A(r.FinanceRuijin, PairingActivityKind.Visit, "2025-05-20"),
                A(r.HealthYudu, PairingActivityKind.Visit, "2025-04-01"), A(r.FinanceRuijin, PairingActivityKind.Visit, "2024-12-20"),
                A(r.HealthYudu, PairingActivityKind.Visit, "2025-07-02"),
                // 领导来调研: 3 in the period, 1 principal (the principal of 08-01 is outside).
                A(r.FinanceRuijin, PairingActivityKind.ResearchVisit, "2025-04-15", a => a.LeaderRank = LeaderRank.Principal),
                A(r.XinhuaRuijin, PairingActivityKind.ResearchVisit, "2025-05-05", a => a.LeaderRank = LeaderRank.Deputy),
                A(r.HealthYudu, PairingActivityKind.ResearchVisit, "2025-06-30", a => a.LeaderRank = LeaderRank.Deputy),
                A(r.GrainYudu, PairingActivityKind.ResearchVisit, "2025-08-01", a => a.LeaderRank = LeaderRank.Principal),
                // Plans: 财政部 twice and 卫健委 once in the period = 2 units; 粮储局's is outside.
                A(r.FinanceRuijin, PairingActivityKind.Plan, "2025-02-01", a => a.PlanKind = PlanKind.ImplementationPlan),
                A(r.FinanceRuijin, PairingActivityKind.Plan, "2025-03-01", a => a.PlanKind = PlanKind.AnnualPlan),
                A(r.HealthYudu, PairingActivityKind.Plan, "2025-06-01", a => a.PlanKind = PlanKind.AnnualPlan),
                A(r.GrainYudu, PairingActivityKind.Plan, "2024-11-01", a => a.PlanKind = PlanKind.AnnualPlan),
                A(r.XinhuaRuijin, PairingActivityKind.Symposium, "2025-05-10"),
                // Cadres: one in post during the period, one whose term ended before it.
                A(r.FinanceRuijin, PairingActivityKind.Cadre, "2024-07-01", a => (a.Post, a.Batch, a.TermEndsOn) = ("副市长", "第三批", new DateOnly(2026, 6, 30))),
                A(r.HealthYudu, PairingActivityKind.Cadre, "2023-01-01", a => (a.Post, a.Batch, a.TermEndsOn) = ("副县长", "第二批", new DateOnly(2024, 12, 31))),
                // Support: funds 1500 + 200.5, one policy, one project.
                A(r.FinanceRuijin, PairingActivityKind.Support, "2025-04-20", a => (a.SupportKind, a.Amount) = (SupportKind.Funds, 1500m)),
                A(r.HealthYudu, PairingActivityKind.Support, "2025-05-01", a => (a.SupportKind, a.Amount) = (SupportKind.Funds, 200.5m)),
                A(r.XinhuaRuijin, PairingActivityKind.Support, "2025-03-03", a => a.SupportKind = SupportKind.Policy),
                A(r.GrainYudu, PairingActivityKind.Support, "2025-06-15", a => a.SupportKind = SupportKind.Project));

            LiaisonTrip T(int unit, string on, DestinationLevel level, bool principal) =>
                new() { UnitId = unit, TravelledOn = DateOnly.Parse(on), Level = level, PrincipalLeaderWent = principal, People = "某某", Destination = level == DestinationLevel.National ? "国家发展改革委" : "省发展改革委" };
            db.LiaisonTrips.AddRange(
                T(r.Ruijin, "2025-02-14", DestinationLevel.National, true),
                T(r.Ruijin, "2025-02-20", DestinationLevel.Provincial, true),
                T(development.Id, "2025-05-06", DestinationLevel.National, false),
                T(development.Id, "2025-06-03", DestinationLevel.Provincial, true),
                T(r.Yudu, "2025-06-10", DestinationLevel.Provincial, false),
                T(r.Yudu, "2025-07-05", DestinationLevel.National, true));

            // 援县促市 of 2025: 4 items (a withdrawn one does not count), 2 done; the 2023 list and a major-items list do not count.
            Item I(int n, ItemStatus status, bool withdrawn = false) => new()
            {
                Number = n.ToString(), Position = n, Text = $"援县促市事项{n}", Status = status, WithdrawnAt = withdrawn ? DateTimeOffset.UtcNow : null,
                Units = [new ItemUnit { UnitId = development.Id, Role = ItemUnitRole.Lead }],
            };
            var countySupport = new ItemList { Title = "2025年“援县促市”事项清单", Year = 2025, Kind = Zhenxing.Importing.ItemListKind.CountySupport,
                Items = [I(1, ItemStatus.Done), I(2, ItemStatus.Done), I(3, ItemStatus.InProgress), I(4, ItemStatus.NotStarted), I(5, ItemStatus.Done, withdrawn: true)] };
            db.ItemLists.AddRange(countySupport,
                new ItemList { Title = "2023年“援县促市”事项清单", Year = 2023, Kind = Zhenxing.Importing.ItemListKind.CountySupport, Items = [I(1, ItemStatus.Done)] },
                new ItemList { Title = "重大事项", Year = 2025, Kind = Zhenxing.Importing.ItemListKind.MajorItems, Items = [I(1, ItemStatus.Done)] });
            await db.SaveChangesAsync();
            return countySupport.Id;
        });
        return new Program(r, development.Id, industry.Id, listId);
    }

    [Fact]
    public async Task TheSeed000FiguresOfAPeriodMatchAHandCountAndEachLinksToItsRecords()
    {
        var program = await BuildAsync();
        await App.AddUserAsync("leader1", Role.Leader);
        var leader = await App.SignInAsync("leader1");

        var figures = await leader.GetFromJsonAsync<JsonElement>("/api/v1/pairings/figures?from=2025-01-01&to=2025-06-30");
        int Count(string name) => figures.GetProperty(name).GetProperty("count").GetInt32();
        Count("ministryTrips").ShouldBe(2);
        Count("pairingVisits").ShouldBe(3);
        Count("ministryVisits").ShouldBe(5);
        Count("provincialVisits").ShouldBe(3);
        Count("researchLeaders").ShouldBe(3);
        Count("principalLeaders").ShouldBe(1);
        Count("planUnits").ShouldBe(2);
        Count("symposiums").ShouldBe(1);
        Count("cadresInPost").ShouldBe(1);
        Count("policies").ShouldBe(1);
        Count("projects").ShouldBe(1);
        Count("funds").ShouldBe(2);
        figures.GetProperty("fundsAmount").GetDecimal().ShouldBe(1700.5m);
        Count("countySupportItems").ShouldBe(4);
        Count("countySupportDone").ShouldBe(2);
        figures.GetProperty("sentence").GetString().ShouldBe(
            "2025年1月1日至2025年6月30日，各地各部门赴国家部委 5 批次，赴省直厅局 3 批次，促成 3 位中央对口支援单位副职以上领导来调研（其中正职领导 1 名），"
            + "2 个部委新出台对口支援实施方案或计划；梳理提报了 4 项“援县促市”事项，2 项已完成。");

        // The page says the same, and every number opens the records behind it.
        var page = await (await leader.GetAsync("/pairings/figures?from=2025-01-01&to=2025-06-30")).HtmlAsync();
        string Link(string figure) => page.QuerySelector($"[data-figure={figure}]")!.GetAttribute("href")!;
        page.QuerySelector("[data-figure=ministry]")!.TextContent.ShouldBe("5");
        var ministries = await (await leader.GetAsync(Link("ministry"))).HtmlAsync();
        ministries.QuerySelector("#combined-count")!.TextContent.ShouldBe("5");
        ministries.QuerySelectorAll("#activity-records tbody tr").Length.ShouldBe(3);
        ministries.QuerySelectorAll("table.trips tbody tr").Length.ShouldBe(2);
        var provincial = await (await leader.GetAsync(Link("provincial"))).HtmlAsync();
        provincial.QuerySelector("#trip-total")!.TextContent.ShouldBe("3");
        var principal = await (await leader.GetAsync(Link("principal"))).HtmlAsync();
        principal.QuerySelectorAll("#activity-records tbody tr").Select(tr => tr.QuerySelectorAll("td")[3].TextContent).ShouldBe(["财政部"]);
        var plans = await (await leader.GetAsync(Link("plans"))).HtmlAsync();
        plans.QuerySelectorAll("#activity-records tbody tr").Select(tr => tr.QuerySelectorAll("td")[3].TextContent).Distinct().ShouldBe(["国家卫生健康委", "财政部"], ignoreOrder: true);
        var done = await (await leader.GetAsync(Link("county-support-done"))).HtmlAsync();
        done.QuerySelector("#total")!.TextContent.ShouldBe("2");
        Link("county-support").ShouldContain($"list={program.CountySupportList}");
        page.QuerySelectorAll("#notable li").Select(li => li.TextContent).ShouldContain(t => t.Contains("财政部") && t.Contains("主要负责同志") && t.Contains("来调研"));
    }

    [Fact]
    public async Task TheEvaluationCountsEachPairingAndCountyAndExportsTheSameAsXlsx()
    {
        var program = await BuildAsync();
        await App.AddUserAsync("office1", Role.Office);
        var office = await App.SignInAsync("office1");

        var evaluation = await office.GetFromJsonAsync<JsonElement>("/api/v1/pairings/evaluation?from=2025-01-01&to=2025-06-30");
        var ruijin = evaluation.GetProperty("counties").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "瑞金市");
        ruijin.GetProperty("visits").GetInt32().ShouldBe(2);
        ruijin.GetProperty("researchVisits").GetInt32().ShouldBe(2);
        ruijin.GetProperty("principalResearchVisits").GetInt32().ShouldBe(1);
        ruijin.GetProperty("plans").GetInt32().ShouldBe(2);
        ruijin.GetProperty("cadresInPost").GetInt32().ShouldBe(1);
        ruijin.GetProperty("symposiums").GetInt32().ShouldBe(1);
        ruijin.GetProperty("policies").GetInt32().ShouldBe(1);
        ruijin.GetProperty("funds").GetDecimal().ShouldBe(1500m);
        var grain = evaluation.GetProperty("pairings").EnumerateArray().Single(p => p.GetProperty("pairingId").GetInt32() == program.Registry.GrainYudu);
        grain.GetProperty("planIssued").GetBoolean().ShouldBeFalse();
        grain.GetProperty("projects").GetInt32().ShouldBe(1);
        grain.GetProperty("activities").GetInt32().ShouldBe(1);

        var response = await office.GetAsync("/pairings/evaluation.xlsx?from=2025-01-01&to=2025-06-30");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentDisposition!.FileNameStar.ShouldBe("对口支援工作成效评估-20250101-20250630.xlsx");
        using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        using var document = SpreadsheetDocument.Open(stream, false);
        var workbook = document.WorkbookPart!;
        var sheets = workbook.Workbook.Sheets!.Elements<S.Sheet>().ToList();
        sheets.Select(s => s.Name!.Value).ShouldBe(["按结对", "按受援县"]);
        var counties = ((WorksheetPart)workbook.GetPartById(sheets[1].Id!)).Worksheet;
        string Cell(S.Worksheet sheet, string reference) =>
            sheet.Descendants<S.Cell>().Single(c => c.CellReference == reference) is var c && c.DataType?.Value == S.CellValues.InlineString ? c.InnerText : c.CellValue?.Text ?? "";
        Cell(counties, "A1").ShouldBe("对口支援工作成效评估（2025年1月1日至2025年6月30日）·按受援县");
        Cell(counties, "C2").ShouldBe("赴部委对接（批次）");
        var row = counties.Descendants<S.Row>().Single(r => r.Descendants<S.Cell>().First().InnerText.StartsWith("瑞金市")).RowIndex!.Value;
        Cell(counties, $"C{row}").ShouldBe("2");
        Cell(counties, $"E{row}").ShouldBe("1");
        Cell(counties, $"K{row}").ShouldBe("1500");
        var total = counties.Descendants<S.Row>().Last().RowIndex!.Value;
        Cell(counties, $"A{total}").ShouldBe("合计");
        Cell(counties, $"C{total}").ShouldBe("3");
        Cell(counties, $"K{total}").ShouldBe("1700.5");
    }

    [Fact]
    public async Task AMonthsComplianceMatchesAHandCountAndTheThresholdsAreTheOffices()
    {
        var program = await BuildAsync();
        await App.AddUserAsync("office1", Role.Office);
        await App.AddUserAsync("fgw", Role.Liaison, unitId: program.Development);
        var office = await App.SignInAsync("office1");
        var liaison = await App.SignInAsync("fgw");

        async Task<Dictionary<string, JsonElement>> MonthAsync(HttpClient client, string month) =>
            (await client.GetFromJsonAsync<JsonElement>($"/api/v1/trips/compliance?month={month}")).GetProperty("units").EnumerateArray()
            .ToDictionary(u => u.GetProperty("unit").GetString()!, u => u);

        // June 2025, 1 provincial a month and 1 national in May–June: nobody meets both.
        var june = await MonthAsync(office, "2025-06");
        june.Keys.ShouldBe(["于都县", "瑞金市", "市发改委", "市工信局"], ignoreOrder: true);
        june.Values.ShouldAllBe(u => !u.GetProperty("green").GetBoolean());
        june["市发改委"].GetProperty("provincialVisits").GetInt32().ShouldBe(1);
        june["市发改委"].GetProperty("nationalVisits").GetInt32().ShouldBe(0);
        june["市发改委"].GetProperty("reasons").EnumerateArray().Select(r => r.GetString()).ShouldBe(["近 2 个月（2025年5月至2025年6月）主要负责同志赴国家部委对接 0 次，少于每 2 个月 1 次"]);
        june["瑞金市"].GetProperty("reasons").GetArrayLength().ShouldBe(2);
        june["于都县"].GetProperty("provincialVisits").GetInt32().ShouldBe(0);

        // February: 瑞金市's principal leader went to both.
        (await MonthAsync(office, "2025-02"))["瑞金市"].GetProperty("green").GetBoolean().ShouldBeTrue();

        // The liaison logs its principal leader's May visit to a ministry: June turns green for it, and it sees only its own unit.
        var logged = await liaison.PostFormAsync("/trips", new()
        {
            ["Trip.TravelledOn"] = "2025-05-28", ["Trip.People"] = "主任 赵六", ["Trip.PrincipalLeaderWent"] = "true", ["Trip.Level"] = "National", ["Trip.Destination"] = "国家发展改革委",
        });
        logged.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var mine = await MonthAsync(liaison, "2025-06");
        mine.Keys.ShouldBe(["市发改委"]);
        mine["市发改委"].GetProperty("green").GetBoolean().ShouldBeTrue();
        var compliancePage = await (await office.GetAsync("/trips/compliance?month=2025-06")).HtmlAsync();
        compliancePage.QuerySelector("#compliance tr[data-unit=市发改委]")!.GetAttribute("data-verdict").ShouldBe("green");
        compliancePage.QuerySelector("#green-count")!.TextContent.ShouldBe("1");
        compliancePage.QuerySelector("#compliance tr[data-unit=瑞金市] .reasons")!.TextContent.ShouldContain("本月主要负责同志赴省直厅局对接 0 次，少于每月 1 次");

        // Only the Office changes the thresholds; with a one-month window the May visit no longer counts for June.
        (await liaison.PostFormAsync("/trips/compliance?month=2025-06", new() { ["ProvincialPerMonth"] = "1", ["NationalVisits"] = "1", ["NationalWindowMonths"] = "1", ["RuleVersion"] = "0" }))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var bad = await office.PostFormAsync("/trips/compliance?month=2025-06", new() { ["ProvincialPerMonth"] = "一", ["NationalVisits"] = "1", ["NationalWindowMonths"] = "13", ["RuleVersion"] = "0" });
        var errors = (await bad.HtmlAsync()).QuerySelector(".errors")!.TextContent;
        errors.ShouldContain("每月赴省直厅局次数应为 0 到 31 之间的整数");
        errors.ShouldContain("赴国家部委的统计月数应为 1 到 12 之间的整数");
        (await office.PostFormAsync("/trips/compliance?month=2025-06", new() { ["ProvincialPerMonth"] = "1", ["NationalVisits"] = "1", ["NationalWindowMonths"] = "1", ["RuleVersion"] = "0" }))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await MonthAsync(office, "2025-06"))["市发改委"].GetProperty("green").GetBoolean().ShouldBeFalse();
        var rule = await office.GetFromJsonAsync<JsonElement>("/api/v1/trips/rule");
        rule.GetProperty("nationalWindowMonths").GetInt32().ShouldBe(1);
    }

    [Fact]
    public async Task AListTheOfficeMarksAsCountySupportIsReportedInRoundsAndCountsInTheFigures()
    {
        var data = await App.CreateSmallListAsync();
        await App.AddUserAsync("office1", Role.Office);
        var office = await App.SignInAsync("office1");
        var year = Zhenxing.Web.Infrastructure.ChinaTime.Today(App.Clock).Year;
        async Task<int> CountySupportAsync() =>
            (await office.GetFromJsonAsync<JsonElement>($"/api/v1/pairings/figures?from={year}-01-01")).GetProperty("countySupportItems").GetProperty("count").GetInt32();
        (await CountySupportAsync()).ShouldBe(0);

        var version = await App.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.ItemLists, l => l.Id == data.ListId)).ContinueWith(t => t.Result.Version);
        (await office.PostFormAsync($"/lists/{data.ListId}", new() { ["Title"] = "2026年“援县促市”事项清单", ["Year"] = year.ToString(), ["Kind"] = "CountySupport", ["Version"] = version.ToString() }))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var figures = await office.GetFromJsonAsync<JsonElement>($"/api/v1/pairings/figures?from={year}-01-01");
        figures.GetProperty("countySupportItems").GetProperty("count").GetInt32().ShouldBe(5);
        figures.GetProperty("countySupportDone").GetProperty("count").GetInt32().ShouldBe(1);

        // It is reported in a round like any other list: each host unit owes its items.
        var today = Zhenxing.Web.Infrastructure.ChinaTime.Today(App.Clock);
        var round = await office.PostAsJsonAsync("/api/v1/rounds", new { name = "援县促市调度", opensOn = today.ToString("yyyy-MM-dd"), dueOn = today.AddDays(10).ToString("yyyy-MM-dd"), lists = new[] { data.ListId } });
        round.StatusCode.ShouldBe(HttpStatusCode.Created, await round.Content.ReadAsStringAsync());
        var roundId = (await round.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        var owed = await office.GetFromJsonAsync<JsonElement>($"/api/v1/rounds/{roundId}/obligations");
        owed.EnumerateArray().Count(o => o.GetProperty("role").GetString() == "Lead").ShouldBe(5);
    }

    [Fact]
    public async Task TheDashboardsPairingMapShowsEachCountysActivityAndFundsOfTheYear()
    {
        await App.ImportSeedAsync("003");
        var today = Zhenxing.Web.Infrastructure.ChinaTime.Today(App.Clock);
        await App.WithDbAsync(async db =>
        {
            var ruijin = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.Pairings, p => p.County!.Name == "瑞金市" && p.SupportingUnit!.Name == "财政部");
            db.PairingActivities.AddRange(
                new PairingActivity { PairingId = ruijin.Id, Kind = PairingActivityKind.Visit, OccurredOn = today, People = "市长", Counterpart = "预算司" },
                new PairingActivity { PairingId = ruijin.Id, Kind = PairingActivityKind.Support, OccurredOn = today, SupportKind = SupportKind.Funds, Amount = 300m, Title = "专项资金" },
                new PairingActivity { PairingId = ruijin.Id, Kind = PairingActivityKind.Visit, OccurredOn = new DateOnly(today.Year - 1, 12, 31), People = "市长", Counterpart = "预算司" });
            return await db.SaveChangesAsync();
        });
        await App.AddUserAsync("leader1", Role.Leader);
        var leader = await App.SignInAsync("leader1");

        var response = await leader.GetAsync("/api/v1/dashboard?map=Pairing");
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var regions = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("map").GetProperty("regions").EnumerateArray().ToList();
        var ruijinRegion = regions.Single(r => r.GetProperty("name").GetString() == "瑞金市").GetProperty("pairing");
        ruijinRegion.GetProperty("activities").GetInt32().ShouldBe(2);
        ruijinRegion.GetProperty("funds").GetDecimal().ShouldBe(300m);
        regions.Single(r => r.GetProperty("name").GetString() == "于都县").GetProperty("pairing").GetProperty("activities").GetInt32().ShouldBe(0);

        var page = await (await leader.GetAsync("/dashboard?map=Pairing")).HtmlAsync();
        var row = page.QuerySelector("#table-map tr[data-region=瑞金市]")!;
        row.QuerySelector(".pairing-activities")!.TextContent.ShouldBe("2");
        row.QuerySelector(".pairing-funds")!.TextContent.ShouldBe("300");
    }
}

public sealed class PairingFiguresTests_Postgres(PostgresApp app) : PairingFiguresTests(app), IClassFixture<PostgresApp>;
public sealed class PairingFiguresTests_Sqlite(SqliteApp app) : PairingFiguresTests(app), IClassFixture<SqliteApp>;
