using Zhenxing.Importing;

namespace Zhenxing.UnitTests.Importing;

public class FormatEquivalenceTests
{
    private readonly DocumentImporter importer = new();

    [Theory]
    [InlineData("001", 0)]
    [InlineData("002", 1)]
    public void Parse_DocxBuiltFromSeedTable_GivesSameLedgerAsText(string seed, int listIndex)
    {
        var fromText = Seeds.Parse(seed).Lists[listIndex];
        var docx = OfficeFixtures.Docx(fromText.Title, fromText.DeclaredTotal, OfficeFixtures.Rows(fromText));

        var fromDocx = importer.Parse(docx, "清单.docx");

        fromDocx.Errors.ShouldBeEmpty();
        var list = fromDocx.Lists.ShouldHaveSingleItem();
        list.Title.ShouldBe(fromText.Title);
        list.Year.ShouldBe(fromText.Year);
        list.DeclaredTotal.ShouldBe(fromText.DeclaredTotal);
        OfficeFixtures.Ledger(list).ShouldBe(OfficeFixtures.Ledger(fromText));
        list.Items[0].Location.ToString().ShouldBe("表 1 第 3 行");
    }

    [Theory]
    [InlineData("001", 0)]
    [InlineData("002", 1)]
    public void Parse_XlsxBuiltFromSeedTable_GivesSameLedgerAsText(string seed, int listIndex)
    {
        var fromText = Seeds.Parse(seed).Lists[listIndex];
        var rows = new List<string[]> { new[] { fromText.Title }, new[] { $"（共{fromText.DeclaredTotal}项）" } };
        rows.AddRange(OfficeFixtures.Rows(fromText));

        var fromXlsx = importer.Parse(OfficeFixtures.Xlsx(("Sheet1", rows)), "清单.xlsx");

        fromXlsx.Errors.ShouldBeEmpty();
        var list = fromXlsx.Lists.ShouldHaveSingleItem();
        list.Title.ShouldBe(fromText.Title);
        list.DeclaredTotal.ShouldBe(fromText.DeclaredTotal);
        OfficeFixtures.Ledger(list).ShouldBe(OfficeFixtures.Ledger(fromText));
        list.Items[0].Location.ToString().ShouldBe("Sheet1 第 5 行");
    }

    [Fact]
    public void Parse_XlsxWithHeaderOnly_TakesYearFromOptionsAndTitleFromFileName()
    {
        var rows = new[]
        {
            new[] { "序号", "事项名称", "牵头单位", "责任单位", "完成时限" },
            ["1", "推进重大平台建设。", "区财政局", "区直有关部门", "8 月底前"],
        };

        var document = importer.Parse(OfficeFixtures.Xlsx(("Sheet1", rows)), "重大事项清单.xlsx", new ImportOptions { Year = 2022 });

        var list = document.Lists.ShouldHaveSingleItem();
        list.Title.ShouldBe("重大事项清单");
        list.Year.ShouldBe(2022);
        list.Items[0].Deadline.ShouldBe(new DateOnly(2022, 8, 31));
        list.Items[0].Location.ToString().ShouldBe("Sheet1 第 2 行");
    }

    [Fact]
    public void Parse_DocxWorkPointsWithBoldTitles_GivesSameItemsAsText()
    {
        var fromText = Seeds.Parse("002").Lists[0];
        var docx = OfficeFixtures.Docx(body =>
        {
            body.Append(OfficeFixtures.Paragraph(fromText.Title));
            foreach (var category in fromText.Categories)
            {
                body.Append(OfficeFixtures.Paragraph($"{category.Number}、{category.Title}", bold: true));
                foreach (var item in fromText.Items.Where(i => i.CategoryPath == category.Path))
                {
                    body.Append(item.ShortTitle is { } title && item.Text.StartsWith(title + "。", StringComparison.Ordinal)
                        ? OfficeFixtures.Paragraph(($"{item.Number}. ", false), (title + "。", true), (item.Text[(title.Length + 1)..], false))
                        : OfficeFixtures.Paragraph($"{item.Number}. {item.Text}"));
                }
            }
        });

        var list = importer.Parse(docx, "要点.docx").Lists.ShouldHaveSingleItem();

        list.Kind.ShouldBe(ItemListKind.WorkPoints);
        OfficeFixtures.Ledger(list).ShouldBe(OfficeFixtures.Ledger(fromText));
    }

    [Fact]
    public void Parse_Gb18030Seed_GivesSameLedgerAsUtf8()
    {
        System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);
        var gb = System.Text.Encoding.GetEncoding("GB18030").GetBytes(Seeds.Text("002"));

        var document = importer.Parse(gb, "002.txt");

        document.Errors.ShouldBeEmpty();
        document.Lists.Select(OfficeFixtures.Ledger).ShouldBe(Seeds.Parse("002").Lists.Select(OfficeFixtures.Ledger));
    }

    [Fact]
    public void Parse_StreamInput_GivesSameLedgerAsBytes()
    {
        using var stream = new MemoryStream(Seeds.Bytes("001"));

        var document = importer.Parse(stream, "001.txt", null);

        OfficeFixtures.Ledger(document.Lists[0]).ShouldBe(OfficeFixtures.Ledger(Seeds.Parse("001").Lists[0]));
    }
}
