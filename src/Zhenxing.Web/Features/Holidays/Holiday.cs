namespace Zhenxing.Web.Features.Holidays;

public enum HolidayKind
{
    /// <summary>法定节假日: a day off, also on a weekday.</summary>
    DayOff,

    /// <summary>调休上班: a weekend day that is a working day.</summary>
    WorkingWeekend,
}

/// <summary>One day of the holiday calendar the Office maintains; every other day is a working day from Monday to Friday.</summary>
public sealed class Holiday
{
    public int Id { get; set; }
    public DateOnly Date { get; set; }
    public HolidayKind Kind { get; set; }
}
