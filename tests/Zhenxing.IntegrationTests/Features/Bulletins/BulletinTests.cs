using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Zhenxing.IntegrationTests.Infrastructure;
using Zhenxing.Web.Features.Bulletins;
using Zhenxing.Web.Features.Items;
using Zhenxing.Web.Features.Users;
using Zhenxing.Web.Infrastructure;

namespace Zhenxing.IntegrationTests.Features.Bulletins;

public abstract class BulletinTests(ZhenxingAppFactory app) : IntegrationTest(app)
{
    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd");

    /// <summary>The Office drafts a bulletin on the page; returns its id.</summary>
    public static async Task<int> DraftAsync(HttpClient office, DateOnly from, DateOnly to)
    {
        var response = await office.PostFormAsync("/bulletins/new", new() { ["From"] = Day(from), ["To"] = Day(to) });
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        var location = response.Headers.Location!.ToString();
        location.ShouldEndWith("/edit");
        return int.Parse(location.Split('/')[^2]);
    }

    private Task<List<(string Heading, string[] Paragraphs)>> SectionsAsync(int bulletinId) => App.WithDbAsync(async db =>
        (await db.BulletinSections.Where(s => s.BulletinId == bulletinId).OrderBy(s => s.Position).ToListAsync())
            .Select(s => (s.Heading, BulletinText.Paragraphs(s.Text).Select(p => p.Text).ToArray())).ToList());

    private static async Task<HttpResponseMessage> SaveAsync(HttpClient office, int id, string title, int version, params (string Heading, string Text)[] sections)
    {
        var fields = new Dictionary<string, string> { ["Title"] = title, ["IssuingOrgan"] = "赣州市振兴办", ["Version"] = version.ToString() };
        for (var i = 0; i < sections.Length; i++)
        {
            fields[$"Sections[{i}].Heading"] = sections[i].Heading;
            fields[$"Sections[{i}].Text"] = sections[i].Text;
        }
        return await office.PostFormAsync($"/bulletins/{id}/edit?handler=Save", fields);
    }

    private Task<Bulletin> BulletinAsync(int id) =>
        App.WithDbAsync(db => db.Bulletins.AsNoTracking().Include(b => b.Sections).SingleAsync(b => b.Id == id));

    private static async Task<HttpResponseMessage> PublishAsync(HttpClient office, int id, int version) =>
        await office.PostFormAsync($"/bulletins/{id}/publish", new() { ["version"] = version.ToString() });

    private sealed record Program(LedgerData.SmallList Data, HttpClient Office, DateOnly Created, DateOnly Today, int RoundId);

