using System.Net;
using Microsoft.EntityFrameworkCore;
using Zhenxing.IntegrationTests.Infrastructure;
using Zhenxing.Testing;
using Zhenxing.Web.Features.Items;
using Zhenxing.Web.Features.Users;

namespace Zhenxing.IntegrationTests.Features.Imports;

/// <summary>
/// The ledger's own exports come back as updates: exported from /ledger, edited as an office edits (OpenXML, as Excel,
/// WPS or Word save it), uploaded at /imports, previewed as changes to the same lists and confirmed.
/// </summary>
public abstract class ReimportTests(ZhenxingAppFactory app) : IntegrationTest(app)
{
    private async Task<HttpClient> OfficeAsync()
    {
        await App.AddUserAsync("office1", Role.Office);
        return await App.SignInAsync("office1");
    }

    private static async Task<byte[]> ExportAsync(HttpClient client, string format, string query = "")
    {
        var response = await client.GetAsync($"/ledger/export.{format}{query}");
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadAsByteArrayAsync();
    }

    private sealed record StoredItem(int Id, int ListId, string Number, string Text, string Lead, string Responsible, string? DeadlineText, DateTimeOffset? WithdrawnAt);

    private Task<List<StoredItem>> ItemsAsync() => App.WithDbAsync(db => db.Items.AsNoTracking().OrderBy(i => i.Id)
        .Select(i => new
        {
            i.Id, i.ItemListId, i.Number, i.Text, i.DeadlineText, i.WithdrawnAt,
            Units = i.Units.OrderBy(u => u.Position).Select(u => new { u.Role, u.Unit!.Name }).ToList(),
        })
        .ToListAsync()
        .ContinueWith(t => t.Result.Select(i => new StoredItem(i.Id, i.ItemListId, i.Number, i.Text,
            string.Join("、", i.Units.Where(u => u.Role == ItemUnitRole.Lead).Select(u => u.Name)),
            string.Join("、", i.Units.Where(u => u.Role == ItemUnitRole.Responsible).Select(u => u.Name)),
            i.DeadlineText, i.WithdrawnAt)).ToList()));

    private Task<List<(int Id, string Title, string? DocumentNumber)>> ListsAsync() => App.WithDbAsync(async db =>
        (await db.ItemLists.AsNoTracking().OrderBy(l => l.Id).Select(l => new { l.Id, l.Title, l.DocumentNumber }).ToListAsync())
        .Select(l => (l.Id, l.Title, l.DocumentNumber)).ToList());

    [Fact]
    public async Task AnEditedExcelExportOfSeveralListsIsAChangePreviewOfTheSameLists()
    {
        await App.ImportSeedAsync("001");
        await App.ImportSeedAsync("002");
        var office = await OfficeAsync();
        var lists = await ListsAsync();
        var before = await ItemsAsync();
        var edited = before.First(i => i.ListId == lists[0].Id && i.Number == "2");

        var file = OfficeEdits.EditXlsx(await ExportAsync(office, "xlsx"), sheets =>
        {
            var row = sheets[0].Single(r => r.Length > 1 && r[1] == edited.Text);
            row[1] = edited.Text + "新增一句。";
        });

        var preview = await office.UploadAsync("事项台账-已修改.xlsx", file);
        var page = await (await office.GetAsync(preview)).HtmlAsync();
        page.QuerySelector("#blocker").ShouldBeNull(page.QuerySelector("#blocker")?.TextContent);
        var diffs = page.QuerySelectorAll(".diff").Select(d => d.TextContent).ToList();
        diffs.Count.ShouldBe(lists.Count, string.Join("\n", page.QuerySelectorAll(".list-preview > p").Select(p => p.TextContent)));
        page.QuerySelectorAll(".export-match a").Select(a => a.GetAttribute("href")).ShouldBe(lists.Select(l => $"/lists/{l.Id}"));
        diffs[0].ShouldContain("新增 0 项，删除 0 项（确认后撤销，不删除记录），修改 1 项");
        diffs.Skip(1).ShouldAllBe(d => d.Contains("新增 0 项，删除 0 项（确认后撤销，不删除记录），修改 0 项"));

        (await office.PostFormAsync(preview, [], handler: "Confirm")).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        (await ListsAsync()).ShouldBe(lists);
        var after = await ItemsAsync();
        after.Select(i => i.Id).ShouldBe(before.Select(i => i.Id));
        after.Single(i => i.Id == edited.Id).Text.ShouldBe(edited.Text + "新增一句。");
        after.Where(i => i.Id != edited.Id).ShouldBe(before.Where(i => i.Id != edited.Id));
    }

    private static string Reference(StoredItem item) => $"ZX-{item.ListId}-{item.Id}";

