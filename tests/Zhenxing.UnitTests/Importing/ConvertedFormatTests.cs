using Zhenxing.Importing;
using Zhenxing.Importing.Converting;
using Zhenxing.IntegrationTests.Infrastructure;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Writer;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace Zhenxing.UnitTests.Importing;

/// <summary>PDF, .doc, .odt and .rtf made from generated .docx files by LibreOffice, imported like the .docx.</summary>
public class ConvertedFormatTests
{
    private readonly DocumentImporter importer = new();

    internal static byte[] Convert(byte[] input, string fromExtension, string format)
    {
        if (format == "doc" && fromExtension == "docx")
        {
            // Saved as .doc straight from these generated .docx files, LibreOffice writes the table as plain paragraphs;
            // through .odt it keeps the table, as a .doc saved by Word has it.
            return Convert(Convert(input, "docx", "odt"), "odt", "doc");
        }
        var result = LibreOffice.ConvertAsync(LibreOffice.Find()!, input, fromExtension, format, TimeSpan.FromSeconds(120), CancellationToken.None).GetAwaiter().GetResult();
        return result.Output ?? throw new InvalidOperationException($"soffice failed ({result.ExitCode}): {result.StandardError}");
    }

    private static ParsedList Seed001() => Seeds.Parse("001").Lists[0];

    private static byte[] Seed001Docx(bool borders = true)
    {
        var list = Seed001();
        return OfficeFixtures.Docx(body =>
        {
            body.Append(OfficeFixtures.Paragraph(list.Title));
            body.Append(OfficeFixtures.Paragraph($"(共 {list.DeclaredTotal} 项)"));
            body.Append(OfficeFixtures.Table(OfficeFixtures.Rows(list), borders));
            // The signature under the table, on the right: it fits in one column of the PDF's table.
            foreach (var line in (string[])["赣州蓉江新区管委会", "2021年4月1日"])
            {
                var paragraph = OfficeFixtures.Paragraph(line);
                paragraph.PrependChild(new W.ParagraphProperties(new W.Justification { Val = W.JustificationValues.Right }));
                body.Append(paragraph);
            }
        });
    }

    private IReadOnlyList<string> LedgerOf(byte[] content, string fileName)
    {
        var document = importer.Parse(content, fileName);
        document.Errors.ShouldBeEmpty();
        return OfficeFixtures.Ledger(document.Lists.ShouldHaveSingleItem());
    }

    [LibreOfficeFact]
    public void Parse_PdfMadeFromSeedDocx_GivesSameLedgerAsDocx()
    {
        var fromDocx = importer.Parse(Seed001Docx(), "清单.docx").Lists.ShouldHaveSingleItem();

        var fromPdf = importer.Parse(Convert(Seed001Docx(), "docx", "pdf"), "清单.pdf");

        fromPdf.Errors.ShouldBeEmpty();
        var list = fromPdf.Lists.ShouldHaveSingleItem();
        list.Title.ShouldBe(fromDocx.Title);
        list.Year.ShouldBe(2021);
        list.Items.Count.ShouldBe(18);
        OfficeFixtures.Ledger(list).ShouldBe(OfficeFixtures.Ledger(fromDocx));
        list.Items[0].Deadline.ShouldBe(new DateOnly(2021, 8, 31));
    }

    [LibreOfficeFact]
    public void Parse_PdfOfTableWithoutRulings_GivesSameLedgerAsDocx()
    {
        var docx = Seed001Docx(borders: false);

        LedgerOf(Convert(docx, "docx", "pdf"), "清单.pdf").ShouldBe(LedgerOf(docx, "清单.docx"));
    }

    /// <summary>Sixty items over several pages, every fifth wrapping over several lines; the header row repeats on each page.</summary>
    private static byte[] LongTableDocx(Action<W.Body>? after = null, Action<DocumentFormat.OpenXml.Packaging.MainDocumentPart>? parts = null)
    {
        var rows = new List<string[]> { new[] { "序号", "事项名称", "牵头单位", "责任单位", "完成时限" }, new[] { "一、重点项目（60项）" } };
        for (var i = 1; i <= 60; i++)
        {
            var text = i % 5 == 0
                ? $"推进第{i}项重点工作。加快项目前期工作，落实建设用地、资金和环评等要素保障，确保项目按期开工建设并尽快形成实物工作量，年底前完成年度投资计划。"
                : $"推进第{i}项重点工作。";
            var responsible = i % 5 == 0 ? "区财政局、区自然资源分局、区生态环境分局、区住建局、区建投公司" : "区财政局";
            rows.Add([i.ToString(System.Globalization.CultureInfo.InvariantCulture), text, "区经发局", responsible, $"{i % 12 + 1}月底前"]);
        }
        var table = OfficeFixtures.Table(rows);
        table.Elements<W.TableRow>().First().PrependChild(new W.TableRowProperties(new W.TableHeader()));
        return OfficeFixtures.Docx(body =>
        {
            body.Append(OfficeFixtures.Paragraph("2021年重点项目清单"));
            body.Append(table);
            after?.Invoke(body);
        }, parts);
    }

