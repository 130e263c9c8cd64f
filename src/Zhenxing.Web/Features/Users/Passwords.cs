using System.Security.Cryptography;

namespace Zhenxing.Web.Features.Users;

public static class Passwords
{
    // No 0/O, 1/l/I: the password is read off a screen and typed by hand.
    private const string Alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    public const int MinimumLength = 8;

    public static string Generate(int length = 16) => RandomNumberGenerator.GetString(Alphabet, length);

    /// <summary>Returns a Chinese message when the password is too weak, otherwise null.</summary>
    public static string? Check(string? password) =>
        string.IsNullOrEmpty(password) || password.Length < MinimumLength
            ? $"密码至少需要 {MinimumLength} 个字符。"
            : null;
}
