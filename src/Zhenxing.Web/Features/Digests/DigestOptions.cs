namespace Zhenxing.Web.Features.Digests;

/// <summary>When digests go out (configuration section <c>Digests</c>) and where their links point (<c>App:PublicUrl</c>).</summary>
public sealed class DigestOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary>China time of day from which the day's digests go out, "HH:mm".</summary>
    public string SendAt { get; set; } = "08:30";

    /// <summary>Reports due within this many days count as "owed soon".</summary>
    public int DueSoonDays { get; set; } = 3;

    /// <summary>How long a group robot may take to answer.</summary>
    public int RobotTimeoutSeconds { get; set; } = 10;

    /// <summary>The address people open the app at, e.g. https://dc.example.gov.cn; links in digests start with it.</summary>
    public string? PublicUrl { get; set; }

    public TimeOnly SendTime => TimeOnly.TryParseExact(SendAt, "HH:mm", out var time) ? time : new TimeOnly(8, 30);

    public string Link(string path) => $"{(PublicUrl ?? "").TrimEnd('/')}{path}";
}
