using Microsoft.EntityFrameworkCore;
using Zhenxing.Web.Data;

namespace Zhenxing.Web.Features.Holidays;

/// <summary>
/// Working days by the holiday calendar: Monday to Friday, except the days off (法定节假日), plus the weekend days that
/// are worked (调休上班). Built from the calendar once per use; the rules themselves need no database.
/// </summary>
public sealed class WorkingDays(IEnumerable<DateOnly> daysOff, IEnumerable<DateOnly> workingWeekends)
{
    private readonly HashSet<DateOnly> daysOff = [.. daysOff];
    private readonly HashSet<DateOnly> workingWeekends = [.. workingWeekends];

    /// <summary>The calendar as the Office keeps it on /holidays.</summary>
    public static async Task<WorkingDays> LoadAsync(ZhenxingDb db, CancellationToken cancellationToken)
    {
        var days = await db.Holidays.AsNoTracking().Select(h => new { h.Date, h.Kind }).ToListAsync(cancellationToken);
        return new WorkingDays(
            days.Where(d => d.Kind == HolidayKind.DayOff).Select(d => d.Date),
            days.Where(d => d.Kind == HolidayKind.WorkingWeekend).Select(d => d.Date));
    }

    public bool IsWorkingDay(DateOnly date) =>
        date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? workingWeekends.Contains(date) : !daysOff.Contains(date);

    /// <summary>
    /// The working day <paramref name="count"/> working days after <paramref name="date"/> (before it when negative);
    /// 0 gives the date itself, or the next working day when it is not one.
    /// </summary>
    public DateOnly AddWorkingDays(DateOnly date, int count)
    {
        var step = count < 0 ? -1 : 1;
        var left = Math.Abs(count);
        if (left == 0)
        {
            while (!IsWorkingDay(date))
            {
                date = date.AddDays(1);
            }
            return date;
        }
        while (left > 0)
        {
            date = date.AddDays(step);
            if (IsWorkingDay(date))
            {
                left--;
            }
        }
        return date;
    }

    /// <summary>The working days after <paramref name="from"/> up to and including <paramref name="to"/>; negative when <paramref name="to"/> is earlier.</summary>
    public int WorkingDaysBetween(DateOnly from, DateOnly to)
    {
        if (to < from)
        {
            return -WorkingDaysBetween(to, from);
        }
        var count = 0;
        for (var day = from.AddDays(1); day <= to; day = day.AddDays(1))
        {
            if (IsWorkingDay(day))
            {
                count++;
            }
        }
        return count;
    }
}
