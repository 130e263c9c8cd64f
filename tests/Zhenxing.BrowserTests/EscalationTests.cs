using Microsoft.Playwright;
using Zhenxing.Testing;

namespace Zhenxing.BrowserTests;

/// <summary>签收 by a liaison, and an escalation reaching 督办: on the round page, in the ledger and in a drafted bulletin.</summary>
[Collection(nameof(AppServer))]
public sealed class EscalationTests(AppServer app)
{
    private const string List = """
        签收督办测试区 2026 年重点事项清单

        (共 2 项)

        序号	事项名称	牵头单位	责任单位	完成时限
        一、第一类 (2 项)				
        1	事项甲：推进签收测试园区建设。	签收测试区经发局		12月底前
        2	事项乙：完善签收测试财政政策。	签收测试区财政局		12月底前
        """;

    private async Task<IPage> SignedInAsync(string userName, string password, int width, int height)
    {
        var page = await app.NewPageAsync(width, height);
        var login = new Pages.LoginPage(page);
        await login.OpenAsync();
        await login.SignInAsync(userName, password);
        return page;
    }

    private static Task ShotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new() { Path = Path.Combine(AppServer.ArtifactsDirectory, name), FullPage = true });

    [Fact]
    public async Task ALiaisonSignsForItsAssignmentsAndAnOverdueReportReachesSupervisionAndTheBulletin()
    {
        var file = Path.Combine(Path.GetTempPath(), $"zhenxing-escalation-{Guid.NewGuid():N}.txt");
        await File.WriteAllTextAsync(file, List);
        await app.ImportFilesAsync(file);
        File.Delete(file);
        await app.AddUserAsync("esc-office", "Office", "office-pass-1");
        await app.AddUserAsync("esc-jfj", "Liaison", "liaison-pass-1", unit: "签收测试区经发局");
        await app.AddUserAsync("esc-czj", "Liaison", "liaison-pass-1", unit: "签收测试区财政局");

        // 签收 at 1440: the imported item waits in the inbox; one click signs it, and the item page says who and when.
        var jfj = await SignedInAsync("esc-jfj", "liaison-pass-1", 1440, 900);
        await jfj.GotoAsync("/");
        await new Pages.MainMenu(jfj).FollowAsync("待报送");
        await jfj.WaitForURLAsync("**/inbox");
        (await jfj.Locator("#acknowledge h2").InnerTextAsync()).ShouldBe("待签收 1 项");
        var itemHref = await jfj.Locator("#acknowledge li a").First.GetAttributeAsync("href");
        await ShotAsync(jfj, "ack-inbox-1440.png");
        await jfj.Locator("#acknowledge li").GetByRole(AriaRole.Button, new() { Name = "签收" }).ClickAsync();
        (await jfj.Locator(".notice").InnerTextAsync()).ShouldBe("已签收 1 项交办事项。");
        (await jfj.Locator("#acknowledge").CountAsync()).ShouldBe(0);
        await jfj.GotoAsync(itemHref!);
        (await jfj.Locator("#acknowledgements").InnerTextAsync()).ShouldContain("签收测试区经发局：已签收（esc-jfj，");
        await ShotAsync(jfj, "ack-item-1440.png");

        // 签收 at 390: the whole list at once.
        var czj = await SignedInAsync("esc-czj", "liaison-pass-1", 390, 844);
        await czj.GotoAsync("/");
        await new Pages.MainMenu(czj).FollowAsync("待报送");
        await czj.WaitForURLAsync("**/inbox");
        await ShotAsync(czj, "ack-inbox-390.png");
        await czj.Locator("#acknowledge-all").ClickAsync();
        (await czj.Locator(".notice").InnerTextAsync()).ShouldBe("已签收 1 项交办事项。");

        // A round due twenty days ago: the reminder job (run now from the command line, as an operator may) sends the
        // 催办通知 and, three working days later long past, puts both owed reports under 督办.
        var office = await SignedInAsync("esc-office", "office-pass-1", 1440, 900);
        await office.GotoAsync("/rounds");
        var today = DateTime.UtcNow.AddHours(8).Date;
        await office.Locator("#Form_Name").FillAsync("签收督办测试轮次");
        await office.Locator("#Form_OpensOn").FillAsync(today.AddDays(-40).ToString("yyyy-MM-dd"));
        await office.Locator("#Form_DueOn").FillAsync(today.AddDays(-20).ToString("yyyy-MM-dd"));
        await office.Locator("#open-round label.check", new() { HasText = "签收督办测试区" }).Locator("input").CheckAsync();
        await office.GetByRole(AriaRole.Button, new() { Name = "开启轮次" }).ClickAsync();
        await office.WaitForURLAsync("**/rounds/*");
        var roundUrl = office.Url;
        var run = await ZhenxingExecutable.RunAsync(["reminders", "run", .. app.DatabaseSwitches]);
        run.ExitCode.ShouldBe(0, run.Error);
        run.Output.ShouldContain("已发出提醒、催办和督办");

        await office.GotoAsync(roundUrl);
        (await office.Locator("#round-supervisions h2").InnerTextAsync()).ShouldBe("督办中（2）");
        (await office.Locator("#obligations .supervised").CountAsync()).ShouldBe(2);
        await ShotAsync(office, "escalation-round-1440.png");

        // The chase page shows who would be chased before anything is sent.
        await office.Locator("#chase-link").ClickAsync();
        await office.WaitForURLAsync("**/chase");
        (await office.Locator("#chase-recipients").InnerTextAsync()).ShouldContain("签收测试区财政局");
        await office.Locator("#Text").FillAsync("请本周内补报。");
        await ShotAsync(office, "escalation-chase-1440.png");

        // The liaison sees the 督办 notice; the bulletin drafted today lists both items with their list.
        await czj.GotoAsync("/notifications");
        (await czj.Locator("body").InnerTextAsync()).ShouldContain("督办：“签收督办测试轮次”");
        await office.GotoAsync("/bulletins/new");
        await office.Locator("#From").FillAsync(today.AddDays(-30).ToString("yyyy-MM-dd"));
        await office.Locator("#To").FillAsync(today.ToString("yyyy-MM-dd"));
        await office.GetByRole(AriaRole.Button, new() { Name = "生成初稿" }).ClickAsync();
        await office.WaitForURLAsync("**/bulletins/*/edit");
        var section = office.Locator("fieldset.section-edit", new() { Has = office.Locator("input[value='督办事项']") });
        var text = await section.Locator("textarea").InputValueAsync();
        text.ShouldContain("》第1项“事项甲：推进签收测试园区建设”，签收测试区经发局在“签收督办测试轮次”");
        text.ShouldContain("》第2项“事项乙：完善签收测试财政政策”，签收测试区财政局在“签收督办测试轮次”");
        await section.ScrollIntoViewIfNeededAsync();
        await ShotAsync(office, "escalation-bulletin-1440.png");

        // At phone width: the round page and the ledger filtered to 督办中.
        var phone = await SignedInAsync("esc-office", "office-pass-1", 390, 844);
        await phone.GotoAsync(roundUrl);
        (await phone.Locator("#round-supervisions").IsVisibleAsync()).ShouldBeTrue();
        await ShotAsync(phone, "escalation-round-390.png");
        await phone.GotoAsync("/ledger?supervised=true&q=签收测试");
        (await phone.Locator("a[href^='/items/']").CountAsync()).ShouldBeGreaterThanOrEqualTo(2);
        await ShotAsync(phone, "escalation-ledger-390.png");
    }
}
