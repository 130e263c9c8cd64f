using System.Net;
using Microsoft.EntityFrameworkCore;
using Zhenxing.IntegrationTests.Infrastructure;
using Zhenxing.Web.Features.Items;
using Zhenxing.Web.Features.Rounds;
using Zhenxing.Web.Features.Users;
using Zhenxing.Web.Infrastructure;

namespace Zhenxing.IntegrationTests.Features.Rounds;

public abstract class RoundClosingTests(ZhenxingAppFactory app) : IntegrationTest(app)
{
    [Fact]
    public async Task AClosedRoundKeepsItsStatusesItsStatisticsAndRefusesChanges()
    {
        var data = await App.CreateSmallListAsync();
        await App.AddUserAsync("office1", Role.Office);
        await App.AddUserAsync("czj", Role.Liaison, unitId: data.Finance);
        var office = await App.SignInAsync("office1");
        var liaison = await App.SignInAsync("czj");
        var first = await App.OpenRoundAsync(office, "2021年上半年", data.ListId);
        await App.ReportAndAcceptAsync(liaison, office, first, data.Overdue, ItemStatus.Done, "机场前期工作已完成。");
        await App.ReportAndAcceptAsync(liaison, office, first, data.Later, ItemStatus.PositiveProgress, "示范项目已立项。");

        await App.CloseRoundAsync(office, first);

        var page = await (await office.GetAsync($"/rounds/{first}/status")).HtmlAsync();
        page.QuerySelector("#by-list .sentence")!.TextContent.ShouldBe("共 5 项，已落实到位 2 项、取得积极进展 1 项、推进中 1 项、未启动 1 项");
        page.QuerySelector("#by-unit")!.TextContent.ShouldContain("市财政局");
        var doneLink = page.QuerySelectorAll("#by-list a").Single(a => a.TextContent.StartsWith("已落实到位")).GetAttribute("href")!;
        var behind = await (await office.GetAsync(doneLink)).HtmlAsync();
        behind.QuerySelectorAll("#items tbody tr").Select(r => r.QuerySelector("a")!.GetAttribute("href")).Order()
            .ShouldBe(new[] { $"/items/{data.Overdue}", $"/items/{data.Done}" }.Order());
        var refused = await liaison.PostFormAsync($"/rounds/{first}/items/{data.Later}/report", new() { ["Status"] = "Done", ["Narrative"] = "改", ["Version"] = "0" });
        (await refused.HtmlAsync()).QuerySelector(".errors")!.TextContent.ShouldContain("该轮次已关闭");

        // Later changes do not alter the round as it was.
        await App.WithDbAsync(async db =>
        {
            var item = await db.Items.SingleAsync(i => i.Id == data.Soon);
            item.Status = ItemStatus.Done;
            return await db.SaveChangesAsync();
        });
        (await (await office.GetAsync($"/rounds/{first}/status")).HtmlAsync()).QuerySelector("#by-list .sentence")!.TextContent
            .ShouldBe("共 5 项，已落实到位 2 项、取得积极进展 1 项、推进中 1 项、未启动 1 项");

        // The ledger itself, as of the round: its items with the statuses kept then, even one withdrawn since.
        await App.WithDbAsync(async db =>
        {
            var item = await db.Items.SingleAsync(i => i.Id == data.Ongoing);
            item.WithdrawnAt = App.Clock.GetUtcNow();
            item.WithdrawnReason = "并入其他事项";
            return await db.SaveChangesAsync();
        });
        (await LedgerIdsAsync(office, $"?asOf={first}&status=Done")).Order().ShouldBe(new[] { data.Overdue, data.Done }.Order());
        (await LedgerIdsAsync(office, "?status=Done")).Order().ShouldBe(new[] { data.Overdue, data.Soon, data.Done }.Order());
        (await LedgerIdsAsync(office, $"?asOf={first}")).ShouldContain(data.Ongoing);
        (await LedgerIdsAsync(office, "")).ShouldNotContain(data.Ongoing);
        var asOf = await (await office.GetAsync($"/ledger?asOf={first}")).HtmlAsync();
        asOf.QuerySelector("#as-of")!.TextContent.ShouldContain("2021年上半年");
    }

    private static async Task<List<int>> LedgerIdsAsync(HttpClient client, string query) =>
        (await (await client.GetAsync("/ledger" + query)).HtmlAsync()).QuerySelectorAll("#ledger td.text a")
            .Select(a => int.Parse(a.GetAttribute("href")!.Split('/').Last())).ToList();

    [Fact]
    public async Task TheNextRoundShowsWhatReachedDoneWhatSlippedAndWhatWasNotReported()
    {
        var data = await App.CreateSmallListAsync();
        await App.AddUserAsync("office1", Role.Office);
        await App.AddUserAsync("czj", Role.Liaison, unitId: data.Finance);
        var office = await App.SignInAsync("office1");
        var liaison = await App.SignInAsync("czj");
        var first = await App.OpenRoundAsync(office, "2021年上半年", data.ListId);
        await App.ReportAndAcceptAsync(liaison, office, first, data.Later, ItemStatus.PositiveProgress, "已立项。");
        await App.CloseRoundAsync(office, first);

        var second = await App.OpenRoundAsync(office, "2021年下半年", data.ListId);
        await App.ReportAndAcceptAsync(liaison, office, second, data.Later, ItemStatus.Done, "已建成。");
        await App.ReportAndAcceptAsync(liaison, office, second, data.Overdue, ItemStatus.Blocked, "用地指标受阻。");
        await App.CloseRoundAsync(office, second);

        var changes = (await (await office.GetAsync($"/rounds/{second}/status")).HtmlAsync()).QuerySelector("#changes")!.TextContent;
        changes.ShouldContain($"新增落实到位 1 项：第3项");
        changes.ShouldContain($"进展倒退 1 项：第1项");
        changes.ShouldContain("本轮未报送 2 项");
    }
}

public sealed class RoundClosingTests_Postgres(PostgresApp app) : RoundClosingTests(app), IClassFixture<PostgresApp>;
public sealed class RoundClosingTests_Sqlite(SqliteApp app) : RoundClosingTests(app), IClassFixture<SqliteApp>;
