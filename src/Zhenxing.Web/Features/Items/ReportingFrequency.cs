namespace Zhenxing.Web.Features.Items;

/// <summary>汇报频次: how often an item's lead unit reports, besides the rounds the Office opens.</summary>
public enum ReportingFrequency
{
    None,
    Monthly,
    Quarterly,
    HalfYearly,
}

/// <summary>The reporting periods a frequency makes: their names and due dates, and the one a date falls in.</summary>
public static class ReportingPeriods
{
    public static string ToChinese(this ReportingFrequency frequency) => frequency switch
    {
        ReportingFrequency.Monthly => "每月",
        ReportingFrequency.Quarterly => "每季度",
        ReportingFrequency.HalfYearly => "每半年",
        _ => "按轮次",
    };

    /// <summary>The period containing <paramref name="date"/>: its first day, its due date and its name.</summary>
    public static (DateOnly Start, DateOnly Due, string Name) PeriodOf(ReportingFrequency frequency, DateOnly date, int? monthlyDay)
    {
        switch (frequency)
        {
            case ReportingFrequency.Monthly:
                var monthStart = new DateOnly(date.Year, date.Month, 1);
                var last = monthStart.AddMonths(1).AddDays(-1);
                var due = monthlyDay is >= 1 and <= 28 ? new DateOnly(date.Year, date.Month, monthlyDay.Value) : last;
                return (monthStart, due, $"{date.Year}年{date.Month}月");
            case ReportingFrequency.Quarterly:
                var quarter = (date.Month - 1) / 3;
                var quarterStart = new DateOnly(date.Year, quarter * 3 + 1, 1);
                return (quarterStart, quarterStart.AddMonths(3).AddDays(-1), $"{date.Year}年第{"一二三四"[quarter]}季度");
            case ReportingFrequency.HalfYearly:
                var firstHalf = date.Month <= 6;
                var halfStart = new DateOnly(date.Year, firstHalf ? 1 : 7, 1);
                return (halfStart, halfStart.AddMonths(6).AddDays(-1), $"{date.Year}年{(firstHalf ? "上" : "下")}半年");
            default:
                throw new ArgumentOutOfRangeException(nameof(frequency), frequency, "No periods without a frequency.");
        }
    }

    /// <summary>The latest period whose due date has passed on <paramref name="today"/>.</summary>
    public static (DateOnly Start, DateOnly Due, string Name) LastDuePeriod(ReportingFrequency frequency, DateOnly today, int? monthlyDay)
    {
        var period = PeriodOf(frequency, today, monthlyDay);
        return period.Due < today ? period : PeriodOf(frequency, period.Start.AddDays(-1), monthlyDay);
    }
}
