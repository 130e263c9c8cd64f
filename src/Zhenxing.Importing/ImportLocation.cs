namespace Zhenxing.Importing;

/// <summary>Where something was read: a text line, a Word table cell or a sheet cell.</summary>
/// <param name="Line">Logical line of the document (1-based); every reader numbers its lines.</param>
/// <param name="IsParagraph">A Word paragraph: shown as "第 N 段".</param>
public sealed record ImportLocation(int Line, int? Table = null, int? Row = null, int? Column = null, string? Sheet = null, bool IsParagraph = false)
{
    public ImportLocation WithColumn(int column) => this with { Column = column };

    public override string ToString()
    {
        if (Sheet is not null)
        {
            return Column is null ? $"{Sheet} 第 {Row} 行" : $"{Sheet}!{ColumnLetters(Column.Value)}{Row}";
        }
        if (Table is not null)
        {
            return Column is null ? $"表 {Table} 第 {Row} 行" : $"表 {Table} 第 {Row} 行第 {Column} 列";
        }
        if (IsParagraph)
        {
            return $"第 {Line} 段";
        }
        return Column is null ? $"第 {Line} 行" : $"第 {Line} 行第 {Column} 列";
    }

    internal static string ColumnLetters(int column)
    {
        var letters = "";
        for (var n = column; n > 0; n = (n - 1) / 26)
        {
            letters = (char)('A' + (n - 1) % 26) + letters;
        }
        return letters;
    }
}
