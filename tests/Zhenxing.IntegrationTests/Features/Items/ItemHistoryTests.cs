using System.Net;
using Microsoft.EntityFrameworkCore;
using Zhenxing.IntegrationTests.Infrastructure;
using Zhenxing.Web.Features.Items;
using Zhenxing.Web.Features.Rounds;
using Zhenxing.Web.Features.Users;

namespace Zhenxing.IntegrationTests.Features.Items;

/// <summary>An item's change history (变更记录) shows each viewer only what it may see: another unit's draft is not among it.</summary>
public abstract class ItemHistoryTests(ZhenxingAppFactory app) : IntegrationTest(app)
{
    private static Dictionary<string, string> Report(string narrative, string figures, int version, bool submit = false)
    {
        var fields = new Dictionary<string, string>
        {
            ["Status"] = nameof(ItemStatus.PositiveProgress), ["Narrative"] = narrative, ["Problems"] = "", ["Figures"] = figures, ["Version"] = version.ToString(),
        };
        if (submit)
        {
            fields["submit"] = "1";
        }
        return fields;
    }

    private static async Task<string> HistoryAsync(HttpClient client, int itemId)
    {
        var response = await client.GetAsync($"/items/{itemId}");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return (await response.HtmlAsync()).QuerySelector("#history")!.TextContent;
    }

