using Zhenxing.Web.Features.Holidays;

namespace Zhenxing.UnitTests.Web;

public sealed class WorkingDaysTests
{
    // National Day 2026 as a notice would give it: Thursday 10-01 to Wednesday 10-07 off, Saturday 10-10 worked.
    private static readonly WorkingDays Calendar = new(
        Enumerable.Range(1, 7).Select(d => new DateOnly(2026, 10, d)),
        [new DateOnly(2026, 10, 10)]);

    private static DateOnly D(int month, int day) => new(2026, month, day);

    [Fact]
    public void IsWorkingDay_WeekdaysWeekendsHolidaysAndWorkedWeekends_FollowTheCalendar()
    {
        Calendar.IsWorkingDay(D(12, 7)).ShouldBeTrue();   // Monday
        Calendar.IsWorkingDay(D(12, 5)).ShouldBeFalse();  // Saturday
        Calendar.IsWorkingDay(D(12, 6)).ShouldBeFalse();  // Sunday
        Calendar.IsWorkingDay(D(10, 1)).ShouldBeFalse();  // Thursday, 法定节假日
        Calendar.IsWorkingDay(D(10, 10)).ShouldBeTrue();  // Saturday, 调休上班
        Calendar.IsWorkingDay(D(10, 11)).ShouldBeFalse(); // Sunday after it
    }

    [Fact]
    public void AddWorkingDays_FromFriday_SkipsTheWeekend()
    {
        Calendar.AddWorkingDays(D(12, 4), 1).ShouldBe(D(12, 7));
        Calendar.AddWorkingDays(D(12, 4), 6).ShouldBe(D(12, 14));
    }

    [Fact]
    public void AddWorkingDays_AcrossTheHoliday_SkipsItAndCountsTheWorkedSaturday()
    {
        Calendar.AddWorkingDays(D(9, 30), 1).ShouldBe(D(10, 8));
        Calendar.AddWorkingDays(D(9, 30), 3).ShouldBe(D(10, 10));
        Calendar.AddWorkingDays(D(9, 30), 4).ShouldBe(D(10, 12));
    }

    [Fact]
    public void AddWorkingDays_Negative_CountsBackwards()
    {
        Calendar.AddWorkingDays(D(10, 12), -3).ShouldBe(D(10, 8));
        Calendar.AddWorkingDays(D(10, 8), -1).ShouldBe(D(9, 30));
        Calendar.AddWorkingDays(D(12, 7), -1).ShouldBe(D(12, 4));
    }

    [Fact]
    public void AddWorkingDays_Zero_GivesTheDayOrTheNextWorkingDay()
    {
        Calendar.AddWorkingDays(D(12, 7), 0).ShouldBe(D(12, 7));
        Calendar.AddWorkingDays(D(10, 3), 0).ShouldBe(D(10, 8));
    }

    [Fact]
    public void WorkingDaysBetween_CountsTheWorkingDaysAfterTheStartUpToTheEnd()
    {
        Calendar.WorkingDaysBetween(D(9, 30), D(10, 12)).ShouldBe(4);
        Calendar.WorkingDaysBetween(D(10, 12), D(9, 30)).ShouldBe(-4);
        Calendar.WorkingDaysBetween(D(12, 4), D(12, 7)).ShouldBe(1);
        Calendar.WorkingDaysBetween(D(12, 7), D(12, 7)).ShouldBe(0);
        Calendar.WorkingDaysBetween(D(12, 5), D(12, 6)).ShouldBe(0);
    }

    [Fact]
    public void WorkingDays_WithoutACalendar_AreMondayToFriday()
    {
        var plain = new WorkingDays([], []);
        plain.IsWorkingDay(D(10, 1)).ShouldBeTrue();
        plain.WorkingDaysBetween(D(9, 27), D(10, 4)).ShouldBe(5);
    }
}

public sealed class HolidayLinesTests
{
    [Fact]
    public void Parse_RangesAndSingleDays_GiveEveryDayWithItsKind()
    {
        var result = HolidayLines.Parse("2026-10-01 至 2026-10-07 休\n\n2026-09-27 班\r\n2026年10月10日 班\n2026/1/1 休");
        result.Errors.ShouldBeEmpty();
        result.Days.Count.ShouldBe(10);
        result.Days.Count(d => d.Kind == HolidayKind.DayOff).ShouldBe(8);
        result.Days.Where(d => d.Kind == HolidayKind.WorkingWeekend).Select(d => d.Date).ShouldBe([new DateOnly(2026, 9, 27), new DateOnly(2026, 10, 10)]);
        result.Days[0].Date.ShouldBe(new DateOnly(2026, 1, 1));
    }

    [Fact]
    public void Parse_ABadLine_IsNamedByNumberAndText()
    {
        var result = HolidayLines.Parse("2026-10-01 休\n国庆节放假\n2026-02-30 休\n2026-10-08 班\n2026-10-09");
        result.Errors.ShouldBe([
            "第 2 行“国庆节放假”：无法识别，应为如“2026-10-01 休”或“2026-10-01 至 2026-10-08 休”。",
            "第 3 行“2026-02-30 休”：日期无效，应为如“2026-10-01 休”或“2026-10-01 至 2026-10-08 休”。",
            "第 4 行“2026-10-08 班”：2026-10-08 不是周末，无需标为调休上班（班）。",
            "第 5 行“2026-10-09”：无法识别，应为如“2026-10-01 休”或“2026-10-01 至 2026-10-08 休”。",
        ]);
    }

    [Fact]
    public void Parse_ABackwardOrTooLongRange_IsRefused()
    {
        HolidayLines.Parse("2026-10-08 至 2026-10-01 休").Errors.Single().ShouldContain("日期范围应从早到晚");
        HolidayLines.Parse("2026-01-01 至 2026-03-01 休").Errors.Single().ShouldContain("不超过 31 天");
    }
}