    private static async Task<AngleSharp.Html.Dom.IHtmlDocument> PreviewAsync(HttpClient office, string url) =>
        await (await office.GetAsync(url)).HtmlAsync();

    [Fact]
    public async Task AFilteredExcelExportEditedDeletedAddedAndResortedChangesOnlyItsOwnRows()
    {
        await App.ImportSeedAsync("001");
        var office = await OfficeAsync();
        var before = await ItemsAsync();
        var filtered = before.Where(i => i.Lead == "区经发局").ToList();
        var (edited, moved, deleted) = (filtered[0], filtered[1], filtered[2]);
        var untouched = before.Except(filtered).ToList();
        untouched.Count.ShouldBeGreaterThan(0);
        var positions = await App.WithDbAsync(db => db.Items.ToDictionaryAsync(i => i.Id, i => (i.Position, i.CategoryId)));

        var export = await ExportAsync(office, "xlsx", "?leadUnit=区经发局");
        var file = OfficeEdits.EditXlsx(export, sheets =>
        {
            var sheet = sheets.Single();
            var header = sheet.FindIndex(r => r.Length > 1 && r[0] == "序号");
            sheet[header] = [.. sheet[header], "备注"];
            var row = sheet.Single(r => r.Contains(Reference(edited)));
            row[1] += "（已调整）";
            row[4] = "10月底前";
            sheet.Single(r => r.Contains(Reference(moved)))[2] = "区财政局";
            sheet.RemoveAll(r => r.Contains(Reference(deleted)));
            // Re-sorted by the item text, category headings and all, as a sort of the whole table does.
            var body = sheet.Skip(header + 1).OrderBy(r => r.Length > 1 ? r[1] : "", StringComparer.Ordinal).ToList();
            sheet.RemoveRange(header + 1, body.Count);
            sheet.AddRange(body);
            sheet.Add(["9", "新增事项：建设测试园区。", "区经发局", "区财政局", "11月底前", "", "", "", "新增"]);
        });

        var preview = await office.UploadAsync("经发局事项-已修改.xlsx", file);
        var page = await PreviewAsync(office, preview);
        page.QuerySelector("#blocker").ShouldBeNull(page.QuerySelector("#errors")?.TextContent);
        var diff = page.QuerySelector(".diff")!;
        diff.TextContent.ShouldContain("新增 1 项，删除 1 项（确认后撤销，不删除记录），修改 2 项");
        diff.QuerySelector(".export-match")!.TextContent.ShouldContain($"导出时按条件筛选，文件外的 {untouched.Count} 项不受影响");
        diff.QuerySelector("li.removed")!.TextContent.ShouldContain(Reference(deleted));
        diff.QuerySelectorAll("li.changed").Select(li => li.TextContent).ShouldBe(
            [$"修改 {Reference(edited)}（事项内容、完成时限）：{edited.Text}（已调整）", $"修改 {Reference(moved)}（牵头单位）：{moved.Text}"], ignoreOrder: true);

        (await office.PostFormAsync(preview, [], handler: "Confirm")).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        (await App.WithDbAsync(db => db.ItemLists.CountAsync())).ShouldBe(1);
        var after = await ItemsAsync();
        after.Take(before.Count).Select(i => i.Id).ShouldBe(before.Select(i => i.Id));
        var added = after.Skip(before.Count).ShouldHaveSingleItem();
        (added.Text, added.Lead, added.Responsible, added.DeadlineText, added.WithdrawnAt).ShouldBe(("新增事项：建设测试园区。", "区经发局", "区财政局", "11月底前", null));
        after.Single(i => i.Id == edited.Id).ShouldBe(edited with { Text = edited.Text + "（已调整）", DeadlineText = "10月底前" });
        after.Single(i => i.Id == moved.Id).ShouldBe(moved with { Lead = "区财政局" });
        after.Single(i => i.Id == deleted.Id).WithdrawnAt.ShouldNotBeNull();
        after.Where(i => untouched.Any(u => u.Id == i.Id)).ShouldBe(untouched);
        after.Where(i => filtered.Skip(3).Any(f => f.Id == i.Id)).ShouldBe(filtered.Skip(3));
        // Sorting the sheet is not an edit: every item keeps its place and category.
        var lastId = before.Max(b => b.Id);
        (await App.WithDbAsync(db => db.Items.Where(i => i.Id <= lastId).ToDictionaryAsync(i => i.Id, i => (i.Position, i.CategoryId)))).ShouldBe(positions, ignoreOrder: true);

        // Each change in the audit log, under its item (a changed lead unit is a change of the item's units).
        var audited = await App.WithDbAsync(db => db.AuditEntries.Where(a => a.Actor == "office1" && a.ItemId != null).Select(a => a.ItemId!.Value).Distinct().ToListAsync());
        audited.ShouldBe([edited.Id, moved.Id, deleted.Id, added.Id], ignoreOrder: true);
    }

