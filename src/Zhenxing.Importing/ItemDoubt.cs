namespace Zhenxing.Importing;

/// <summary>
/// Why an item should be checked by a person before it is confirmed (待核对), in Chinese.
/// <see cref="UnitName"/> is the unit name the doubt is about, if any: a directory that knows the name clears the doubt.
/// </summary>
public sealed record ItemDoubt(string Reason, string? UnitName = null)
{
    public override string ToString() => Reason;
}
