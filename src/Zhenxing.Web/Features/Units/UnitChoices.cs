using System.Globalization;
using Microsoft.EntityFrameworkCore;

namespace Zhenxing.Web.Features.Units;

/// <summary>A unit as offered in a unit picker.</summary>
public sealed record UnitChoice(int Id, string Name, UnitKind Kind);

/// <summary>
/// Every list of units a user chooses from, in one order: by pinyin (the ICU zh collation, as a Chinese reader looks a
/// name up), not by code point. The database cannot sort so (SQLite has no zh collation), so the names are sorted here.
/// </summary>
public static class UnitChoices
{
    /// <summary>Pinyin order: 安远县 before 赣州市 before 瑞金市 before 章贡区.</summary>
    public static readonly StringComparer PinyinOrder = StringComparer.Create(CultureInfo.GetCultureInfo("zh-CN"), CompareOptions.None);

    /// <summary>A long list is shown in groups of unit kinds, a short one as it is.</summary>
    public const int GroupFrom = 30;

    public static IEnumerable<T> InPinyinOrder<T>(this IEnumerable<T> source, Func<T, string> name) => source.OrderBy(name, PinyinOrder);

    public static IEnumerable<string> InPinyinOrder(this IEnumerable<string> names) => names.OrderBy(n => n, PinyinOrder);

    /// <summary>The units of <paramref name="units"/> (the whole directory, or a filtered query) in pinyin order.</summary>
    public static async Task<List<UnitChoice>> LoadAsync(IQueryable<Unit> units, CancellationToken cancellationToken) =>
        (await units.AsNoTracking().Select(u => new UnitChoice(u.Id, u.Name, u.Kind)).ToListAsync(cancellationToken))
            .InPinyinOrder(u => u.Name).ToList();

    /// <summary>The picker's group of a kind: 部门, 县（市、区）, 对口支援单位 or 其他单位, in that order.</summary>
    public static (int Order, string Label) GroupOf(UnitKind kind) => kind switch
    {
        UnitKind.CityDepartment or UnitKind.DistrictOffice or UnitKind.ProvincialDepartment => (0, "部门"),
        UnitKind.County => (1, "县（市、区）"),
        UnitKind.CentralUnit or UnitKind.University or UnitKind.StateOwnedEnterprise => (2, "对口支援单位"),
        _ => (3, "其他单位"),
    };
}

/// <summary>What <c>_UnitPicker.cshtml</c> renders: a select of units, searchable with <c>js/unit-picker.js</c>.</summary>
/// <param name="EmptyLabel">The first option with an empty value (e.g. 全部, （无）), or none.</param>
public sealed record UnitPicker(string Name, string Id, IReadOnlyList<UnitChoice> Units, int? Selected, string? EmptyLabel, string Label);
