using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Zhenxing.IntegrationTests.Infrastructure;
using Zhenxing.Testing;
using Zhenxing.Web.Features.Imports;
using Zhenxing.Web.Features.Items;
using Zhenxing.Web.Features.Pairings;
using Zhenxing.Web.Features.Units;
using Zhenxing.Web.Features.Users;

namespace Zhenxing.IntegrationTests.Features.Imports;

public abstract class ImportTests(ZhenxingAppFactory app) : IntegrationTest(app)
{
    private async Task<HttpClient> OfficeAsync()
    {
        await App.AddUserAsync("office1", Role.Office);
        return await App.SignInAsync("office1");
    }

    private Task<int> CountAsync<T>() where T : class => App.WithDbAsync(db => db.Set<T>().CountAsync());

    [Fact]
    public async Task Seed002_PreviewShowsEveryCountAndStoresNothingUntilConfirmed()
    {
        var office = await OfficeAsync();

        var preview = await office.UploadAsync("002.txt", Seeds.Read("002"));
        var page = await (await office.GetAsync(preview)).HtmlAsync();

        var titles = page.QuerySelectorAll(".list-preview h2").Select(h => h.TextContent).ToList();
        titles.Count.ShouldBe(2);
        var attachment = page.QuerySelectorAll(".list-preview").Single(s => s.TextContent.Contains("声明共 113 项，识别 113 项"));
        var categories = attachment.QuerySelectorAll("table.categories tbody tr")
            .Select(r => r.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToArray())
            .ToDictionary(cells => cells[0].StartsWith('（') ? cells[0][..(cells[0].IndexOf('）') + 1)] : cells[0].Split('、')[0],
                cells => (Declared: cells[1], Found: cells[2]));
        categories["一"].ShouldBe(("11", "11"));
        categories["二"].ShouldBe(("13", "13"));
        categories["三"].ShouldBe(("89", "89"));
        categories["（一）"].ShouldBe(("38", "38"));
        categories["（七）"].ShouldBe(("5", "5"));
        attachment.QuerySelectorAll("tr.bad").ShouldBeEmpty();
        page.QuerySelector("#ready").ShouldNotBeNull();
        (await CountAsync<ItemList>()).ShouldBe(0);
        (await CountAsync<Item>()).ShouldBe(0);
        (await CountAsync<Unit>()).ShouldBe(0);

        var confirmed = await office.PostFormAsync(preview, [], handler: "Confirm");

        confirmed.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var imports = await (await office.GetAsync("/imports")).HtmlAsync();
        imports.QuerySelector(".notice")!.TextContent.ShouldContain("新建清单 2 个");
        (await CountAsync<ItemList>()).ShouldBe(2);
        (await CountAsync<Item>()).ShouldBe(21 + 113);
        var finance = await App.WithDbAsync(db => db.Items.CountAsync(i => i.Units.Any(u => u.Unit!.Name == "市财政局")));
        finance.ShouldBeGreaterThan(0);
        var declared = await App.WithDbAsync(db => db.Categories.Where(c => c.DeclaredCount != null).OrderBy(c => c.Id)
            .Select(c => new { c.Path, c.DeclaredCount }).ToListAsync());
        declared.Select(c => (c.Path, c.DeclaredCount!.Value)).ShouldBe(
        [
            ("一", 11), ("二", 13), ("三", 89), ("三/（一）", 38), ("三/（二）", 8), ("三/（三）", 11),
            ("三/（四）", 10), ("三/（五）", 10), ("三/（六）", 7), ("三/（七）", 5),
        ]);
    }

