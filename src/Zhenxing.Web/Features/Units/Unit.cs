using Zhenxing.Web.Infrastructure;

namespace Zhenxing.Web.Features.Units;

public enum UnitKind
{
    CityDepartment,
    County,
    DistrictOffice,
    CentralUnit,
    University,
    StateOwnedEnterprise,
    Other,
    ProvincialDepartment,
}

/// <summary>An organisation (单位) that leads or contributes to items.</summary>
public sealed class Unit : IVersioned
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public UnitKind Kind { get; set; }
    public int? ParentId { get; set; }
    public Unit? Parent { get; set; }
    public List<UnitAlias> Aliases { get; set; } = [];
    public int Version { get; set; }
}

/// <summary>Another name of a unit, e.g. 市文广新旅局 for 市文化广电新闻出版旅游局.</summary>
public sealed class UnitAlias
{
    public int Id { get; set; }
    public int UnitId { get; set; }
    public required string Name { get; set; }
}

public static class UnitKindNames
{
    public static string ToChinese(this UnitKind kind) => kind switch
    {
        UnitKind.CityDepartment => "市直部门",
        UnitKind.County => "县（市、区）",
        UnitKind.DistrictOffice => "区直部门",
        UnitKind.CentralUnit => "中央国家机关及有关单位",
        UnitKind.University => "高等院校",
        UnitKind.StateOwnedEnterprise => "国有企业",
        UnitKind.ProvincialDepartment => "省直部门",
        _ => "其他",
    };
}
