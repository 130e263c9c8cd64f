using Zhenxing.Web.Features.Units;

namespace Zhenxing.UnitTests.Web;

public sealed class UnitChoicesTests
{
    [Fact]
    public void InPinyinOrder_CountyNames_SortByPinyinNotCodePoint()
    {
        string[] names = ["章贡区", "瑞金市", "赣州市", "安远县"];

        names.InPinyinOrder().ShouldBe(["安远县", "赣州市", "瑞金市", "章贡区"]);
        // Code-point order, what the pickers showed before, puts 安 after 瑞 and 章 before 赣.
        names.Order(StringComparer.Ordinal).ShouldBe(["安远县", "瑞金市", "章贡区", "赣州市"]);
    }

    [Fact]
    public void InPinyinOrder_DepartmentsSharingAPrefix_SortByTheSyllablesThatFollow()
    {
        string[] names = ["市住建局", "市财政局", "市发改委", "市教育局", "市商务局"];

        names.InPinyinOrder().ShouldBe(["市财政局", "市发改委", "市教育局", "市商务局", "市住建局"]);
    }

    [Fact]
    public void GroupOf_UnitKinds_AreDepartmentsCountiesThenSupportingUnits()
    {
        UnitChoices.GroupOf(UnitKind.CityDepartment).ShouldBe((0, "部门"));
        UnitChoices.GroupOf(UnitKind.ProvincialDepartment).ShouldBe((0, "部门"));
        UnitChoices.GroupOf(UnitKind.County).ShouldBe((1, "县（市、区）"));
        UnitChoices.GroupOf(UnitKind.CentralUnit).ShouldBe((2, "对口支援单位"));
        UnitChoices.GroupOf(UnitKind.StateOwnedEnterprise).ShouldBe((2, "对口支援单位"));
        UnitChoices.GroupOf(UnitKind.Other).ShouldBe((3, "其他单位"));
    }
}
