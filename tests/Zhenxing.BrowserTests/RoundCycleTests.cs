using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.Playwright;
using MimeKit;

namespace Zhenxing.BrowserTests;

/// <summary>A whole half-year round in the browser, from opening to the statistics of the closed round.</summary>
[Collection(nameof(AppServer))]
public sealed class RoundCycleTests(AppServer app)
{
    private const string List = """
        浏览器测试区 2026 年重点事项清单

        (共 3 项)

        序号	事项名称	牵头单位	责任单位	完成时限
        一、第一类 (3 项)				
        1	事项甲：推进测试园区建设。	测试区经发局		12月底前
        2	事项乙：完善测试财政支持政策。	测试区财政局		12月底前
        3	事项丙：开展测试党建宣传。	测试区党群部		12月底前
        """;

    [Fact]
    public async Task TheOfficeOpensARoundTwoUnitsReportOneIsReturnedTheLateOneIsRemindedAndTheClosedRoundCounts()
    {
        var file = Path.Combine(Path.GetTempPath(), $"zhenxing-cycle-{Guid.NewGuid():N}.txt");
        await File.WriteAllTextAsync(file, List);
        await app.ImportFilesAsync(file);
        File.Delete(file);
        await app.AddUserAsync("cycle-office", "Office", "office-pass-1");
        await app.AddUserAsync("cycle-jfj", "Liaison", "liaison-pass-1", unit: "测试区经发局");
        await app.AddUserAsync("cycle-czj", "Liaison", "liaison-pass-1", unit: "测试区财政局");
        await app.AddUserAsync("cycle-dqb", "Liaison", "liaison-pass-1", unit: "测试区党群部", email: "dqb@example.gov.cn");

        // The Office opens the round over the list.
        var office = await app.SignedInPageAsync("cycle-office", "office-pass-1");
        await office.GotoAsync("/rounds");
        await office.Locator("#Form_Name").FillAsync("2026年下半年");
        var today = DateTime.UtcNow.AddHours(8).Date;
        // Due yesterday: every report now is late (accepted and marked), and the unit that has not reported is overdue.
        await office.Locator("#Form_OpensOn").FillAsync(today.AddDays(-10).ToString("yyyy-MM-dd"));
        await office.Locator("#Form_DueOn").FillAsync(today.AddDays(-1).ToString("yyyy-MM-dd"));
        await office.Locator("#open-round label.check", new() { HasText = "浏览器测试区" }).Locator("input").CheckAsync();
        await office.GetByRole(AriaRole.Button, new() { Name = "开启轮次" }).ClickAsync();
        await office.WaitForURLAsync("**/rounds/*");
        var roundUrl = office.Url;

        // One liaison reports on the page.
        var jfj = await app.SignedInPageAsync("cycle-jfj", "liaison-pass-1");
        await jfj.GotoAsync("/inbox");
        await jfj.Locator("#inbox a", new() { HasText = "填报" }).First.ClickAsync();
        await jfj.Locator("#Status").SelectOptionAsync("PositiveProgress");
        await jfj.Locator("#Narrative").FillAsync("园区一期已开工。");
        await jfj.GetByRole(AriaRole.Button, new() { Name = "提交" }).ClickAsync();
        (await jfj.Locator(".notice").InnerTextAsync()).ShouldContain("标记为逾期报送");

        // The other downloads its sheet, fills it in Excel's stead and uploads it.
        var czj = await app.SignedInPageAsync("cycle-czj", "liaison-pass-1");
        await czj.GotoAsync("/inbox");
        var download = await czj.RunAndWaitForDownloadAsync(() => czj.Locator("a.sheet-download").First.ClickAsync());
        var sheet = Path.Combine(Path.GetTempPath(), $"zhenxing-sheet-{Guid.NewGuid():N}.xlsx");
        await download.SaveAsAsync(sheet);
        await File.WriteAllBytesAsync(sheet, Fill(await File.ReadAllBytesAsync(sheet), "取得积极进展", "财政支持政策已印发。"));
        await czj.Locator("form.sheet-upload input[type=file]").First.SetInputFilesAsync(sheet);
        await czj.Locator("form.sheet-upload button").First.ClickAsync();
        (await czj.Locator("#sheet-preview").InnerTextAsync()).ShouldContain("财政支持政策已印发");
        await czj.GetByRole(AriaRole.Button, new() { Name = "全部提交" }).ClickAsync();
        await czj.WaitForURLAsync("**/inbox");
        File.Delete(sheet);

        // The Office returns the first report; it comes back; the Office accepts both.
        await office.GotoAsync(roundUrl);
        var row = office.Locator("#obligations tr", new() { HasText = "测试区经发局" });
        await row.Locator("input[name=reason]").FillAsync("请补充开工照片");
        await row.GetByRole(AriaRole.Button, new() { Name = "退回" }).ClickAsync();
        (await office.Locator(".notice").InnerTextAsync()).ShouldContain("已退回");
        await jfj.GotoAsync("/inbox");
        (await jfj.Locator("#inbox").InnerTextAsync()).ShouldContain("请补充开工照片");
        await jfj.Locator("#inbox a", new() { HasText = "填报" }).First.ClickAsync();
        await jfj.Locator("#Narrative").FillAsync("园区一期已开工，照片见附件。");
        await jfj.GetByRole(AriaRole.Button, new() { Name = "提交" }).ClickAsync();
        await office.GotoAsync(roundUrl);
        await office.GetByRole(AriaRole.Button, new() { Name = "全部采纳已报送的" }).ClickAsync();
        (await office.Locator(".notice").InnerTextAsync()).ShouldBe("已批量采纳 2 份报送。");

        // The unit that has not reported is reminded by e-mail.
        await office.GetByRole(AriaRole.Link, new() { Name = "催办未报送单位" }).ClickAsync();
        await office.Locator("#send-chase").ClickAsync();
        (await office.Locator(".notice").InnerTextAsync()).ShouldContain("已向 1 个单位催办");
        var mail = await MimeMessage.LoadAsync(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(app.Mail.Messages.Single(m => m.To.Contains("dqb@example.gov.cn")).Data)));
        mail.Subject.ShouldBe("【催办】2026年下半年进展报送");
        mail.TextBody!.ShouldContain("已逾期 1 天");

