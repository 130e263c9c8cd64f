using Microsoft.Playwright;
using Zhenxing.BrowserTests.Pages;
using Zhenxing.Testing;

namespace Zhenxing.BrowserTests;

[Collection(nameof(AppServer))]
public sealed class ImportTests(AppServer app)
{
    [Fact]
    public async Task TheOfficeUploadsSeed002_ChecksThePreviewAndConfirms()
    {
        await app.AddUserAsync("office-import", "Office", "office-pass-1");
        var page = await app.NewPageAsync();
        await new LoginPage(page).OpenAsync();
        await new LoginPage(page).SignInAsync("office-import", "office-pass-1");
        var imports = new ImportPages(page);
        await imports.OpenAsync();

        await imports.UploadAsync(Seeds.Path("002"));

        (await imports.ListPreviews.CountAsync()).ShouldBe(2);
        (await imports.ListPreviews.Nth(1).InnerTextAsync()).ShouldContain("声明共 113 项，识别 113 项");
        (await page.Locator("table.categories tr.bad").CountAsync()).ShouldBe(0);
        await page.ScreenshotAsync(new() { Path = Path.Combine(AppServer.ArtifactsDirectory, "import-preview-002.png") });

        await imports.ConfirmAsync();

        (await imports.Notice.InnerTextAsync()).ShouldContain("新增事项 134 项");
        (await imports.History.InnerTextAsync()).ShouldContain("已导入");
    }

    [Theory]
    [InlineData(1440)]
    [InlineData(390)]
    public async Task TheOfficeUploadsANoticeWithNoList_SeesTheLayoutsTriedAndTheFirstLines(int width)
    {
        await app.AddUserAsync($"office-nolist-{width}", "Office", "office-pass-1");
        var page = await app.SignedInPageAsync($"office-nolist-{width}", "office-pass-1", width: width);
        var file = Path.Combine(Path.GetTempPath(), $"关于做好年度总结的通知-{width}.txt");
        await File.WriteAllTextAsync(file, string.Join("\n", Enumerable.Range(1, 12).Select(i => $"第{i}段：请各科室于12月20日前报送年度工作总结，总结应包括全年工作完成情况、存在的问题和明年工作打算。")));
        var imports = new ImportPages(page);
        await imports.OpenAsync();

        try
        {
            await imports.UploadAsync(file);
        }
        finally
        {
            File.Delete(file);
        }

        (await page.Locator("#errors").InnerTextAsync()).ShouldContain("已尝试的版式");
        (await page.Locator("#first-lines li").CountAsync()).ShouldBe(8);
        (await page.Locator("#first-lines li").Last.InnerTextAsync()).ShouldStartWith("第8段");
        (await page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "确认导入" }).CountAsync()).ShouldBe(0);
        (await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth")).ShouldBeTrue("the page must not scroll sideways");
        await page.ScreenshotAsync(new() { Path = Path.Combine(AppServer.ArtifactsDirectory, $"import-no-list-{width}.png"), FullPage = true });
    }

    private const string ReimportList = """
        再导入测试区 2026 年重点事项清单

        (共 3 项)

        序号	事项名称	牵头单位	责任单位	完成时限
        一、第一类 (3 项)
        1	再导入事项甲：推进测试物流园建设。	再导入测试局		12月底前
        2	再导入事项乙：争取测试专项资金。	再导入测试局		12月底前
        3	再导入事项丙：完善测试机制。	再导入测试局		12月底前
        """;

    [Fact]
    public async Task TheOfficeExportsTheLedgerEditsItInExcelAndReimportsItAsChangesToTheSameList()
    {
        var listFile = Path.Combine(Path.GetTempPath(), $"zhenxing-reimport-{Guid.NewGuid():N}.txt");
        await File.WriteAllTextAsync(listFile, ReimportList);
        await app.ImportFilesAsync(listFile);
        File.Delete(listFile);
        await app.AddUserAsync("office-reimport", "Office", "office-pass-1");
        var page = await app.SignedInPageAsync("office-reimport", "office-pass-1", width: 1440);

        // The ledger filtered to the unit, exported as the office would.
        await page.GotoAsync("/ledger?leadUnit=再导入测试局");
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("#exports").GetByRole(AriaRole.Link, new() { Name = "导出 Excel" }).ClickAsync());
        var exported = Path.Combine(Path.GetTempPath(), $"zhenxing-reimport-{Guid.NewGuid():N}.xlsx");
        await download.SaveAsAsync(exported);
        var folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"zhenxing-reimport-{Guid.NewGuid():N}")).FullName;
        var edited = Path.Combine(folder, "再导入测试-已修改.xlsx");
        await File.WriteAllBytesAsync(edited, OfficeEdits.EditXlsx(await File.ReadAllBytesAsync(exported), sheets =>
        {
            var sheet = sheets.Single();
            sheet.Single(r => r.Length > 1 && r[1] == "再导入事项乙：争取测试专项资金。")[4] = "9月底前";
            sheet.RemoveAll(r => r.Length > 1 && r[1] == "再导入事项丙：完善测试机制。");
        }));
        File.Delete(exported);

        var imports = new ImportPages(page);
        await imports.OpenAsync();
        await imports.UploadAsync(edited);
        Directory.Delete(folder, recursive: true);

        (await imports.ListPreviews.CountAsync()).ShouldBe(1);
        (await imports.ListPreviews.InnerTextAsync()).ShouldContain("台账中已有此清单");
        (await imports.ExportMatch.InnerTextAsync()).ShouldContain("已按“台账编号”一列识别为台账中的清单“再导入测试区2026年重点事项清单”");
        (await imports.Diff.InnerTextAsync()).ShouldContain("新增 0 项，删除 1 项（确认后撤销，不删除记录），修改 1 项");
        (await imports.Diff.Locator("li.changed").InnerTextAsync()).ShouldContain("（完成时限）：再导入事项乙");
        // The export's "（共 3 项）" is what it held then: one row fewer is no count error here.
        (await imports.ListPreviews.InnerTextAsync()).ShouldContain("声明共 3 项，识别 2 项（导出时的项数，不影响导入）");
        (await page.Locator(".list-preview .bad").CountAsync()).ShouldBe(0);
        // The export's own columns (进展情况, 状态, 台账编号) need no decision: the column choices stay folded.
        (await page.Locator("#columns details").GetAttributeAsync("open")).ShouldBeNull();
        (await page.Locator("#columns summary").InnerTextAsync()).ShouldContain("台账导出的进展、状态等列");
        await page.ScreenshotAsync(new() { Path = Path.Combine(AppServer.ArtifactsDirectory, "reimport-preview-1440.png"), FullPage = true });
        var narrow = await app.SignedInPageAsync("office-reimport", "office-pass-1", width: 390);
        await narrow.GotoAsync(page.Url);
        await narrow.ScreenshotAsync(new() { Path = Path.Combine(AppServer.ArtifactsDirectory, "reimport-preview-390.png"), FullPage = true });

        await imports.ConfirmAsync();

        (await imports.Notice.InnerTextAsync()).ShouldContain("新建清单 0 个、更新清单 1 个；新增事项 0 项、修改 1 项、撤销 1 项");
        await page.GotoAsync("/ledger?leadUnit=再导入测试局");
        var ledger = await page.Locator("main").InnerTextAsync();
        ledger.ShouldContain("再导入事项乙");
        ledger.ShouldNotContain("再导入事项丙");
    }
}
