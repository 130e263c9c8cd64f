using Zhenxing.Web.Infrastructure;

namespace Zhenxing.Web.Features.Digests;

public enum ChannelKind
{
    WeCom,
    DingTalk,
    Feishu,
}

/// <summary>A unit's group robot (企业微信, 钉钉 or 飞书) that receives the unit's daily digest.</summary>
public sealed class UnitChannel : IVersioned
{
    public int Id { get; set; }
    public int UnitId { get; set; }
    public ChannelKind Kind { get; set; }

    /// <summary>The robot's webhook address: a secret (whoever has it can post to the group); masked in the audit log.</summary>
    public required string WebhookUrl { get; set; }

    /// <summary>The signing secret of a 钉钉 or 飞书 robot with 加签 on; masked in the audit log.</summary>
    public string? WebhookSecret { get; set; }

    public DateTimeOffset? LastDeliveryAt { get; set; }
    public bool? LastDeliveryOk { get; set; }

    /// <summary>What the last delivery came to, in Chinese, as shown on the unit page.</summary>
    public string? LastDeliveryStatus { get; set; }
    public int Version { get; set; }
}

public static class ChannelKindNames
{
    public static string ToChinese(this ChannelKind kind) => kind switch
    {
        ChannelKind.WeCom => "企业微信",
        ChannelKind.DingTalk => "钉钉",
        ChannelKind.Feishu => "飞书",
        _ => kind.ToString(),
    };

    /// <summary>The address without its key, for people who may not see the whole secret: https://host/…abcd.</summary>
    public static string Masked(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) ? $"{uri.Scheme}://{uri.Host}/…{(url.Length > 4 ? url[^4..] : "")}" : "…";
}
