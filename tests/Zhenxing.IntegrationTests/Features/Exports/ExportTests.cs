using System.Net;
using System.Text;
using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using Microsoft.EntityFrameworkCore;
using Zhenxing.IntegrationTests.Infrastructure;
using Zhenxing.Testing;
using Zhenxing.Web.Features.Exports;
using Zhenxing.Web.Features.Items;
using Zhenxing.Web.Features.Users;
using S = DocumentFormat.OpenXml.Spreadsheet;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace Zhenxing.IntegrationTests.Features.Exports;

public abstract class ExportTests(ZhenxingAppFactory app) : IntegrationTest(app)
{
    private static readonly string[] Columns = ["序号", "事项名称", "牵头单位", "责任单位", "完成时限", "进展情况", "状态", "台账编号"];

    /// <summary>What a round trip must keep: lists, categories with declared counts, items with units and deadline wording.</summary>
    private sealed record ItemSnapshot(string Category, string Number, string Text, string Lead, string Responsible, string? Groups, string? DeadlineText, DateOnly? Deadline, bool Ongoing);

    private sealed record ListSnapshot(string Title, string? DocumentNumber, int Year, Zhenxing.Importing.ItemListKind Kind, int? DeclaredTotal, List<string> Categories, List<ItemSnapshot> Items);

    private Task<List<ListSnapshot>> SnapshotAsync() => App.WithDbAsync(async db =>
    {
        var lists = await db.ItemLists.AsNoTracking().OrderBy(l => l.Id)
            .Select(l => new
            {
                l.Title, l.DocumentNumber, l.Year, l.Kind, l.DeclaredTotal,
                Categories = l.Categories.OrderBy(c => c.ParentId == null ? c.Position : c.Parent!.Position).ThenBy(c => c.ParentId != null).ThenBy(c => c.Position)
                    .Select(c => c.Path + " " + c.Number + " " + c.Title + " " + c.DeclaredCount).ToList(),
                Items = l.Items.Where(i => i.WithdrawnAt == null).OrderBy(i => i.Position).Select(i => new
                {
                    Category = i.Category == null ? "" : i.Category.Path,
                    i.Number, i.Text, i.GroupReferences, i.DeadlineText, i.Deadline, i.Ongoing,
                    Units = i.Units.OrderBy(u => u.Position).Select(u => new { u.Role, u.Unit!.Name }).ToList(),
                }).ToList(),
            })
            .AsSplitQuery().ToListAsync();
        return lists.Select(l => new ListSnapshot(l.Title, l.DocumentNumber, l.Year, l.Kind, l.DeclaredTotal, l.Categories,
            l.Items.Select(i => new ItemSnapshot(i.Category, i.Number, i.Text,
                string.Join("、", i.Units.Where(u => u.Role == ItemUnitRole.Lead).Select(u => u.Name)),
                string.Join("、", i.Units.Where(u => u.Role == ItemUnitRole.Responsible).Select(u => u.Name)),
                i.GroupReferences, i.DeadlineText, i.Deadline, i.Ongoing)).ToList())).ToList();
    });

    private static void ShouldBeSameLedger(List<ListSnapshot> actual, List<ListSnapshot> expected)
    {
        actual.Count.ShouldBe(expected.Count);
        for (var l = 0; l < expected.Count; l++)
        {
            var (a, e) = (actual[l], expected[l]);
            (a.Title, a.DocumentNumber, a.Year, a.Kind, a.DeclaredTotal).ShouldBe((e.Title, e.DocumentNumber, e.Year, e.Kind, e.DeclaredTotal));
            a.Categories.ShouldBe(e.Categories);
            a.Items.Count.ShouldBe(e.Items.Count);
            for (var i = 0; i < e.Items.Count; i++)
            {
                a.Items[i].ShouldBe(e.Items[i], $"{e.Title} 第 {i + 1} 项");
            }
        }
    }