    [LibreOfficeFact]
    public void Parse_PdfOfTableOverSeveralPagesWithRepeatedHeader_JoinsRowsAndDropsRepeats()
    {
        var docx = LongTableDocx();

        var pdf = Convert(docx, "docx", "pdf");
        var document = importer.Parse(pdf, "重点项目.pdf");

        using (var opened = UglyToad.PdfPig.PdfDocument.Open(pdf))
        {
            opened.NumberOfPages.ShouldBeGreaterThan(1);
            opened.GetPage(2).Text.ShouldContain("序号");
        }
        document.Errors.ShouldBeEmpty();
        var list = document.Lists.ShouldHaveSingleItem();
        list.Items.Count.ShouldBe(60);
        OfficeFixtures.Ledger(list).ShouldBe(LedgerOf(docx, "重点项目.docx"));
        list.Items[9].Text.ShouldStartWith("推进第10项重点工作。加快项目前期工作");
        list.Items[9].ResponsibleUnits.ShouldBe(["区财政局", "区自然资源分局", "区生态环境分局", "区住建局", "区建投公司"], ignoreOrder: true);
    }

    [LibreOfficeFact]
    public void Parse_PdfWithPageNumbersAndRunningHeader_DropsThem()
    {
        var docx = LongTableDocx(
            body => body.Append(new W.SectionProperties(
                new W.HeaderReference { Type = W.HeaderFooterValues.Default, Id = "rIdHeader" },
                new W.FooterReference { Type = W.HeaderFooterValues.Default, Id = "rIdFooter" })),
            main =>
            {
                main.AddNewPart<DocumentFormat.OpenXml.Packaging.HeaderPart>("rIdHeader").Header =
                    new W.Header(OfficeFixtures.Paragraph("赣州蓉江新区经济发展局文件"));
                main.AddNewPart<DocumentFormat.OpenXml.Packaging.FooterPart>("rIdFooter").Footer = new W.Footer(new W.Paragraph(
                    new W.Run(new W.Text("- ") { Space = DocumentFormat.OpenXml.SpaceProcessingModeValues.Preserve }),
                    new W.SimpleField(new W.Run(new W.Text("1"))) { Instruction = " PAGE " },
                    new W.Run(new W.Text(" -") { Space = DocumentFormat.OpenXml.SpaceProcessingModeValues.Preserve })));
            });
        var pdf = Convert(docx, "docx", "pdf");
        using (var opened = UglyToad.PdfPig.PdfDocument.Open(pdf))
        {
            opened.NumberOfPages.ShouldBeGreaterThanOrEqualTo(3);
            opened.GetPage(2).Text.ShouldContain("- 2 -");
            opened.GetPage(2).Text.ShouldContain("赣州蓉江新区经济发展局文件");
        }

        var document = importer.Parse(pdf, "重点项目.pdf");

        document.Errors.ShouldBeEmpty();
        var list = document.Lists.ShouldHaveSingleItem();
        OfficeFixtures.Ledger(list).ShouldBe(LedgerOf(docx, "重点项目.docx"));
        list.Items.ShouldAllBe(i => !i.Text.Contains("经济发展局文件") && !i.Text.Contains(" -"));
    }

    [LibreOfficeFact]
    public void Parse_EncryptedPdf_SaysItIsEncrypted()
    {
        var pdf = Convert(Seed001Docx(), "docx",
            """pdf:writer_pdf_Export:{"EncryptFile":{"type":"boolean","value":"true"},"DocumentOpenPassword":{"type":"string","value":"secret"}}""");

        var document = importer.Parse(pdf, "加密.pdf");

        document.Lists.ShouldBeEmpty();
        document.Errors.ShouldHaveSingleItem().Message.ShouldContain("“加密.pdf”是加密的 PDF");
    }

    [LibreOfficeFact]
    public void Parse_DocConversionPastTheTimeLimit_IsStoppedWithTheLimitMessage()
    {
        var doc = Convert(Seed001Docx(), "docx", "doc");

        var document = importer.Parse(doc, "清单.doc", new ImportOptions { TimeLimit = TimeSpan.FromMilliseconds(300) });

        document.TimedOut.ShouldBeTrue();
        document.Errors.ShouldHaveSingleItem().Message.ShouldContain("读取文档超过 0.3 秒仍未完成");
    }

