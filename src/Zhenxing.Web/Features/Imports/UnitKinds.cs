using Zhenxing.Web.Features.Units;

namespace Zhenxing.Web.Features.Imports;

/// <summary>A first guess of a new unit's kind from its name; the Office can change it in the preview.</summary>
public static class UnitKinds
{
    public static UnitKind Guess(string name)
    {
        if (name.Contains("大学") || name.Contains("学院"))
        {
            return UnitKind.University;
        }
        if (name.Contains("集团") || name.Contains("公司"))
        {
            return UnitKind.StateOwnedEnterprise;
        }
        if (name.StartsWith('区'))
        {
            return UnitKind.DistrictOffice;
        }
        if (name.StartsWith('市'))
        {
            return UnitKind.CityDepartment;
        }
        if (name.StartsWith("国家") || name.StartsWith("国务院") || name.StartsWith("中央") || name.StartsWith("中国")
            || name.StartsWith("全国") || name.EndsWith('部') || name.EndsWith("总署") || name.EndsWith("总局"))
        {
            return UnitKind.CentralUnit;
        }
        if (name.Length <= 5 && (name.EndsWith('县') || name.EndsWith('区')))
        {
            return UnitKind.County;
        }
        return UnitKind.Other;
    }
}
