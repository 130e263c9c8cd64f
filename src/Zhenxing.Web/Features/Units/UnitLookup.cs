using Microsoft.EntityFrameworkCore;

namespace Zhenxing.Web.Features.Units;

public static class UnitLookup
{
    /// <summary>Finds a unit by its name or one of its aliases.</summary>
    public static Task<Unit?> FindByNameAsync(this IQueryable<Unit> units, string name, CancellationToken cancellationToken = default)
    {
        var trimmed = name.Trim();
        return units.FirstOrDefaultAsync(u => u.Name == trimmed || u.Aliases.Any(a => a.Name == trimmed), cancellationToken);
    }

    /// <summary>True when a unit other than <paramref name="exceptUnitId"/> already uses the name or alias.</summary>
    public static Task<bool> NameTakenAsync(this IQueryable<Unit> units, string name, int? exceptUnitId, CancellationToken cancellationToken = default) =>
        units.AnyAsync(u => u.Id != exceptUnitId && (u.Name == name || u.Aliases.Any(a => a.Name == name)), cancellationToken);
}
