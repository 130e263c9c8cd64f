namespace Zhenxing.Web.Infrastructure;

/// <summary>
/// An entity users edit. <see cref="Version"/> is the concurrency token: it is bumped on every save,
/// and a save whose original version no longer matches the row is refused.
/// </summary>
public interface IVersioned
{
    int Version { get; set; }
}
