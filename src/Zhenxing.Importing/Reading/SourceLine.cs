namespace Zhenxing.Importing.Reading;

/// <summary>One line of any format: a text line, a Word paragraph or table row, or a sheet row.</summary>
/// <param name="FromTable">True for Word and Excel table rows, whose cells are certain.</param>
/// <param name="MergedFromAbove">Columns whose cell is the continuation of a cell merged over several rows (its text is copied down).</param>
internal sealed record SourceLine(IReadOnlyList<string> Cells, ImportLocation Location, bool FromTable = false, IReadOnlySet<int>? MergedFromAbove = null)
{
    public bool IsBlank => Cells.All(string.IsNullOrWhiteSpace);

    public int FilledCount => Cells.Count(c => !string.IsNullOrWhiteSpace(c));

    /// <summary>The text of a single-cell line, or of the only filled cell.</summary>
    public string? Single => FilledCount == 1 ? Cells.First(c => !string.IsNullOrWhiteSpace(c)).Trim() : null;

    public string Joined => string.Join(" ", Cells.Where(c => !string.IsNullOrWhiteSpace(c)).Select(c => c.Trim()));
}
