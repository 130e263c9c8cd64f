using System.Text.Json;

namespace Zhenxing.UnitTests.Importing;

public class JsonOutputTests
{
    [Fact]
    public void ToJson_Rongjiang_HasReadableChineseAndIsoDeadlines()
    {
        var json = Seeds.Parse("001").ToJson();

        json.ShouldContain("区党群部");
        json.ShouldNotContain("\\u");
        using var parsed = JsonDocument.Parse(json);
        var list = parsed.RootElement.GetProperty("lists")[0];
        list.GetProperty("kind").GetString().ShouldBe("majorItems");
        list.GetProperty("year").GetInt32().ShouldBe(2021);
        list.GetProperty("declaredTotal").GetInt32().ShouldBe(18);
        var category = list.GetProperty("categories")[1];
        category.GetProperty("number").GetString().ShouldBe("二");
        category.GetProperty("declaredCount").GetInt32().ShouldBe(11);
        category.GetProperty("itemCount").GetInt32().ShouldBe(11);
        category.GetProperty("children").GetArrayLength().ShouldBe(0);
        var item = list.GetProperty("items")[0];
        item.GetProperty("category").GetString().ShouldBe("一");
        item.GetProperty("number").GetString().ShouldBe("1");
        item.GetProperty("leadUnits")[0].GetString().ShouldBe("区党群部");
        item.GetProperty("responsibleUnits").GetArrayLength().ShouldBe(4);
        item.GetProperty("deadline").GetString().ShouldBe("2021-08-31");
        item.GetProperty("deadlineText").GetString().ShouldBe("8 月底前");
        item.GetProperty("ongoing").GetBoolean().ShouldBeFalse();
        parsed.RootElement.GetProperty("pairings").GetArrayLength().ShouldBe(0);
        parsed.RootElement.GetProperty("warnings").GetArrayLength().ShouldBe(0);
        parsed.RootElement.GetProperty("errors").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public void ToJson_Attachment_HasNestedCategoriesAndNullDeadlines()
    {
        using var parsed = JsonDocument.Parse(Seeds.Parse("002").ToJson());

        var lists = parsed.RootElement.GetProperty("lists");
        lists.GetArrayLength().ShouldBe(2);
        lists[0].GetProperty("kind").GetString().ShouldBe("workPoints");
        var three = lists[1].GetProperty("categories")[2];
        three.GetProperty("itemCount").GetInt32().ShouldBe(89);
        three.GetProperty("children")[0].GetProperty("number").GetString().ShouldBe("（一）");
        three.GetProperty("children")[0].GetProperty("declaredCount").GetInt32().ShouldBe(38);
        lists[1].GetProperty("items")[0].GetProperty("deadline").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Fact]
    public void ToJson_Pairings_HaveUnitsCountyAndCity()
    {
        using var parsed = JsonDocument.Parse(Seeds.Parse("003").ToJson());

        var pairing = parsed.RootElement.GetProperty("pairings")[0];
        pairing.GetProperty("supportingUnits").GetArrayLength().ShouldBe(2);
        pairing.GetProperty("county").GetString().ShouldBe("章贡区");
        pairing.GetProperty("city").GetString().ShouldBe("赣州市");
        parsed.RootElement.GetProperty("coordinatingUnits").GetArrayLength().ShouldBe(2);
        parsed.RootElement.GetProperty("pairingScheme").GetProperty("periodEndYear").GetInt32().ShouldBe(2030);
    }

    [Fact]
    public void ToJson_Errors_CarryLineAndChineseMessage()
    {
        using var parsed = JsonDocument.Parse(Seeds.ParseText("").ToJson());

        var error = parsed.RootElement.GetProperty("errors")[0];
        error.GetProperty("line").GetInt32().ShouldBe(1);
        error.GetProperty("message").GetString().ShouldBe("文件为空，没有可导入的内容");
    }

    [Fact]
    public void ToJson_DoubtedItem_CarriesTheReasons()
    {
        var text = "2021年重点工作任务清单\n序号\t工作任务\t责任单位\n1\t推进项目建设\t市发改委\n";
        using var parsed = JsonDocument.Parse(Seeds.ParseText(text).ToJson());

        var item = parsed.RootElement.GetProperty("lists")[0].GetProperty("items")[0];
        item.GetProperty("doubts")[0].GetString()!.ShouldContain("导入台账时以排在第一位的“市发改委”为牵头单位");
        // The units as printed: all 责任单位, none named lead; the flag says the ledger takes the first.
        item.GetProperty("leadUnits").GetArrayLength().ShouldBe(0);
        item.GetProperty("responsibleUnits")[0].GetString().ShouldBe("市发改委");
        item.GetProperty("leadByPosition").GetBoolean().ShouldBeTrue();
    }
}
