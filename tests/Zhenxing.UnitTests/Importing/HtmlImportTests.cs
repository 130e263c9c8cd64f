using System.Text;
using Zhenxing.Importing;

namespace Zhenxing.UnitTests.Importing;

public class HtmlImportTests
{
    private readonly DocumentImporter importer = new();

    private const string Page = """
        <!DOCTYPE html>
        <html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"><title>重大事项清单_蓉江新区</title>
        <style>td { border: 1px solid }</style><script>var nav = "首页";</script></head>
        <body>
        <div class="top-nav"><a href="/">首页</a> | <a href="/zwgk">政务公开</a></div>
        <div class="breadcrumb">当前位置：首页 &gt; 通知公告</div>
        <nav><ul><li>机构设置</li><li>政策文件</li></ul></nav>
        <div class="article">
          <h2>赣州蓉江新区2021年重大事项清单</h2>
          <p>（共 3 项）</p>
          <table>
            <tr><th>序号</th><th>事项名称</th><th>牵头单位</th><th>责任单位</th><th>完成时限</th></tr>
            <tr><td colspan="5">一、深入推进振兴发展战略落实（3项）</td></tr>
            <tr><td>1</td><td>抓实《意见》政策文件宣传活动。</td><td rowspan="2">区经发局</td><td>潭东镇、<br>潭口镇</td><td>8 月底前</td></tr>
            <tr><td>2</td><td>抓好《意见》政策文件落实。</td><td>区直有关部门</td><td>12月底前</td></tr>
            <tr><td>3</td><td>推进重大平台建设。</td><td>区财政局</td><td>区属有关单位</td><td>12月底前</td></tr>
          </table>
          <p>赣州蓉江新区管委会<br>2021年4月1日</p>
        </div>
        <div class="bdshare">分享到：微信 微博</div>
        <footer>版权所有：赣州蓉江新区 联系电话：0797-0000000</footer>
        <div id="footer">网站标识码 3607000000</div>
        </body></html>
        """;

    [Fact]
    public void Parse_SavedWebPageInGb2312_ReadsTableRowsAndSkipsNavigationAndFooter()
    {
        var gb = CodePagesEncodingProvider.Instance.GetEncoding("GB18030")!;

        var document = importer.Parse(gb.GetBytes(Page), "清单.htm");

        document.Errors.ShouldBeEmpty();
        var list = document.Lists.ShouldHaveSingleItem();
        list.Title.ShouldBe("赣州蓉江新区2021年重大事项清单");
        list.DeclaredTotal.ShouldBe(3);
        list.Categories.ShouldHaveSingleItem().ItemCount.ShouldBe(3);
        list.Items.Select(i => (i.Number, i.Text, string.Join(",", i.LeadUnits), i.DeadlineText)).ShouldBe(
        [
            ("1", "抓实《意见》政策文件宣传活动。", "区经发局", "8 月底前"),
            ("2", "抓好《意见》政策文件落实。", "区经发局", "12月底前"),
            ("3", "推进重大平台建设。", "区财政局", "12月底前"),
        ]);
        list.Items[0].ResponsibleUnits.ShouldBe(["潭东镇", "潭口镇"]);
        list.Items[0].Deadline.ShouldBe(new DateOnly(2021, 8, 31));
        string.Join("", document.Warnings.Select(w => w.Message)).ShouldNotContain("首页");
    }

    [Fact]
    public void Parse_Utf8PageWithoutDoctypeNamedTxt_IsRecognisedByItsContent()
    {
        var html = "<table><tr><td>序号</td><td>事项名称</td><td>牵头单位</td></tr><tr><td>1</td><td>推进重大平台建设。</td><td>区财政局</td></tr></table>";

        var document = importer.Parse(Encoding.UTF8.GetBytes(html), "清单.txt", new ImportOptions { Year = 2021 });

        document.Errors.ShouldBeEmpty();
        document.Lists.ShouldHaveSingleItem().Items.ShouldHaveSingleItem().LeadUnits.ShouldBe(["区财政局"]);
    }

    [Fact]
    public void Parse_NumberSpanningTwoRows_MakesTheSecondRowASubRowOfTheSameItem()
    {
        var html = """
            <h2>2016年民生实事目标任务分解表</h2>
            <table>
              <tr><td>序号</td><td>民生实事</td><td>责任单位</td><td>完成时限</td></tr>
              <tr><td rowspan="2">5</td><td>开工建设县老年养护楼。</td><td rowspan="2">县民政局</td><td>5月底前动工</td></tr>
              <tr><td>开工建设老年大学。</td><td>12月底前</td></tr>
              <tr><td>6</td><td>迁建县政务服务中心。</td><td>县代建中心</td><td>12月底前</td></tr>
            </table>
            """;

        var document = importer.Parse(Encoding.UTF8.GetBytes(html), "实事.html");

        document.Errors.ShouldBeEmpty();
        var items = document.Lists.ShouldHaveSingleItem().Items;
        items.Select(i => i.Number).ShouldBe(["5", "6"]);
        items[0].Text.ShouldBe("开工建设县老年养护楼。开工建设老年大学。（完成时限：12月底前）");
        items[0].LedgerLeadUnits.ShouldBe(["县民政局"]);
        items[0].Deadline.ShouldBe(new DateOnly(2016, 5, 31));
        items[0].Doubts.ShouldContain(d => d.Reason.Contains("两个完成时限"));
    }
}