    /// <summary>
    /// The small list (created two days ago) and, today, one round due in 10 days: 市财政局 reports item 3 (取得积极进展 → 落实到位)
    /// and item 1 (推进中 → 受阻), both accepted; 市发改委's report on item 2 is returned; a leader writes an instruction on item 1.
    /// </summary>
    private async Task<Program> BuildProgramAsync()
    {
        var data = await App.CreateSmallListAsync();
        var created = ChinaTime.Today(App.Clock);
        await App.AddUserAsync("office1", Role.Office);
        await App.AddUserAsync("czj", Role.Liaison, unitId: data.Finance);
        await App.AddUserAsync("fgw", Role.Liaison, unitId: data.Development);
        await App.AddUserAsync("leader1", Role.Leader);
        App.Clock.Advance(TimeSpan.FromDays(2));
        var (office, finance, development, leader) = (await App.SignInAsync("office1"), await App.SignInAsync("czj"), await App.SignInAsync("fgw"), await App.SignInAsync("leader1"));

        var round = await App.OpenRoundAsync(office, "第一轮", data.ListId);
        await App.ReportAndAcceptAsync(finance, office, round, data.Later, ItemStatus.Done, "示范项目主体工程已完工，\n并已投入使用。");
        await App.ReportAndAcceptAsync(finance, office, round, data.Overdue, ItemStatus.Blocked, "征地协调受阻。");
        await development.PostFormAsync($"/rounds/{round}/items/{data.Soon}/report", new()
        {
            ["Status"] = nameof(ItemStatus.InProgress), ["Narrative"] = "正在对接。", ["Version"] = "0", ["submit"] = "1",
        });
        var returned = await App.WithDbAsync(db => db.ProgressReports.AsNoTracking().SingleAsync(p => p.ItemId == data.Soon));
        (await office.PostFormAsync($"/rounds/{round}?reportId={returned.Id}&version={returned.Version}&decision=return&reason=请补充项目进度数据", [], handler: "Review"))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await leader.PostFormAsync($"/items/{data.Overdue}?handler=Instruct", new() { ["text"] = "请市财政局加快协调征地问题" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        return new Program(data, office, created, ChinaTime.Today(App.Clock), round);
    }

    [Fact]
    public async Task TheDraftOfASmallProgramSaysWhatAHandCountSays()
    {
        var (data, office, _, today, _) = await BuildProgramAsync();
        var dueOn = today.AddDays(10);

        // Asked to end at the round's due date, ten days ahead, the period ends today: a bulletin never reports past today.
        var id = await DraftAsync(office, today, dueOn);

        // By hand, at the end of the period: 1 受阻 (item 1), 2 未启动 (the returned report changes nothing), 3 and 4 落实到位,
        // 5 推进中. In the period: item 3 moved forward to 落实到位 and item 1 back to 受阻; two reports accepted, one returned,
        // one instruction. Overdue (judged today): item 1 (deadline five days before the list was made, not done); item 4 is done.
        // The period ends today (never after it), before the round's due date: the round is not in this bulletin.
        var (sections, bulletin) = (await SectionsAsync(id), await BulletinAsync(id));
        bulletin.State.ShouldBe(BulletinState.Draft);
        (bulletin.PeriodFrom, bulletin.PeriodTo, bulletin.Title, bulletin.IssuingOrgan).ShouldBe((today, today, "振兴发展工作简报", "赣州市振兴办"));
        sections.Select(s => s.Heading).ShouldBe(["总体情况", "各类别进展", "已落实到位事项", "逾期和退回事项", "领导批示", "考评排名"]);
        var period = BulletinText.Period(today, today);
        var overdueDeadline = BulletinText.Date(today.AddDays(-2 - 5));
        sections[0].Paragraphs.ShouldBe(
        [
            $"截至{BulletinText.Date(today)}，台账在册事项共 5 项，已落实到位 2 项、推进中 1 项、未启动 1 项、受阻 1 项。",
            $"本期（{period}），新增落实到位事项 1 项；事项状态发生变化 2 项，其中推进 1 项、回退 1 项；采纳进展报送 2 份，退回 1 份；领导批示 1 条。截至期末，逾期未完成事项 1 项。",
        ]);
        sections[1].Paragraphs.ShouldBe(
        [
            "（一）第一类",
            "本类共 5 项，已落实到位 2 项、推进中 1 项、未启动 1 项、受阻 1 项。本期状态变化 2 项："
            + "“推进瑞金机场前期工作”（市财政局牵头）由推进中变为受阻；“建设教育强市示范项目”（市财政局牵头）由取得积极进展变为落实到位。本期采纳进展报送 2 份。",
        ]);
        sections[2].Paragraphs.ShouldBe(["本期新落实到位事项 1 项：", "1. “建设教育强市示范项目”（市财政局牵头）：示范项目主体工程已完工，并已投入使用。"]);
        sections[3].Paragraphs.ShouldBe(
        [
            "（一）逾期事项",
            "截至期末，逾期未完成事项 1 项：",
            $"1. “推进瑞金机场前期工作”（市财政局牵头），完成时限{overdueDeadline}，目前受阻。",
            "（二）退回的进展报送",
            "本期退回进展报送 1 份：",
            "1. 市发改委在“第一轮”中报送的“争取赣州港建设支持”（市发改委牵头），退回原因：请补充项目进度数据。",
        ]);
        sections[4].Paragraphs.ShouldBe(["本期领导批示 1 条：", $"1. leader1于{BulletinText.Date(today)}对“推进瑞金机场前期工作”（市财政局牵头）批示：“请市财政局加快协调征地问题。”牵头单位尚未答复。"]);
        sections[5].Paragraphs.ShouldBe([$"{today.Year}年度尚未制定考评办法，暂无考评排名。"]);

        // The reading view lays the same text out under numbered headings.
        var page = await (await office.GetAsync($"/bulletins/{id}")).HtmlAsync();
        page.QuerySelector("#bulletin-title")!.TextContent.ShouldBe("振兴发展工作简报");
        page.QuerySelector("#bulletin-issue")!.TextContent.ShouldBe("（征求意见稿）");
        page.QuerySelectorAll(".bulletin-heading").Select(h => h.TextContent).ShouldBe(["一、总体情况", "二、各类别进展", "三、已落实到位事项", "四、逾期和退回事项", "五、领导批示", "六、考评排名"]);
        page.QuerySelectorAll(".bulletin-subheading").Select(h => h.TextContent).ShouldBe(["（一）第一类", "（一）逾期事项", "（二）退回的进展报送"]);
        page.QuerySelector(".bulletin-section p")!.TextContent.ShouldContain("共 5 项，已落实到位 2 项、推进中 1 项、未启动 1 项、受阻 1 项");
    }

    [Fact]
    public async Task ABulletinForAPastPeriodCountsTheLedgerAsItStoodThen()
    {
        var (_, office, created, _, _) = await BuildProgramAsync();

        // The day the list was made, before any report: the audit log gives back the statuses of that day.
        var id = await DraftAsync(office, created, created);

        var sections = await SectionsAsync(id);
        sections[0].Paragraphs[0].ShouldBe($"截至{BulletinText.Date(created)}，台账在册事项共 5 项，已落实到位 1 项、取得积极进展 1 项、推进中 2 项、未启动 1 项。");
        sections[0].Paragraphs[1].ShouldContain("新增落实到位事项 0 项；事项状态发生变化 0 项");
        sections[0].Paragraphs[1].ShouldContain("采纳进展报送 0 份，退回 0 份；领导批示 0 条");
        sections[1].Paragraphs.ShouldBe(["本期各类别事项状态均无变化，也没有采纳的进展报送。"]);
        sections[2].Paragraphs.ShouldBe(["本期没有新落实到位的事项。"]);
        sections[4].Paragraphs.ShouldBe(["本期没有领导批示。"]);

        // A period before the list existed has nothing in the ledger.
        var before = await DraftAsync(office, created.AddDays(-30), created.AddDays(-1));
        (await SectionsAsync(before))[0].Paragraphs[0].ShouldBe($"截至{BulletinText.Date(created.AddDays(-1))}，台账在册事项共 0 项。");
    }

    [Fact]
    public async Task ThePeriodsPairingActivityTripsAndMeetingsAreInTheBulletinAndLeftOutWhenThereAreNone()
    {
        var (data, office, _, today, _) = await BuildProgramAsync();
        var quiet = await SectionsAsync(await DraftAsync(office, today, today));
        var registry = await App.CreatePairingsAsync();
        await App.WithDbAsync(async db =>
        {
            db.AddRange(
                new Zhenxing.Web.Features.Pairings.PairingActivity
                {
                    PairingId = registry.FinanceRuijin, Kind = Zhenxing.Web.Features.Pairings.PairingActivityKind.ResearchVisit, OccurredOn = today,
                    People = "财政部部长", LeaderRank = Zhenxing.Web.Features.Pairings.LeaderRank.Principal, Title = "来瑞金调研", CreatedByName = "测试",
                },
                new Zhenxing.Web.Features.Pairings.PairingActivity
                {
                    PairingId = registry.HealthYudu, Kind = Zhenxing.Web.Features.Pairings.PairingActivityKind.Support, OccurredOn = today,
                    SupportKind = Zhenxing.Web.Features.Pairings.SupportKind.Funds, Amount = 500, Title = "县医院建设补助", CreatedByName = "测试",
                },
                new Zhenxing.Web.Features.Trips.LiaisonTrip
                {
                    UnitId = data.Finance, TravelledOn = today, People = "局长", PrincipalLeaderWent = true, Destination = "财政部",
                    Level = Zhenxing.Web.Features.Trips.DestinationLevel.National,
                },
                new Zhenxing.Web.Features.Meetings.Meeting
                {
                    Title = "振兴发展推进会", HeldOn = today, Level = Zhenxing.Web.Features.Meetings.MeetingLevel.LeadingGroup,
                    Matters =
                    [
                        new() { Position = 1, Text = "研究瑞金机场前期工作", LeadUnitId = data.Finance, Status = Zhenxing.Web.Features.Meetings.LandingStatus.Landed, LandedOn = today },
                        new() { Position = 2, Text = "研究赣州港建设", LeadUnitId = data.Development },
                    ],
                });
            return await db.SaveChangesAsync();
        });

        var sections = await SectionsAsync(await DraftAsync(office, today, today));

        quiet.Select(s => s.Heading).ShouldNotContain("对口支援和北上对接");
        quiet.Select(s => s.Heading).ShouldNotContain("指标和会议");
        var period = $"{today:yyyy年M月d日}至{today:yyyy年M月d日}";
        var pairing = sections.Single(s => s.Heading == "对口支援和北上对接").Paragraphs;
        pairing[0].ShouldBe($"{period}，各地各部门赴国家部委 1 批次，赴省直厅局 0 批次，促成 1 位中央对口支援单位副职以上领导来调研（其中正职领导 1 名），"
            + "0 个部委新出台对口支援实施方案或计划；梳理提报了 0 项“援县促市”事项，0 项已完成。");
        pairing[1].ShouldBe("其中，主要负责同志带队赴部委对接 1 批次；召开对口支援座谈会 0 次；在岗挂职干部 0 名；争取政策支持 0 项、项目支持 0 项、资金支持 1 笔共 500 万元。");
        pairing.Skip(2).ShouldNotBeEmpty();
        pairing.Skip(2).Select((p, i) => p.StartsWith($"{i + 1}. {BulletinText.Date(today)}，", StringComparison.Ordinal)).ShouldAllBe(starts => starts);
        sections.Single(s => s.Heading == "指标和会议").Paragraphs.ShouldBe([$"{period}，召开会议 1 次，研究我市 2 项重大事项，目前 1 项已落地实施。"]);
        // The new sections stand before the leaders' instructions, in the order of the office's bulletins.
        var headings = sections.Select(s => s.Heading).ToList();
        headings.IndexOf("对口支援和北上对接").ShouldBeLessThan(headings.IndexOf("指标和会议"));
        headings.IndexOf("指标和会议").ShouldBeLessThan(headings.IndexOf("领导批示"));
    }

    [Fact]
    public async Task TheRankingOfTheLatestMethodOfThePeriodsYearIsInTheBulletin()
    {
        var (data, office, _, today, _) = await BuildProgramAsync();
        var response = await office.PostFormAsync("/assessments", new()
        {
            ["Form.Year"] = today.Year.ToString(), ["Form.Title"] = "旧办法", ["Form.CompletionWeight"] = "100", ["Form.PunctualityWeight"] = "0", ["Form.QualityWeight"] = "0", ["Form.Lists"] = data.ListId.ToString(),
        });
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response = await office.PostFormAsync("/assessments", new()
        {
            ["Form.Year"] = today.Year.ToString(), ["Form.Title"] = $"{today.Year}年度振兴工作考评", ["Form.CompletionWeight"] = "50", ["Form.PunctualityWeight"] = "30", ["Form.QualityWeight"] = "20", ["Form.Lists"] = data.ListId.ToString(),
            // Unrated quality counted as 0 (the old rule), as the hand computation below; UnratedQualityTests covers the default.
            ["Form.UnratedQualityLeftOut"] = "false",
        });
        var method = int.Parse(response.Headers.Location!.ToString().Split('/').Last());
        (await office.PostFormAsync($"/assessments/{method}", new() { ["UnitName"] = "市发改委", ["Points"] = "2", ["Reason"] = "获省级通报表扬" }, handler: "Adjust"))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var id = await DraftAsync(office, today, today);

        // By hand, weights 50/30/20 and the round not yet due (nothing owed, no rating):
        // 市教育局: item 4 done: 100.0 × 0.5 = 50.0; 市财政局: items 1 (blocked) and 3 (done): 50.0 × 0.5 = 25.0;
        // 市发改委: items 2 and 5, none done: 0 + 2 = 2.0.
        var ranking = (await SectionsAsync(id))[5].Paragraphs;
        ranking.ShouldBe(
        [
            $"依据《{today.Year}年度振兴工作考评》（事项完成率占 50%、按时报送率占 30%、报送质量占 20%），截至{BulletinText.Date(today)}，3 个牵头单位得分排名如下：",
            "第1名：市教育局，得分 50.0（事项完成率 100.0%，按时报送率 0.0%，报送质量 0.0）。",
            "第2名：市财政局，得分 25.0（事项完成率 50.0%，按时报送率 0.0%，报送质量 0.0）。",
            "第3名：市发改委，得分 2.0（事项完成率 0.0%，按时报送率 0.0%，报送质量 0.0，加减分 +2.0）。",
        ]);
    }

    [Fact]
    public async Task TheDocxFollowsTheOfficialLayoutAndCarriesTheTitleTheSentenceAndTheHeadings()
    {
        var (_, office, _, today, _) = await BuildProgramAsync();
        var id = await DraftAsync(office, today, today.AddDays(10));

        var response = await office.GetAsync($"/bulletins/{id}.docx");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe(WriteBulletinDocx.ContentType);
        response.Content.Headers.ContentDisposition!.FileNameStar.ShouldBe("振兴发展工作简报（征求意见稿）.docx");
        var document = BulletinDocument.Open(await response.Content.ReadAsByteArrayAsync());

        document.ValidationErrors.ShouldBeEmpty();
        // A4 portrait, 210 × 297 mm; margins top 37, bottom 35, left 28, right 26 mm (1 mm = 56.69 twips).
        (document.PageSize.Width!.Value, document.PageSize.Height!.Value).ShouldBe((11906u, 16838u));
        (document.Margin.Top!.Value, document.Margin.Bottom!.Value, document.Margin.Left!.Value, document.Margin.Right!.Value).ShouldBe((2098, 1984, 1587u, 1474u));

        var fonts = BulletinFonts.Choose(null);
        var installed = new BulletinFonts().Set;
        installed.Body.ShouldBeOneOf("仿宋_GB2312", "FangSong_GB2312", "仿宋", "FangSong", "Noto Serif CJK SC");
        installed.Heading.ShouldBeOneOf("黑体", "SimHei", "Noto Sans CJK SC");
        fonts.Body.ShouldBe("仿宋_GB2312");

        var title = document.Lines[0];
        (title.Text, title.Justification, title.Color, title.Font).ShouldBe(("振兴发展工作简报", "center", "FF0000", installed.Title));
        var issue = document.Lines[1];
        (issue.Text, issue.Justification).ShouldBe(("（征求意见稿）", "center"));
        document.Lines[2].Text.ShouldBe($"赣州市振兴办{BulletinText.Date(today)}");
        (document.Rule!.Color!.Value, document.Rule.Val!.InnerText).ShouldBe(("FF0000", "single"));

        var body = document.Body.ToList();
        body.Where(l => System.Text.RegularExpressions.Regex.IsMatch(l.Text, "^[一二三四五六]、")).Select(l => (l.Text, l.Font))
            .ShouldBe(new[] { "一、总体情况", "二、各类别进展", "三、已落实到位事项", "四、逾期和退回事项", "五、领导批示", "六、考评排名" }.Select(h => (h, (string?)installed.Heading)));
        body.Where(l => l.Text.StartsWith('（')).Select(l => (l.Text, l.Font)).ShouldBe(new[] { "（一）第一类", "（一）逾期事项", "（二）退回的进展报送" }.Select(h => (h, (string?)installed.SubHeading)));
        var sentence = body.Single(l => l.Text.StartsWith("截至", StringComparison.Ordinal) && l.Text.Contains("台账在册事项"));
        sentence.Text.ShouldContain("共 5 项，已落实到位 2 项、推进中 1 项、未启动 1 项、受阻 1 项");
        // Body: 3号 (16 pt = 32 half-points) 仿宋 or its fallback, two characters indented, a fixed 28.95 pt line (22 lines a page).
        (sentence.Font, sentence.Size, sentence.FirstLineIndent, sentence.LineSpacing, sentence.Justification).ShouldBe((installed.Body, "32", "640", "579", "both"));
        body.Where(l => l.Text.Length > 0).ShouldAllBe(l => l.Size == "32" && l.LineSpacing == "579");

        // Page numbers "— 1 —" at the foot, odd and even pages.
        document.Footers.Count.ShouldBe(2);
        document.Footers.ShouldAllBe(f => f == "— 1 —|PAGE");

        // Published, the line under the title carries the number.
        var version = (await BulletinAsync(id)).Version;
        (await PublishAsync(office, id, version)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var published = BulletinDocument.Open(await (await office.GetAsync($"/bulletins/{id}.docx")).Content.ReadAsByteArrayAsync());
        (published.Lines[1].Text, published.Lines[1].Justification, published.Lines[1].Font, published.Lines[1].Size).ShouldBe(("第1期", "center", installed.Body, "32"));
    }

    [Fact]
    public async Task TheOfficeEditsAndPublishesWithTheNextNumberOfTheYearAndAPublishedBulletinStaysAsItIs()
    {
        var (_, office, _, today, _) = await BuildProgramAsync();
        var first = await DraftAsync(office, today, today);
        var bulletin = await BulletinAsync(first);

        // Edit the title, a paragraph, reorder: the second part goes first, a new part is added, the last one removed.
        var sections = bulletin.OrderedSections();
        var response = await SaveAsync(office, first, "振兴发展工作简报（专刊）", bulletin.Version,
            ("二、各类别进展", sections[1].Text), ("总体情况", "全市振兴工作总体平稳。\n" + sections[0].Text), ("对口支援", "（一）部委支持\n本期对接部委 3 次。"));
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, (await response.HtmlAsync()).QuerySelector(".errors")?.TextContent);
        var edited = await BulletinAsync(first);
        edited.Title.ShouldBe("振兴发展工作简报（专刊）");
        edited.OrderedSections().Select(s => s.Heading).ShouldBe(["各类别进展", "总体情况", "对口支援"]);
        edited.OrderedSections()[1].Text.ShouldStartWith("全市振兴工作总体平稳。\n截至");
        edited.Version.ShouldBe(bulletin.Version + 1);

        // A save from a page opened before that one is refused; nothing of it is kept.
        response = await SaveAsync(office, first, "过时的标题", bulletin.Version, ("总体情况", "过时的内容"));
        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var conflictPage = await response.HtmlAsync();
        conflictPage.QuerySelector(".errors")!.TextContent.ShouldContain("在您编辑期间，该简报已被office1修改");
        conflictPage.QuerySelector("#conflict")!.TextContent.ShouldContain("过时的内容");
        conflictPage.QuerySelector("#Title")!.GetAttribute("value").ShouldBe("振兴发展工作简报（专刊）");
        (await BulletinAsync(first)).Title.ShouldBe("振兴发展工作简报（专刊）");

        // Bad input names its field.
        response = await SaveAsync(office, first, " ", edited.Version, ("", "有正文没有标题"));
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var errors = (await response.HtmlAsync()).QuerySelector(".errors")!.TextContent;
        errors.ShouldContain("请填写简报名称");
        errors.ShouldContain("第 1 部分的标题不能为空");

        // The confirmation says which number it will be; publishing gives 第1期, the next bulletin 第2期.
        var confirm = await (await office.GetAsync($"/bulletins/{first}/publish")).HtmlAsync();
        confirm.QuerySelector("#next-number")!.TextContent.ShouldBe($"{today.Year}年第1期");
        (await PublishAsync(office, first, edited.Version)).Headers.Location!.ToString().ShouldBe($"/bulletins/{first}");
        var page = await (await office.GetAsync($"/bulletins/{first}")).HtmlAsync();
        page.QuerySelector(".notice")!.TextContent.ShouldContain($"{today.Year}年第1期");
        page.QuerySelector("#bulletin-issue")!.TextContent.ShouldBe("第1期");
        page.QuerySelector("#bulletin-title")!.TextContent.ShouldBe("振兴发展工作简报（专刊）");
        page.QuerySelector("#edit-link").ShouldBeNull();
        var second = await DraftAsync(office, today, today);
        (await PublishAsync(office, second, (await BulletinAsync(second)).Version)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var numbers = await App.WithDbAsync(db => db.Bulletins.OrderBy(b => b.Id).Select(b => new { b.Year, b.Number, b.State, b.PublishedByName }).ToListAsync());
        numbers.Select(n => (n.Year, n.Number, n.State, n.PublishedByName)).ShouldBe([(today.Year, 1, BulletinState.Published, "office1"), (today.Year, 2, BulletinState.Published, "office1")]);

        // A published bulletin is no longer edited, published again or deleted, and says so.
        var published = await BulletinAsync(first);
        (await (await office.GetAsync($"/bulletins/{first}/edit")).HtmlAsync()).QuerySelector("#refusal")!.TextContent
            .ShouldBe($"该简报已发布为{today.Year}年第1期，发布后不能再修改或删除。");
        response = await SaveAsync(office, first, "改标题", published.Version, ("总体情况", "改"));
        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await response.HtmlAsync()).QuerySelector("#refusal")!.TextContent.ShouldContain("不能再修改");
        (await PublishAsync(office, first, published.Version)).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await office.PostFormAsync($"/bulletins/{first}/delete", new() { ["version"] = published.Version.ToString() })).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var after = await BulletinAsync(first);
        (after.Title, after.Number, after.Version, after.Sections.Count).ShouldBe((published.Title, 1, published.Version, 3));

        // In a new year the numbers start again at 第1期.
        App.Clock.Advance(TimeSpan.FromDays(400));
        office = await App.SignInAsync("office1");
        var nextYear = ChinaTime.Today(App.Clock);
        var third = await DraftAsync(office, nextYear, nextYear);
        (await PublishAsync(office, third, (await BulletinAsync(third)).Version)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var thirdBulletin = await BulletinAsync(third);
        (thirdBulletin.Year, thirdBulletin.Number).ShouldBe((nextYear.Year, 1));
    }

    [Fact]
    public async Task TheFormRearrangesSectionsWithoutSavingUntilTheOfficeSaves()
    {
        var (_, office, _, today, _) = await BuildProgramAsync();
        var id = await DraftAsync(office, today, today);
        var bulletin = await BulletinAsync(id);
        var fields = new Dictionary<string, string> { ["Title"] = bulletin.Title, ["IssuingOrgan"] = bulletin.IssuingOrgan, ["Version"] = bulletin.Version.ToString() };
        var sections = bulletin.OrderedSections();
        for (var i = 0; i < sections.Count; i++)
        {
            fields[$"Sections[{i}].Heading"] = sections[i].Heading;
            fields[$"Sections[{i}].Text"] = sections[i].Text;
        }

        var moved = await (await office.PostFormAsync($"/bulletins/{id}/edit?handler=Move&index=1&by=-1", fields)).HtmlAsync();
        moved.QuerySelector("#unsaved").ShouldNotBeNull();
        moved.QuerySelector("#edit-bulletin input[name=__RequestVerificationToken]").ShouldNotBeNull();
        moved.QuerySelector("#edit-bulletin")!.GetAttribute("action").ShouldBe($"/bulletins/{id}/edit?handler=Save");
        moved.QuerySelectorAll("input[name$='.Heading']").Select(i => i.GetAttribute("value")).Take(2).ShouldBe(["各类别进展", "总体情况"]);
        var removed = await (await office.PostFormAsync($"/bulletins/{id}/edit?handler=Remove&index=5", fields)).HtmlAsync();
        removed.QuerySelectorAll("fieldset.section-edit").Length.ShouldBe(5);
        var added = await (await office.PostFormAsync($"/bulletins/{id}/edit?handler=Add", fields)).HtmlAsync();
        added.QuerySelectorAll("fieldset.section-edit").Length.ShouldBe(7);
        (await BulletinAsync(id)).Version.ShouldBe(bulletin.Version);

        // 删除 asks first; confirming removes the draft.
        (await (await office.GetAsync($"/bulletins/{id}/delete")).HtmlAsync()).QuerySelector("#confirm-delete").ShouldNotBeNull();
        var deleted = await office.PostFormAsync($"/bulletins/{id}/delete", new() { ["version"] = bulletin.Version.ToString() });
        deleted.Headers.Location!.ToString().ShouldBe("/bulletins");
        (await App.WithDbAsync(db => db.Bulletins.CountAsync())).ShouldBe(0);
        (await App.WithDbAsync(db => db.BulletinSections.CountAsync())).ShouldBe(0);
    }

    [Fact]
    public async Task EveryRoleReadsPublishedBulletinsButDraftsAreTheOfficesAlone()
    {
        var (_, office, _, today, _) = await BuildProgramAsync();
        var published = await DraftAsync(office, today, today);
        (await PublishAsync(office, published, (await BulletinAsync(published)).Version)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var draft = await DraftAsync(office, today, today);
        await App.AddUserAsync("admin1", Role.Admin);
        var others = new[] { await App.SignInAsync("czj"), await App.SignInAsync("leader1"), await App.SignInAsync("admin1") };

        foreach (var client in others)
        {
            var list = await (await client.GetAsync("/bulletins")).HtmlAsync();
            list.QuerySelectorAll("#published tbody tr").Select(tr => int.Parse(tr.GetAttribute("data-bulletin")!)).ShouldBe([published]);
            list.QuerySelector("#drafts").ShouldBeNull();
            list.QuerySelector("#new-bulletin").ShouldBeNull();
            (await client.GetAsync($"/bulletins/{published}")).StatusCode.ShouldBe(HttpStatusCode.OK);
            (await client.GetAsync($"/bulletins/{published}.docx")).StatusCode.ShouldBe(HttpStatusCode.OK);
            (await client.GetAsync($"/bulletins/{draft}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
            (await client.GetAsync($"/bulletins/{draft}.docx")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
            (await client.GetAsync($"/bulletins/{draft}.pdf")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
            (await client.GetAsync($"/api/v1/bulletins/{draft}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
            var api = JsonDocument.Parse(await client.GetStringAsync("/api/v1/bulletins")).RootElement;
            api.EnumerateArray().Select(b => b.GetProperty("id").GetInt32()).ShouldBe([published]);

            var token = await client.AntiforgeryTokenAsync("/ledger");
            (await client.PostFormWithTokenAsync("/bulletins/new", new() { ["From"] = Day(today), ["To"] = Day(today) }, token)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
            (await client.PostFormWithTokenAsync($"/bulletins/{draft}/edit?handler=Save", new() { ["Title"] = "改", ["IssuingOrgan"] = "改", ["Version"] = "0", ["Sections[0].Heading"] = "改" }, token))
                .StatusCode.ShouldBe(HttpStatusCode.Forbidden);
            (await client.PostFormWithTokenAsync($"/bulletins/{draft}/publish", new() { ["version"] = "0" }, token)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
            (await client.PostFormWithTokenAsync($"/bulletins/{draft}/delete", new() { ["version"] = "0" }, token)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        }
        var bulletins = await App.WithDbAsync(db => db.Bulletins.OrderBy(b => b.Id).Select(b => new { b.Title, b.State }).ToListAsync());
        bulletins.Select(b => (b.Title, b.State)).ShouldBe([("振兴发展工作简报", BulletinState.Published), ("振兴发展工作简报", BulletinState.Draft)]);

        // The Office sees both, in the API with their sections.
        var all = JsonDocument.Parse(await office.GetStringAsync("/api/v1/bulletins")).RootElement;
        all.EnumerateArray().Select(b => (b.GetProperty("id").GetInt32(), b.GetProperty("issueLine").GetString())).ShouldBe([(published, "第1期"), (draft, "（征求意见稿）")]);
        var detail = JsonDocument.Parse(await others[1].GetStringAsync($"/api/v1/bulletins/{published}")).RootElement;
        detail.GetProperty("number").GetInt32().ShouldBe(1);
        detail.GetProperty("sections")[0].GetProperty("heading").GetString().ShouldBe("一、总体情况");
        detail.GetProperty("sections")[0].GetProperty("paragraphs")[0].GetString()!.ShouldContain("共 5 项，已落实到位 2 项");
    }

    [Fact]
    public async Task ABadPeriodIsRefusedInChineseNamingTheField()
    {
        await App.AddUserAsync("office1", Role.Office);
        var office = await App.SignInAsync("office1");

        var form = await (await office.GetAsync("/bulletins/new")).HtmlAsync();
        var (from, to) = BulletinPeriod.LastMonth(ChinaTime.Today(App.Clock));
        (form.QuerySelector("#From")!.GetAttribute("value"), form.QuerySelector("#To")!.GetAttribute("value")).ShouldBe((Day(from), Day(to)));
        from.Day.ShouldBe(1);
        to.AddDays(1).Day.ShouldBe(1);

        var response = await office.PostFormAsync("/bulletins/new", new() { ["From"] = "2026-13-01", ["To"] = "" });
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var errors = (await response.HtmlAsync()).QuerySelector(".errors")!.TextContent;
        errors.ShouldContain("起始日期“2026-13-01”不是有效日期");
        errors.ShouldContain("请填写截止日期");
        response = await office.PostFormAsync("/bulletins/new", new() { ["From"] = "2026-10-31", ["To"] = "2026-10-01" });
        (await response.HtmlAsync()).QuerySelector(".errors")!.TextContent.ShouldContain("截止日期（2026-10-01）不能早于起始日期（2026-10-31）");
        (await App.WithDbAsync(db => db.Bulletins.CountAsync())).ShouldBe(0);
    }

    [Fact]
    public async Task WithoutLibreOfficeThePdfLinkSaysHowToInstallIt()
    {
        var (_, office, _, today, _) = await BuildProgramAsync();
        var id = await DraftAsync(office, today, today);
        using var withoutSoffice = App.WithWebHostBuilder(builder => builder.UseSetting("Bulletins:Soffice", "/nonexistent/soffice"));
        var client = withoutSoffice.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        (await client.PostFormAsync("/account/login", new() { ["UserName"] = "office1", ["Password"] = "correct-horse-9" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var response = await client.GetAsync($"/bulletins/{id}.pdf");
        response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        var message = await response.Content.ReadAsStringAsync();
        message.ShouldContain("生成 PDF 需要 LibreOffice");
        message.ShouldContain("apt-get install libreoffice-writer-nogui");
        var page = await (await client.GetAsync($"/bulletins/{id}")).HtmlAsync();
        page.QuerySelector("#download-pdf").ShouldBeNull();
        page.QuerySelector("#pdf-unavailable")!.TextContent.ShouldContain("LibreOffice");
        page.QuerySelector("#download-docx").ShouldNotBeNull();
    }
}

public sealed class BulletinTests_Postgres(PostgresApp app) : BulletinTests(app), IClassFixture<PostgresApp>;
public sealed class BulletinTests_Sqlite(SqliteApp app) : BulletinTests(app), IClassFixture<SqliteApp>;