        // The round closes; its statistics match the reports.
        var asked = new List<string>();
        office.Dialog += (_, dialog) =>
        {
            asked.Add(dialog.Message);
            dialog.AcceptAsync();
        };
        await office.GetByRole(AriaRole.Button, new() { Name = "关闭轮次" }).ClickAsync();
        await office.WaitForURLAsync("**/status");
        asked.ShouldBe(["关闭后报送内容不能再修改，确定关闭本轮次？"]);
        var sentence = await office.Locator("#by-list .sentence").First.TextContentAsync();
        sentence.ShouldBe("共 3 项，取得积极进展 2 项、未启动 1 项");
        await office.ScreenshotAsync(new() { Path = Path.Combine(AppServer.ArtifactsDirectory, "round-statistics.png"), FullPage = true });
    }

    /// <summary>Fills 进展状态 (H) and 进展情况 (I) of the first item row, as a liaison would in Excel.</summary>
    private static byte[] Fill(byte[] xlsx, string status, string narrative)
    {
        using var stream = new MemoryStream();
        stream.Write(xlsx);
        using (var document = SpreadsheetDocument.Open(stream, true))
        {
            var sheetData = document.WorkbookPart!.WorksheetParts.First().Worksheet.GetFirstChild<SheetData>()!;
            var row = sheetData.Elements<Row>().First(r => r.RowIndex!.Value == 2);
            foreach (var (column, text) in new[] { ("H", status), ("I", narrative) })
            {
                var reference = column + "2";
                row.Elements<Cell>().FirstOrDefault(c => c.CellReference == reference)?.Remove();
                var cell = new Cell { CellReference = reference, DataType = CellValues.InlineString, InlineString = new InlineString(new Text(text)) };
                var after = row.Elements<Cell>().LastOrDefault(c => string.CompareOrdinal(new string(c.CellReference!.Value!.TakeWhile(char.IsLetter).ToArray()), column) < 0);
                if (after is null)
                {
                    row.PrependChild(cell);
                }
                else
                {
                    after.InsertAfterSelf(cell);
                }
            }
        }
        return stream.ToArray();
    }
}