    [Fact]
    public async Task Seed001_ItemsKeepTheirUnitsAndDeadlines()
    {
        var office = await OfficeAsync();
        var preview = await office.UploadAsync("001.txt", Seeds.Read("001"));

        await office.PostFormAsync(preview, [], handler: "Confirm");

        var first = await App.WithDbAsync(db => db.Items.AsNoTracking()
            .Where(i => i.Category!.Path == "一" && i.Number == "1")
            .Select(i => new
            {
                i.Deadline, i.DeadlineText, i.Ongoing,
                Lead = i.Units.Where(u => u.Role == ItemUnitRole.Lead).Select(u => u.Unit!.Name).ToList(),
                Responsible = i.Units.Where(u => u.Role == ItemUnitRole.Responsible).OrderBy(u => u.Position).Select(u => u.Unit!.Name).ToList(),
            })
            .SingleAsync());
        first.Deadline.ShouldBe(new DateOnly(2021, 8, 31));
        first.DeadlineText.ShouldBe("8 月底前");
        first.Lead.ShouldBe(["区党群部"]);
        first.Responsible.ShouldBe(["区经发局", "潭东镇", "潭口镇", "高校园区管理处"]);
        (await App.WithDbAsync(db => db.Items.Select(i => i.Category!.Path).GroupBy(p => p).Select(g => new { g.Key, Count = g.Count() }).ToListAsync()))
            .ToDictionary(g => g.Key, g => g.Count).ShouldBe(new Dictionary<string, int> { ["一"] = 5, ["二"] = 11, ["三"] = 2 }, ignoreOrder: true);
        var second = await App.WithDbAsync(db => db.Items.AsNoTracking().SingleAsync(i => i.Category!.Path == "一" && i.Number == "2"));
        second.GroupReferences.ShouldNotBeNull();
        second.GroupReferences.ShouldContain("区直有关部门");
    }

    [Theory]
    [InlineData("docx")]
    [InlineData("xlsx")]
    public async Task Seed001AsWordOrExcelGivesTheSameLedgerAsTheText(string format)
    {
        var parsed = new Zhenxing.Importing.DocumentImporter().Parse(Seeds.Read("001"), "001.txt").Lists.Single();
        var rows = Zhenxing.UnitTests.Importing.OfficeFixtures.Rows(parsed);
        var content = format == "docx"
            ? Zhenxing.UnitTests.Importing.OfficeFixtures.Docx(parsed.Title, parsed.DeclaredTotal, rows)
            : Zhenxing.UnitTests.Importing.OfficeFixtures.Xlsx(("Sheet1", rows.Prepend([parsed.Title]).ToList()));
        var office = await OfficeAsync();

        var preview = await office.UploadAsync($"001.{format}", content, year: 2021);
        (await office.PostFormAsync(preview, [], handler: "Confirm")).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var items = await App.WithDbAsync(db => db.Items.AsNoTracking().OrderBy(i => i.Position)
            .Select(i => new { i.Number, i.Text, i.Deadline, Path = i.Category!.Path, Lead = i.Units.Where(u => u.Role == ItemUnitRole.Lead).Select(u => u.Unit!.Name).ToList() })
            .ToListAsync());
        items.Count.ShouldBe(18);
        items.Select(i => (i.Path, i.Number, i.Text, i.Deadline)).ShouldBe(parsed.Items.Select(i => (i.CategoryPath, i.Number, i.Text, i.Deadline)));
        items[0].Lead.ShouldBe(["区党群部"]);
    }

    [LibreOfficeFact]
    public async Task Seed001AsPdfUploadedOnThePageGivesTheSameLedgerAsTheText()
    {
        var parsed = new Zhenxing.Importing.DocumentImporter().Parse(Seeds.Read("001"), "001.txt").Lists.Single();
        var docx = Zhenxing.UnitTests.Importing.OfficeFixtures.Docx(parsed.Title, parsed.DeclaredTotal, Zhenxing.UnitTests.Importing.OfficeFixtures.Rows(parsed));
        var pdf = await Zhenxing.Importing.Converting.LibreOffice.ConvertAsync(
            Zhenxing.Importing.Converting.LibreOffice.Find()!, docx, "docx", "pdf", TimeSpan.FromSeconds(120), CancellationToken.None);
        var office = await OfficeAsync();

        var preview = await office.UploadAsync("001.pdf", pdf.Output.ShouldNotBeNull(pdf.StandardError));
        (await office.PostFormAsync(preview, [], handler: "Confirm")).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var items = await App.WithDbAsync(db => db.Items.AsNoTracking().OrderBy(i => i.Position)
            .Select(i => new { i.Number, i.Text, i.Deadline, Path = i.Category!.Path }).ToListAsync());
        items.Select(i => (i.Path, i.Number, i.Text, i.Deadline)).ShouldBe(parsed.Items.Select(i => (i.CategoryPath, i.Number, i.Text, i.Deadline)));
    }

