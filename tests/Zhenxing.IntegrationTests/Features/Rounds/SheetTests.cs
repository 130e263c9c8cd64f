using System.IO.Compression;
using System.Net;
using DocumentFormat.OpenXml.Packaging;
using Microsoft.EntityFrameworkCore;
using Zhenxing.IntegrationTests.Infrastructure;
using Zhenxing.UnitTests.Importing;
using Zhenxing.Web.Features.Items;
using Zhenxing.Web.Features.Rounds;
using Zhenxing.Web.Features.Users;
using Zhenxing.Web.Infrastructure;
using S = DocumentFormat.OpenXml.Spreadsheet;

namespace Zhenxing.IntegrationTests.Features.Rounds;

public abstract class SheetTests(ZhenxingAppFactory app) : IntegrationTest(app)
{
    private static readonly string[] Header = ["事项编号", "清单", "序号", "事项名称", "单位", "角色", "截止日期", "进展状态", "进展情况", "存在问题及需协调事项", "数据"];

    private async Task<int> OpenRoundAsync(HttpClient office, int listId)
    {
        var today = ChinaTime.Today(App.Clock);
        var response = await office.PostFormAsync("/rounds", new()
        {
            ["Form.Name"] = "2021年上半年", ["Form.OpensOn"] = today.AddDays(-10).ToString("yyyy-MM-dd"), ["Form.DueOn"] = today.AddDays(20).ToString("yyyy-MM-dd"),
            ["Form.Lists"] = listId.ToString(), ["Form.IncludeResponsibleUnits"] = "false",
        });
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        return int.Parse(response.Headers.Location!.ToString().Split('/').Last());
    }

