namespace Zhenxing.Web.Features.Notifications;

/// <summary>A message in the app for one user, or for every user of one unit (a liaison's inbox).</summary>
public sealed class Notification
{
    public int Id { get; set; }
    public int? UserId { get; set; }
    public int? UnitId { get; set; }
    public required string Text { get; set; }
    public string? Link { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ReadAt { get; set; }
}
