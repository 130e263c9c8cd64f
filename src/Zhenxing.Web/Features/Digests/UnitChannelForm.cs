using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Zhenxing.Web.Features.Digests;

/// <summary>What the unit page posts to set its group robot. A blank address or secret keeps the one saved.</summary>
public sealed class UnitChannelForm
{
    public const int MaxUrlLength = 1000;

    [Display(Name = "机器人类型")]
    public ChannelKind Kind { get; set; } = ChannelKind.WeCom;

    [Display(Name = "机器人地址")]
    public string? Url { get; set; }

    [Display(Name = "加签密钥")]
    public string? Secret { get; set; }

    [Display(Name = "清除加签密钥")]
    public bool ClearSecret { get; set; }

    [Display(Name = "版本号")]
    public int Version { get; set; }

    /// <summary>Checks the form against the saved channel (null: none yet); adds a Chinese error naming the field.</summary>
    public void Validate(UnitChannel? saved, ModelStateDictionary modelState, string prefix)
    {
        var url = Url?.Trim();
        if (string.IsNullOrEmpty(url))
        {
            if (saved is null)
            {
                modelState.AddModelError($"{prefix}.{nameof(Url)}", "请填写群机器人的 机器人地址。");
            }
            return;
        }
        if (url.Length > MaxUrlLength)
        {
            modelState.AddModelError($"{prefix}.{nameof(Url)}", $"机器人地址不超过 {MaxUrlLength} 个字符。");
        }
        else if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || string.IsNullOrEmpty(uri.Host))
        {
            modelState.AddModelError($"{prefix}.{nameof(Url)}", "机器人地址必须是以 http:// 或 https:// 开头的完整网址。");
        }
        if (Secret?.Trim() is { Length: > 200 })
        {
            modelState.AddModelError($"{prefix}.{nameof(Secret)}", "加签密钥不超过 200 个字符。");
        }
        if (Kind == ChannelKind.WeCom && !string.IsNullOrWhiteSpace(Secret))
        {
            modelState.AddModelError($"{prefix}.{nameof(Secret)}", "企业微信群机器人没有加签密钥，请留空。");
        }
    }

    public void ApplyTo(UnitChannel channel)
    {
        channel.Kind = Kind;
        if (Url?.Trim() is { Length: > 0 } url)
        {
            channel.WebhookUrl = url;
        }
        if (ClearSecret || Kind == ChannelKind.WeCom)
        {
            channel.WebhookSecret = null;
        }
        else if (Secret?.Trim() is { Length: > 0 } secret)
        {
            channel.WebhookSecret = secret;
        }
    }
}