    private async Task<HttpClient> OfficeAsync()
    {
        await App.AddUserAsync("office1", Role.Office);
        return await App.SignInAsync("office1");
    }

    private static async Task<byte[]> DownloadAsync(HttpClient client, string url, string contentType, string extension)
    {
        var response = await client.GetAsync(url);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        response.Content.Headers.ContentType!.MediaType.ShouldBe(contentType);
        var disposition = response.Content.Headers.ContentDisposition!;
        disposition.FileNameStar.ShouldStartWith("事项台账-");
        disposition.FileNameStar.ShouldEndWith("." + extension);
        return await response.Content.ReadAsByteArrayAsync();
    }

    private static List<(uint Row, string[] Cells)> Rows(WorksheetPart part) =>
        part.Worksheet!.Descendants<S.Row>()
            .Select(r => (r.RowIndex!.Value, r.Elements<S.Cell>().Select(c => c.InlineString?.InnerText ?? c.CellValue?.Text ?? "").ToArray()))
            .ToList();

    [Theory]
    [InlineData("001")]
    [InlineData("002")]
    public async Task TheExcelExportIsTheOfficialTableAndImportsBackToTheSameLedger(string seed)
    {
        await App.ImportSeedAsync(seed);
        var office = await OfficeAsync();
        var before = await SnapshotAsync();

        var content = await DownloadAsync(office, "/ledger/export.xlsx", WriteLedgerXlsx.ContentType, "xlsx");

        using (var document = SpreadsheetDocument.Open(new MemoryStream(content), false))
        {
            new DocumentFormat.OpenXml.Validation.OpenXmlValidator().Validate(document).Select(e => $"{e.Path?.XPath}: {e.Description}").ShouldBeEmpty();
            var workbook = document.WorkbookPart!;
            var sheets = workbook.Workbook!.Sheets!.Elements<S.Sheet>().ToList();
            sheets.Count.ShouldBe(before.Count);
            for (var s = 0; s < sheets.Count; s++)
            {
                var list = before[s];
                var part = (WorksheetPart)workbook.GetPartById(sheets[s].Id!);
                var rows = Rows(part);
                var merged = part.Worksheet!.Descendants<S.MergeCell>().Select(m => m.Reference!.Value!).ToHashSet();
                rows[0].Cells[0].ShouldBe(list.Title);
                merged.ShouldContain("A1:H1");
                var header = rows.Single(r => r.Cells.SequenceEqual(Columns));
                if (list.DeclaredTotal is { } total)
                {
                    rows.ShouldContain(r => r.Cells[0] == $"（共 {total} 项）");
                }

                // Every category as a merged heading row with its count, in document order; every item under it with its cells.
                var body = rows.Where(r => r.Row > header.Row).ToList();
                body.Count.ShouldBe(list.Items.Count + list.Categories.Count);
                foreach (var heading in body.Where(r => r.Cells.Skip(1).All(c => c.Length == 0)))
                {
                    merged.ShouldContain($"A{heading.Row}:H{heading.Row}");
                    heading.Cells[0].ShouldMatch(@"^(\S+、|（\S+）)");
                }
                var items = body.Where(r => r.Cells.Skip(1).Any(c => c.Length > 0)).ToList();
                items.Count.ShouldBe(list.Items.Count);
                for (var i = 0; i < items.Count; i++)
                {
                    var (cells, item) = (items[i].Cells, list.Items[i]);
                    cells[0].ShouldBe(item.Number);
                    cells[1].ShouldBe(item.Text);
                    cells[2].ShouldBe(item.Lead);
                    cells[3].ShouldBe(string.Join("、", new[] { item.Responsible, item.Groups ?? "" }.Where(x => x.Length > 0)));
                    cells[4].ShouldBe(item.DeadlineText ?? (item.Deadline is { } d ? $"{d.Year}年{d.Month}月{d.Day}日" : item.Ongoing ? "长期" : ""));
                    cells[6].ShouldBe("未启动");
                    cells[7].ShouldMatch(@"^ZX-\d+-\d+$");
                }

                // Layout: widths, frozen header, print area and titles, A4 landscape on one page wide.
                part.Worksheet.Descendants<S.Column>().Select(c => c.Width!.Value).ShouldBe(WriteLedgerXlsx.Widths);
                part.Worksheet.Descendants<S.Column>().ShouldAllBe(c => c.CustomWidth! == true);
                var pane = part.Worksheet.Descendants<S.Pane>().Single();
                pane.State!.Value.ShouldBe(S.PaneStateValues.Frozen);
                pane.VerticalSplit!.Value.ShouldBe(header.Row);
                pane.TopLeftCell!.Value.ShouldBe($"A{header.Row + 1}");
                var setup = part.Worksheet.Descendants<S.PageSetup>().Single();
                setup.Orientation!.Value.ShouldBe(S.OrientationValues.Landscape);
                setup.PaperSize!.Value.ShouldBe(9u);
                setup.FitToWidth!.Value.ShouldBe(1u);
                part.Worksheet.Descendants<S.PageSetupProperties>().Single().FitToPage!.Value.ShouldBeTrue();
                var names = workbook.Workbook.DefinedNames!.Elements<S.DefinedName>().Where(n => n.LocalSheetId?.Value == (uint)s).ToDictionary(n => n.Name!.Value!, n => n.Text);
                var quoted = "'" + sheets[s].Name!.Value!.Replace("'", "''") + "'";
                names["_xlnm.Print_Titles"].ShouldBe($"{quoted}!${header.Row}:${header.Row}");
                names["_xlnm.Print_Area"].ShouldBe($"{quoted}!$A$1:$H${rows[^1].Row}");
                var wrapped = workbook.WorkbookStylesPart!.Stylesheet!.CellFormats!.Elements<S.CellFormat>().ElementAt((int)part.Worksheet.Descendants<S.Cell>().First(c => c.CellReference!.Value == $"B{items[0].Row}").StyleIndex!.Value);
                wrapped.Alignment!.WrapText!.Value.ShouldBeTrue();
            }
        }

        // The round trip: the exported file, imported into an empty ledger by the real importer, is the same ledger.
        await App.ResetAsync();
        await App.ImportAsync("事项台账.xlsx", content);
        ShouldBeSameLedger(await SnapshotAsync(), before);
    }

