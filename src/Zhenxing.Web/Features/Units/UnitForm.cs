using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;
using Zhenxing.Web.Data;

namespace Zhenxing.Web.Features.Units;

/// <summary>What the unit pages post: a unit's name, kind, parent and aliases, checked the same way for add and edit.</summary>
public sealed class UnitForm
{
    private static readonly char[] AliasSeparators = ['、', '，', ',', '；', ';', '\n', '\r'];

    [Required(ErrorMessage = "请输入单位名称。"), StringLength(200, ErrorMessage = "单位名称不超过 200 个字符。"), Display(Name = "单位名称")]
    public string Name { get; set; } = "";

    [Display(Name = "单位类别")]
    public UnitKind Kind { get; set; } = UnitKind.CityDepartment;
    [Display(Name = "上级单位")]
    public int? ParentId { get; set; }

    /// <summary>Aliases separated by 、 ， , ; or new lines.</summary>
    public string? Aliases { get; set; }

    [Display(Name = "版本号")]
    public int Version { get; set; }

    public IReadOnlyList<string> AliasList() =>
        (Aliases ?? "").Split(AliasSeparators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Distinct(StringComparer.Ordinal)
            .Where(a => a != Name.Trim())
            .ToList();

    public static UnitForm From(Unit unit) => new()
    {
        Name = unit.Name,
        Kind = unit.Kind,
        ParentId = unit.ParentId,
        Aliases = string.Join("、", unit.Aliases.OrderBy(a => a.Id).Select(a => a.Name)),
        Version = unit.Version,
    };

    /// <summary>Adds a Chinese error per problem to <paramref name="modelState"/> under <paramref name="prefix"/>.</summary>
    public async Task ValidateAsync(ZhenxingDb db, int? unitId, ModelStateDictionary modelState, string prefix, CancellationToken cancellationToken)
    {
        var name = Name.Trim();
        if (name.Length > 0 && await db.Units.NameTakenAsync(name, unitId, cancellationToken))
        {
            modelState.AddModelError($"{prefix}.{nameof(Name)}", $"名称“{name}”已被其他单位使用（名称或简称）。");
        }
        foreach (var alias in AliasList())
        {
            if (alias.Length > 200)
            {
                modelState.AddModelError($"{prefix}.{nameof(Aliases)}", $"简称“{alias[..20]}…”超过 200 个字符。");
            }
            else if (await db.Units.NameTakenAsync(alias, unitId, cancellationToken))
            {
                modelState.AddModelError($"{prefix}.{nameof(Aliases)}", $"简称“{alias}”已被其他单位使用。");
            }
        }
        if (ParentId is { } parentId)
        {
            if (!await db.Units.AnyAsync(u => u.Id == parentId, cancellationToken))
            {
                modelState.AddModelError($"{prefix}.{nameof(ParentId)}", "所选上级单位不存在。");
            }
            else if (unitId is { } self && await IsSelfOrDescendantAsync(db, parentId, self, cancellationToken))
            {
                modelState.AddModelError($"{prefix}.{nameof(ParentId)}", "上级单位不能是本单位或其下级单位。");
            }
        }
    }

    public void ApplyTo(Unit unit)
    {
        unit.Name = Name.Trim();
        unit.Kind = Kind;
        unit.ParentId = ParentId;
        var wanted = AliasList();
        unit.Aliases.RemoveAll(a => !wanted.Contains(a.Name));
        foreach (var alias in wanted.Where(w => unit.Aliases.All(a => a.Name != w)))
        {
            unit.Aliases.Add(new UnitAlias { Name = alias });
        }
    }

    private static async Task<bool> IsSelfOrDescendantAsync(ZhenxingDb db, int candidateId, int unitId, CancellationToken cancellationToken)
    {
        int? current = candidateId;
        var seen = new HashSet<int>();
        while (current is { } id && seen.Add(id))
        {
            if (id == unitId)
            {
                return true;
            }
            current = await db.Units.Where(u => u.Id == id).Select(u => u.ParentId).SingleOrDefaultAsync(cancellationToken);
        }
        return false;
    }
}
