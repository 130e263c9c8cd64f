using System.Text;
using Microsoft.Playwright;
using MimeKit;
using Zhenxing.Testing;

namespace Zhenxing.BrowserTests;

/// <summary>
/// Digests in the browser: the Office points a unit's 企业微信 robot at a local sink and presses 测试发送; a leader's 批示
/// reaches the unit's liaison in the next morning's digest e-mail, read back from the SMTP sink.
/// </summary>
[Collection(nameof(AppServer))]
public sealed class DigestTests(AppServer app)
{
    [Theory]
    [InlineData(1440, 900)]
    [InlineData(390, 844)]
    public async Task TheOfficeSetsAUnitsRobotTestSendReachesItAndTheLiaisonsDigestEmailArrives(int width, int height)
    {
        var unit = $"摘要测试局{width}";
        var file = Path.Combine(Path.GetTempPath(), $"zhenxing-digest-{Guid.NewGuid():N}.txt");
        await File.WriteAllTextAsync(file, $"""
            摘要测试区{width} 2026 年重点事项清单

            (共 1 项)

            序号	事项名称	牵头单位	责任单位	完成时限
            一、第一类 (1 项)
            1	摘要事项{width}：推进测试产业园建设。	{unit}		12月底前
            """);
        await app.ImportFilesAsync(file);
        File.Delete(file);
        await app.AddUserAsync($"digest-office-{width}", "Office", "office-pass-1");
        await app.AddUserAsync($"digest-leader-{width}", "Leader", "leader-pass-1");
        var email = $"digest-liaison-{width}@example.gov.cn";
        await app.AddUserAsync($"digest-liaison-{width}", "Liaison", "liaison-pass-1", unit: unit, email: email);
        using var sink = new WebhookSink();

        // The Office: 单位管理 → the unit → 群机器人设置 → 企业微信 at the sink → 保存 → 测试发送.
        var office = await SignedInAsync($"digest-office-{width}", "office-pass-1", width, height);
        await new Pages.MainMenu(office).FollowAsync("单位管理");
        await office.Locator("input[name=q]").FillAsync(unit);
        await office.GetByRole(AriaRole.Button, new() { Name = "查找" }).ClickAsync();
        await office.Locator("#units tr", new() { HasText = unit }).GetByRole(AriaRole.Link, new() { Name = "编辑" }).ClickAsync();
        await office.Locator("#channel-link").ClickAsync();
        var channel = office.Locator("#channel");
        await channel.GetByLabel("机器人类型").SelectOptionAsync(new SelectOptionValue { Label = "企业微信" });
        await channel.GetByLabel("机器人地址").FillAsync(sink.Url("/cgi-bin/webhook/send") + "?key=digest-test-key");
        await channel.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();
        (await office.Locator("#channel-message").InnerTextAsync()).ShouldContain("已保存企业微信群机器人设置");
        await office.Locator("#channel-test").ClickAsync();
        (await office.Locator("#channel-message").InnerTextAsync()).ShouldBe("发送成功（企业微信机器人已接收）。");
        (await office.Locator("#channel-last").InnerTextAsync()).ShouldContain("发送成功");
        var received = sink.To("/cgi-bin/webhook/send").Single();
        // Sent as readable UTF-8, in 企业微信's markdown format.
        received.Body.ShouldContain($"{unit}的群机器人已接通");
        var json = System.Text.Json.JsonDocument.Parse(received.Body).RootElement;
        json.GetProperty("msgtype").GetString().ShouldBe("markdown");
        json.GetProperty("markdown").GetProperty("content").GetString()!.ShouldContain($"{unit}的群机器人已接通");
        await office.Locator("#channel").ScrollIntoViewIfNeededAsync();
        await office.ScreenshotAsync(new() { Path = Path.Combine(AppServer.ArtifactsDirectory, $"digest-robot-{width}.png"), FullPage = true });

        // A leader's 批示 on the unit's item becomes the liaison's unread notification.
        var leader = await SignedInAsync($"digest-leader-{width}", "leader-pass-1", width, height);
        await leader.GotoAsync(office.Url.Split('#')[0]);
        await leader.Locator("a", new() { HasText = $"摘要事项{width}" }).First.ClickAsync();
        await leader.Locator("#instruction-text").FillAsync("请加快推进，月底前见成效。");
        await leader.GetByRole(AriaRole.Button, new() { Name = "提交批示" }).ClickAsync();
        await leader.WaitForLoadStateAsync(LoadState.NetworkIdle);

        // The liaison keeps the digest on (account page), and the morning's run sends it.
        var liaison = await SignedInAsync($"digest-liaison-{width}", "liaison-pass-1", width, height);
        await new Pages.MainMenu(liaison).OpenAsync();
        await liaison.Locator(".account a", new() { HasText = "修改密码" }).ClickAsync();
        var settings = liaison.Locator("#digest");
        (await settings.GetByLabel("邮箱地址").InputValueAsync()).ShouldBe(email);
        (await settings.GetByLabel("每天接收摘要邮件").IsCheckedAsync()).ShouldBeTrue();
        await settings.GetByRole(AriaRole.Button, new() { Name = "保存摘要设置" }).ClickAsync();
        (await liaison.Locator("#digest .notice").InnerTextAsync()).ShouldBe($"已保存：每日摘要将发到 {email}。");
        await liaison.Locator("#digest").ScrollIntoViewIfNeededAsync();
        await liaison.ScreenshotAsync(new() { Path = Path.Combine(AppServer.ArtifactsDirectory, $"digest-account-{width}.png"), FullPage = true });

        var run = await ZhenxingExecutable.RunAsync(["digest", "send", "--now", "--Smtp:Host=127.0.0.1", $"--Smtp:Port={app.Mail.Port}", $"--App:PublicUrl={app.BaseUrl}", .. app.DatabaseSwitches]);
        run.ExitCode.ShouldBe(0, run.Output);
        string data;
        lock (app.Mail.Messages)
        {
            data = app.Mail.Messages.Last(m => m.To.Contains(email)).Data;
        }
        var mail = await MimeMessage.LoadAsync(new MemoryStream(Encoding.UTF8.GetBytes(data)));
        mail.Subject.ShouldStartWith("【每日摘要】");
        mail.TextBody!.ShouldContain("【未读通知】");
        mail.TextBody!.ShouldContain($"对事项“摘要事项{width}");
        mail.TextBody!.ShouldContain("/items/");
        // Asked again the same day, nothing more goes to the liaison.
        var count = app.Mail.Messages.Count(m => m.To.Contains(email));
        (await ZhenxingExecutable.RunAsync(["digest", "send", "--now", "--Smtp:Host=127.0.0.1", $"--Smtp:Port={app.Mail.Port}", .. app.DatabaseSwitches])).ExitCode.ShouldBe(0);
        app.Mail.Messages.Count(m => m.To.Contains(email)).ShouldBe(count);
    }

    private async Task<IPage> SignedInAsync(string userName, string password, int width, int height)
    {
        var page = await app.NewPageAsync(width, height);
        var login = new Pages.LoginPage(page);
        await login.OpenAsync();
        await login.SignInAsync(userName, password);
        return page;
    }
}