    [Fact]
    public async Task TheExcelExportCutsATextLongerThanAnExcelCellTakesWithAVisibleMarker()
    {
        var data = await App.CreateSmallListAsync();
        var longText = string.Concat(Enumerable.Repeat("推进瑞金机场前期工作。", 4000));
        await App.WithDbAsync(db => db.Items.Where(i => i.Id == data.Overdue).ExecuteUpdateAsync(s => s.SetProperty(i => i.Text, longText)));
        var office = await OfficeAsync();

        var content = await DownloadAsync(office, "/ledger/export.xlsx", WriteLedgerXlsx.ContentType, "xlsx");

        using var document = SpreadsheetDocument.Open(new MemoryStream(content), false);
        new DocumentFormat.OpenXml.Validation.OpenXmlValidator().Validate(document).Select(e => $"{e.Path?.XPath}: {e.Description}").ShouldBeEmpty();
        var texts = document.WorkbookPart!.WorksheetParts.SelectMany(p => p.Worksheet!.Descendants<S.InlineString>()).Select(t => t.InnerText).ToList();
        texts.ShouldAllBe(t => t.Length <= Zhenxing.Web.Infrastructure.Office.OfficeParts.MaxCellCharacters);
        var cut = texts.Where(t => t.EndsWith("…（超出Excel单元格长度，已截断）", StringComparison.Ordinal)).ShouldHaveSingleItem();
        cut.Length.ShouldBe(32_767);
        longText.ShouldStartWith(cut[..^"…（超出Excel单元格长度，已截断）".Length]);
    }

