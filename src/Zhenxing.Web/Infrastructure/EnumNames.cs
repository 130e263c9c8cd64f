using Zhenxing.Importing;
using Zhenxing.Web.Features.Bulletins;
using Zhenxing.Web.Features.Items;
using Zhenxing.Web.Features.Meetings;
using Zhenxing.Web.Features.Pairings;
using Zhenxing.Web.Features.Rounds;
using Zhenxing.Web.Features.Targets;
using Zhenxing.Web.Features.Trips;
using Zhenxing.Web.Features.Units;
using Zhenxing.Web.Features.Users;

namespace Zhenxing.Web.Infrastructure;

/// <summary>
/// The Chinese name of every enum value stored in the database, for places that hold only the value's name (the
/// audit log's snapshots): one table that reuses each feature's own <c>ToChinese</c>. An enum stored by a new entity
/// must be added here; the audit label test says which.
/// </summary>
public static class EnumNames
{
    private static readonly Dictionary<Type, Func<Enum, string>> Names = new()
    {
        [typeof(ItemStatus)] = v => ((ItemStatus)v).ToChinese(),
        [typeof(ItemUnitRole)] = v => (ItemUnitRole)v == ItemUnitRole.Lead ? "牵头单位" : "责任单位",
        [typeof(ItemListKind)] = v => ((ItemListKind)v).ToChinese(),
        [typeof(ReportingFrequency)] = v => ((ReportingFrequency)v).ToChinese(),
        [typeof(ReportState)] = v => ((ReportState?)(ReportState)v).ToChinese(),
        [typeof(RoundState)] = v => (RoundState)v == RoundState.Open ? "进行中" : "已关闭",
        [typeof(Role)] = v => ((Role)v).ToChinese(),
        [typeof(UnitKind)] = v => ((UnitKind)v).ToChinese(),
        [typeof(BulletinState)] = v => (BulletinState)v == BulletinState.Draft ? "草稿" : "已发布",
        [typeof(PairingRole)] = v => (PairingRole)v == PairingRole.Supporting ? "对口支援" : "牵头协调",
        [typeof(PairingActivityKind)] = v => ((PairingActivityKind)v).ToChinese(),
        [typeof(LeaderRank)] = v => ((LeaderRank)v).ToChinese(),
        [typeof(PlanKind)] = v => ((PlanKind)v).ToChinese(),
        [typeof(SupportKind)] = v => ((SupportKind)v).ToChinese(),
        [typeof(DestinationLevel)] = v => ((DestinationLevel)v).ToChinese(),
        [typeof(TargetDirection)] = v => ((TargetDirection)v).ToChinese(),
        [typeof(MeetingLevel)] = v => ((MeetingLevel)v).ToChinese(),
        [typeof(LandingStatus)] = v => ((LandingStatus)v).ToChinese(),
        [typeof(Features.Extensions.ExtensionState)] = v => Features.Extensions.ExtensionStateNames.ToChinese((Features.Extensions.ExtensionState)v),
        [typeof(Features.Holidays.HolidayKind)] = v => (Features.Holidays.HolidayKind)v == Features.Holidays.HolidayKind.DayOff ? "法定节假日" : "调休上班",
        [typeof(EscalationLevel)] = v => ((EscalationLevel)v).ToChinese(),
        [typeof(Features.Digests.ChannelKind)] = v => Features.Digests.ChannelKindNames.ToChinese((Features.Digests.ChannelKind)v),
    };

    public static bool Knows(Type enumType) => Names.ContainsKey(Nullable.GetUnderlyingType(enumType) ?? enumType);

    public static string ToChinese(Enum value) =>
        Names.TryGetValue(value.GetType(), out var name) ? name(value) : throw new ArgumentException($"No Chinese names for {value.GetType().Name}.", nameof(value));

    /// <summary>The Chinese name of the value named <paramref name="text"/> ("Accepted"), or null when it is not one of the enum's names.</summary>
    public static string? ToChinese(Type enumType, string text)
    {
        var type = Nullable.GetUnderlyingType(enumType) ?? enumType;
        return Enum.TryParse(type, text, ignoreCase: false, out var value) && Enum.IsDefined(type, value!) && !int.TryParse(text, out _)
            ? ToChinese((Enum)value!)
            : null;
    }
}