    [Fact]
    public async Task Seed003_BuildsThePairingRegistry()
    {
        var office = await OfficeAsync();
        var preview = await office.UploadAsync("003.txt", Seeds.Read("003"));
        (await (await office.GetAsync(preview)).HtmlAsync()).QuerySelector("#pairings")!.TextContent
            .ShouldContain("61 个支援单位结对 43 个县（市、区）");

        await office.PostFormAsync(preview, [], handler: "Confirm");

        var scheme = await App.WithDbAsync(db => db.PairingSchemes.AsNoTracking().SingleAsync());
        scheme.DocumentNumber.ShouldBe("国办发〔2021〕15号");
        (scheme.StartYear, scheme.EndYear).ShouldBe((2021, 2030));
        var pairings = await App.WithDbAsync(db => db.Pairings.AsNoTracking().Include(p => p.County).ToListAsync());
        pairings.Count(p => p.Role == PairingRole.Supporting).ShouldBe(61);
        pairings.Where(p => p.Role == PairingRole.Supporting).Select(p => p.CountyUnitId).Distinct().Count().ShouldBe(43);
        pairings.Select(p => p.SupportingUnitId).Distinct().Count().ShouldBe(63);
        pairings.Count(p => p.Role == PairingRole.Coordinating).ShouldBe(2);
        pairings.Where(p => p.Role == PairingRole.Supporting).GroupBy(p => p.City).ToDictionary(g => g.Key!, g => g.Select(p => p.CountyUnitId).Distinct().Count())
            .ShouldBe(new Dictionary<string, int> { ["赣州市"] = 18, ["吉安市"] = 8, ["抚州市"] = 5, ["龙岩市"] = 7, ["三明市"] = 5 }, ignoreOrder: true);
        var zhanggong = pairings.First(p => p.County?.Name == "章贡区");
        zhanggong.CountyNote.ShouldBe("含赣州经济技术开发区");
        var ganzhou = await App.WithDbAsync(db => db.Units.SingleAsync(u => u.Name == "赣州市"));
        zhanggong.County!.ParentId.ShouldBe(ganzhou.Id);
        zhanggong.County.Kind.ShouldBe(UnitKind.County);
    }

    [Fact]
    public async Task TheSameDocumentUploadedAgainIsReportedAsAlreadyImported()
    {
        var office = await OfficeAsync();
        await office.PostFormAsync(await office.UploadAsync("v1.txt", ImportFixtures.Utf8(ImportFixtures.Version1)), [], handler: "Confirm");
        var itemsBefore = await CountAsync<Item>();

        var again = await office.UploadAsync("again.txt", ImportFixtures.Utf8(ImportFixtures.Version1));
        var page = await (await office.GetAsync(again)).HtmlAsync();
        page.QuerySelector("#blocker")!.TextContent.ShouldContain("不会重复导入");
        page.QuerySelector("button[formaction*=Confirm]").ShouldBeNull();
        var forced = await office.PostFormAsync(again, [], handler: "Confirm");

        forced.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var refusal = await forced.HtmlAsync();
        refusal.QuerySelector("#problems")!.TextContent.ShouldContain("该文件已确认导入，请勿重复确认");
        var listId = await App.WithDbAsync(db => db.ItemLists.Select(l => l.Id).SingleAsync());
        refusal.QuerySelector("#imported-lists a")!.GetAttribute("href").ShouldBe($"/lists/{listId}");
        (await CountAsync<Item>()).ShouldBe(itemsBefore);
        (await CountAsync<ItemList>()).ShouldBe(1);
    }

