using System.Net;
using Microsoft.EntityFrameworkCore;
using Zhenxing.IntegrationTests.Infrastructure;
using Zhenxing.Web.Features.Items;
using Zhenxing.Web.Features.Users;

namespace Zhenxing.IntegrationTests.Features.Ledger;

public abstract class LedgerTests(ZhenxingAppFactory app) : IntegrationTest(app)
{
    private static async Task<(int Total, List<int> Ids)> ReadLedgerAsync(HttpClient client, string query)
    {
        var page = await (await client.GetAsync("/ledger" + query)).HtmlAsync();
        var total = int.Parse(page.QuerySelector("#total")!.TextContent);
        var ids = page.QuerySelectorAll("#ledger td.text a").Select(a => int.Parse(a.GetAttribute("href")!.Split('/').Last())).ToList();
        return (total, ids);
    }

    [Fact]
    public async Task AFinanceLiaisonSeesExactlyTheSeed002ItemsWhereFinanceLeadsOrIsResponsible()
    {
        await App.ImportSeedAsync("002");
        var finance = await App.WithDbAsync(db => db.Units.SingleAsync(u => u.Name == "市财政局"));
        await App.AddUserAsync("czj", Role.Liaison, unitId: finance.Id);
        var expected = await App.WithDbAsync(db => db.Items.Where(i => i.Units.Any(u => u.UnitId == finance.Id)).Select(i => i.Id).OrderBy(i => i).ToListAsync());
        var other = await App.WithDbAsync(db => db.Items.Where(i => !i.Units.Any(u => u.UnitId == finance.Id)).Select(i => i.Id).FirstAsync());
        var liaison = await App.SignInAsync("czj");

        var (total, ids) = await ReadLedgerAsync(liaison, "?pageSize=200");

        expected.Count.ShouldBe(10);
        total.ShouldBe(expected.Count);
        ids.Order().ShouldBe(expected);
        (await liaison.GetAsync($"/items/{expected[0]}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await liaison.GetAsync($"/items/{other}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var home = await liaison.GetAsync("/");
        home.Headers.Location!.ToString().ShouldBe($"/units/{finance.Id}");
    }

    [Fact]
    public async Task TheOfficeFindsTheRuijinItemsInOneSearch()
    {
        await App.ImportSeedAsync("002");
        await App.AddUserAsync("office1", Role.Office);
        var expected = await App.WithDbAsync(db => db.Items.Where(i => i.Text.Contains("瑞金")).Select(i => i.Id).OrderBy(i => i).ToListAsync());

        var (total, ids) = await ReadLedgerAsync(await App.SignInAsync("office1"), "?q=瑞金&pageSize=200");

        expected.Count.ShouldBeGreaterThan(0);
        total.ShouldBe(expected.Count);
        ids.Order().ShouldBe(expected);
    }

    [Fact]
    public async Task FiltersCombineAndTheViewLivesInTheUrl()
    {
        var data = await App.CreateSmallListAsync();
        await App.AddUserAsync("office1", Role.Office);
        var office = await App.SignInAsync("office1");

        (await ReadLedgerAsync(office, "?leadUnit=市财政局")).Ids.Order().ShouldBe(new[] { data.Overdue, data.Later }.Order());
        (await ReadLedgerAsync(office, "?leadUnit=市财政局&status=InProgress")).Ids.ShouldBe([data.Overdue]);
        (await ReadLedgerAsync(office, "?responsibleUnit=市财政局")).Ids.ShouldBe([data.Ongoing]);
        (await ReadLedgerAsync(office, "?county=市财政局")).Ids.Order().ShouldBe(new[] { data.Overdue, data.Later, data.Ongoing }.Order());
        (await ReadLedgerAsync(office, "?leadUnit=市发展改革委")).Ids.Order().ShouldBe(new[] { data.Soon, data.Ongoing }.Order());
        (await ReadLedgerAsync(office, "?overdue=true")).Ids.ShouldBe([data.Overdue]);
        (await ReadLedgerAsync(office, "?ongoing=true")).Ids.ShouldBe([data.Ongoing]);
        (await ReadLedgerAsync(office, "?light=Red")).Ids.ShouldBe([data.Overdue]);
        (await ReadLedgerAsync(office, "?light=Yellow")).Ids.ShouldBe([data.Soon]);
        (await ReadLedgerAsync(office, "?light=Green")).Ids.Order().ShouldBe(new[] { data.Later, data.Done, data.Ongoing }.Order());
        (await ReadLedgerAsync(office, "?q=瑞金&light=Green")).Ids.ShouldBe([data.Done]);
        var today = Zhenxing.Web.Infrastructure.ChinaTime.Today(App.Clock);
        (await ReadLedgerAsync(office, $"?deadlineFrom={today:yyyy-MM-dd}&deadlineTo={today.AddDays(100):yyyy-MM-dd}")).Ids.Order().ShouldBe(new[] { data.Soon, data.Later }.Order());
        (await ReadLedgerAsync(office, "?sort=Deadline")).Ids.ShouldBe([data.Done, data.Overdue, data.Soon, data.Later, data.Ongoing]);
        (await ReadLedgerAsync(office, "?pageSize=2&page=3")).Ids.ShouldBe([data.Ongoing]);
        var unknown = await (await office.GetAsync("/ledger?leadUnit=市不存在局")).HtmlAsync();
        unknown.QuerySelector("#total")!.TextContent.ShouldBe("0");
        unknown.QuerySelector(".conflict")!.TextContent.ShouldContain("牵头单位“市不存在局”不在单位名录中");
    }

    [Fact]
    public async Task AFilterValueThatCannotBeReadIsNamedAboveTheListAndNothingIsShownAsIfFiltered()
    {
        var data = await App.CreateSmallListAsync();
        await App.AddUserAsync("office1", Role.Office);
        var office = await App.SignInAsync("office1");

        foreach (var (query, message) in new[]
        {
            ("?deadlineFrom=2026-02-30", "参数 deadlineFrom（完成时限从）的值“2026-02-30”不是存在的日期"),
            ("?status=Bogus", "参数 status（事项状态）的值“Bogus”无效，应为 NotStarted、InProgress、PositiveProgress、Done、Blocked 之一。"),
            ("?list=abc", "参数 list（清单编号）的值“abc”无效，应为不小于 1 的整数。"),
            ($"?list={data.ListId}&lead=市财政局", "未知的查询参数 lead"),
            ("?asOf=第一轮", "参数 asOf（时点台账的报送轮次编号）的值“第一轮”无效"),
        })
        {
            var response = await office.GetAsync("/ledger" + query);

            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            var page = await response.HtmlAsync();
            page.QuerySelector("#filter-errors")!.TextContent.ShouldContain(message, customMessage: query);
            page.QuerySelector("#filter-errors")!.TextContent.ShouldContain("未显示事项");
            page.QuerySelector("#ledger").ShouldBeNull(query);
            page.QuerySelector("#total").ShouldBeNull(query);
            page.QuerySelector("#exports").ShouldBeNull(query);
            page.QuerySelector("#filters").ShouldNotBeNull();
        }
        // The bad value beside good ones: the good ones stay in the form, the list still is not shown.
        var mixed = await (await office.GetAsync("/ledger?leadUnit=市财政局&status=Bogus")).HtmlAsync();
        mixed.QuerySelector("#filters input[name=leadUnit]")!.GetAttribute("value").ShouldBe("市财政局");
        mixed.QuerySelector("#ledger").ShouldBeNull();
        (await ReadLedgerAsync(office, "?status=Done&deadlineFrom=")).Ids.ShouldBe([data.Done]);
    }

    [Fact]
    public async Task EachLightShowsItsReason()
    {
        var data = await App.CreateSmallListAsync();
        await App.AddUserAsync("office1", Role.Office);
        var office = await App.SignInAsync("office1");

        async Task<string> LightOf(int id) => (await (await office.GetAsync($"/items/{id}")).HtmlAsync()).QuerySelector("#light")!.TextContent;

        (await LightOf(data.Overdue)).ShouldContain("红灯");
        (await LightOf(data.Overdue)).ShouldContain("已超过完成时限");
        (await LightOf(data.Soon)).ShouldContain("黄灯");
        (await LightOf(data.Soon)).ShouldContain("不足 30 天");
        (await LightOf(data.Done)).ShouldContain("已落实到位");
        (await LightOf(data.Ongoing)).ShouldContain("长期推进事项");

        await App.WithDbAsync(async db =>
        {
            var later = await db.Items.SingleAsync(i => i.Id == data.Later);
            later.FlagReason = "进度严重滞后，列入督办";
            return await db.SaveChangesAsync();
        });
        (await LightOf(data.Later)).ShouldContain("振兴办督办：进度严重滞后，列入督办");
    }

    [Fact]
    public async Task ALeadersInstructionReachesTheLeadUnitWhichAnswersIt()
    {
        var data = await App.CreateSmallListAsync();
        var leader = await App.AddUserAsync("leader1", Role.Leader);
        await App.AddUserAsync("czj", Role.Liaison, unitId: data.Finance);
        await App.AddUserAsync("jyj", Role.Liaison, unitId: data.Education);
        await App.AddUserAsync("office1", Role.Office);
        var leaderClient = await App.SignInAsync("leader1");

        var instructed = await leaderClient.PostFormAsync($"/items/{data.Later}", new() { ["text"] = "请加快推进，月底前报进展。" }, handler: "Instruct");
        instructed.StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var finance = await App.SignInAsync("czj");
        var home = await (await finance.GetAsync($"/units/{data.Finance}")).HtmlAsync();
        home.QuerySelector("#unread")!.TextContent.ShouldBe("1");
        var inbox = await (await finance.GetAsync("/notifications")).HtmlAsync();
        inbox.QuerySelector("#notifications a")!.GetAttribute("href").ShouldBe($"/items/{data.Later}");
        var item = await (await finance.GetAsync($"/items/{data.Later}")).HtmlAsync();
        item.QuerySelector(".instruction-text")!.TextContent.ShouldBe("请加快推进，月底前报进展。");
        var instruction = await App.WithDbAsync(db => db.Instructions.AsNoTracking().SingleAsync());

        // The responsible (not lead) unit and the Office cannot answer or instruct.
        (await (await App.SignInAsync("jyj")).PostFormAsync($"/items/{data.Later}", new() { ["instructionId"] = instruction.Id.ToString(), ["version"] = "0", ["answer"] = "x" }, handler: "Answer"))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await (await App.SignInAsync("office1")).PostFormAsync($"/items/{data.Later}", new() { ["text"] = "x" }, handler: "Instruct"))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var answered = await finance.PostFormAsync($"/items/{data.Later}", new() { ["instructionId"] = instruction.Id.ToString(), ["version"] = instruction.Version.ToString(), ["answer"] = "已召开专题会，月底前完成。" }, handler: "Answer");
        answered.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await App.WithDbAsync(db => db.Instructions.AsNoTracking().SingleAsync())).Answer.ShouldBe("已召开专题会，月底前完成。");
        var leaderInbox = await (await leaderClient.GetAsync("/notifications")).HtmlAsync();
        leaderInbox.QuerySelector("#notifications")!.TextContent.ShouldContain("已答复您对事项");
        (await App.WithDbAsync(db => db.Notifications.CountAsync(n => n.UserId == leader.Id))).ShouldBe(1);
        var ledger = await (await leaderClient.GetAsync("/ledger?instructed=true")).HtmlAsync();
        ledger.QuerySelector("#total")!.TextContent.ShouldBe("1");
    }

