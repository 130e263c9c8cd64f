using Microsoft.Playwright;

namespace Zhenxing.BrowserTests;

/// <summary>A meeting in the browser: the Office records it with a matter, the lead unit's liaison reports it landed, the summary counts it.</summary>
[Collection(nameof(AppServer))]
public sealed class MeetingsTests(AppServer app)
{
    private const string List = """
        会议测试区 2026 年重点事项清单

        (共 2 项)

        序号	事项名称	牵头单位	责任单位	完成时限
        一、第一类 (2 项)
        1	会议事项甲：推进测试物流园建设。	会议测试局		12月底前
        2	会议事项乙：争取测试专项资金。	会议测试局		12月底前
        """;

    [Fact]
    public async Task TheOfficeRecordsAMeetingWithAMatterTheLeadUnitMarksItLandedAndTheSummaryLineCountsIt()
    {
        var file = Path.Combine(Path.GetTempPath(), $"zhenxing-meetings-{Guid.NewGuid():N}.txt");
        await File.WriteAllTextAsync(file, List);
        await app.ImportFilesAsync(file);
        File.Delete(file);
        await app.AddUserAsync("meeting-office", "Office", "office-pass-1");
        await app.AddUserAsync("meeting-liaison", "Liaison", "liaison-pass-1", unit: "会议测试局");
        var today = DateTime.UtcNow.AddHours(8).Date;

        var office = await app.SignedInPageAsync("meeting-office", "office-pass-1");
        await new Pages.MainMenu(office).FollowAsync("会议");
        await office.WaitForURLAsync("**/meetings");
        await office.Locator("#Title").FillAsync("会议测试区振兴工作推进会");
        await office.Locator("#HeldOn").FillAsync(today.AddDays(-7).ToString("yyyy-MM-dd"));
        await office.Locator("#NewLevel").SelectOptionAsync("Promotion");
        await office.GetByRole(AriaRole.Button, new() { Name = "登记会议" }).ClickAsync();
        await office.WaitForURLAsync("**/meetings/*");
        var meetingUrl = office.Url;
        var meetingId = meetingUrl.Split('/').Last();

        await office.Locator("#matter-text").FillAsync("支持测试物流园纳入省级示范物流园区");
        await office.Locator("#matter-lead").FillAsync("会议测试局");
        var item = await office.Locator("#matter-items option", new() { HasText = "会议事项甲" }).GetAttributeAsync("value");
        await office.Locator("#matter-items").SelectOptionAsync(item!);
        await office.Locator("#matter-decision").FillAsync("会议同意支持，由省商务厅牵头落实");
        await office.GetByRole(AriaRole.Button, new() { Name = "添加事项" }).ClickAsync();
        (await office.Locator(".notice").InnerTextAsync()).ShouldContain("已添加提请研究事项");
        (await office.Locator("#meeting-summary").InnerTextAsync()).ShouldBe("研究我市 1 项重大事项，目前 0 项已落地实施。");

        // The lead unit's liaison reports the matter landed.
        var liaison = await app.SignedInPageAsync("meeting-liaison", "liaison-pass-1");
        await liaison.GotoAsync(meetingUrl);
        var form = liaison.Locator(".landing-form");
        await form.Locator("select[name=status]").SelectOptionAsync("Landed");
        await form.Locator("input[name=note]").FillAsync("已列入省级示范物流园区名单");
        await form.GetByRole(AriaRole.Button, new() { Name = "报送落实情况" }).ClickAsync();
        (await liaison.Locator(".notice").InnerTextAsync()).ShouldContain("已落地实施");
        (await liaison.Locator(".matter .landing").InnerTextAsync()).ShouldContain("已列入省级示范物流园区名单");
        (await liaison.Locator(".matter").InnerTextAsync()).ShouldContain("会议事项甲");

        // The summary line in the office's form, for the meeting and for the period.
        await office.GotoAsync($"/meetings?from={today.AddDays(-8):yyyy-MM-dd}&to={today:yyyy-MM-dd}");
        (await office.Locator($"#meetings tr[data-meeting='{meetingId}'] .sentence").InnerTextAsync()).ShouldBe("研究我市 1 项重大事项，目前 1 项已落地实施");
        (await office.Locator("#meetings-summary").InnerTextAsync()).ShouldContain("召开会议 1 次，研究我市 1 项重大事项，目前 1 项已落地实施");
        await office.ScreenshotAsync(new() { Path = Path.Combine(AppServer.ArtifactsDirectory, "meetings.png"), FullPage = true });

        // The item page shows the matter put to the meeting.
        await liaison.GotoAsync($"/items/{item}");
        (await liaison.Locator("#item-meetings").InnerTextAsync()).ShouldContain("会议测试区振兴工作推进会");
    }
}