    [Fact]
    public async Task AChangedVersionShowsTheDifferenceAndAppliesItOnlyOnConfirmation()
    {
        var office = await OfficeAsync();
        await office.PostFormAsync(await office.UploadAsync("v1.txt", ImportFixtures.Utf8(ImportFixtures.Version1)), [], handler: "Confirm");

        var preview = await office.UploadAsync("v2.txt", ImportFixtures.Utf8(ImportFixtures.Version2));
        var diff = (await (await office.GetAsync(preview)).HtmlAsync()).QuerySelector(".diff")!;
        diff.TextContent.ShouldContain("新增 1 项，删除 1 项（确认后撤销，不删除记录），修改 1 项");
        diff.QuerySelector("li.added")!.TextContent.ShouldContain("事项丁");
        diff.QuerySelector("li.removed")!.TextContent.ShouldContain("事项乙");
        diff.QuerySelector("li.changed")!.TextContent.ShouldContain("完成时限");
        (await App.WithDbAsync(db => db.Items.CountAsync(i => i.WithdrawnAt == null))).ShouldBe(3);
        (await App.WithDbAsync(db => db.Items.AnyAsync(i => i.Text.StartsWith("事项丁")))).ShouldBeFalse();

        await office.PostFormAsync(preview, [], handler: "Confirm");

        var items = await App.WithDbAsync(db => db.Items.AsNoTracking().OrderBy(i => i.Position).ToListAsync());
        items.Count.ShouldBe(4);
        items.Single(i => i.Text.StartsWith("事项乙")).WithdrawnAt.ShouldNotBeNull();
        items.Single(i => i.Text.StartsWith("事项乙")).WithdrawnReason!.ShouldContain("v2.txt");
        items.Single(i => i.Text.StartsWith("事项甲")).Deadline.ShouldBe(new DateOnly(2021, 9, 30));
        items.Single(i => i.Text.StartsWith("事项丁")).WithdrawnAt.ShouldBeNull();
        (await CountAsync<ItemList>()).ShouldBe(1);
        var categoryCounts = await App.WithDbAsync(db => db.Categories.OrderBy(c => c.Path).Select(c => c.DeclaredCount).ToListAsync());
        categoryCounts.ShouldBe([1, 2]);
    }

    [Fact]
    public async Task ANumberRepeatedInACategoryKeepsBothItemsThroughANewVersion()
    {
        var office = await OfficeAsync();
        var repeated = ImportFixtures.Version1.Replace("2\t事项乙", "1\t事项乙");
        await office.PostFormAsync(await office.UploadAsync("dup1.txt", ImportFixtures.Utf8(repeated)), [], handler: "Confirm");
        (await CountAsync<Item>()).ShouldBe(3);

        var preview = await office.UploadAsync("dup2.txt", ImportFixtures.Utf8(repeated.Replace("事项乙：完善测试机制。", "事项乙：完善并落实测试机制。")));
        var diff = (await (await office.GetAsync(preview)).HtmlAsync()).QuerySelector(".diff")!;
        diff.TextContent.ShouldContain("新增 0 项，删除 0 项（确认后撤销，不删除记录），修改 1 项");
        await office.PostFormAsync(preview, [], handler: "Confirm");

        var texts = await App.WithDbAsync(db => db.Items.Where(i => i.WithdrawnAt == null).OrderBy(i => i.Position).Select(i => i.Text).ToListAsync());
        texts.ShouldBe(["事项甲：推进测试工作。", "事项乙：完善并落实测试机制。", "事项丙：持续开展测试。"]);
    }