    [Fact]
    public void Parse_PdfWithoutTextLayer_SaysItIsAScan()
    {
        var builder = new PdfDocumentBuilder();
        var page = builder.AddPage(PageSize.A4);
        page.DrawRectangle(new PdfPoint(50, 50), 400, 600, 2, fill: true);

        var document = importer.Parse(builder.Build(), "扫描件.pdf");

        document.Lists.ShouldBeEmpty();
        document.Errors.ShouldHaveSingleItem().Message.ShouldBe("“扫描件.pdf”：这是扫描件，没有文字层，无法读取文字。请使用原始的 Word/WPS 文件，或先用文字识别（OCR）软件转换后再导入。");
    }

    [Fact]
    public void Parse_PdfWithOnlyRotatedText_SaysSoRatherThanScan()
    {
        const string content = "BT /F1 12 Tf 0 1 -1 0 100 100 Tm (No. 1 Item) Tj ET";
        var pdf = $"""
            %PDF-1.4
            1 0 obj <</Type/Catalog/Pages 2 0 R>> endobj
            2 0 obj <</Type/Pages/Kids[3 0 R]/Count 1>> endobj
            3 0 obj <</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Resources<</Font<</F1 4 0 R>>>>/Contents 5 0 R>> endobj
            4 0 obj <</Type/Font/Subtype/Type1/BaseFont/Helvetica>> endobj
            5 0 obj <</Length {content.Length}>> stream
            {content}
            endstream endobj
            trailer <</Root 1 0 R/Size 6>>
            %%EOF
            """;

        var document = importer.Parse(System.Text.Encoding.ASCII.GetBytes(pdf), "横向.pdf");

        document.Errors.ShouldHaveSingleItem().Message.ShouldContain("“横向.pdf”的文字是旋转或竖排的");
    }

    [Fact]
    public void Parse_BrokenPdf_ReportsDamagedFileWithoutThrowing()
    {
        var document = importer.Parse("%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 9 0 R >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF"u8.ToArray(), "坏.pdf");

        document.Lists.ShouldBeEmpty();
        document.Errors.ShouldHaveSingleItem().Message.ShouldContain("“坏.pdf”");
    }

    [LibreOfficeFact]
    public void Parse_DocMadeFromSeedDocx_GivesSameLedgerAsDocx()
    {
        var docx = Seed001Docx();

        LedgerOf(Convert(docx, "docx", "doc"), "清单.doc").ShouldBe(LedgerOf(docx, "清单.docx"));
    }

    [LibreOfficeFact]
    public void Parse_OdtAndRtfMadeFromSeedDocx_GiveSameLedgerAsDocx()
    {
        var docx = Seed001Docx();
        var expected = LedgerOf(docx, "清单.docx");

        LedgerOf(Convert(docx, "docx", "odt"), "清单.odt").ShouldBe(expected);
        LedgerOf(Convert(docx, "docx", "rtf"), "清单.rtf").ShouldBe(expected);
    }

    [LibreOfficeFact(Calc = true)]
    public void Parse_XlsAndOdsMadeFromTheLedgerExport_GiveSameLedgerAsXlsx()
    {
        var data = Zhenxing.Web.Features.Benchmarks.ImportBenchmark.Document("2021年重大事项清单", 30, 7, new DateOnly(2021, 3, 1));
        var xlsx = Zhenxing.Web.Features.Exports.WriteLedgerXlsx.Write(data);
        var expected = LedgerOf(xlsx, "清单.xlsx");

        LedgerOf(Convert(xlsx, "xlsx", "xls"), "清单.xls").ShouldBe(expected);
        LedgerOf(Convert(xlsx, "xlsx", "ods"), "清单.ods").ShouldBe(expected);
        LedgerOf(Convert(xlsx, "xlsx", "xls"), "清单.et").ShouldBe(expected);
    }

    [LibreOfficeFact]
    public void Parse_DocNamedWithoutExtension_IsRecognisedByItsContent()
    {
        var doc = Convert(Seed001Docx(), "docx", "doc");

        importer.Parse(doc, "清单").Lists.ShouldHaveSingleItem().Items.Count.ShouldBe(18);
    }

    [Fact]
    public void Parse_DocWithoutLibreOffice_SaysWhatToInstall()
    {
        var document = importer.Parse([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0], "旧.doc", new ImportOptions { Soffice = "/nonexistent/soffice" });

        var message = document.Errors.ShouldHaveSingleItem().Message;
        message.ShouldContain("“旧.doc”");
        message.ShouldContain("apt-get install libreoffice-writer-nogui libreoffice-calc-nogui");
        message.ShouldContain(".docx");
    }
}
