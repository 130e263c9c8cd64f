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
        Passwords.Check(first).ShouldBeNull();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("1234567")]
    public void Check_TooShort_ExplainsTheMinimum(string? password) =>
        Passwords.Check(password).ShouldBe("密码至少需要 8 个字符。");
}