    [Fact]
    public async Task AnUnknownUnitNameMappedToAnExistingUnitBecomesItsAlias()
    {
        var culture = await App.AddUnitAsync("市文化广电新闻出版旅游局");
        var office = await OfficeAsync();
        var preview = await office.UploadAsync("v1.txt", ImportFixtures.Utf8(ImportFixtures.Version1));
        var page = await (await office.GetAsync(preview)).HtmlAsync();
        var names = page.QuerySelectorAll("#unit-matches input[type=hidden]").Select(i => i.GetAttribute("value")!).ToList();
        names.ShouldBe(["市财政局", "市发改委", "市文广新旅局", "市教育局"], ignoreOrder: true);

        var fields = new Dictionary<string, string>();
        for (var i = 0; i < names.Count; i++)
        {
            fields[$"Choices[{i}].Name"] = names[i];
            fields[$"Choices[{i}].Action"] = names[i] == "市文广新旅局" ? "map" : "create:CityDepartment";
            fields[$"Choices[{i}].MapTo"] = names[i] == "市文广新旅局" ? "市文化广电新闻出版旅游局" : "";
        }
        (await office.PostFormAsync(preview, fields, handler: "Confirm")).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var lead = await App.WithDbAsync(db => db.ItemUnits.Where(u => u.Role == ItemUnitRole.Lead && u.UnitId == culture.Id).CountAsync());
        lead.ShouldBe(1);
        (await App.WithDbAsync(db => db.Units.FindByNameAsync("市文广新旅局")))!.Id.ShouldBe(culture.Id);
        (await App.WithDbAsync(db => db.Units.CountAsync())).ShouldBe(4);
    }

    [Fact]
    public async Task ItemsInDoubtAreMarkedAndConfirmingThemNeedsTheCheckbox()
    {
        var office = await OfficeAsync();
        var text = "2021年重点工作任务清单\n序号\t工作任务\t责任单位\n1\t推进项目建设\t市发改委、市财政局\n2\t加强资金保障\t加快推进项目建设\n";
        var preview = await office.UploadAsync("doubts.txt", ImportFixtures.Utf8(text));

        var page = await (await office.GetAsync(preview)).HtmlAsync();
        page.QuerySelector("#doubts-summary")!.TextContent.ShouldStartWith("2 项待核对");
        var reasons = page.QuerySelectorAll("tr.doubt .doubt-reasons").Select(p => p.TextContent).ToList();
        reasons.Count.ShouldBe(2);
        reasons[0].ShouldContain("导入台账时以排在第一位的“市发改委”为牵头单位");
        page.QuerySelector("tr.doubt td[data-label=牵头单位]")!.TextContent.ShouldBe("市发改委（按排位）");
        reasons[1].ShouldContain("单位名称“加快推进项目建设”不像机构名称");
        page.QuerySelector("#doubts-checked input[type=checkbox]").ShouldNotBeNull();

        var refused = await office.PostFormAsync(preview, [], handler: "Confirm");
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await refused.HtmlAsync()).QuerySelector("#problems")!.TextContent.ShouldContain("勾选“我已核对上述待核对事项”");
        (await CountAsync<Item>()).ShouldBe(0);