    [Fact]
    public async Task AnotherUnitsDraftStaysOutOfTheHistoryUntilItIsSubmitted()
    {
        // Item 1 of the small list is led by 市财政局; 市发改委 leads it too.
        var data = await App.CreateSmallListAsync();
        await App.WithDbAsync(async db =>
        {
            db.ItemUnits.Add(new ItemUnit { ItemId = data.Overdue, UnitId = data.Development, Role = ItemUnitRole.Lead, Position = 1 });
            return await db.SaveChangesAsync();
        });
        await App.AddUserAsync("office1", Role.Office);
        await App.AddUserAsync("czj", Role.Liaison, unitId: data.Finance);
        await App.AddUserAsync("fgw", Role.Liaison, unitId: data.Development);
        await App.AddUserAsync("leader1", Role.Leader);
        var office = await App.SignInAsync("office1");
        var finance = await App.SignInAsync("czj");
        var coLead = await App.SignInAsync("fgw");
        var leader = await App.SignInAsync("leader1");
        var round = await App.OpenRoundAsync(office, "2021年上半年", data.ListId);
        var url = $"/rounds/{round}/items/{data.Overdue}/report";

        // 财政 drafts twice: the texts of its drafts are its own business.
        (await finance.PostFormAsync(url, Report("草稿甲：拟向财政部申请专项债券", "草稿数据：拟申请 35 亿元", 0))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var draft = await App.WithDbAsync(db => db.ProgressReports.AsNoTracking().SingleAsync());
        draft.State.ShouldBe(ReportState.Draft);
        (await finance.PostFormAsync(url, Report("草稿乙：改为申请中央预算内投资", "草稿数据：拟申请 12 亿元", draft.Version))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        string[] draftTexts = ["草稿甲", "草稿乙", "35 亿元", "12 亿元"];

        foreach (var (viewer, who) in new[] { (coLead, "共同牵头单位联络员"), (leader, "领导"), (office, "振兴办") })
        {
            var history = await HistoryAsync(viewer, data.Overdue);
            draftTexts.ShouldAllBe(text => !history.Contains(text), who);
            history.ShouldNotContain("进展报送", Case.Sensitive, who);
        }
        var own = await HistoryAsync(finance, data.Overdue);
        own.ShouldContain("草稿甲：拟向财政部申请专项债券");
        own.ShouldContain("草稿乙：改为申请中央预算内投资");

        // 发改's own draft on the same item is hidden from 财政 in turn.
        (await coLead.PostFormAsync(url, Report("发改草稿：与省发改委对接中", "", 0))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await HistoryAsync(finance, data.Overdue)).ShouldNotContain("发改草稿");
        (await HistoryAsync(coLead, data.Overdue)).ShouldContain("发改草稿：与省发改委对接中");

        // Submitted: the submission is in everybody's history, with what was submitted, and still none of the drafting.
        draft = await App.WithDbAsync(db => db.ProgressReports.AsNoTracking().SingleAsync(p => p.UnitId == data.Finance));
        (await finance.PostFormAsync(url, Report("已报送：中央预算内投资 8 亿元已下达", "下达 8 亿元", draft.Version, submit: true))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await App.WithDbAsync(db => db.ProgressReports.AsNoTracking().SingleAsync(p => p.UnitId == data.Finance))).State.ShouldBe(ReportState.Submitted);
        foreach (var (viewer, who) in new[] { (office, "振兴办"), (leader, "领导"), (coLead, "共同牵头单位联络员") })
        {
            var history = await HistoryAsync(viewer, data.Overdue);
            history.ShouldContain("已报送：中央预算内投资 8 亿元已下达", Case.Sensitive, who);
            history.ShouldContain("进展报送", Case.Sensitive, who);
            draftTexts.ShouldAllBe(text => !history.Contains(text), who);
        }
        (await HistoryAsync(office, data.Overdue)).ShouldNotContain("发改草稿");
        (await HistoryAsync(finance, data.Overdue)).ShouldContain("草稿甲：拟向财政部申请专项债券");
    }

    [Fact]
    public async Task TheHistoryReadsInChineseWithChinaTimesAndUnitNames()
    {
        var data = await App.CreateSmallListAsync();
        await App.AddUserAsync("office1", Role.Office);
        await App.AddUserAsync("czj", Role.Liaison, unitId: data.Finance);
        var office = await App.SignInAsync("office1");
        var finance = await App.SignInAsync("czj");
        var round = await App.OpenRoundAsync(office, "2021年上半年", data.ListId);
        await App.ReportAndAcceptAsync(finance, office, round, data.Overdue, ItemStatus.Done, "机场前期工作已完成。");
        var accepted = await App.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.EntityType == nameof(ProgressReport) && a.After!.Contains("\"Accepted\"")).OrderBy(a => a.Id).LastAsync());

        var page = await (await office.GetAsync($"/items/{data.Overdue}")).HtmlAsync();

        var rows = page.QuerySelectorAll("#history tbody tr").Select(r => r.QuerySelectorAll("td").Select(c => c.TextContent).ToArray()).ToList();
        var shown = string.Join("\n", rows.Select(r => string.Join(" | ", r)));
        var acceptance = rows.First(r => r[3].Contains("报送状态：已报送 → 已采纳"));
        acceptance[0].ShouldBe(accepted.At.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd HH:mm"));
        acceptance[2].ShouldBe("修改进展报送");
        rows.Any(r => r[2] == "修改事项" && r[3] == "进展状态：推进中 → 落实到位").ShouldBeTrue(shown);
        rows.Any(r => r[2].EndsWith("进展报送") && r[3].Contains("单位：市财政局") && r[3].Contains("进展状态：落实到位") && r[3].Contains("逾期报送：否") && !r[3].Contains("（空）")).ShouldBeTrue(shown);
        // Only the actors' user names are Latin: no entity, field or enum name, no id column, no UTC time.
        var words = rows.SelectMany(r => System.Text.RegularExpressions.Regex.Matches((r[2] + r[3]).Replace("office1", "").Replace("czj", ""), "[A-Za-z]{2,}").Select(m => m.Value)).Distinct().ToList();
        words.ShouldBeEmpty(shown);
    }
}

public sealed class ItemHistoryTests_Postgres(PostgresApp app) : ItemHistoryTests(app), IClassFixture<PostgresApp>;
public sealed class ItemHistoryTests_Sqlite(SqliteApp app) : ItemHistoryTests(app), IClassFixture<SqliteApp>;
