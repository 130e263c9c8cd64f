namespace Zhenxing.Web.Features.Benchmarks;

/// <summary>Order statistics of measured durations.</summary>
public static class Percentiles
{
    /// <summary>
    /// The <paramref name="percent"/>th percentile of <paramref name="sorted"/> (ascending), interpolating linearly
    /// between the two nearest ranks, as spreadsheets and numpy do by default.
    /// </summary>
    public static double Of(IReadOnlyList<double> sorted, double percent)
    {
        if (sorted.Count == 0)
        {
            throw new ArgumentException("No values.", nameof(sorted));
        }
        var rank = percent / 100 * (sorted.Count - 1);
        var lower = (int)Math.Floor(rank);
        var upper = Math.Min(lower + 1, sorted.Count - 1);
        return sorted[lower] + (sorted[upper] - sorted[lower]) * (rank - lower);
    }
}

/// <summary>Table columns in a terminal, where a Chinese character takes two cells.</summary>
public static class TerminalColumns
{
    public static string PadRight(string text, int cells)
    {
        var width = text.Sum(c => c >= '\u2E80' ? 2 : 1);
        return width >= cells ? text : text + new string(' ', cells - width);
    }
}
