using Zhenxing.Web.Features.Items;

namespace Zhenxing.UnitTests.Web;

public class ItemReferencesTests
{
    private static ItemReference Item(int id, int list, string number, string path = "一", int? position = null) =>
        new(id, list, list == 1 ? ItemReferences.ListName("赣南苏区振兴发展工作要点", "赣苏振领发〔2020〕1号") : ItemReferences.ListName("蓉江新区2021年重点工作清单", null),
            path, position ?? int.Parse(number), number);

    [Fact]
    public void Join_ItemsOfTwoLists_NamesEachListOnceWithItsNumbers() =>
        ItemReferences.Join([Item(4, 1, "4"), Item(30, 2, "3"), Item(2, 1, "2")])
            .ShouldBe("赣苏振领发〔2020〕1号第2、4项；《蓉江新区2021年重点工作清单》第3项");

    [Fact]
    public void Join_TheSameItemTwice_NamesItOnce() =>
        ItemReferences.Join([Item(4, 1, "4"), Item(4, 1, "4")]).ShouldBe("赣苏振领发〔2020〕1号第4项");

    [Fact]
    public void Join_NumbersRestartingInEachCategory_NamesTheCategories() =>
        ItemReferences.Join([Item(10, 1, "4", "三/（一）", 40), Item(20, 1, "4", "三/（二）", 60), Item(21, 1, "5", "三/（二）", 61)])
            .ShouldBe("赣苏振领发〔2020〕1号三（一）第4项、三（二）第4、5项");

    [Fact]
    public void ListName_WithoutDocumentNumber_IsTheTitleInBookQuotes() =>
        ItemReferences.ListName("测试清单", " ".Trim()).ShouldBe("《测试清单》");
}