    [Fact]
    public async Task TheWordExportIsOneTablePerListAndImportsBackToTheSameLedger()
    {
        await App.ImportSeedAsync("001");
        var office = await OfficeAsync();
        var before = await SnapshotAsync();
        var list = before.Single();

        var content = await DownloadAsync(office, "/ledger/export.docx", WriteLedgerDocx.ContentType, "docx");

        using (var document = WordprocessingDocument.Open(new MemoryStream(content), false))
        {
            new DocumentFormat.OpenXml.Validation.OpenXmlValidator().Validate(document).Select(e => $"{e.Path?.XPath}: {e.Description}").ShouldBeEmpty();
            var body = document.MainDocumentPart!.Document!.Body!;
            body.Elements<W.Paragraph>().First().InnerText.ShouldBe(list.Title);
            var size = body.Elements<W.SectionProperties>().Single().GetFirstChild<W.PageSize>()!;
            size.Orient!.Value.ShouldBe(W.PageOrientationValues.Landscape);
            ((int)size.Width!.Value).ShouldBeGreaterThan((int)size.Height!.Value);
            var rows = body.Elements<W.Table>().Single().Elements<W.TableRow>().ToList();
            rows[0].Elements<W.TableCell>().Select(c => c.InnerText).ShouldBe(Columns);
            rows[0].TableRowProperties!.GetFirstChild<W.TableHeader>().ShouldNotBeNull();
            var headings = rows.Skip(1).Where(r => r.Elements<W.TableCell>().Count() == 1).ToList();
            headings.Select(r => r.InnerText).ShouldBe(["一、深入推进新时代赣南苏区振兴发展战略落实（5项）", "二、加大向上对接力度争取更大支持（11项）", "三、充分发挥苏区振兴机制作用（2项）"]);
            headings.ShouldAllBe(r => r.Elements<W.TableCell>().Single().TableCellProperties!.GetFirstChild<W.GridSpan>()!.Val! == 8);
            var items = rows.Skip(1).Except(headings).Select(r => r.Elements<W.TableCell>().Select(c => c.InnerText).ToArray()).ToList();
            items.Count.ShouldBe(18);
            items.Select(c => (c[0], c[1], c[2], c[4])).ShouldBe(list.Items.Select(i => (i.Number, i.Text, i.Lead, i.DeadlineText ?? "")));
        }

        await App.ResetAsync();
        await App.ImportAsync("事项台账.docx", content);
        ShouldBeSameLedger(await SnapshotAsync(), before);
    }

