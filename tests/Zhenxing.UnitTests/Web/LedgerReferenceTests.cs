using System.Text;
using Zhenxing.Web.Features.Exports;

namespace Zhenxing.UnitTests.Web;

public class LedgerReferenceTests
{
    [Theory]
    [InlineData("ZX-3-17")]
    [InlineData(" zx－3－17 ")]
    [InlineData("ZX—3—17")]
    [InlineData("ZX - 3 - 17")]
    public void TryParse_AsExportedOrRetyped_GivesListAndItem(string cell) =>
        LedgerReference.TryParse(cell).ShouldBe((3, 17));

    [Theory]
    [InlineData("")]
    [InlineData("3-17")]
    [InlineData("ZX-3")]
    [InlineData("ZX-3-17 已修改")]
    [InlineData("ZX-3-99999999999")]
    public void TryParse_AnythingElse_IsNoReference(string cell) =>
        LedgerReference.TryParse(cell).ShouldBeNull();

    [Fact]
    public void Format_IsReadBack() =>
        LedgerReference.TryParse(LedgerReference.Format(12, 3456)).ShouldBe((12, 3456));

    [Fact]
    public void ReadStamp_OfAFileThatIsNoOfficePackage_IsNull()
    {
        ExportStamp.Read(Encoding.UTF8.GetBytes("序号\t事项名称\n1\t推进测试工作。")).ShouldBeNull();
        ExportStamp.Read([]).ShouldBeNull();
    }
}
