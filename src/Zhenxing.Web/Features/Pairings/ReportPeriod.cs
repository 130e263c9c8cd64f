namespace Zhenxing.Web.Features.Pairings;

/// <summary>A period as the pages and the API take it: <c>from</c> and <c>to</c> (yyyy-MM-dd, both included), by default this year up to today.</summary>
public static class ReportPeriod
{
    public static (DateOnly From, DateOnly To, Dictionary<string, string> Errors) Parse(string? from, string? to, DateOnly today)
    {
        var errors = new Dictionary<string, string>();
        var start = EditPairings.Date(from, "from", "起始日期", errors, required: false) ?? new DateOnly(today.Year, 1, 1);
        var end = EditPairings.Date(to, "to", "截止日期", errors, required: false) ?? today;
        if (errors.Count == 0 && end < start)
        {
            errors["to"] = $"截止日期（{end:yyyy-MM-dd}）不能早于起始日期（{start:yyyy-MM-dd}）。";
        }
        return (start, end, errors);
    }
}
