using System.Security.Claims;

namespace Zhenxing.Web.Infrastructure.Audit;

/// <summary>Who is making a change, for the audit log: the signed-in user, or the command line.</summary>
public interface ICurrentActor
{
    int? UserId { get; }
    string Name { get; }
}

public sealed class HttpCurrentActor(IHttpContextAccessor accessor) : ICurrentActor
{
    public int? UserId =>
        int.TryParse(accessor.HttpContext?.User.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;

    public string Name => accessor.HttpContext?.User.Identity?.Name ?? "匿名访问";
}

public sealed class SystemActor(string name) : ICurrentActor
{
    public int? UserId => null;
    public string Name { get; } = name;
}