    private static async Task<byte[]> DownloadAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        return await response.Content.ReadAsByteArrayAsync();
    }

    /// <summary>The first sheet's rows as text, by column letter order; numbers as written.</summary>
    private static List<string[]> ReadSheet(byte[] content)
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(content), false);
        new DocumentFormat.OpenXml.Validation.OpenXmlValidator().Validate(document).Select(e => $"{e.Path?.XPath}: {e.Description}").ShouldBeEmpty();
        var part = (WorksheetPart)document.WorkbookPart!.GetPartById(document.WorkbookPart.Workbook!.Sheets!.Elements<S.Sheet>().First().Id!);
        return part.Worksheet!.Descendants<S.Row>()
            .Select(r => r.Elements<S.Cell>().Select(c => c.InlineString?.InnerText ?? c.CellValue?.Text ?? "").ToArray())
            .ToList();
    }

    /// <summary>The downloaded sheet with some cells changed, as a liaison does in Excel.</summary>
    private static byte[] Fill(byte[] sheet, Dictionary<string, string> cells)
    {
        using var stream = new MemoryStream();
        stream.Write(sheet);
        using (var document = SpreadsheetDocument.Open(stream, true))
        {
            var part = document.WorkbookPart!.WorksheetParts.First();
            foreach (var (reference, text) in cells)
            {
                var cell = part.Worksheet!.Descendants<S.Cell>().Single(c => c.CellReference?.Value == reference);
                cell.CellValue = null;
                cell.DataType = S.CellValues.InlineString;
                cell.InlineString = new S.InlineString(new S.Text(text));
            }
        }
        return stream.ToArray();
    }

    /// <summary>A sheet as Excel saves it: every text in the shared string table, referenced by index.</summary>
    private static byte[] SharedStringSheet(IEnumerable<string[]> rows)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, DocumentFormat.OpenXml.SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new S.Workbook(new S.Sheets());
            var strings = new List<string>();
            var data = new S.SheetData();
            uint r = 1;
            foreach (var cells in rows)
            {
                var row = new S.Row { RowIndex = r };
                for (var c = 0; c < cells.Length; c++)
                {
                    if (cells[c].Length > 0)
                    {
                        strings.Add(cells[c]);
                        row.Append(new S.Cell { CellReference = $"{(char)('A' + c)}{r}", DataType = S.CellValues.SharedString, CellValue = new S.CellValue(strings.Count - 1) });
                    }
                }
                data.Append(row);
                r++;
            }
            workbook.AddNewPart<SharedStringTablePart>().SharedStringTable = new S.SharedStringTable(strings.Select(s => new S.SharedStringItem(new S.Text(s))));
            var part = workbook.AddNewPart<WorksheetPart>();
            part.Worksheet = new S.Worksheet(data);
            workbook.Workbook.Sheets!.Append(new S.Sheet { Name = "Sheet1", SheetId = 1, Id = workbook.GetIdOfPart(part) });
        }
        return stream.ToArray();
    }

    /// <summary>Posts the file through the upload form of <paramref name="formPage"/>, like a browser.</summary>
    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string formPage, int roundId, string fileName, byte[] content)
    {
        var token = await client.AntiforgeryTokenAsync(formPage);
        using var form = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" }, { new ByteArrayContent(content), "Upload", fileName } };
        return await client.PostAsync($"/rounds/{roundId}/sheet", form);
    }

    /// <summary>Presses a confirmation button of the preview with the form's hidden fields.</summary>
    private static async Task<HttpResponseMessage> ConfirmAsync(HttpClient client, int roundId, AngleSharp.Html.Dom.IHtmlDocument preview, bool submit)
    {
        var form = preview.QuerySelector("#sheet-confirm").ShouldNotBeNull();
        var fields = form.QuerySelectorAll("input[type=hidden]").ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value") ?? "");
        if (submit)
        {
            fields["submit"] = "1";
        }
        return await client.PostAsync($"/rounds/{roundId}/sheet?handler=Confirm", new FormUrlEncodedContent(fields));
    }

    private static List<string> Outcomes(AngleSharp.Html.Dom.IHtmlDocument page) =>
        page.QuerySelectorAll("#sheet-preview tbody td.outcome").Select(td => td.TextContent.Trim()).ToList();

    [Fact]
    public async Task TheDownloadedSheetHasTheOfficialColumnsAndExactlyTheUnitsItemsWithItsDraftText()
    {
        var data = await App.CreateSmallListAsync();
        await App.AddUserAsync("office1", Role.Office);
        await App.AddUserAsync("czj", Role.Liaison, unitId: data.Finance);
        var roundId = await OpenRoundAsync(await App.SignInAsync("office1"), data.ListId);
        var liaison = await App.SignInAsync("czj");
        await liaison.PostFormAsync($"/rounds/{roundId}/items/{data.Later}/report", new()
        {
            ["Status"] = "PositiveProgress", ["Narrative"] = "已完成选址论证。", ["Problems"] = "用地指标不足", ["Figures"] = "", ["Version"] = "0",
        });

        var inbox = await (await liaison.GetAsync("/inbox")).HtmlAsync();
        inbox.QuerySelector($"a[href='/rounds/{roundId}/sheet']")!.TextContent.ShouldBe("下载报送表");
        inbox.QuerySelector("form.sheet-upload button")!.TextContent.ShouldBe("上传报送表");
        var response = await liaison.GetAsync($"/rounds/{roundId}/sheet");
        response.Content.Headers.ContentDisposition!.FileNameStar.ShouldBe("2021年上半年-市财政局-报送表.xlsx");
        var content = await response.Content.ReadAsByteArrayAsync();

        var rows = ReadSheet(content);
        rows[0].ShouldBe(Header);
        rows.Count.ShouldBe(3);
        rows.Skip(1).Select(r => int.Parse(r[0])).ShouldBe([data.Overdue, data.Later]);
        rows[1][1..8].ShouldBe(["测试清单", "1", "推进瑞金机场前期工作", "市财政局", "牵头", ChinaTime.Today(App.Clock).AddDays(-5).ToString("yyyy-MM-dd"), ""]);
        rows[2][7..10].ShouldBe(["取得积极进展", "已完成选址论证。", "用地指标不足"]);
        using var document = SpreadsheetDocument.Open(new MemoryStream(content), false);
        new DocumentFormat.OpenXml.Validation.OpenXmlValidator().Validate(document).Select(e => $"{e.Path?.XPath}: {e.Description}").ShouldBeEmpty();
        var worksheet = document.WorkbookPart!.WorksheetParts.Single().Worksheet!;
        worksheet.Descendants<S.Pane>().Single().State!.Value.ShouldBe(S.PaneStateValues.Frozen);
        var validation = worksheet.Descendants<S.DataValidation>().Single();
        validation.Formula1!.Text.ShouldBe("\"未启动,推进中,取得积极进展,落实到位,受阻\"");
        validation.SequenceOfReferences!.InnerText.ShouldStartWith("H2:H");

        // The Office gets the whole round, or one unit's part of it.
        var office = await App.SignInAsync("office1");
        ReadSheet(await DownloadAsync(office, $"/rounds/{roundId}/sheet")).Count.ShouldBe(1 + 5);
        ReadSheet(await DownloadAsync(office, $"/rounds/{roundId}/sheet?unit={data.Development}")).Skip(1).Select(r => int.Parse(r[0])).ShouldBe([data.Soon, data.Ongoing]);
        (await liaison.GetAsync($"/rounds/{roundId}/sheet?unit={data.Development}")).Content.Headers.ContentDisposition!.FileNameStar.ShouldBe("2021年上半年-市财政局-报送表.xlsx");
    }

    [Fact]
    public async Task TheDownloadedSheetCutsAnItemTextLongerThanAnExcelCellTakesWithAVisibleMarker()
    {
        var data = await App.CreateSmallListAsync();
        await App.AddUserAsync("office1", Role.Office);
        var office = await App.SignInAsync("office1");
        await App.WithDbAsync(db => db.Items.Where(i => i.Id == data.Overdue).ExecuteUpdateAsync(s => s.SetProperty(i => i.Text, new string('长', 40_000))));
        var roundId = await OpenRoundAsync(office, data.ListId);

        var rows = ReadSheet(await DownloadAsync(office, $"/rounds/{roundId}/sheet"));

        rows.SelectMany(r => r).ShouldAllBe(text => text.Length <= 32_767);
        var row = rows.Single(r => r[0] == data.Overdue.ToString());
        row[3].ShouldBe(new string('长', 32_767 - "…（超出Excel单元格长度，已截断）".Length) + "…（超出Excel单元格长度，已截断）");
    }

    [Fact]
    public async Task OnlyTheOfficeAndLiaisonsGetSheets()
    {
        var data = await App.CreateSmallListAsync();
        await App.AddUserAsync("office1", Role.Office);
        await App.AddUserAsync("leader1", Role.Leader);
        var roundId = await OpenRoundAsync(await App.SignInAsync("office1"), data.ListId);

        var leader = await App.SignInAsync("leader1");
        (await leader.GetAsync($"/rounds/{roundId}/sheet")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await leader.GetStringAsync($"/rounds/{roundId}")).ShouldNotContain("上传报送表");
        (await App.CreateBrowser().GetAsync($"/rounds/{roundId}/sheet")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await (await App.SignInAsync("office1")).GetAsync($"/rounds/{roundId + 1}/sheet")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task AFilledSheetIsPreviewedWithoutStoringAndSubmittedOnConfirmation()
    {
        var data = await App.CreateSmallListAsync();
        await App.AddUserAsync("office1", Role.Office);
        await App.AddUserAsync("czj", Role.Liaison, unitId: data.Finance);
        var roundId = await OpenRoundAsync(await App.SignInAsync("office1"), data.ListId);
        var liaison = await App.SignInAsync("czj");
        var sheet = Fill(await DownloadAsync(liaison, $"/rounds/{roundId}/sheet"), new()
        {
            ["H2"] = "推进中", ["I2"] = "机场前期工作已完成可研报告。", ["J2"] = "空域协调待民航局批复",
            ["H3"] = "取得积极进展", ["I3"] = "示范项目已完成选址。", ["K3"] = "投资 3000 万元",
        });

        var preview = await UploadAsync(liaison, "/inbox", roundId, "报送表.xlsx", sheet);

        preview.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = await preview.HtmlAsync();
        page.QuerySelectorAll("#sheet-preview tbody tr").Length.ShouldBe(2);
        page.QuerySelector("#sheet-preview")!.TextContent.ShouldContain("机场前期工作已完成可研报告。");
        Outcomes(page).ShouldBe(["将提交", "将提交"]);
        (await App.WithDbAsync(db => db.ProgressReports.AnyAsync())).ShouldBeFalse();

        var confirmed = await ConfirmAsync(liaison, roundId, page, submit: true);

        confirmed.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        confirmed.Headers.Location!.ToString().ShouldBe("/inbox");
        var reports = await App.WithDbAsync(db => db.ProgressReports.AsNoTracking().OrderBy(p => p.ItemId).ToListAsync());
        reports.Select(p => (p.ItemId, p.UnitId, p.State, p.Status, p.Narrative, p.Problems, p.Figures)).ShouldBe([
            (data.Overdue, data.Finance, ReportState.Submitted, ItemStatus.InProgress, "机场前期工作已完成可研报告。", "空域协调待民航局批复", null),
            (data.Later, data.Finance, ReportState.Submitted, ItemStatus.PositiveProgress, "示范项目已完成选址。", null, "投资 3000 万元"),
        ]);
        (await App.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.EntityType == nameof(ProgressReport)))).ShouldBe(2);
        (await (await liaison.GetAsync("/inbox")).HtmlAsync()).QuerySelector(".notice")!.TextContent.ShouldContain("提交 2 份报送");

        // The same sheet again: what was submitted is unchanged and skipped; a change to it is refused.
        var again = await (await UploadAsync(liaison, "/inbox", roundId, "报送表.xlsx", sheet)).HtmlAsync();
        Outcomes(again).ShouldBe(["已报送，内容未改动，不保存", "已报送，内容未改动，不保存"]);
        var changed = await (await UploadAsync(liaison, "/inbox", roundId, "报送表.xlsx", Fill(sheet, new() { ["I3"] = "改过的内容" }))).HtmlAsync();
        changed.QuerySelector("#sheet-errors")!.TextContent.ShouldContain("第 3 行：市财政局的这份报送已提交，等待振兴办审核，不能再修改");
        changed.QuerySelector("#sheet-confirm").ShouldBeNull();
    }

    [Fact]
    public async Task EveryErrorNamesItsRowAndColumnAndConfirmingStoresNothing()
    {
        var data = await App.CreateSmallListAsync();
        await App.AddUserAsync("office1", Role.Office);
        await App.AddUserAsync("czj", Role.Liaison, unitId: data.Finance);
        var roundId = await OpenRoundAsync(await App.SignInAsync("office1"), data.ListId);
        var liaison = await App.SignInAsync("czj");
        var sheet = OfficeFixtures.Xlsx(("报送表", [
            Header,
            [data.Overdue.ToString(), "", "", "", "市财政局", "", "", "进行中", "已开工。", "", ""],
            ["99999", "", "", "", "", "", "", "推进中", "已开工。", "", ""],
            [data.Later.ToString(), "", "", "", "市财政局", "", "", "推进中", "", "", ""],
            [data.Soon.ToString(), "", "", "", "市发改委", "", "", "推进中", "替发改委报送。", "", ""],
        ]));

        var page = await (await UploadAsync(liaison, "/inbox", roundId, "报送表.xlsx", sheet)).HtmlAsync();

        var errors = page.QuerySelector("#sheet-errors")!.TextContent;
        errors.ShouldContain("第 2 行 H 列：状态“进行中”无效，应为 未启动、推进中、取得积极进展、落实到位、受阻");
        errors.ShouldContain("第 3 行 A 列：没有编号为 99999 的事项");
        errors.ShouldContain("第 4 行 I 列：进展情况为空，不能提交");
        errors.ShouldContain("第 5 行 E 列：单位“市发改委”不是本单位，只能报送本单位的事项");
        Outcomes(page)[2].ShouldStartWith("将保存为草稿");
        Outcomes(page)[2].ShouldContain("不能提交：第 4 行 I 列：进展情况为空，不能提交");
        page.QuerySelector("#sheet-confirm").ShouldBeNull();

        // A confirmation posted anyway (the file travels with it) is checked again and refused.
        var fields = new Dictionary<string, string> { ["SheetContent"] = Convert.ToBase64String(sheet), ["FileName"] = "报送表.xlsx", ["submit"] = "1" };
        var token = await liaison.AntiforgeryTokenAsync("/inbox");
        var refused = await liaison.PostFormWithTokenAsync($"/rounds/{roundId}/sheet?handler=Confirm", fields, token);
        refused.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await refused.HtmlAsync()).QuerySelector("#problem")!.TextContent.ShouldContain("未保存任何内容");
        fields.Remove("submit");
        (await liaison.PostFormWithTokenAsync($"/rounds/{roundId}/sheet?handler=Confirm", fields, token)).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await App.WithDbAsync(db => db.ProgressReports.AnyAsync())).ShouldBeFalse();
    }

    [Fact]
    public async Task TheOfficeUploadsOneSheetForSeveralUnitsInAnyColumnOrder()
    {
        var data = await App.CreateSmallListAsync();
        await App.AddUserAsync("office1", Role.Office);
        var office = await App.SignInAsync("office1");
        var roundId = await OpenRoundAsync(office, data.ListId);
        (await (await office.GetAsync($"/rounds/{roundId}")).HtmlAsync()).QuerySelector("#sheet-tools")!.TextContent.ShouldContain("下载报送表");
        // Columns reordered, an extra column, a title row above the header, a blank row, a unit named by its alias.
        var sheet = SharedStringSheet([
            ["2021年上半年进展情况汇总"],
            ["进展情况", "备注", "事项编号", "单位", "进展状态"],
            ["财政局：机场可研已完成。", "电话报送", data.Overdue.ToString(), "市财政局", "推进中"],
            [],
            ["发改委：港口项目已上报。", "", data.Soon.ToString(), "市发展改革委", "取得积极进展"],
            ["教育局：干部学院扩建已竣工。", "", data.Done.ToString(), "", "落实到位"],
            ["", "", data.Ongoing.ToString(), "市发改委", ""],
        ]);

        var page = await (await UploadAsync(office, $"/rounds/{roundId}", roundId, "汇总.xlsx", sheet)).HtmlAsync();

        page.QuerySelector("#sheet-errors").ShouldBeNull();
        Outcomes(page).ShouldBe(["将提交", "将提交", "将提交", "未填写，不保存"]);
        page.QuerySelectorAll("#sheet-preview tbody tr").Select(tr => tr.Children[0].TextContent).ShouldBe(["3", "5", "6", "7"]);
        (await App.WithDbAsync(db => db.ProgressReports.AnyAsync())).ShouldBeFalse();
        var confirmed = await ConfirmAsync(office, roundId, page, submit: true);

        confirmed.Headers.Location!.ToString().ShouldBe($"/rounds/{roundId}");
        var reports = await App.WithDbAsync(db => db.ProgressReports.AsNoTracking().OrderBy(p => p.ItemId).ToListAsync());
        reports.Select(p => (p.ItemId, p.UnitId, p.State, p.UpdatedByName)).ShouldBe([
            (data.Overdue, data.Finance, ReportState.Submitted, "office1"),
            (data.Soon, data.Development, ReportState.Submitted, "office1"),
            (data.Done, data.Education, ReportState.Submitted, "office1"),
        ]);
        reports[2].Status.ShouldBe(ItemStatus.Done);
        (await (await office.GetAsync($"/rounds/{roundId}")).HtmlAsync()).QuerySelector(".notice")!.TextContent.ShouldContain("提交 3 份报送");
    }

    [Fact]
    public async Task ADraftChangedOnTheWebAfterThePreviewIsNotOverwritten()
    {
        var data = await App.CreateSmallListAsync();
        await App.AddUserAsync("office1", Role.Office);
        await App.AddUserAsync("czj", Role.Liaison, unitId: data.Finance);
        var roundId = await OpenRoundAsync(await App.SignInAsync("office1"), data.ListId);
        var liaison = await App.SignInAsync("czj");
        var url = $"/rounds/{roundId}/items/{data.Later}/report";
        await liaison.PostFormAsync(url, new() { ["Status"] = "InProgress", ["Narrative"] = "网页草稿", ["Problems"] = "", ["Figures"] = "", ["Version"] = "0" });
        var sheet = Fill(await DownloadAsync(liaison, $"/rounds/{roundId}/sheet"), new() { ["H2"] = "推进中", ["I2"] = "表格内容", ["I3"] = "表格草稿" });
        var page = await (await UploadAsync(liaison, "/inbox", roundId, "报送表.xlsx", sheet)).HtmlAsync();
        Outcomes(page).ShouldBe(["将提交", "将提交"]);

        var draft = await App.WithDbAsync(db => db.ProgressReports.AsNoTracking().SingleAsync());
        await liaison.PostFormAsync(url, new() { ["Status"] = "InProgress", ["Narrative"] = "网页上的新修改", ["Problems"] = "", ["Figures"] = "", ["Version"] = draft.Version.ToString() });
        var refused = await ConfirmAsync(liaison, roundId, page, submit: false);

        refused.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var again = await refused.HtmlAsync();
        again.QuerySelector("#problem")!.TextContent.ShouldContain("第 3 行的报送在您预览之后已被修改，未保存任何内容");
        (await App.WithDbAsync(db => db.ProgressReports.AsNoTracking().Select(p => p.Narrative).ToListAsync())).ShouldBe(["网页上的新修改"]);

        // Confirming the refreshed preview is a deliberate choice: the sheet's text is saved, as drafts.
        (await ConfirmAsync(liaison, roundId, again, submit: false)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var reports = await App.WithDbAsync(db => db.ProgressReports.AsNoTracking().OrderBy(p => p.ItemId).ToListAsync());
        reports.Select(p => (p.ItemId, p.State, p.Narrative)).ShouldBe([(data.Overdue, ReportState.Draft, "表格内容"), (data.Later, ReportState.Draft, "表格草稿")]);
    }

    [Fact]
    public async Task ARowForAUnitThatDoesNotOweTheItemIsAnErrorForTheOffice()
    {
        var data = await App.CreateSmallListAsync();
        await App.AddUserAsync("office1", Role.Office);
        var office = await App.SignInAsync("office1");
        var roundId = await OpenRoundAsync(office, data.ListId);
        var sheet = OfficeFixtures.Xlsx(("Sheet1", [
            Header,
            [data.Overdue.ToString(), "", "", "", "市教育局", "", "", "推进中", "x", "", ""],
            [data.Later.ToString(), "", "", "", "不存在的局", "", "", "推进中", "x", "", ""],
        ]));

        var page = await (await UploadAsync(office, $"/rounds/{roundId}", roundId, "a.xlsx", sheet)).HtmlAsync();

        var errors = page.QuerySelector("#sheet-errors")!.TextContent;
        errors.ShouldContain("第 2 行 E 列：市教育局在本轮次中无需报送该事项（应报送单位：市财政局）");
        errors.ShouldContain("第 3 行 E 列：单位名录中没有“不存在的局”");
    }

    [Fact]
    public async Task AFileThatIsNotAFilledSheetGetsAClearMessageAndNothingIsStored()
    {
        var data = await App.CreateSmallListAsync();
        await App.AddUserAsync("office1", Role.Office);
        await App.AddUserAsync("czj", Role.Liaison, unitId: data.Finance);
        var roundId = await OpenRoundAsync(await App.SignInAsync("office1"), data.ListId);
        var liaison = await App.SignInAsync("czj");

        async Task<string> ProblemAsync(string name, byte[] content)
        {
            var response = await UploadAsync(liaison, "/inbox", roundId, name, content);
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            var page = await response.HtmlAsync();
            page.QuerySelector("#sheet-confirm").ShouldBeNull();
            return page.QuerySelector("#problem")!.TextContent;
        }

        (await ProblemAsync("进展.txt", "事项编号\t进展状态\n1\t推进中"u8.ToArray())).ShouldContain("该文件不是 Excel 表格（.xlsx）");
        (await ProblemAsync("空.xlsx", [])).ShouldContain("文件是空的");
        (await ProblemAsync("别的表.xlsx", OfficeFixtures.Xlsx(("Sheet1", [["序号", "事项名称"], ["1", "x"]])))).ShouldContain("未找到报送表的表头");
        (await ProblemAsync("只有表头.xlsx", OfficeFixtures.Xlsx(("Sheet1", [Header])))).ShouldContain("没有任何事项行");
        (await ProblemAsync("坏.xlsx", new byte[] { (byte)'P', (byte)'K', 3, 4, 0, 0, 0, 0 })).ShouldContain("文件已损坏");
        (await ProblemAsync("大.xlsx", new byte[3 * 1024 * 1024])).ShouldContain("超过报送表上限 2 MB");

        using var bomb = new MemoryStream();
        using (var zip = new ZipArchive(bomb, ZipArchiveMode.Create, leaveOpen: true))
        {
            zip.CreateEntry("xl/workbook.xml");
            await using var entry = zip.CreateEntry("xl/worksheets/sheet1.xml", CompressionLevel.SmallestSize).Open();
            var zeros = new byte[1024 * 1024];
            for (var i = 0; i < 100; i++)
            {
                await entry.WriteAsync(zeros);
            }
        }
        (await ProblemAsync("炸弹.xlsx", bomb.ToArray())).ShouldContain("疑似压缩炸弹");
        (await App.WithDbAsync(db => db.ProgressReports.AnyAsync())).ShouldBeFalse();
    }

    [Fact]
    public async Task ASheetNested40000DeepIsRefusedQuicklyAndTheAppKeepsAnswering()
    {
        var data = await App.CreateSmallListAsync();
        await App.AddUserAsync("office1", Role.Office);
        await App.AddUserAsync("czj", Role.Liaison, unitId: data.Finance);
        var roundId = await OpenRoundAsync(await App.SignInAsync("office1"), data.ListId);
        var liaison = await App.SignInAsync("czj");
        var watch = System.Diagnostics.Stopwatch.StartNew();

        var response = await UploadAsync(liaison, "/inbox", roundId, "嵌套.xlsx", OfficeFixtures.NestedXlsx(Header, 40_000));

        watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(10));
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = await response.HtmlAsync();
        page.QuerySelector("#sheet-confirm").ShouldBeNull();
        page.QuerySelector("#problem")!.TextContent.ShouldContain("的元素嵌套超过 256 层，嵌套过深");
        (await liaison.GetAsync("/inbox")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await App.WithDbAsync(db => db.ProgressReports.AnyAsync())).ShouldBeFalse();
    }

    [Fact]
    public async Task AnUploadOverTheSheetPagesLimitIsAnsweredWithTheLimitInChinese()
    {
        var data = await App.CreateSmallListAsync();
        await App.AddUserAsync("office1", Role.Office);
        await App.AddUserAsync("czj", Role.Liaison, unitId: data.Finance);
        var roundId = await OpenRoundAsync(await App.SignInAsync("office1"), data.ListId);
        var liaison = await App.SignInAsync("czj");

        var response = await UploadAsync(liaison, "/inbox", roundId, "大.xlsx", new byte[9 * 1024 * 1024]);

        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        (await response.HtmlAsync()).QuerySelector(".error-page")!.TextContent.ShouldContain("提交的内容有 9 MB，超过此页面允许的上限 8 MB，未处理");
        (await liaison.GetAsync("/inbox")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}

public sealed class SheetTests_Postgres(PostgresApp app) : SheetTests(app), IClassFixture<PostgresApp>;
public sealed class SheetTests_Sqlite(SqliteApp app) : SheetTests(app), IClassFixture<SqliteApp>;
