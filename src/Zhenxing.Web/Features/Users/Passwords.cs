using System.Security.Cryptography;

namespace Zhenxing.Web.Features.Users;

/// <summary>The one password rule, for every place a password is set, and the generator of initial passwords.</summary>
public static class Passwords
{
    // No 0/O, 1/l/I: the password is read off a screen and typed by hand.
    private const string Alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    public const int MinimumLength = 10;

    // A user name this short is inside too many good passwords to be held against them.
    private const int ShortestNameChecked = 3;

    private static readonly Lazy<HashSet<string>> Common = new(LoadCommon);

    /// <summary>A random password of <paramref name="length"/> characters; not a rule-passing one for a user (see the overload).</summary>
    public static string Generate(int length = 16) => RandomNumberGenerator.GetString(Alphabet, length);

    /// <summary>A random initial password that satisfies <see cref="Check"/> for this user.</summary>
    public static string Generate(string userName)
    {
        while (true)
        {
            var password = Generate();
            if (Check(password, userName) is null)
            {
                return password;
            }
        }
    }

    /// <summary>Returns a Chinese message when the password is too weak for this user, otherwise null.</summary>
    public static string? Check(string? password, string userName)
    {
        if (string.IsNullOrEmpty(password))
        {
            return $"密码不能为空，至少需要 {MinimumLength} 个字符。";
        }
        if (Common.Value.Contains(password))
        {
            return "密码过于常见（如 password、12345678910、qwertyuiop、woaini1314），容易被猜中，请换一个。";
        }
        if (password.Length < MinimumLength)
        {
            return $"密码至少需要 {MinimumLength} 个字符。";
        }
        var name = userName.Trim();
        if (name.Length >= ShortestNameChecked
            && (password.Contains(name, StringComparison.OrdinalIgnoreCase)
                || password.Contains(new string(name.Reverse().ToArray()), StringComparison.OrdinalIgnoreCase)))
        {
            return "密码不能包含用户名（或倒写的用户名），请换一个。";
        }
        return null;
    }

    private static HashSet<string> LoadCommon()
    {
        using var stream = typeof(Passwords).Assembly.GetManifestResourceStream("Zhenxing.Web.Features.Users.CommonPasswords.txt")
            ?? throw new InvalidOperationException("The list of common passwords is missing from the assembly.");
        using var reader = new StreamReader(stream);
        var common = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && !line.StartsWith('#'))
            {
                common.Add(line.Trim());
            }
        }
        return common;
    }
}
