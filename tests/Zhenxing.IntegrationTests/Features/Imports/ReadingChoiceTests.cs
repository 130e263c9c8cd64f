using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Zhenxing.IntegrationTests.Infrastructure;
using Zhenxing.Web.Features.Imports;
using Zhenxing.Web.Features.Items;
using Zhenxing.Web.Features.Users;
using Zhenxing.Web.Infrastructure.Audit;

namespace Zhenxing.IntegrationTests.Features.Imports;

/// <summary>In the preview the Office says what a column means and corrects items' units before confirming.</summary>
public abstract class ReadingChoiceTests(ZhenxingAppFactory app) : IntegrationTest(app)
{
    // "推进主体" is no header the importer knows: its units are not read, and every item is 待核对.
    private const string UnknownUnitColumn = """
        测试区2021年重点任务清单
        序号	工作任务	推进主体	完成时限
        1	推进项目建设	市发改委、市财政局	8月底前
        2	完善工作机制	市司法局	长期坚持
        """;

    private async Task<(HttpClient Office, string Preview)> UploadAsync(string text = UnknownUnitColumn)
    {
        await App.AddUserAsync("office1", Role.Office);
        var office = await App.SignInAsync("office1");
        return (office, await office.UploadAsync("清单.txt", ImportFixtures.Utf8(text)));
    }

    private static async Task<string> VersionAsync(HttpClient office, string preview) =>
        (await (await office.GetAsync(preview)).HtmlAsync()).QuerySelector("#columns input[name=Version]")!.GetAttribute("value")!;

    private static Task<HttpResponseMessage> ChooseAsync(HttpClient office, string preview, string version, params (string Header, string Role)[] columns)
    {
        var fields = new Dictionary<string, string> { ["Version"] = version };
        for (var i = 0; i < columns.Length; i++)
        {
            fields[$"Columns[{i}].Header"] = columns[i].Header;
            fields[$"Columns[{i}].Role"] = columns[i].Role;
        }
        return office.PostFormAsync(preview, fields, handler: "Columns");
    }

    private static Task<HttpResponseMessage> CorrectAsync(HttpClient office, string preview, string version, string itemKey, string lead, string responsible) =>
        office.PostFormAsync(preview, new()
        {
            ["Version"] = version,
            ["Correction.ListTitle"] = "测试区2021年重点任务清单",
            ["Correction.ItemKey"] = itemKey,
            ["Correction.LeadUnits"] = lead,
            ["Correction.ResponsibleUnits"] = responsible,
        }, handler: "Correct");

    private static List<string[]> ItemRows(IHtmlDocument page) =>
        page.QuerySelectorAll("table.items tbody tr").Select(r => r.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToArray()).ToList();

    private Task<List<(string Number, string Lead, string Responsible, string? Groups)>> StoredItemsAsync() =>
        App.WithDbAsync(async db => (await db.Items.AsNoTracking().OrderBy(i => i.Position)
                .Select(i => new
                {
                    i.Number, i.GroupReferences,
                    Lead = i.Units.Where(u => u.Role == ItemUnitRole.Lead).OrderBy(u => u.Position).Select(u => u.Unit!.Name).ToList(),
                    Responsible = i.Units.Where(u => u.Role == ItemUnitRole.Responsible).OrderBy(u => u.Position).Select(u => u.Unit!.Name).ToList(),
                })
                .ToListAsync())
            .Select(i => (i.Number, string.Join("、", i.Lead), string.Join("、", i.Responsible), i.GroupReferences)).ToList());