    [Fact]
    public async Task CsvAndJsonListWhatTheLedgerShowsForTheSameFilter()
    {
        await App.ImportSeedAsync("002");
        var office = await OfficeAsync();
        var expected = await App.WithDbAsync(db => db.Items.Where(i => i.Text.Contains("瑞金")).OrderBy(i => i.ItemListId).ThenBy(i => i.Position).Select(i => i.Id).ToListAsync());
        expected.Count.ShouldBeGreaterThan(1);

        var csv = await DownloadAsync(office, "/ledger/export.csv?q=瑞金&pageSize=1&page=2", "text/csv", "csv");
        var json = await DownloadAsync(office, "/ledger/export.json?q=瑞金", "application/json", "json");

        csv.Take(3).ShouldBe(Encoding.UTF8.GetPreamble());
        var lines = Encoding.UTF8.GetString(csv, 3, csv.Length - 3).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines[0].ShouldBe(string.Join(",", WriteLedgerCsv.Header));
        lines.Skip(1).Select(l => int.Parse(l.Split(',')[0])).ShouldBe(expected);
        lines[1].ShouldContain("未启动");

        var root = JsonDocument.Parse(json).RootElement;
        root.GetProperty("total").GetInt32().ShouldBe(expected.Count);
        root.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt32()).ShouldBe(expected);
        var first = root.GetProperty("items")[0];
        first.GetProperty("status").GetString().ShouldBe("NotStarted");
        first.GetProperty("statusText").GetString().ShouldBe("未启动");
        root.GetProperty("items").EnumerateArray().ShouldContain(i => i.GetProperty("leadUnits").GetArrayLength() > 0);
        var categories = root.GetProperty("lists").EnumerateArray().SelectMany(l => l.GetProperty("categories").EnumerateArray()).ToList();
        categories.ShouldNotBeEmpty();
        categories.ShouldAllBe(c => c.GetProperty("count").GetInt32() > 0 && c.GetProperty("label").GetString()!.Length > 0);
    }

    [Fact]
    public async Task CsvCellsASpreadsheetWouldRunAsFormulasAreExportedAsText()
    {
        var data = await App.CreateSmallListAsync();
        // Formulas after each character a spreadsheet starts one with, half- and full-width, and text that starts like a negative number.
        string[] payloads =
        [
            "-1+cmd|' /C calc'!A0", "-2+3+HYPERLINK(\"http://example.invalid\",\"点击\")", "-12.5", "=1+1", "+1+cmd|' /C calc'!A0", "@SUM(1+1)*cmd|' /C calc'!A0",
            "\t=1+1", "\r=1+1", "＝1+1", "＋1+1", "－1+1", "＠SUM(1)",
        ];
        var ids = await App.WithDbAsync(async db =>
        {
            var items = payloads.Select((text, i) => new Item
            {
                ItemListId = data.ListId, Number = i == 0 ? "-3" : (10 + i).ToString(), Position = 10 + i, Text = text,
                Units = [new ItemUnit { UnitId = data.Finance, Role = ItemUnitRole.Lead }],
            }).ToList();
            db.Items.AddRange(items);
            await db.SaveChangesAsync();
            return items.Select(i => i.Id).ToList();
        });
        var office = await OfficeAsync();

        var csv = await DownloadAsync(office, "/ledger/export.csv", "text/csv", "csv");

        var rows = ReadCsv(Encoding.UTF8.GetString(csv, 3, csv.Length - 3));
        rows[0].ShouldBe(WriteLedgerCsv.Header);
        var byId = rows.Skip(1).ToDictionary(r => int.Parse(r[0]), r => r);
        for (var i = 0; i < payloads.Length; i++)
        {
            byId[ids[i]][4].ShouldBe("'" + payloads[i], $"第 {i + 1} 个单元格");
        }
        byId[ids[0]][3].ShouldBe("'-3");
        byId[data.Overdue][4].ShouldBe("推进瑞金机场前期工作");
        // The id is a number and stays one: no quote, no escape.
        Encoding.UTF8.GetString(csv).Split("\r\n").ShouldContain(l => l.StartsWith($"{ids[0]},测试清单,"));
    }

    /// <summary>RFC 4180 read as a spreadsheet reads it: quoted fields may hold commas, quotes and line breaks.</summary>
    private static List<string[]> ReadCsv(string text)
    {
        var rows = new List<string[]>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted && c == '"' && i + 1 < text.Length && text[i + 1] == '"')
            {
                field.Append('"');
                i++;
            }
            else if (c == '"' && (quoted || field.Length == 0))
            {
                quoted = !quoted;
            }
            else if (!quoted && c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else if (!quoted && c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                fields.Add(field.ToString());
                field.Clear();
                rows.Add([.. fields]);
                fields.Clear();
                i++;
            }
            else
            {
                field.Append(c);
            }
        }
        return rows;
    }

    [Fact]
    public async Task ALiaisonsExportHoldsOnlyItsUnitsItems()
    {
        await App.ImportSeedAsync("002");
        var finance = await App.WithDbAsync(db => db.Units.SingleAsync(u => u.Name == "市财政局"));
        await App.AddUserAsync("czj", Role.Liaison, unitId: finance.Id);
        var expected = await App.WithDbAsync(db => db.Items.Where(i => i.Units.Any(u => u.UnitId == finance.Id)).Select(i => i.Text).ToListAsync());
        var liaison = await App.SignInAsync("czj");

        var csv = await DownloadAsync(liaison, "/ledger/export.csv", "text/csv", "csv");
        var xlsx = await DownloadAsync(liaison, "/ledger/export.xlsx", WriteLedgerXlsx.ContentType, "xlsx");

        var lines = Encoding.UTF8.GetString(csv, 3, csv.Length - 3).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines.Length.ShouldBe(expected.Count + 1);
        using var document = SpreadsheetDocument.Open(new MemoryStream(xlsx), false);
        var texts = document.WorkbookPart!.WorksheetParts.SelectMany(Rows).Where(r => r.Cells.Length == 8 && r.Cells[6].Length > 0 && r.Cells[0] != "序号").Select(r => r.Cells[1]).ToList();
        texts.ShouldBe(expected, ignoreOrder: true);
        (await App.CreateBrowser().GetAsync("/ledger/export.csv")).StatusCode.ShouldNotBe(HttpStatusCode.OK);
    }

    private async Task<int> OpenRoundAsync(HttpClient office, string name, int listId)
    {
        var today = Zhenxing.Web.Infrastructure.ChinaTime.Today(App.Clock);
        var response = await office.PostFormAsync("/rounds", new()
        {
            ["Form.Name"] = name, ["Form.OpensOn"] = today.ToString("yyyy-MM-dd"), ["Form.DueOn"] = today.AddDays(10).ToString("yyyy-MM-dd"), ["Form.Lists"] = listId.ToString(),
        });
        return int.Parse(response.Headers.Location!.ToString().Split('/').Last());
    }

    private async Task ReportAndAcceptAsync(HttpClient liaison, HttpClient office, int roundId, int itemId, ItemStatus status, string narrative)
    {
        await liaison.PostFormAsync($"/rounds/{roundId}/items/{itemId}/report", new()
        {
            ["Status"] = status.ToString(), ["Narrative"] = narrative, ["Version"] = "0", ["submit"] = "1",
        });
        var report = await App.WithDbAsync(db => db.ProgressReports.AsNoTracking().SingleAsync(p => p.RoundId == roundId && p.ItemId == itemId));
        await office.PostFormAsync($"/rounds/{roundId}?reportId={report.Id}&version={report.Version}&decision=accept", [], handler: "Review");
    }

    [Fact]
    public async Task AnExportAsOfAClosedRoundShowsTheStatusAndProgressOfThen()
    {
        var data = await App.CreateSmallListAsync();
        var office = await OfficeAsync();
        await App.AddUserAsync("czj", Role.Liaison, unitId: data.Finance);
        var liaison = await App.SignInAsync("czj");
        var first = await OpenRoundAsync(office, "第一轮", data.ListId);
        await ReportAndAcceptAsync(liaison, office, first, data.Overdue, ItemStatus.PositiveProgress, "机场前期工作取得进展。");
        var version = (await App.WithDbAsync(db => db.ReportingRounds.AsNoTracking().SingleAsync(r => r.Id == first))).Version;
        (await office.PostFormAsync($"/rounds/{first}?version={version}", [], handler: "Close")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var second = await OpenRoundAsync(office, "第二轮", data.ListId);
        await ReportAndAcceptAsync(liaison, office, second, data.Overdue, ItemStatus.Done, "机场前期工作已完成。");

        var then = await DownloadAsync(office, $"/ledger/export.json?asOf={first}", "application/json", "json");
        var now = await DownloadAsync(office, "/ledger/export.json", "application/json", "json");

        JsonElement Overdue(byte[] json) => JsonDocument.Parse(json).RootElement.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("id").GetInt32() == data.Overdue);
        JsonDocument.Parse(then).RootElement.GetProperty("asOf").GetProperty("name").GetString().ShouldBe("第一轮");
        (Overdue(then).GetProperty("statusText").GetString(), Overdue(then).GetProperty("progress").GetString()).ShouldBe(("取得积极进展", "机场前期工作取得进展。"));
        (Overdue(now).GetProperty("statusText").GetString(), Overdue(now).GetProperty("progress").GetString()).ShouldBe(("落实到位", "机场前期工作已完成。"));
        var xlsx = await DownloadAsync(office, $"/ledger/export.xlsx?asOf={first}", WriteLedgerXlsx.ContentType, "xlsx");
        using var document = SpreadsheetDocument.Open(new MemoryStream(xlsx), false);
        Rows(document.WorkbookPart!.WorksheetParts.Single()).ShouldContain(r => r.Cells.SequenceEqual(new[] { "1", "推进瑞金机场前期工作", "市财政局", "", Zhenxing.Web.Infrastructure.ChinaTime.Today(App.Clock).AddDays(-5).ToString("yyyy年M月d日"), "机场前期工作取得进展。", "取得积极进展", $"ZX-{data.ListId}-{data.Overdue}" }));
    }

    [Fact]
    public async Task AnAsOfExportNeedsAClosedRound()
    {
        await App.ImportSeedAsync("001");
        var office = await OfficeAsync();

        var response = await office.GetAsync("/ledger/export.xlsx?asOf=999");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain("已关闭的报送轮次");
    }

    [Fact]
    public async Task TheCommandLineWritesTheFilesAndRefusesAnUnknownFormat()
    {
        await App.ImportSeedAsync("001");
        var listId = await App.WithDbAsync(db => db.ItemLists.Select(l => l.Id).SingleAsync());
        string[] database = [$"--Database:Provider={App.Provider}", $"--ConnectionStrings:Zhenxing={App.ConnectionString}"];
        var directory = Directory.CreateTempSubdirectory("zhenxing-export-");
        try
        {
            var csvFile = Path.Combine(directory.FullName, "台账.csv");
            var csv = await ZhenxingExecutable.RunAsync(["export", "--format", "csv", "--list", listId.ToString(), "--out", csvFile, .. database]);
            csv.ExitCode.ShouldBe(0, csv.Output + csv.Error);
            csv.Output.ShouldContain("已导出 18 项事项");
            var lines = (await File.ReadAllLinesAsync(csvFile, Encoding.UTF8)).ToList();
            lines.Count.ShouldBe(19);
            lines[1].ShouldContain("抓实《意见》政策文件宣传活动");

            var xlsxFile = Path.Combine(directory.FullName, "台账.xlsx");
            var xlsx = await ZhenxingExecutable.RunAsync(["export", "--format", "xlsx", "--list", "蓉江新区", "--out", xlsxFile, .. database]);
            xlsx.ExitCode.ShouldBe(0, xlsx.Output + xlsx.Error);
            using (var document = SpreadsheetDocument.Open(xlsxFile, false))
            {
                var rows = Rows(document.WorkbookPart!.WorksheetParts.Single());
                rows.ShouldContain(r => r.Cells.SequenceEqual(Columns));
                rows.Count(r => r.Cells[0].EndsWith("项）") && r.Cells.Skip(1).All(c => c.Length == 0) && !r.Cells[0].StartsWith("（共")).ShouldBe(3);
            }

            var wrong = await ZhenxingExecutable.RunAsync(["export", "--format", "pdf", "--out", Path.Combine(directory.FullName, "x.pdf"), .. database]);
            wrong.ExitCode.ShouldBe(2);
            wrong.Error.ShouldContain("不支持的导出格式“pdf”");

            var noList = await ZhenxingExecutable.RunAsync(["export", "--format", "json", "--list", "没有这个清单", "--out", Path.Combine(directory.FullName, "x.json"), .. database]);
            noList.ExitCode.ShouldBe(1);
            noList.Error.ShouldContain("没有名称为“没有这个清单”的清单");
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}

public sealed class ExportTests_Postgres(PostgresApp app) : ExportTests(app), IClassFixture<PostgresApp>;
public sealed class ExportTests_Sqlite(SqliteApp app) : ExportTests(app), IClassFixture<SqliteApp>;
