using Zhenxing.Web.Features.Users;

namespace Zhenxing.UnitTests.Web;

public sealed class PasswordsTests
{
    [Fact]
    public void Generate_Twice_GivesDifferentReadablePasswords()
    {
        var first = Passwords.Generate();
        var second = Passwords.Generate();

        first.Length.ShouldBe(16);
        first.ShouldNotBe(second);
        // Characters that are easily misread are never used (checked on many, not one).
        var many = string.Concat(Enumerable.Range(0, 200).Select(_ => Passwords.Generate()));
        many.Intersect("0O1lI").ShouldBeEmpty();
        Passwords.Check(first, "admin").ShouldBeNull();
    }

    [Fact]
    public void Generate_ForAUser_NeverContainsTheName()
    {
        // A three-letter name of the alphabet turns up in about one random password in ten thousand.
        var passwords = Enumerable.Range(0, 20_000).Select(_ => Passwords.Generate("abc")).ToList();

        passwords.ShouldAllBe(p => Passwords.Check(p, "abc") == null);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Check_Empty_ExplainsTheMinimum(string? password) =>
        Passwords.Check(password, "office1").ShouldBe("密码不能为空，至少需要 10 个字符。");

    [Theory]
    [InlineData("1234567")]
    [InlineData("abcdefg-9")]
    public void Check_TooShort_ExplainsTheMinimum(string password) =>
        Passwords.Check(password, "office1").ShouldBe("密码至少需要 10 个字符。");

    [Theory]
    [InlineData("password")]
    [InlineData("PASSWORD")]
    [InlineData("12345678910")]
    [InlineData("qwertyuiop")]
    [InlineData("a123456789")]
    [InlineData("woaini1314")]
    [InlineData("1qaz2wsx3edc")]
    public void Check_CommonPassword_IsRefusedAsCommon(string password) =>
        Passwords.Check(password, "office1")!.ShouldStartWith("密码过于常见");

    [Theory]
    [InlineData("liming", "liming2024!")]
    [InlineData("liming", "LiMing-office")]
    [InlineData("liming", "gnimil-2024")]
    [InlineData("  liming ", "x-liming-x-y")]
    public void Check_PasswordDerivedFromTheUserName_IsRefused(string userName, string password) =>
        Passwords.Check(password, userName).ShouldBe("密码不能包含用户名（或倒写的用户名），请换一个。");

    [Theory]
    [InlineData("li", "li-correct-horse")]
    [InlineData("liming", "correct-horse-9")]
    public void Check_AGoodPassword_IsAccepted(string userName, string password) =>
        Passwords.Check(password, userName).ShouldBeNull();
}