    [Fact]
    public async Task AnEditedWordExportUpdatesWithdrawsAndAddsItemsOfTheSameList()
    {
        await App.ImportSeedAsync("001");
        var office = await OfficeAsync();
        var before = await ItemsAsync();
        var (edited, deleted) = (before[3], before[7]);

        var file = OfficeEdits.EditDocx(await ExportAsync(office, "docx"), tables =>
        {
            var table = tables.Single();
            table.Single(r => r.Contains(Reference(edited)))[3] = "区财政局、区教育局";
            table.RemoveAll(r => r.Contains(Reference(deleted)));
            table.Add(["19", "新增事项：推进测试工作。", "区经发局", "", "12月底前", "", "", ""]);
        });

        var preview = await office.UploadAsync("事项台账.docx", file);
        var page = await PreviewAsync(office, preview);
        page.QuerySelector("#blocker").ShouldBeNull(page.QuerySelector("#errors")?.TextContent);
        page.QuerySelector(".diff")!.TextContent.ShouldContain("新增 1 项，删除 1 项（确认后撤销，不删除记录），修改 1 项");
        (await office.PostFormAsync(preview, [], handler: "Confirm")).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        (await App.WithDbAsync(db => db.ItemLists.CountAsync())).ShouldBe(1);
        var after = await ItemsAsync();
        after.Count.ShouldBe(before.Count + 1);
        after.Single(i => i.Id == edited.Id).ShouldBe(edited with { Responsible = "区财政局、区教育局" });
        after.Single(i => i.Id == deleted.Id).WithdrawnAt.ShouldNotBeNull();
        after[^1].Text.ShouldBe("新增事项：推进测试工作。");
        (await App.WithDbAsync(db => db.Units.AnyAsync(u => u.Name == "区教育局"))).ShouldBeTrue();
    }

    [Fact]
    public async Task RowsPastedIntoANewWorkbookUnderARenamedHeaderUpdateTheirItemsAndWithdrawNothing()
    {
        await App.ImportSeedAsync("001");
        var office = await OfficeAsync();
        var before = await ItemsAsync();
        var edited = before[1];

        var file = OfficeEdits.PasteIntoNewWorkbook(await ExportAsync(office, "xlsx"), sheets =>
        {
            var sheet = sheets.Single();
            var header = sheet.Single(r => r.Length > 1 && r[0] == "序号");
            header[7] = "编号（请勿修改）";
            var rows = sheet.Where(r => r.Length > 7 && r[7].StartsWith("ZX-", StringComparison.Ordinal)).Take(5).ToList();
            rows.Single(r => r.Contains(Reference(edited)))[4] = "9月底前";
            return [["蓉江新区重点事项（摘录）"], header, .. rows];
        });

        var preview = await office.UploadAsync("摘录.xlsx", file);
        var page = await PreviewAsync(office, preview);
        page.QuerySelector("#blocker").ShouldBeNull(page.QuerySelector("#errors")?.TextContent);
        var diff = page.QuerySelector(".diff")!;
        diff.TextContent.ShouldContain("新增 0 项，删除 0 项（确认后撤销，不删除记录），修改 1 项");
        diff.QuerySelector(".export-match")!.TextContent.ShouldContain($"文件外的 {before.Count - 5} 项不撤销");
        (await office.PostFormAsync(preview, [], handler: "Confirm")).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        (await App.WithDbAsync(db => db.ItemLists.CountAsync())).ShouldBe(1);
        var after = await ItemsAsync();
        after.ShouldBe(before.Select(i => i.Id == edited.Id ? i with { DeadlineText = "9月底前" } : i));
    }

