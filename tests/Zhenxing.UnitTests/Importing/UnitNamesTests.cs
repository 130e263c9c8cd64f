using Zhenxing.Importing;

namespace Zhenxing.UnitTests.Importing;

public class UnitNamesTests
{
    [Theory]
    [InlineData("市振兴办、市 教育局", new[] { "市振兴办", "市教育局" })]
    [InlineData("市财政局、 市税务局、 赣州海关", new[] { "市财政局", "市税务局", "赣州海关" })]
    [InlineData("市发改委，章贡区、赣州蓉江新区", new[] { "市发改委", "章贡区", "赣州蓉江新区" })]
    [InlineData("市财政局;市商务局；市科技局,市工信局", new[] { "市财政局", "市商务局", "市科技局", "市工信局" })]
    [InlineData("各县(市、区)、赣州经开区", new[] { "各县（市、区）", "赣州经开区" })]
    [InlineData("区属、驻区有关单位", new[] { "区属有关单位", "驻区有关单位" })]
    [InlineData("市发改委等市直(驻市)部门", new[] { "市发改委", "市直（驻市）部门" })]
    [InlineData("华润（集团）有限公司", new[] { "华润（集团）有限公司" })]
    [InlineData("安监站 安监所", new[] { "安监站", "安监所" })]
    [InlineData("超限站 公路站 交警六中队", new[] { "超限站", "公路站", "交警六中队" })]
    [InlineData("赣州市 人民政府", new[] { "赣州市人民政府" })]
    [InlineData("县政府 办公室", new[] { "县政府办公室" })]
    [InlineData("市委 宣传部", new[] { "市委宣传部" })]
    [InlineData("高新区管委会 经发局", new[] { "高新区管委会经发局" })]
    [InlineData("", new string[0])]
    public void Split_Cell_GivesNormalisedNames(string cell, string[] expected) =>
        UnitNames.Split(cell).ShouldBe(expected);

    [Theory]
    [InlineData("市 教育局", "市教育局")]
    [InlineData("市直(驻市) 有关部门", "市直（驻市）有关部门")]
    [InlineData(" 区建投公司。", "区建投公司")]
    public void Normalize_WrappedName_IsRejoined(string name, string expected) =>
        UnitNames.Normalize(name).ShouldBe(expected);

    [Theory]
    [InlineData("区直各部门", true)]
    [InlineData("市直(驻市) 有关部门", true)]
    [InlineData("各县（市、区）", true)]
    [InlineData("区直有关部门", true)]
    [InlineData("驻区各单位", true)]
    [InlineData("各科室", true)]
    [InlineData("市直机关工委", false)]
    [InlineData("市振兴办", false)]
    [InlineData("赣州经开区", false)]
    [InlineData("江西理工大学", false)]
    public void IsGroupReference_Name_TellsPlaceholdersFromUnits(string name, bool expected) =>
        UnitNames.IsGroupReference(name).ShouldBe(expected);
}