    [Fact]
    public async Task AnOfficeEditIsSavedWithItsHistoryAndAStaleEditIsRefused()
    {
        var data = await App.CreateSmallListAsync();
        await App.AddUserAsync("office1", Role.Office);
        await App.AddUserAsync("office2", Role.Office);
        var first = await App.SignInAsync("office1");
        var second = await App.SignInAsync("office2");
        var url = $"/items/{data.Soon}/edit";
        var firstToken = await first.AntiforgeryTokenAsync(url);
        var secondToken = await second.AntiforgeryTokenAsync(url);
        var listId = data.ListId.ToString();

        var saved = await first.PostFormWithTokenAsync(url, new()
        {
            ["Form.ListId"] = listId, ["Form.Number"] = "2", ["Form.Text"] = "争取赣州港建设支持（修订）", ["Form.LeadUnits"] = "市发展改革委、市教育局",
            ["Form.ResponsibleUnits"] = "市财政局", ["Form.DeadlineText"] = "12月底前", ["Form.Status"] = "InProgress", ["Form.Version"] = "0",
        }, firstToken);
        var stale = await second.PostFormWithTokenAsync(url, new()
        {
            ["Form.ListId"] = listId, ["Form.Number"] = "2", ["Form.Text"] = "另一种改法", ["Form.LeadUnits"] = "市发改委", ["Form.Status"] = "NotStarted", ["Form.Version"] = "0",
        }, secondToken);

        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        stale.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await stale.HtmlAsync()).QuerySelector("#conflict")!.TextContent.ShouldContain("另一种改法");
        var item = await App.WithDbAsync(db => db.Items.AsNoTracking().Include(i => i.Units).ThenInclude(u => u.Unit).SingleAsync(i => i.Id == data.Soon));
        item.Text.ShouldBe("争取赣州港建设支持（修订）");
        item.Deadline.ShouldBe(new DateOnly(Zhenxing.Web.Infrastructure.ChinaTime.Today(App.Clock).Year, 12, 31));
        item.Units.Where(u => u.Role == ItemUnitRole.Lead).Select(u => u.Unit!.Name).ShouldBe(["市发改委", "市教育局"], ignoreOrder: true);
        var history = await (await first.GetAsync($"/items/{data.Soon}")).HtmlAsync();
        history.QuerySelector("#history")!.TextContent.ShouldContain("office1");
        history.QuerySelector("#history")!.TextContent.ShouldContain("争取赣州港建设支持（修订）");
    }

    [Fact]
    public async Task AnEditNamingAnUnknownUnitIsRefused()
    {
        var data = await App.CreateSmallListAsync();
        await App.AddUserAsync("office1", Role.Office);
        var office = await App.SignInAsync("office1");

        var response = await office.PostFormAsync($"/items/{data.Soon}/edit", new()
        {
            ["Form.ListId"] = data.ListId.ToString(), ["Form.Number"] = "2", ["Form.Text"] = "x", ["Form.LeadUnits"] = "市不存在局", ["Form.Status"] = "NotStarted", ["Form.Version"] = "0",
        });

        (await response.HtmlAsync()).QuerySelector(".errors")!.TextContent.ShouldContain("牵头单位“市不存在局”不在单位名录中");
        (await App.WithDbAsync(db => db.Items.AsNoTracking().SingleAsync(i => i.Id == data.Soon))).Text.ShouldBe("争取赣州港建设支持");
    }

    [Fact]
    public async Task SplitMergeWithdrawAndRestoreNeverDeleteAnything()
    {
        var data = await App.CreateSmallListAsync();
        await App.AddUserAsync("office1", Role.Office);
        var office = await App.SignInAsync("office1");

        (await office.PostFormAsync($"/items/{data.Later}/split", new() { ["Parts"] = "建设示范学校\n建设示范园区", ["Version"] = "0" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var parts = await App.WithDbAsync(db => db.Items.AsNoTracking().Include(i => i.Units).Where(i => i.Number.StartsWith("3-")).OrderBy(i => i.Number).ToListAsync());
        parts.Select(p => p.Text).ShouldBe(["建设示范学校", "建设示范园区"]);
        parts.ShouldAllBe(p => p.Units.Count == 2);
        (await App.WithDbAsync(db => db.Items.AsNoTracking().SingleAsync(i => i.Id == data.Later))).WithdrawnReason.ShouldBe("拆分为第 3-1、3-2 项。");

        (await office.PostFormAsync($"/items/{parts[0].Id}/merge", new() { ["Others"] = parts[1].Id.ToString(), ["MergedText"] = "建设示范学校和园区", ["Version"] = "0" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await App.WithDbAsync(db => db.Items.AsNoTracking().SingleAsync(i => i.Id == parts[0].Id))).Text.ShouldBe("建设示范学校和园区");
        (await App.WithDbAsync(db => db.Items.AsNoTracking().SingleAsync(i => i.Id == parts[1].Id))).WithdrawnReason.ShouldBe("并入第 3-1 项。");

        var missingReason = await office.PostFormAsync($"/items/{data.Soon}/withdraw", new() { ["Reason"] = "", ["Version"] = "0" });
        (await missingReason.HtmlAsync()).QuerySelector(".errors")!.TextContent.ShouldContain("请填写撤销原因");
        (await office.PostFormAsync($"/items/{data.Soon}/withdraw", new() { ["Reason"] = "上级已统筹", ["Version"] = "0" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await ReadLedgerAsync(office, "")).Ids.ShouldNotContain(data.Soon);
        (await ReadLedgerAsync(office, "?withdrawn=true")).Ids.ShouldContain(data.Soon);
        (await office.PostFormAsync($"/items/{data.Soon}/withdraw", new() { ["Version"] = "1" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await ReadLedgerAsync(office, "")).Ids.ShouldContain(data.Soon);
        (await App.WithDbAsync(db => db.Items.CountAsync())).ShouldBe(7);
    }

    [Fact]
    public async Task TheOfficeAssignsALeadUnitToAllThirtyTwoActionsAtOnce()
    {
        await App.ImportSeedAsync("004");
        var unit = await App.AddUnitAsync("市工信局");
        await App.AddUserAsync("office1", Role.Office);
        var office = await App.SignInAsync("office1");
        var ids = await App.WithDbAsync(db => db.Items.Select(i => i.Id).ToListAsync());
        ids.Count.ShouldBe(32);
        var token = await office.AntiforgeryTokenAsync("/ledger");
        var form = ids.Select(id => new KeyValuePair<string, string>("selected", id.ToString()))
            .Append(new("unitName", "市工信局")).Append(new("role", "Lead")).Append(new("returnQuery", "?q=行动"))
            .Append(new("__RequestVerificationToken", token));

        var response = await office.PostAsync("/ledger?handler=Assign", new FormUrlEncodedContent(form));

        response.Headers.Location!.ToString().ShouldBe("/ledger?q=行动");
        (await App.WithDbAsync(db => db.ItemUnits.CountAsync(u => u.UnitId == unit.Id && u.Role == ItemUnitRole.Lead))).ShouldBe(32);
        (await (await office.GetAsync("/ledger")).HtmlAsync()).QuerySelector(".notice")!.TextContent.ShouldContain("已为 32 项事项指定牵头单位“市工信局”");
    }

    [Fact]
    public async Task MergingTwoUnitsMovesEveryReference()
    {
        var data = await App.CreateSmallListAsync();
        var duplicate = await App.AddUnitAsync("赣州市财政局", aliases: "市财局");
        await App.AddUserAsync("dup-liaison", Role.Liaison, unitId: duplicate.Id);
        await App.WithDbAsync(async db =>
        {
            db.ItemUnits.Add(new ItemUnit { ItemId = data.Soon, UnitId = duplicate.Id, Role = ItemUnitRole.Responsible });
            db.ItemUnits.Add(new ItemUnit { ItemId = data.Overdue, UnitId = duplicate.Id, Role = ItemUnitRole.Lead });
            return await db.SaveChangesAsync();
        });
        await App.AddUserAsync("office1", Role.Office);
        var office = await App.SignInAsync("office1");

        var response = await office.PostFormAsync($"/admin/units/{duplicate.Id}", new() { ["mergeInto"] = "市财政局", ["Form.Version"] = "0", ["confirmed"] = "true" }, handler: "Merge");

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await App.WithDbAsync(db => db.Units.AnyAsync(u => u.Id == duplicate.Id))).ShouldBeFalse();
        (await App.WithDbAsync(db => db.ItemUnits.CountAsync(u => u.ItemId == data.Soon && u.UnitId == data.Finance && u.Role == ItemUnitRole.Responsible))).ShouldBe(1);
        (await App.WithDbAsync(db => db.ItemUnits.CountAsync(u => u.ItemId == data.Overdue && u.UnitId == data.Finance))).ShouldBe(1);
        (await App.WithDbAsync(db => db.Users.SingleAsync(u => u.UserName == "dup-liaison"))).UnitId.ShouldBe(data.Finance);
        (await App.WithDbAsync(db => db.UnitAliases.Where(a => a.UnitId == data.Finance).Select(a => a.Name).ToListAsync())).ShouldBe(["赣州市财政局", "市财局"], ignoreOrder: true);
    }

    [Fact]
    public async Task MergingAUnitThatReportedMovesItsReportsAndRefusesTwoReportsOnOneItem()
    {
        var data = await App.CreateSmallListAsync();
        var duplicate = await App.AddUnitAsync("赣州市财政局");
        await App.WithDbAsync(async db =>
        {
            db.ItemUnits.Add(new ItemUnit { ItemId = data.Soon, UnitId = duplicate.Id, Role = ItemUnitRole.Lead });
            return await db.SaveChangesAsync();
        });
        await App.AddUserAsync("office1", Role.Office);
        await App.AddUserAsync("dup-liaison", Role.Liaison, unitId: duplicate.Id);
        await App.AddUserAsync("czj", Role.Liaison, unitId: data.Finance);
        var office = await App.SignInAsync("office1");
        var round = await App.OpenRoundAsync(office, "第一轮", data.ListId);
        await App.ReportAndAcceptAsync(await App.SignInAsync("dup-liaison"), office, round, data.Soon, ItemStatus.InProgress);
        await App.WithDbAsync(async db =>
        {
            db.ReminderLogs.Add(new Zhenxing.Web.Features.Rounds.ReminderLog { RoundId = round, UnitId = duplicate.Id, Step = "before", SentAt = App.Clock.GetUtcNow() });
            return await db.SaveChangesAsync();
        });

        var merged = await office.PostFormAsync($"/admin/units/{duplicate.Id}", new() { ["mergeInto"] = "市财政局", ["Form.Version"] = "0", ["confirmed"] = "true" }, handler: "Merge");

        merged.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await App.WithDbAsync(db => db.ProgressReports.SingleAsync(p => p.ItemId == data.Soon))).UnitId.ShouldBe(data.Finance);
        (await App.WithDbAsync(db => db.ReminderLogs.SingleAsync())).UnitId.ShouldBe(data.Finance);

        // Another duplicate that reported on the same item in the same round as 市财政局: refused, nothing moved.
        var second = await App.AddUnitAsync("财政局");
        await App.WithDbAsync(async db =>
        {
            db.ItemUnits.Add(new ItemUnit { ItemId = data.Soon, UnitId = second.Id, Role = ItemUnitRole.Responsible });
            db.ProgressReports.Add(new Zhenxing.Web.Features.Rounds.ProgressReport
            {
                RoundId = round, ItemId = data.Soon, UnitId = second.Id, Role = ItemUnitRole.Responsible, Narrative = "配合推进。", UpdatedAt = App.Clock.GetUtcNow(),
            });
            return await db.SaveChangesAsync();
        });
        var refused = await office.PostFormAsync($"/admin/units/{second.Id}", new() { ["mergeInto"] = "市财政局", ["Form.Version"] = "0" }, handler: "Merge");
        (await refused.HtmlAsync()).Body!.TextContent.ShouldContain("两个单位在同一轮次对同一事项都有报送（第一轮第 2 项）");
        (await App.WithDbAsync(db => db.Units.AnyAsync(u => u.Id == second.Id))).ShouldBeTrue();
    }
}

public sealed class LedgerTests_Postgres(PostgresApp app) : LedgerTests(app), IClassFixture<PostgresApp>;
public sealed class LedgerTests_Sqlite(SqliteApp app) : LedgerTests(app), IClassFixture<SqliteApp>;
