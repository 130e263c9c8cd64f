using System.Diagnostics;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using Microsoft.Playwright;
using Zhenxing.BrowserTests.Pages;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace Zhenxing.BrowserTests;

/// <summary>Issue 16's "Done when": a PDF whose unit column has a header the importer does not know is set right in the preview.</summary>
[Collection(nameof(AppServer))]
public sealed class ImportCorrectionTests(AppServer app)
{
    [Fact]
    public async Task TheOfficeSaysWhatAColumnMeans_CorrectsARow_AndConfirmsAPdf()
    {
        var pdf = await PdfAsync("测试县2021年园区建设任务清单",
        [
            ["序号", "工作任务", "推进主体", "完成时限"],
            ["1", "推进列义园区道路建设", "市发改委、市财政局", "8月底前"],
            ["2", "完善列义园区招商机制", "市商务局", "10月底前"],
            ["3", "开展列义园区环境整治", "市生态环境局", "长期坚持"],
        ]);
        await app.AddUserAsync("office-correct", "Office", "office-pass-1");
        var page = await app.SignedInPageAsync("office-correct", "office-pass-1", width: 1440);
        var imports = new ImportPages(page);
        await imports.OpenAsync();

        await imports.UploadAsync(pdf);

        // The units sit under "推进主体": nothing is read from it, and every row says so.
        (await imports.DoubtsSummary.InnerTextAsync()).ShouldStartWith("3 项待核对");
        (await page.Locator("table.items tr.doubt").CountAsync()).ShouldBe(3);
        (await page.Locator("table.items tr.doubt").First.InnerTextAsync()).ShouldContain("“推进主体”列（市发改委、市财政局）未导入");
        await page.ScreenshotAsync(new() { Path = Path.Combine(AppServer.ArtifactsDirectory, "import-columns-doubted.png"), FullPage = true });

        await imports.ChooseColumnAsync("推进主体", "牵头单位");

        (await imports.ReadingMessage.InnerTextAsync()).ShouldBe("已按所选含义重新读取文件：“推进主体”是牵头单位。");
        (await page.Locator("table.items tr.doubt").CountAsync()).ShouldBe(0);
        (await imports.ItemRow("推进列义园区道路建设").Locator("td").Nth(3).InnerTextAsync()).ShouldBe("市发改委、市财政局");

        await imports.CorrectUnitsAsync("完善列义园区招商机制", "市商务局", "市发改委、各县（市、区）");

        (await imports.ReadingMessage.InnerTextAsync()).ShouldBe("已更正第 2 项“完善列义园区招商机制”的单位。");
        var corrected = imports.ItemRow("完善列义园区招商机制");
        (await corrected.InnerTextAsync()).ShouldContain("单位已按您的更正读取");
        (await corrected.Locator("td").Nth(4).InnerTextAsync()).ShouldBe("市发改委、各县（市、区）");
        await page.ScreenshotAsync(new() { Path = Path.Combine(AppServer.ArtifactsDirectory, "import-columns-corrected.png"), FullPage = true });

        // The same preview on a phone: the columns and the correction form fit the screen.
        var phone = await app.SignedInPageAsync("office-correct", "office-pass-1", width: 390);
        await phone.GotoAsync(page.Url);
        await phone.Locator("table.items tr").Nth(2).Locator("details.correct-units summary").ClickAsync();
        (await phone.EvaluateAsync<int>("document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(390);
        await phone.ScreenshotAsync(new() { Path = Path.Combine(AppServer.ArtifactsDirectory, "import-columns-phone.png"), FullPage = true });
        await phone.Locator("#columns").ScreenshotAsync(new() { Path = Path.Combine(AppServer.ArtifactsDirectory, "import-columns-phone-columns.png") });
        await phone.Locator(".list-preview").ScreenshotAsync(new() { Path = Path.Combine(AppServer.ArtifactsDirectory, "import-columns-phone-items.png") });

        await imports.ConfirmAsync();

        (await imports.Notice.InnerTextAsync()).ShouldContain("新增事项 3 项");
        await page.GotoAsync("/ledger?q=" + Uri.EscapeDataString("列义园区"));
        (await page.Locator("#ledger td.text a").CountAsync()).ShouldBe(3);
        var ledgerRow = page.Locator("#ledger tr", new() { HasText = "完善列义园区招商机制" });
        (await ledgerRow.InnerTextAsync()).ShouldContain("市商务局");
        (await page.Locator("#ledger tr", new() { HasText = "推进列义园区道路建设" }).InnerTextAsync()).ShouldContain("市发改委");
        await page.ScreenshotAsync(new() { Path = Path.Combine(AppServer.ArtifactsDirectory, "import-columns-ledger.png"), FullPage = true });
    }

    /// <summary>A Word document with a title and a bordered table, printed to PDF by LibreOffice as an office would.</summary>
    private static async Task<string> PdfAsync(string title, string[][] rows)
    {
        var directory = Directory.CreateTempSubdirectory("zhenxing-import-pdf-").FullName;
        var docx = Path.Combine(directory, "任务清单.docx");
        using (var document = WordprocessingDocument.Create(docx, WordprocessingDocumentType.Document))
        {
            var body = new W.Body(new W.Paragraph(new W.Run(new W.Text(title))));
            var borders = new W.TableBorders(
                new W.TopBorder { Val = W.BorderValues.Single, Size = 4 }, new W.BottomBorder { Val = W.BorderValues.Single, Size = 4 },
                new W.LeftBorder { Val = W.BorderValues.Single, Size = 4 }, new W.RightBorder { Val = W.BorderValues.Single, Size = 4 },
                new W.InsideHorizontalBorder { Val = W.BorderValues.Single, Size = 4 }, new W.InsideVerticalBorder { Val = W.BorderValues.Single, Size = 4 });
            var table = new W.Table(new W.TableProperties(borders, new W.TableWidth { Type = W.TableWidthUnitValues.Pct, Width = "5000" }));
            foreach (var row in rows)
            {
                table.Append(new W.TableRow(row.Select(cell => new W.TableCell(new W.Paragraph(new W.Run(new W.Text(cell)))))));
            }
            body.Append(table);
            document.AddMainDocumentPart().Document = new W.Document(body);
        }
        var soffice = new ProcessStartInfo("soffice")
        {
            ArgumentList = { "--headless", "--norestore", $"-env:UserInstallation=file://{Path.Combine(directory, "profile")}", "--convert-to", "pdf", "--outdir", directory, docx },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(soffice)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        var pdf = Path.ChangeExtension(docx, ".pdf");
        File.Exists(pdf).ShouldBeTrue($"LibreOffice did not print the PDF: {await process.StandardError.ReadToEndAsync()}");
        return pdf;
    }
}
