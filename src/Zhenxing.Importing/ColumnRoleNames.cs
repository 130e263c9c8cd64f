using Zhenxing.Importing.Parsing;

namespace Zhenxing.Importing;

/// <summary>The Chinese names of the column roles, as the preview offers them ("这一列是牵头单位") and `--column` takes them.</summary>
public static class ColumnRoleNames
{
    private static readonly (ColumnRole Role, string Name)[] Names =
    [
        (ColumnRole.Number, "序号"),
        (ColumnRole.Text, "事项内容"),
        (ColumnRole.Detail, "具体要求"),
        (ColumnRole.Lead, "牵头单位"),
        (ColumnRole.Responsible, "责任单位"),
        (ColumnRole.Deadline, "完成时限"),
        (ColumnRole.Leader, "责任领导"),
        (ColumnRole.Category, "分类"),
        (ColumnRole.Note, "备注"),
        (ColumnRole.Supporting, "支援单位"),
        (ColumnRole.County, "受援地"),
        (ColumnRole.City, "设区市"),
        (ColumnRole.Unknown, "不导入"),
    ];

    /// <summary>Every role, in the order the preview lists them.</summary>
    public static IReadOnlyList<ColumnRole> All { get; } = Names.Select(n => n.Role).ToList();

    public static string ToChinese(this ColumnRole role) => Names.First(n => n.Role == role).Name;

    /// <summary>Reads "牵头单位" (or the English name, "Lead"); false for anything else.</summary>
    public static bool TryParse(string? text, out ColumnRole role)
    {
        var trimmed = text?.Trim() ?? "";
        foreach (var (candidate, name) in Names)
        {
            if (name == trimmed || string.Equals(candidate.ToString(), trimmed, StringComparison.OrdinalIgnoreCase))
            {
                role = candidate;
                return true;
            }
        }
        role = ColumnRole.Unknown;
        return false;
    }

    /// <summary>The header wording a column choice is keyed by: without spaces (PDF and Word often spread a short header out) or asterisks.</summary>
    public static string HeaderKey(string header) => TableHeader.Key(header);
}
