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
        first.ShouldNotContain("0");
        first.ShouldNotContain("l");
        Passwords.Check(first).ShouldBeNull();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("1234567")]
    public void Check_TooShort_ExplainsTheMinimum(string? password) =>
        Passwords.Check(password).ShouldBe("密码至少需要 8 个字符。");
}
