namespace Zhenxing.Importing;

public enum ItemListKind
{
    MajorItems,
    WorkPoints,
    CountySupport,
    MeetingMatters,
    Pilots,
    Policies,
    Actions,
}
