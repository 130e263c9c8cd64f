using Zhenxing.Web.Features.Items;

namespace Zhenxing.Web.Features.Rounds.Sheets;

/// <summary>The official columns of a reporting sheet (报送表), shared by the writer and the reader.</summary>
public static class SheetColumns
{
    public const string ItemId = "事项编号";
    public const string List = "清单";
    public const string Number = "序号";
    public const string Title = "事项名称";
    public const string Unit = "单位";
    public const string Role = "角色";
    public const string Deadline = "截止日期";
    public const string Status = "进展状态";
    public const string Narrative = "进展情况";
    public const string Problems = "存在问题及需协调事项";
    public const string Figures = "数据";

    public static readonly IReadOnlyList<string> All = [ItemId, List, Number, Title, Unit, Role, Deadline, Status, Narrative, Problems, Figures];

    /// <summary>Without these a sheet cannot be read back; the others are there for the reader's eyes.</summary>
    public static readonly IReadOnlyList<string> Required = [ItemId, Status, Narrative];

    public static readonly IReadOnlyList<ItemStatus> Statuses = Enum.GetValues<ItemStatus>();

    public static string StatusWords => string.Join("、", Statuses.Select(s => s.ToChinese()));

    public static ItemStatus? ParseStatus(string word) => Statuses.Cast<ItemStatus?>().FirstOrDefault(s => s!.Value.ToChinese() == word);

    /// <summary>Spreadsheet column letters: 1 → A, 27 → AA.</summary>
    public static string Letter(int column)
    {
        var letters = "";
        for (; column > 0; column = (column - 1) / 26)
        {
            letters = (char)('A' + (column - 1) % 26) + letters;
        }
        return letters;
    }

    public static int? ColumnOf(string? reference)
    {
        var column = 0;
        foreach (var c in reference ?? "")
        {
            if (c is < 'A' or > 'Z')
            {
                break;
            }
            column = column * 26 + (c - 'A' + 1);
        }
        return column == 0 ? null : column;
    }
}