    [Fact]
    public async Task RowsNamingAnItemOfAnotherListOrAnUnknownOneAreErrorsNamingTheRowAndNothingIsStored()
    {
        await App.ImportSeedAsync("001");
        await App.ImportSeedAsync("002");
        var office = await OfficeAsync();
        var before = await ItemsAsync();
        var lists = await ListsAsync();
        var other = before.First(i => i.ListId == lists[1].Id);
        var (first, second) = (before[0], before[1]);

        var file = OfficeEdits.EditXlsx(await ExportAsync(office, "xlsx"), sheets =>
        {
            sheets[0].Single(r => r.Contains(Reference(first)))[7] = Reference(other);
            sheets[0].Single(r => r.Contains(Reference(second)))[7] = $"ZX-{first.ListId}-99999";
        });

        var preview = await office.UploadAsync("事项台账.xlsx", file);
        var page = await PreviewAsync(office, preview);
        page.QuerySelector("#blocker")!.TextContent.ShouldContain("文件中有 2 处错误");
        var errors = page.QuerySelectorAll("#errors li").Select(li => li.TextContent).ToList();
        errors.Count.ShouldBe(2);
        errors[0].ShouldMatch($@"第 \d+ 行：台账编号 {Reference(other)} 是另一清单的事项，不属于“{lists[0].Title}”");
        errors[1].ShouldMatch($@"第 \d+ 行：台账编号 ZX-{first.ListId}-99999 不是清单“{lists[0].Title}”中的事项");
        page.QuerySelector("button[formaction*=Confirm]").ShouldBeNull();

        (await office.PostFormAsync(preview, [], handler: "Confirm")).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await ItemsAsync()).ShouldBe(before);
        (await ListsAsync()).ShouldBe(lists);
    }

    [Fact]
    public async Task AnItemChangedInTheLedgerSinceTheExportIsNeitherOverwrittenNorReverted()
    {
        await App.ImportSeedAsync("001");
        var office = await OfficeAsync();
        var before = await ItemsAsync();
        var (both, ledgerOnly, deletedToo) = (before[0], before[1], before[2]);
        var export = await ExportAsync(office, "xlsx");
        // After the export, someone changes three items in the ledger.
        await App.WithDbAsync(db => db.Items.Where(i => i.Id == both.Id || i.Id == ledgerOnly.Id || i.Id == deletedToo.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.DeadlineText, "11月底前").SetProperty(i => i.Version, i => i.Version + 1)));

        var file = OfficeEdits.EditXlsx(export, sheets =>
        {
            sheets[0].Single(r => r.Contains(Reference(both)))[1] = "文件中的新写法。";
            sheets[0].RemoveAll(r => r.Contains(Reference(deletedToo)));
        });

        var preview = await office.UploadAsync("事项台账.xlsx", file);
        var page = await PreviewAsync(office, preview);
        var errors = page.QuerySelectorAll("#errors li").Select(li => li.TextContent).ToList();
        errors.Count.ShouldBe(2);
        errors[0].ShouldMatch($@"第 \d+ 行：台账编号 {Reference(both)}：导出这个文件之后，台账中的这一事项已被修改");
        errors[1].ShouldContain($"台账编号 {Reference(deletedToo)}（3 ");
        errors[1].ShouldContain("的行已从文件中删去，但导出这个文件之后台账中的这一事项已被修改");
        // The other item is as the file had it before the ledger changed it: that is no change of the file's.
        page.QuerySelector(".diff")!.TextContent.ShouldNotContain(Reference(ledgerOnly));
        (await office.PostFormAsync(preview, [], handler: "Confirm")).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await ItemsAsync()).Where(i => i.WithdrawnAt == null).Select(i => i.DeadlineText).Take(3).ShouldBe(["11月底前", "11月底前", "11月底前"]);
    }

    [Fact]
    public async Task TheImportCommandsDryRunShowsTheChangesOfAnEditedExportAndStoresNothing()
    {
        await App.ImportSeedAsync("001");
        var office = await OfficeAsync();
        var before = await ItemsAsync();
        var (edited, deleted) = (before[2], before[5]);
        var file = Path.Combine(Path.GetTempPath(), $"zhenxing-reimport-{Guid.NewGuid():N}.xlsx");
        await File.WriteAllBytesAsync(file, OfficeEdits.EditXlsx(await ExportAsync(office, "xlsx"), sheets =>
        {
            sheets[0].Single(r => r.Contains(Reference(edited)))[2] = "区财政局";
            sheets[0].RemoveAll(r => r.Contains(Reference(deleted)));
        }));
        try
        {
            var result = await ZhenxingExecutable.RunAsync(["import", file, "--dry-run", $"--Database:Provider={App.Provider}", $"--ConnectionStrings:Zhenxing={App.ConnectionString}"]);

            result.ExitCode.ShouldBe(0, result.Output + result.Error);
            result.Output.ShouldContain($"台账导出的文件：按“台账编号”识别为台账中的清单 {edited.ListId}");
            result.Output.ShouldContain("与台账中已有版本相比：新增 0 项，删除 1 项，修改 1 项");
            result.Output.ShouldContain($"- {Reference(deleted)} ");
            result.Output.ShouldContain($"~ {Reference(edited)} ");
            result.Output.ShouldContain("（牵头单位）");
            result.Output.ShouldContain("试运行（--dry-run）：未写入数据库。");
            (await ItemsAsync()).ShouldBe(before);
            (await App.WithDbAsync(db => db.ItemLists.CountAsync())).ShouldBe(1);
        }
        finally
        {
            File.Delete(file);
        }
    }
}

public sealed class ReimportTests_Postgres(PostgresApp app) : ReimportTests(app), IClassFixture<PostgresApp>;
public sealed class ReimportTests_Sqlite(SqliteApp app) : ReimportTests(app), IClassFixture<SqliteApp>;
