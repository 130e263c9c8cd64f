using System.IO.Compression;
using System.Text;
using Zhenxing.Importing;

namespace Zhenxing.UnitTests.Importing;

public class BadInputTests
{
    private readonly DocumentImporter importer = new();

    [Fact]
    public void Parse_EmptyFile_ReportsEmpty()
    {
        var document = importer.Parse([], "空.txt");

        document.HasErrors.ShouldBeTrue();
        document.Errors.ShouldHaveSingleItem().Message.ShouldBe("文件为空，没有可导入的内容");
        document.Lists.ShouldBeEmpty();
    }

    [Fact]
    public void Parse_BinaryJunk_ReportsUnreadableContent()
    {
        var junk = new byte[4096];
        new Random(7).NextBytes(junk);

        var document = importer.Parse(junk, "junk.bin");

        document.Errors.ShouldHaveSingleItem().Message.ShouldContain("文件内容无法识别");
        document.Errors[0].Location.ToString().ShouldBe("第 1 行");
    }

    [Fact]
    public void Parse_LegacyWordFile_AsksForDocx()
    {
        var document = importer.Parse([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0], "旧.doc");

        document.Errors.ShouldHaveSingleItem().Message.ShouldContain(".docx");
    }

    [Fact]
    public void Parse_CorruptZip_ReportsDamagedFile()
    {
        var document = importer.Parse([.. "PK\u0003\u0004"u8.ToArray(), .. new byte[200]], "坏.docx");

        document.Errors.ShouldHaveSingleItem().Message.ShouldContain("损坏");
    }