        (await office.PostFormAsync(preview, new() { ["DoubtsChecked"] = "true" }, handler: "Confirm")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await CountAsync<Item>()).ShouldBe(2);
        // Only 责任单位 printed: the ledger's lead is the first of them, the rest stay 责任单位.
        var units = await App.WithDbAsync(db => db.Items.Where(i => i.Number == "1").SelectMany(i => i.Units)
            .OrderBy(u => u.Role).ThenBy(u => u.Position).Select(u => new { u.Role, u.Unit!.Name }).ToListAsync());
        units.Select(u => (u.Role, u.Name)).ShouldBe([(ItemUnitRole.Lead, "市发改委"), (ItemUnitRole.Responsible, "市财政局")]);
    }

    [Fact]
    public async Task MappingToAUnitThatDoesNotExistIsRefusedAndNothingIsStored()
    {
        var office = await OfficeAsync();
        var preview = await office.UploadAsync("v1.txt", ImportFixtures.Utf8(ImportFixtures.Version1));

        var response = await office.PostFormAsync(preview, new()
        {
            ["Choices[0].Name"] = "市文广新旅局", ["Choices[0].Action"] = "map", ["Choices[0].MapTo"] = "市不存在局",
        }, handler: "Confirm");

        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await response.HtmlAsync()).QuerySelector("#problems")!.TextContent.ShouldContain("“市文广新旅局”要对应的单位“市不存在局”不在单位名录中");
        (await CountAsync<Unit>()).ShouldBe(0);
        (await CountAsync<Item>()).ShouldBe(0);
    }

    [Fact]
    public async Task ACountMismatchIsReportedWithTheCategoryAndBothNumbersAndCannotBeConfirmed()
    {
        var office = await OfficeAsync();
        var wrong = ImportFixtures.Version1.Replace("一、第一类 (2 项)", "一、第一类 (5 项)");

        var preview = await office.UploadAsync("wrong.txt", ImportFixtures.Utf8(wrong));
        var page = await (await office.GetAsync(preview)).HtmlAsync();

        var errors = page.QuerySelector("#errors")!.TextContent;
        errors.ShouldContain("第一类");
        errors.ShouldContain("5");
        errors.ShouldContain("2");
        page.QuerySelector("#blocker")!.TextContent.ShouldContain("错误");
        page.QuerySelector("button[formaction*=Confirm]").ShouldBeNull();
        (await office.PostFormAsync(preview, [], handler: "Confirm")).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await CountAsync<Item>()).ShouldBe(0);
    }

    [Fact]
    public async Task ADocumentWithNoListSaysWhichLayoutsWereTriedAndShowsTheFirstLines()
    {
        var office = await OfficeAsync();
        var notice = string.Join("\n", Enumerable.Range(1, 12).Select(i => $"第{i}段：请各科室做好年度总结工作。"));

        var preview = await office.UploadAsync("通知.txt", ImportFixtures.Utf8(notice));
        var page = await (await office.GetAsync(preview)).HtmlAsync();

        var errors = page.QuerySelector("#errors")!.TextContent;
        errors.ShouldContain("已尝试的版式");
        errors.ShouldContain("逐行单元格表格");
        errors.ShouldContain("标签行");
        page.QuerySelectorAll("#first-lines li").Select(li => li.TextContent).ShouldBe(
            Enumerable.Range(1, 8).Select(i => $"第{i}段：请各科室做好年度总结工作。"));
        page.QuerySelector("button[formaction*=Confirm]").ShouldBeNull();
        (await CountAsync<ItemList>()).ShouldBe(0);
    }

    [Fact]
    public async Task BinaryJunkGetsAClearMessageAndNothingIsStored()
    {
        var office = await OfficeAsync();
        var junk = new byte[4096];
        new Random(7).NextBytes(junk);

        var preview = await office.UploadAsync("junk.docx", junk);
        var page = await (await office.GetAsync(preview)).HtmlAsync();

        page.QuerySelector("#errors")!.TextContent.ShouldContain("第 1 行");
        page.QuerySelector("button[formaction*=Confirm]").ShouldBeNull();
        (await CountAsync<ItemList>()).ShouldBe(0);
    }

    [Fact]
    public async Task ADocxNested20000DeepIsRefusedOnThePreviewAndTheAppKeepsAnswering()
    {
        var office = await OfficeAsync();
        var watch = System.Diagnostics.Stopwatch.StartNew();

        var preview = await office.UploadAsync("嵌套.docx", Zhenxing.UnitTests.Importing.OfficeFixtures.NestedDocx(20_000));
        var page = await (await office.GetAsync(preview)).HtmlAsync();

        watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(10));
        page.QuerySelector("#errors")!.TextContent.ShouldContain("文档内部部件“word/document.xml”的元素嵌套超过 256 层，嵌套过深");
        page.QuerySelector("button[formaction*=Confirm]").ShouldBeNull();
        (await office.GetAsync("/imports")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await office.GetAsync(preview)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await CountAsync<ItemList>()).ShouldBe(0);
    }

    [Fact]
    public async Task AMillionCharacterItemOrTitleIsAnErrorNamingItsRowAndCannotBeConfirmed()
    {
        var office = await OfficeAsync();

        var longItem = await office.UploadAsync("长事项.txt", ImportFixtures.Utf8(ImportFixtures.Version1.Replace("事项甲：推进测试工作。", new string('长', 1_000_000))));
        var page = await (await office.GetAsync(longItem)).HtmlAsync();
        var longTitle = await office.UploadAsync("长标题.txt", ImportFixtures.Utf8(ImportFixtures.Version1.Replace("测试区 2021 年重点事项清单", new string('题', 1024 * 1024))));
        var titlePage = await (await office.GetAsync(longTitle)).HtmlAsync();

        page.QuerySelector("#errors")!.TextContent.ShouldContain("第 7 行第 2 列：该单元格有 1000000 字，超过导入上限 20000 字（事项内容最多 20000 字），整行未读取");
        page.QuerySelector("button[formaction*=Confirm]").ShouldBeNull();
        (await office.PostFormAsync(longItem, [], handler: "Confirm")).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        titlePage.QuerySelector("#errors")!.TextContent.ShouldContain("第 1 行：该行有 1048576 字，超过导入上限 20000 字");
        (await office.PostFormAsync(longTitle, [], handler: "Confirm")).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await CountAsync<Item>()).ShouldBe(0);
        (await CountAsync<ItemList>()).ShouldBe(0);
    }

    [Fact]
    public async Task AnUploadNameWithARightToLeftOverrideIsStoredAndListedWithoutIt()
    {
        var office = await OfficeAsync();

        await office.UploadAsync("清单\u202Etxt.exe", ImportFixtures.Utf8(ImportFixtures.Version1));

        (await App.WithDbAsync(db => db.SourceDocuments.AsNoTracking().SingleAsync())).FileName.ShouldBe("清单txt.exe");
        var history = await (await office.GetAsync("/imports")).Content.ReadAsStringAsync();
        history.ShouldContain("清单txt.exe");
        history.ShouldNotContain("\u202E");
    }

    [Fact]
    public async Task AnEmptyUploadIsRefusedOnTheUploadPage()
    {
        var office = await OfficeAsync();

        var response = await office.PostUploadAsync("empty.txt", []);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.HtmlAsync()).QuerySelector(".errors")!.TextContent.ShouldContain("文件“empty.txt”是空的");
        (await CountAsync<SourceDocument>()).ShouldBe(0);
    }

    [Fact]
    public async Task AFiftyMegabyteFileIsRefusedWithItsSize()
    {
        var office = await OfficeAsync();

        var response = await office.PostUploadAsync("huge.txt", new byte[50 * 1024 * 1024]);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.HtmlAsync()).QuerySelector(".errors")!.TextContent.ShouldContain("文件“huge.txt”有 50 MB，超过上限 20 MB");
        (await CountAsync<SourceDocument>()).ShouldBe(0);
    }

    [Fact]
    public async Task AnUploadOverSixtyFourMegabytesIsAnsweredWithTheLimitInChinese()
    {
        var office = await OfficeAsync();

        var response = await office.PostUploadAsync("巨大.txt", new byte[65 * 1024 * 1024]);

        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        (await response.HtmlAsync()).QuerySelector(".error-page")!.TextContent.ShouldContain("提交的内容有 65 MB，超过此页面允许的上限 64 MB，未处理");
        (await CountAsync<SourceDocument>()).ShouldBe(0);
        (await office.GetAsync("/imports")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task CancellingAPreviewLeavesTheLedgerUntouched()
    {
        var office = await OfficeAsync();
        var preview = await office.UploadAsync("v1.txt", ImportFixtures.Utf8(ImportFixtures.Version1));

        var response = await office.PostFormAsync(preview, [], handler: "Cancel");

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await (await office.GetAsync("/imports")).HtmlAsync()).QuerySelector(".notice")!.TextContent.ShouldContain("已取消导入“v1.txt”");
        (await CountAsync<SourceDocument>()).ShouldBe(0);
        (await CountAsync<Item>()).ShouldBe(0);
        (await office.GetAsync(preview)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task TwoConfirmationsOfTheSameUploadStoreItOnce()
    {
        var office = await OfficeAsync();
        var preview = await office.UploadAsync("v1.txt", ImportFixtures.Utf8(ImportFixtures.Version1));
        var id = int.Parse(preview.Split('/').Last());

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 2).Select(async _ =>
        {
            await using var scope = App.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<ConfirmImport>().RunAsync(id, new Dictionary<string, UnitDecision>(), CancellationToken.None);
        }));

        outcomes.Count(o => o is ImportOutcome.Confirmed).ShouldBe(1);
        var refused = outcomes.OfType<ImportOutcome.Refused>().Single();
        refused.Problems.Single().ShouldBe("该文件已确认导入，请勿重复确认。");
        refused.ImportedLists.ShouldHaveSingleItem();
        (await CountAsync<Item>()).ShouldBe(3);
        (await CountAsync<Unit>()).ShouldBe(4);
    }

    [Fact]
    public async Task UploadsOfOneFileConfirmedAtTheSameMomentStoreItOnce()
    {
        // The units are known, so that nothing but the claim on the file can stop a second copy.
        foreach (var unit in new[] { "市财政局", "市发改委", "市文广新旅局", "市教育局" })
        {
            await App.AddUnitAsync(unit);
        }
        var office = await OfficeAsync();
        var content = ImportFixtures.Utf8(ImportFixtures.Version1);
        // One upload confirmed from several tabs, and other uploads of the same file.
        var previews = new List<string> { await office.UploadAsync("v1.txt", content) };
        previews.Add(previews[0]);
        previews.Add(previews[0]);
        previews.Add(await office.UploadAsync("v1-again.txt", content));
        previews.Add(await office.UploadAsync("v1-copy.txt", content));
        var tokens = new List<string>();
        foreach (var preview in previews)
        {
            tokens.Add(await office.AntiforgeryTokenAsync(preview));
        }

        var responses = await Task.WhenAll(previews.Select((preview, i) => office.PostFormWithTokenAsync($"{preview}?handler=Confirm", [], tokens[i])));

        responses.Count(r => r.StatusCode == HttpStatusCode.Redirect).ShouldBe(1);
        var listId = await App.WithDbAsync(db => db.ItemLists.Select(l => l.Id).SingleAsync());
        foreach (var refused in responses.Where(r => r.StatusCode != HttpStatusCode.Redirect))
        {
            refused.StatusCode.ShouldBe(HttpStatusCode.Conflict);
            var page = await refused.HtmlAsync();
            page.QuerySelector("#problems")!.TextContent.ShouldContain("该文件已确认导入，请勿重复确认");
            page.QuerySelector("#imported-lists a")!.GetAttribute("href").ShouldBe($"/lists/{listId}");
        }
        var items = await App.WithDbAsync(db => db.Items.Select(i => i.Text).ToListAsync());
        items.Count.ShouldBe(3);
        items.ShouldBeUnique();
        (await App.WithDbAsync(db => db.SourceDocuments.CountAsync(d => d.ConfirmedAt != null))).ShouldBe(1);
    }

    [Fact]
    public async Task EveryImportedRowIsInTheAuditLog()
    {
        var office = await OfficeAsync();

        await office.PostFormAsync(await office.UploadAsync("v1.txt", ImportFixtures.Utf8(ImportFixtures.Version1)), [], handler: "Confirm");

        var audited = await App.WithDbAsync(db => db.AuditEntries.Where(a => a.Actor == "office1").GroupBy(a => a.EntityType)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count));
        audited["Item"].ShouldBe(3);
        audited["Unit"].ShouldBe(4);
        audited["ItemList"].ShouldBe(1);
        audited["Category"].ShouldBe(2);
        audited["ItemUnit"].ShouldBe(await CountAsync<ItemUnit>());
    }
}

public sealed class ImportTests_Postgres(PostgresApp app) : ImportTests(app), IClassFixture<PostgresApp>;
public sealed class ImportTests_Sqlite(SqliteApp app) : ImportTests(app), IClassFixture<SqliteApp>;
