using Zhenxing.Web.Features.Users;

namespace Zhenxing.Web.Features.ApiKeys;

/// <summary>
/// A key an integration sends as <c>Authorization: Bearer KEY</c>; it acts as its user with that user's role.
/// Only a SHA-256 hash of the key is stored; the key itself is shown once, when it is created.
/// </summary>
public sealed class ApiKey
{
    public int Id { get; set; }
    public int UserId { get; set; }
    public User? User { get; set; }
    public required string Name { get; set; }

    /// <summary>The first characters of the key, so that a user can tell keys apart.</summary>
    public required string Prefix { get; set; }
    public required string Hash { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? LastUsedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
}