    [Fact]
    public void Parse_DocxWithBrokenXml_ReportsDamagedDocumentWithoutThrowing()
    {
        using var zip = new MemoryStream();
        zip.Write(OfficeFixtures.Docx("2021年清单", null, [["序号", "事项名称"], ["1", "推进某项工作。"]]));
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Update, leaveOpen: true))
        {
            archive.GetEntry("word/document.xml")!.Delete();
            using var writer = new StreamWriter(archive.CreateEntry("word/document.xml").Open());
            writer.Write("<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p>没有闭合");
        }

        var document = importer.Parse(zip.ToArray(), "坏.docx");

        document.Errors.ShouldHaveSingleItem().Message.ShouldStartWith("文档无法解析");
    }

    [Fact]
    public void Parse_DocxWithoutTableOrList_ReportsNoListFound()
    {
        var docx = OfficeFixtures.Docx(body =>
        {
            body.Append(OfficeFixtures.Paragraph("关于做好年度总结的通知"));
            body.Append(OfficeFixtures.Paragraph("请各科室于12月20日前报送年度工作总结。"));
        });

        var document = importer.Parse(docx, "通知.docx");

        document.Lists.ShouldBeEmpty();
        document.Errors.ShouldHaveSingleItem().Message.ShouldContain("未识别到任何清单");
    }

    [Fact]
    public void Parse_NoRecognisableList_NamesTheLayoutsTriedAndKeepsTheFirstEightLines()
    {
        var text = "关于做好年度总结的通知\n\n各科室：\n请于12月20日前报送年度工作总结。\n总结应包括以下内容：\n全年工作完成情况\n存在的问题\n明年工作打算\n联系人：张三\n联系电话：12345678\n市振兴办\n";

        var document = importer.Parse(Encoding.UTF8.GetBytes(text), "通知.txt");

        document.Lists.ShouldBeEmpty();
        var message = document.Errors.ShouldHaveSingleItem().Message;
        message.ShouldStartWith("未识别到任何清单。已尝试的版式：");
        foreach (var layout in new[] { "表格（带表头", "逐行单元格表格", "空格分列表格", "编号条目", "标签行", "单位括注", "结对列表" })
        {
            message.ShouldContain(layout);
        }
        message.ShouldContain("下面是读到的前 8 行");
        document.FirstLines.ShouldBe(["关于做好年度总结的通知", "各科室：", "请于12月20日前报送年度工作总结。", "总结应包括以下内容：", "全年工作完成情况", "存在的问题", "明年工作打算", "联系人：张三"]);
        using var json = System.Text.Json.JsonDocument.Parse(document.ToJson());
        json.RootElement.GetProperty("firstLines").EnumerateArray().Select(e => e.GetString()).ShouldBe(document.FirstLines);
    }

    [Fact]
    public void Parse_DocumentWithAList_HasNoFirstLines()
    {
        var document = importer.Parse(Encoding.UTF8.GetBytes("2021年清单\n序号\t事项名称\t牵头单位\n1\t推进某项工作。\t市发改委\n"), "清单.txt");

        document.Errors.ShouldBeEmpty();
        document.FirstLines.ShouldBeEmpty();
    }

    [Fact]
    public void Parse_TableWithoutRecognisableHeader_NamesTheFirstRowAndCount()
    {
        var text = "工作清单\n甲\t乙\t丙\n1\t做好某项工作。\t某局\n2\t做好另一项工作。\t某办\n";

        var document = Seeds.ParseText(text);

        var error = document.Errors.ShouldHaveSingleItem();
        error.Location.Line.ShouldBe(2);
        error.Message.ShouldContain("3 行表格没有可识别的表头");
    }

    [Fact]
    public void Parse_DocxTableWithoutRecognisableHeader_NamesTheTableRow()
    {
        var docx = OfficeFixtures.Docx(body => body.Append(OfficeFixtures.Table([["甲", "乙"], ["1", "做好某项工作。"]])));

        var document = importer.Parse(docx, "表.docx");

        document.Errors.ShouldHaveSingleItem().ToString().ShouldStartWith("表 1 第 1 行：");
    }

    [Fact]
    public void Parse_CountMismatch_ReportsCategoryAndBothNumbers()
    {
        var lines = Seeds.Text("001").Split('\n').ToList();
        lines.RemoveAt(lines.FindIndex(l => l.StartsWith("10\t争取创建国家食品安全示范城市", StringComparison.Ordinal)));

        var document = Seeds.ParseText(string.Join('\n', lines));

        document.Lists[0].Items.Count.ShouldBe(17);
        document.Errors.Select(e => e.Message).ShouldBe([
            "清单“赣州蓉江新区2021年新时代赣南苏区振兴发展拟向上争取支持的重大事项清单”的类别“二、加大向上对接力度争取更大支持”声明 11 项，实际识别 10 项",
            "清单“赣州蓉江新区2021年新时代赣南苏区振兴发展拟向上争取支持的重大事项清单”声明共 18 项，实际识别 17 项",
        ]);
        document.Errors[0].Location.Line.ShouldBe(19);
        document.Warnings.ShouldContain(w => w.Message.Contains("序号 9 之后是 11"));
    }

    [Fact]
    public void Parse_GbkEncodedSeed_IsDetected()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var gbk = Encoding.GetEncoding(936).GetBytes(Seeds.Text("001"));

        var document = importer.Parse(gbk, "001.txt");

        document.Errors.ShouldBeEmpty();
        document.Lists[0].Items[0].LeadUnits.ShouldBe(["区党群部"]);
    }

    [Theory]
    [InlineData("utf-16")]
    [InlineData("utf-16BE")]
    public void Parse_Utf16WithoutBom_IsDetected(string encoding)
    {
        var document = importer.Parse(Encoding.GetEncoding(encoding).GetBytes(Seeds.Text("001")), "001.txt");

        document.Errors.ShouldBeEmpty();
        document.Lists[0].Items.Count.ShouldBe(18);
    }

    [Fact]
    public void Parse_FileOverLimit_IsRefusedWithSize()
    {
        var big = new byte[50 * 1024 * 1024];

        var document = importer.Parse(big, "大.txt");

        document.Errors.ShouldHaveSingleItem().Message.ShouldBe("文件大小 50 MB 超过上限 20 MB，未读取");
    }

    [Fact]
    public void Parse_StreamOverLimit_IsRefusedWithoutReadingItAll()
    {
        using var stream = new EndlessStream();

        var document = importer.Parse(stream, "大.txt", new ImportOptions { MaxBytes = 1024 * 1024 });

        document.Errors.ShouldHaveSingleItem().Message.ShouldContain("超过上限 1 MB");
        stream.Position.ShouldBeLessThan(2 * 1024 * 1024);
    }

    [Fact]
    public void Parse_DecompressionBombDocx_IsRefusedBeforeInflating()
    {
        using var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var entry = archive.CreateEntry("word/document.xml", CompressionLevel.SmallestSize).Open();
            var zeros = new byte[1024 * 1024];
            for (var i = 0; i < 300; i++)
            {
                entry.Write(zeros);
            }
        }
        var bomb = zip.ToArray();
        var before = GC.GetAllocatedBytesForCurrentThread();

        var document = importer.Parse(bomb, "炸弹.docx");

        (GC.GetAllocatedBytesForCurrentThread() - before).ShouldBeLessThan(32L * 1024 * 1024);
        document.Errors.ShouldHaveSingleItem().Message.ShouldContain("压缩炸弹");
    }

    [Fact]
    public void Parse_DocxNested20000Deep_IsRefusedNamingThePart()
    {
        var docx = OfficeFixtures.NestedDocx(20_000);

        var document = importer.Parse(docx, "嵌套.docx");

        document.Errors.ShouldHaveSingleItem().Message.ShouldBe("文档内部部件“word/document.xml”的元素嵌套超过 256 层，嵌套过深，不是正常的 Word/Excel 文档，已拒绝读取。");
        document.Lists.ShouldBeEmpty();
    }

    [Fact]
    public void Parse_XlsxNestedDeepInSheetData_IsRefusedInLessThanASecond()
    {
        var xlsx = OfficeFixtures.NestedXlsx(["序号", "事项名称", "牵头单位"], 40_000);
        var watch = System.Diagnostics.Stopwatch.StartNew();

        var document = importer.Parse(xlsx, "嵌套.xlsx");

        watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(1));
        document.Errors.ShouldHaveSingleItem().Message.ShouldStartWith("文档内部部件“xl/worksheets/");
        document.Errors[0].Message.ShouldContain("嵌套过深");
    }

    [Fact]
    public void Parse_DocxNestedWithinTheLimit_IsRead()
    {
        // Two elements a level (w:sdt, w:sdtContent), below document, body, paragraph, run and text.
        var docx = OfficeFixtures.NestedDocx(OfficePackage.MaxDepth / 2 - 5);

        OfficePackage.Check(docx, 16 * 1024 * 1024, new ParseDeadline(ParseDeadline.DefaultLimit)).ShouldBeNull();
        importer.Parse(docx, "嵌套.docx").Errors.ShouldNotContain(e => e.Message.Contains("嵌套过深"));
    }

    [Fact]
    public void Parse_DocumentOverTheTimeLimit_StopsWithTheLimitInChinese()
    {
        var rows = Enumerable.Range(1, 20_000).Select(i => new[] { i.ToString(), $"推进第 {i} 项工作。", "市发改委" }).Prepend(["序号", "事项名称", "牵头单位"]);
        var xlsx = OfficeFixtures.Xlsx(("清单", rows));

        var document = importer.Parse(xlsx, "大.xlsx", new ImportOptions { TimeLimit = TimeSpan.FromMilliseconds(1) });

        document.Errors.ShouldHaveSingleItem().Message.ShouldBe("读取文档超过 0.001 秒仍未完成，已停止读取。文档可能过大或结构异常，请检查后重新上传。");
        document.TimedOut.ShouldBeTrue();
        importer.Parse(xlsx, "大.xlsx").Lists.ShouldHaveSingleItem().Items.Count.ShouldBe(20_000);
    }

    [Fact]
    public void DocumentText_NestedDocx_IsNotRead()
    {
        Zhenxing.Importing.Targets.DocumentText.Read(OfficeFixtures.NestedDocx(20_000)).ShouldBeNull();
    }

    [Fact]
    public void Parse_ItemCellOfAMillionCharacters_IsAnErrorNamingTheCell()
    {
        var text = "清单\n序号\t事项名称\t牵头单位\n1\t" + new string('长', 1_000_000) + "\t市发改委\n2\t推进某项工作。\t市财政局\n";

        var document = Seeds.ParseText(text, "清单.txt");

        document.Errors.Select(e => e.ToString()).ShouldContain("第 3 行第 2 列：该单元格有 1000000 字，超过导入上限 20000 字（事项内容最多 20000 字），整行未读取");
        document.Lists.SelectMany(l => l.Items).ShouldAllBe(i => i.Text.Length <= LedgerFieldLimits.ItemText);
    }

    [Fact]
    public void Parse_MegabyteTitleLine_IsAnErrorNotDropped()
    {
        var text = new string('题', 1024 * 1024) + "\n序号\t事项名称\t牵头单位\n1\t推进某项工作。\t市发改委\n";

        var document = Seeds.ParseText(text, "清单.txt");

        document.Errors.Select(e => e.ToString()).ShouldBe(["第 1 行：该行有 1048576 字，超过导入上限 20000 字（事项内容最多 20000 字），整行未读取"]);
    }

    [Fact]
    public void Parse_FieldsLongerThanTheLedgerTakes_AreErrorsNamingTheRow()
    {
        var unit = "市" + new string('发', 250) + "局";
        var deadline = "2021年12月底前完成" + new string('并', 120);
        var text = $"清单\n序号\t事项名称\t牵头单位\t完成时限\n1\t推进某项工作。\t{unit}\t{deadline}\n";

        var document = Seeds.ParseText(text, "清单.txt");

        var errors = document.Errors.Select(e => e.ToString()).ToList();
        errors.ShouldContain("第 3 行：单位名称“市发发发发发发发发发发发发发发发发发发发…”有 252 字，超过上限 200 字");
        errors.ShouldContain("第 3 行：完成时限“2021年12月底前完成并并并并并并并并…”有 132 字，超过上限 100 字", string.Join("\n", errors));
    }

    [Fact]
    public void Parse_UnrecognisedDeadline_WarnsWithCellAndKeepsWording()
    {
        var docx = OfficeFixtures.Docx("2021年清单", null, [["序号", "事项名称", "牵头单位", "完成时限"], ["1", "推进某项工作。", "市发改委", "视情况而定"]]);

        var document = importer.Parse(docx, "清单.docx");

        var item = document.Lists[0].Items.ShouldHaveSingleItem();
        item.DeadlineText.ShouldBe("视情况而定");
        item.Deadline.ShouldBeNull();
        document.Warnings.ShouldHaveSingleItem().ToString().ShouldBe("表 1 第 2 行第 4 列：无法识别完成时限“视情况而定”，已保留原文，未换算日期");
    }

    [Fact]
    public void Parse_DeadlineWithoutAnyYear_WarnsAndKeepsWording()
    {
        var document = Seeds.ParseText("清单\n序号\t事项名称\t牵头单位\t完成时限\n1\t推进某项工作。\t市发改委\t8 月底前\n", "清单.txt");

        document.Lists[0].Items[0].Deadline.ShouldBeNull();
        document.Lists[0].Items[0].DeadlineText.ShouldBe("8 月底前");
        document.Warnings.ShouldHaveSingleItem().Message.ShouldContain("没有年份");
    }

    private sealed class EndlessStream : Stream
    {
        private long position;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            Array.Fill(buffer, (byte)'a', offset, count);
            position += count;
            return count;
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