    [Fact]
    public async Task TheOfficeSaysAColumnIsTheLeadAndTheDocumentIsReadAgainWithIt()
    {
        var (office, preview) = await UploadAsync();
        var before = await (await office.GetAsync(preview)).HtmlAsync();
        before.QuerySelector("#doubts-summary")!.TextContent.ShouldStartWith("2 项待核对");
        before.QuerySelector("#columns details")!.HasAttribute("open").ShouldBeTrue();
        before.QuerySelector("#columns summary")!.TextContent.Trim().ShouldBe("1 个表格，1 列未导入");
        var unitColumn = before.QuerySelectorAll("#columns label.column-role").Single(l => l.TextContent.Contains("推进主体"));
        unitColumn.QuerySelector("select option[selected]")!.TextContent.ShouldBe("不导入");
        ItemRows(before)[0][3].ShouldBe("");

        var chosen = await ChooseAsync(office, preview, await VersionAsync(office, preview),
            ("序号", "序号"), ("工作任务", "事项内容"), ("推进主体", "牵头单位"), ("完成时限", "完成时限"));

        chosen.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var after = await (await office.GetAsync(preview)).HtmlAsync();
        after.QuerySelector("#reading-message")!.TextContent.ShouldBe("已按所选含义重新读取文件：“推进主体”是牵头单位。");
        after.QuerySelector("#doubts-summary").ShouldBeNull();
        after.QuerySelectorAll("#columns label.column-role").Single(l => l.TextContent.Contains("推进主体"))
            .QuerySelector("select option[selected]")!.TextContent.ShouldBe("牵头单位");
        ItemRows(after).Select(r => r[3]).ShouldBe(["市发改委、市财政局", "市司法局"]);
        // Only the column the Office changed is kept as a choice, with the upload.
        var stored = await App.WithDbAsync(db => db.SourceDocuments.AsNoTracking().Select(d => d.ReadingChoices).SingleAsync());
        stored.ShouldBe("""{"Columns":{"推进主体":"Lead"},"Corrections":[]}""");
        var audit = await App.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.EntityType == nameof(SourceDocument) && a.Action == AuditAction.Modified).ToListAsync());
        audit.ShouldHaveSingleItem().Actor.ShouldBe("office1");
        audit[0].After!.ShouldContain("推进主体");

        (await office.PostFormAsync(preview, [], handler: "Confirm")).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        (await StoredItemsAsync()).ShouldBe([("1", "市发改委、市财政局", "", null), ("2", "市司法局", "", null)]);
    }

    [Fact]
    public async Task ATableReadWhollyByItsHeadersShowsItsColumnsFolded()
    {
        var (office, preview) = await UploadAsync(ImportFixtures.Version1);

        var page = await (await office.GetAsync(preview)).HtmlAsync();

        page.QuerySelector("#columns details")!.HasAttribute("open").ShouldBeFalse();
        page.QuerySelector("#columns summary")!.TextContent.Trim().ShouldBe("1 个表格，各列均已识别");
        page.QuerySelectorAll("#columns select option[selected]").Select(o => o.TextContent).ShouldBe(["序号", "事项内容", "牵头单位", "责任单位", "完成时限"]);
    }

    [Fact]
    public async Task ReadingByTheHeadersAgainForgetsTheChoice()
    {
        var (office, preview) = await UploadAsync();
        await ChooseAsync(office, preview, await VersionAsync(office, preview), ("推进主体", "责任单位"));

        var reset = await office.PostFormAsync(preview, new() { ["Version"] = await VersionAsync(office, preview), ["ResetColumns"] = "true" }, handler: "Columns");

        reset.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await App.WithDbAsync(db => db.SourceDocuments.Select(d => d.ReadingChoices).SingleAsync())).ShouldBeNull();
        var page = await (await office.GetAsync(preview)).HtmlAsync();
        page.QuerySelector("#reading-message")!.TextContent.ShouldBe("已恢复按表头识别各列，并重新读取了文件。");
        ItemRows(page).Select(r => r[4]).ShouldBe(["", ""]);
    }

    [Fact]
    public async Task ColumnsThatLeaveNoItemTextAreRefusedAndNothingIsKept()
    {
        var (office, preview) = await UploadAsync();

        var refused = await ChooseAsync(office, preview, await VersionAsync(office, preview), ("工作任务", "不导入"), ("推进主体", "牵头单位"));

        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await refused.HtmlAsync()).QuerySelector("#problems")!.TextContent.Trim()
            .ShouldContain("表格“测试区2021年重点任务清单”（第 2 行）需要有一列是“事项内容”");
        (await App.WithDbAsync(db => db.SourceDocuments.Select(d => d.ReadingChoices).SingleAsync())).ShouldBeNull();

        var unknown = await ChooseAsync(office, preview, await VersionAsync(office, preview), ("推进主体", "主管"));

        unknown.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await unknown.HtmlAsync()).QuerySelector("#problems")!.TextContent.Trim().ShouldContain("表头“推进主体”所选的含义“主管”无效");
    }

    [Fact]
    public async Task TheOfficeCorrectsAnItemsUnitsAndConfirmStoresThem()
    {
        var (office, preview) = await UploadAsync();
        var page = await (await office.GetAsync(preview)).HtmlAsync();
        var key = page.QuerySelectorAll("input[name='Correction.ItemKey']").Select(i => i.GetAttribute("value")).First()!;

        var corrected = await CorrectAsync(office, preview, await VersionAsync(office, preview), key, "市发改委", "市财政局、各县（市、区）");

        corrected.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var after = await (await office.GetAsync(preview)).HtmlAsync();
        after.QuerySelector("#reading-message")!.TextContent.ShouldBe("已更正第 1 项“推进项目建设”的单位。");
        after.QuerySelector("#doubts-summary")!.TextContent.ShouldStartWith("1 项待核对");
        var rows = ItemRows(after);
        rows[0][2].ShouldContain("单位已按您的更正读取");
        rows[0][2].ShouldNotContain("待核对");
        (rows[0][3], rows[0][4]).ShouldBe(("市发改委", "市财政局、各县（市、区）"));
        var audit = await App.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.EntityType == nameof(SourceDocument) && a.Action == AuditAction.Modified).ToListAsync());
        audit.ShouldHaveSingleItem().After!.ShouldContain("市财政局、各县（市、区）");

        (await office.PostFormAsync(preview, new() { ["DoubtsChecked"] = "true", ["Version"] = await VersionAsync(office, preview) }, handler: "Confirm"))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);

        (await StoredItemsAsync()).ShouldBe([("1", "市发改委", "市财政局", "各县（市、区）"), ("2", "", "", null)]);
    }

    [Fact]
    public async Task ACorrectionWithoutALeadOrWithATooLongNameIsRefusedNamingTheItemAndField()
    {
        var (office, preview) = await UploadAsync();
        var version = await VersionAsync(office, preview);

        var empty = await CorrectAsync(office, preview, version, "|2", "  ", "市财政局");

        empty.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var page = await empty.HtmlAsync();
        page.QuerySelector("#problems")!.TextContent.Trim().ShouldBe("第 2 项“完善工作机制”的牵头单位不能为空：请填写至少一个单位。");
        // What was typed stays in the item's form, opened.
        var form = page.QuerySelectorAll("details.correct-units").Single(d => d.HasAttribute("open"));
        form.QuerySelector("input[name='Correction.ResponsibleUnits']")!.GetAttribute("value").ShouldBe("市财政局");

        var tooLong = await CorrectAsync(office, preview, version, "|2", "市司法局", new string('局', 201));

        tooLong.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await tooLong.HtmlAsync()).QuerySelector("#problems")!.TextContent.Trim().ShouldContain("第 2 项“完善工作机制”的责任单位“局局局局局局局局局局局局局局局局局局局局…”有 201 个字，单位名称不能超过 200 字");

        var groupOnly = await CorrectAsync(office, preview, version, "|2", "各县（市、区）", "");

        groupOnly.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await groupOnly.HtmlAsync()).QuerySelector("#problems")!.TextContent.Trim().ShouldContain("第 2 项“完善工作机制”的牵头单位“各县（市、区）”中没有具体单位");
        (await App.WithDbAsync(db => db.SourceDocuments.Select(d => d.ReadingChoices).SingleAsync())).ShouldBeNull();
        (await App.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.EntityType == nameof(SourceDocument) && a.Action == AuditAction.Modified))).ShouldBe(0);
    }

    [Fact]
    public async Task AChangeMadeOnAStalePreviewIsRefusedNotApplied()
    {
        var (office, preview) = await UploadAsync();
        var old = await VersionAsync(office, preview);
        (await CorrectAsync(office, preview, old, "|1", "市发改委", "")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var kept = await App.WithDbAsync(db => db.SourceDocuments.Select(d => d.ReadingChoices).SingleAsync());

        var staleCorrection = await CorrectAsync(office, preview, old, "|1", "市财政局", "");
        var staleColumns = await ChooseAsync(office, preview, old, ("推进主体", "牵头单位"));
        var staleConfirm = await office.PostFormAsync(preview, new() { ["DoubtsChecked"] = "true", ["Version"] = old }, handler: "Confirm");

        foreach (var refused in new[] { staleCorrection, staleColumns, staleConfirm })
        {
            refused.StatusCode.ShouldBe(HttpStatusCode.Conflict);
            (await refused.HtmlAsync()).QuerySelector("#problems")!.TextContent.Trim().ShouldStartWith("预览已过期");
        }
        (await App.WithDbAsync(db => db.SourceDocuments.Select(d => d.ReadingChoices).SingleAsync())).ShouldBe(kept);
        (await App.WithDbAsync(db => db.Items.CountAsync())).ShouldBe(0);

        var current = await VersionAsync(office, preview);
        (await office.PostFormAsync(preview, new() { ["DoubtsChecked"] = "true", ["Version"] = current }, handler: "Confirm")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var afterConfirm = await CorrectAsync(office, preview, current, "|2", "市财政局", "");

        afterConfirm.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await afterConfirm.HtmlAsync()).QuerySelector("#problems")!.TextContent.Trim().ShouldStartWith("该文件已确认导入，不能再修改");
        (await StoredItemsAsync()).Select(i => i.Lead).ShouldBe(["市发改委", ""]);
    }
}

public sealed class ReadingChoiceTests_Postgres(PostgresApp app) : ReadingChoiceTests(app), IClassFixture<PostgresApp>;
public sealed class ReadingChoiceTests_Sqlite(SqliteApp app) : ReadingChoiceTests(app), IClassFixture<SqliteApp>;
