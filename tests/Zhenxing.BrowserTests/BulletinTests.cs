using DocumentFormat.OpenXml.Packaging;
using Microsoft.Playwright;
using Zhenxing.Testing;

namespace Zhenxing.BrowserTests;

/// <summary>On a server of its own: the 蓉江新区 seed list with the demo reporting history, as ./run.sh sets it up.</summary>
public sealed class BulletinTests : IAsyncLifetime
{
    private readonly AppServer app = new();

    public Task InitializeAsync() => app.InitializeAsync();

    public Task DisposeAsync() => app.DisposeAsync();

    [Fact]
    public async Task TheOfficeDraftsEditsAndPublishesABulletinThatALeaderReadsAndALiaisonCannotSeeAsADraft()
    {
        await app.ImportSeedsAsync("001");
        var demo = await ZhenxingExecutable.RunAsync(["demo", .. app.DatabaseSwitches]);
        demo.ExitCode.ShouldBe(0, demo.Output + demo.Error);
        await app.AddUserAsync("bulletin-office", "Office", "office-pass-1");
        await app.AddUserAsync("bulletin-leader", "Leader", "leader-pass-1");
        await app.AddUserAsync("bulletin-czj", "Liaison", "liaison-pass-1", unit: "区财政局");
        var today = DateTime.UtcNow.AddHours(8).Date;

        // The Office drafts a bulletin over the demo history (its rounds were due about 3, 2 and 1 months ago).
        var office = await app.SignedInPageAsync("bulletin-office", "office-pass-1");
        await office.GotoAsync("/");
        await new Pages.MainMenu(office).FollowAsync("工作简报");
        await office.WaitForURLAsync("**/bulletins");
        await office.Locator("#new-bulletin").ClickAsync();
        await office.Locator("#From").FillAsync(today.AddDays(-100).ToString("yyyy-MM-dd"));
        await office.Locator("#To").FillAsync(today.ToString("yyyy-MM-dd"));
        await office.GetByRole(AriaRole.Button, new() { Name = "生成初稿" }).ClickAsync();
        await office.WaitForURLAsync("**/bulletins/*/edit");
        var id = office.Url.Split('/')[^2];
        (await office.Locator(".notice").InnerTextAsync()).ShouldContain("已根据台账起草");
        var overview = await office.Locator("#Sections_0__Text").InputValueAsync();
        overview.ShouldStartWith($"截至{today.Year}年{today.Month}月{today.Day}日，台账在册事项共 18 项，已落实到位 ");
        overview.ShouldContain("采纳进展报送");
        // The demo's targets and meetings (and pairing activity, where pairings were imported) add their parts.
        var headings = new List<string>();
        for (var i = 0; i < await office.Locator("fieldset.section-edit").CountAsync(); i++)
        {
            headings.Add(await office.Locator($"#Sections_{i}__Heading").InputValueAsync());
        }
        headings.ShouldContain("指标和会议");
        headings.Where(h => h is not ("对口支援和北上对接" or "指标和会议" or "督办事项"))
            .ShouldBe(["总体情况", "各类别进展", "已落实到位事项", "逾期和退回事项", "领导批示", "考评排名"]);
        (await office.Locator("#Sections_2__Heading").InputValueAsync()).ShouldBe("已落实到位事项");

        // Edits the title and a paragraph, and saves.
        await office.Locator("#Title").FillAsync("振兴发展工作简报（浏览器）");
        await office.Locator("#Sections_0__Text").FillAsync("全区振兴工作稳步推进。\n" + overview);
        await office.Locator("#save").ClickAsync();
        await office.WaitForURLAsync("**/bulletins/*/edit");
        (await office.Locator(".notice").InnerTextAsync()).ShouldBe("简报已保存。");
        (await office.Locator("#Title").InputValueAsync()).ShouldBe("振兴发展工作简报（浏览器）");
        await office.ScreenshotAsync(new() { Path = Path.Combine(AppServer.ArtifactsDirectory, "bulletin-edit.png"), FullPage = true });

        // A liaison cannot open the draft, nor find it in the list.
        var liaison = await app.SignedInPageAsync("bulletin-czj", "liaison-pass-1");
        (await liaison.GotoAsync($"/bulletins/{id}"))!.Status.ShouldBe(404);
        (await liaison.GotoAsync($"/bulletins/{id}/edit"))!.Status.ShouldBe(403);
        await liaison.GotoAsync("/bulletins");
        (await liaison.Locator("#drafts").CountAsync()).ShouldBe(0);
        (await liaison.Locator("#published tbody tr").CountAsync()).ShouldBe(0);

        // Publishing asks first, then gives 第1期.
        await office.Locator("#save-publish").ClickAsync();
        await office.WaitForURLAsync("**/bulletins/*/publish");
        (await office.Locator("#next-number").InnerTextAsync()).ShouldBe($"{today.Year}年第1期");
        await office.Locator("#confirm-publish").ClickAsync();
        await office.WaitForURLAsync($"**/bulletins/{id}");
        (await office.Locator("#bulletin-issue").InnerTextAsync()).ShouldBe("第1期");
        (await office.Locator("#bulletin-title").InnerTextAsync()).ShouldBe("振兴发展工作简报（浏览器）");
        (await office.Locator(".bulletin-section p").First.InnerTextAsync()).ShouldBe("全区振兴工作稳步推进。");
        (await office.Locator("#edit-link").CountAsync()).ShouldBe(0);
        await office.ScreenshotAsync(new() { Path = Path.Combine(AppServer.ArtifactsDirectory, "bulletin-published.png"), FullPage = true });

        // The .docx downloads and opens, with the title, the number and the edited paragraph.
        var download = await office.RunAndWaitForDownloadAsync(() => office.Locator("#download-docx").ClickAsync());
        download.SuggestedFilename.ShouldBe($"振兴发展工作简报（浏览器）（{today.Year}年第1期）.docx");
        var file = Path.Combine(Path.GetTempPath(), $"zhenxing-bulletin-{Guid.NewGuid():N}.docx");
        await download.SaveAsAsync(file);
        using (var document = WordprocessingDocument.Open(file, false))
        {
            var paragraphs = document.MainDocumentPart!.Document.Body!.Elements<DocumentFormat.OpenXml.Wordprocessing.Paragraph>().Select(p => p.InnerText).ToList();
            paragraphs[0].ShouldBe("振兴发展工作简报（浏览器）");
            paragraphs[1].ShouldBe("第1期");
            paragraphs.ShouldContain("一、总体情况");
            paragraphs.ShouldContain("全区振兴工作稳步推进。");
            paragraphs.ShouldContain(p => p.Contains("台账在册事项共 18 项"));
        }
        File.Delete(file);

        // A leader finds it under 工作简报 and reads it.
        var leader = await app.SignedInPageAsync("bulletin-leader", "leader-pass-1", width: 1400);
        await leader.GotoAsync("/bulletins");
        (await leader.Locator("#published .issue").InnerTextAsync()).ShouldBe($"{today.Year}年第1期");
        await leader.Locator("#published a", new() { HasText = "振兴发展工作简报（浏览器）" }).ClickAsync();
        await leader.WaitForURLAsync($"**/bulletins/{id}");
        (await leader.Locator("#bulletin-issue").InnerTextAsync()).ShouldBe("第1期");
        (await leader.Locator("#bulletin").InnerTextAsync()).ShouldContain("全区振兴工作稳步推进。");
        (await leader.Locator(".bulletin-heading").AllInnerTextsAsync()).ShouldBe(["一、总体情况", "二、各类别进展", "三、已落实到位事项", "四、逾期和退回事项", "五、指标和会议", "六、领导批示", "七、考评排名"]);
        await leader.ScreenshotAsync(new() { Path = Path.Combine(AppServer.ArtifactsDirectory, "bulletin-leader.png"), FullPage = true });

        // Published, the liaison reads it too.
        (await liaison.GotoAsync($"/bulletins/{id}"))!.Status.ShouldBe(200);
    }
}
