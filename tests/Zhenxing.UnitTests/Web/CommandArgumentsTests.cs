using Zhenxing.Web.Infrastructure.Cli;

namespace Zhenxing.UnitTests.Web;

public sealed class CommandArgumentsTests
{
    [Fact]
    public void Parse_KnownOptionsAndConfigurationSwitches_SeparatesThem()
    {
        var parsed = CommandArguments.Parse(
            ["--name", "czj", "--role=Liaison", "--password-stdin", "--Database:Provider=Postgres", "--ConnectionStrings:Zhenxing", "Host=x"],
            ["name", "role"], ["password-stdin"]);

        parsed["name"].ShouldBe("czj");
        parsed["role"].ShouldBe("Liaison");
        parsed.Flags.ShouldContain("password-stdin");
        parsed.ConfigurationArgs.ShouldBe(["--Database:Provider=Postgres", "--ConnectionStrings:Zhenxing", "Host=x"]);
        parsed.Errors.ShouldBeEmpty();
    }

    [Fact]
    public void Parse_ValueOptionWithoutValue_ReportsItInChinese()
    {
        var parsed = CommandArguments.Parse(["--name"], ["name"], []);

        parsed.Errors.ShouldBe(["选项 --name 需要一个值。"]);
    }

    [Fact]
    public void Parse_PlainWords_ArePositional()
    {
        var parsed = CommandArguments.Parse(["seed.txt", "--dry-run"], [], ["dry-run"]);

        parsed.Positional.ShouldBe(["seed.txt"]);
        parsed.Flags.ShouldContain("dry-run");
    }

    [Fact]
    public void Parse_OptionGivenTwice_KeepsEveryValue()
    {
        var parsed = CommandArguments.Parse(["--column", "推进主体=牵头单位", "--column=备注=不导入"], ["column"], []);

        parsed.AllValues["column"].ShouldBe(["推进主体=牵头单位", "备注=不导入"]);
        parsed["column"].ShouldBe("备注=不导入");
    }
}
