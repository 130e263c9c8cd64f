using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Zhenxing.Web.Data;

namespace Zhenxing.Web.Features.ApiKeys;

public sealed record NewApiKey(ApiKey Key, string Secret);

/// <summary>Creates a key for a user and returns the secret, which is never stored and never shown again.</summary>
public sealed class CreateApiKey(ZhenxingDb db, TimeProvider clock)
{
    public const int MaxNameLength = 100;
    public const string DefaultName = "API 密钥";

    public async Task<(NewApiKey? Created, string? Error)> RunAsync(int userId, string? name, CancellationToken cancellationToken)
    {
        var label = string.IsNullOrWhiteSpace(name) ? DefaultName : name.Trim();
        if (label.Length > MaxNameLength)
        {
            return (null, $"名称不能超过 {MaxNameLength} 个字符。");
        }
        var user = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => new { u.IsActive }).SingleOrDefaultAsync(cancellationToken);
        if (user is null)
        {
            return (null, "用户不存在。");
        }
        if (!user.IsActive)
        {
            return (null, "该用户已停用，不能为其创建 API 密钥。");
        }

        var secret = ApiKeySecrets.Generate();
        var key = new ApiKey
        {
            UserId = userId,
            Name = label,
            Prefix = ApiKeySecrets.PrefixOf(secret),
            Hash = ApiKeySecrets.Hash(secret),
            CreatedAt = clock.GetUtcNow(),
        };
        db.ApiKeys.Add(key);
        await db.SaveChangesAsync(cancellationToken);
        return (new NewApiKey(key, secret), null);
    }
}

public static class ApiKeySecrets
{
    public const string Marker = "zx_";
    private const int RandomBytes = 24;

    /// <summary><c>zx_</c> and 32 URL-safe characters (192 random bits).</summary>
    public static string Generate() =>
        Marker + Convert.ToBase64String(RandomNumberGenerator.GetBytes(RandomBytes)).Replace('+', '-').Replace('/', '_');

    public static string PrefixOf(string secret) => secret[..Math.Min(secret.Length, Marker.Length + 6)];

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}
