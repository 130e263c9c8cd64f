using Zhenxing.Web.Features.Units;

namespace Zhenxing.UnitTests.Web;

public sealed class CountyRenamesTests
{
    [Theory]
    [InlineData("龙南县", "龙南市")]
    [InlineData("龙南市", "龙南市")]
    [InlineData(" 赣县 ", "赣县区")]
    [InlineData("于都县", "于都县")]
    public void Current_GivesTodaysName(string name, string expected) => CountyRenames.Current(name).ShouldBe(expected);

    [Fact]
    public void AllNames_OfEitherName_AreTheSameCounty()
    {
        CountyRenames.AllNames("龙南县").ShouldBe(["龙南市", "龙南县"]);
        CountyRenames.AllNames("龙南市").ShouldBe(["龙南市", "龙南县"]);
        CountyRenames.AllNames("瑞金市").ShouldBe(["瑞金市"]);
    }
}
