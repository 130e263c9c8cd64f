using Zhenxing.Web.Infrastructure;

namespace Zhenxing.UnitTests.Web;

public class UploadedFileNamesTests
{
    [Theory]
    [InlineData("b\u202Egnp.exe", "bgnp.exe")]
    [InlineData("\u202A\u202B\u202C\u202D\u2066\u2067\u2068\u2069\u200E\u200F\u061C进展.pdf", "进展.pdf")]
    [InlineData("现场\u0000\u0007\r\n\u2028照片.png", "现场照片.png")]
    [InlineData("零宽\u200B\uFEFF空格.docx", "零宽空格.docx")]
    [InlineData(@"C:\Users\张三\桌面\方案.pdf", "方案.pdf")]
    [InlineData("../../etc/passwd", "passwd")]
    [InlineData("  报送表.xlsx  ", "报送表.xlsx")]
    [InlineData("\u202E", UploadedFileNames.Unnamed)]
    [InlineData("..", UploadedFileNames.Unnamed)]
    [InlineData(null, UploadedFileNames.Unnamed)]
    public void Clean_Name_KeepsOnlyWhatIsShown(string? name, string expected) =>
        UploadedFileNames.Clean(name).ShouldBe(expected);

    [Fact]
    public void Clean_NameLongerThanTheColumn_IsCutKeepingItsExtension()
    {
        var clean = UploadedFileNames.Clean(new string('长', 300) + ".pdf");

        clean.Length.ShouldBe(UploadedFileNames.MaxLength);
        clean.ShouldEndWith("长长.pdf");
    }

    [Fact]
    public void Clean_CutInsideASurrogatePair_DropsTheHalf()
    {
        var clean = UploadedFileNames.Clean(new string('长', 255) + "😀😀😀.pdf");

        clean.ShouldBe(new string('长', 255) + ".pdf");
    }
}
