using Zhenxing.UnitTests.Importing;
using Zhenxing.Web.Features.Rounds.Sheets;

namespace Zhenxing.UnitTests.Web;

public class ReadReportingSheetTests
{
    private static readonly string[] Header = [.. SheetColumns.All];

    [Fact]
    public void Run_SheetReadPastItsTimeLimit_IsRefusedWithTheLimitInChinese()
    {
        var rows = Enumerable.Range(1, 3000).Select(i => new[] { i.ToString(), "测试清单", i.ToString(), $"推进第 {i} 项工作", "市财政局", "牵头", "", "推进中", "已开工。" });
        var sheet = OfficeFixtures.Xlsx(("报送表", rows.Prepend(Header)));

        ReadReportingSheet.Run(sheet, TimeSpan.FromMilliseconds(1)).Problem
            .ShouldBe("读取文档超过 0.001 秒仍未完成，已停止读取。文档可能过大或结构异常，请检查后重新上传。");
        ReadReportingSheet.Run(sheet).Rows.Count.ShouldBe(3000);
    }

    [Fact]
    public void Run_SheetNestedDeepInSheetData_IsRefusedNamingThePart()
    {
        var reading = ReadReportingSheet.Run(OfficeFixtures.NestedXlsx(Header, 40_000));

        reading.Problem.ShouldNotBeNull().ShouldStartWith("文档内部部件“xl/worksheets/");
        reading.Problem.ShouldContain("的元素嵌套超过 256 层，嵌套过深");
        reading.Rows.ShouldBeEmpty();
    }
}
