using System.Text;

namespace Zhenxing.Importing.Parsing;

/// <summary>An item still being read: wrapped text and labelled lines below it may still arrive.</summary>
internal sealed class ItemDraft(ParsedList list, ParsedCategory? category, string number, string? shortTitle, string text, ImportLocation location)
{
    public ParsedList List { get; } = list;
    public ParsedCategory? Category { get; } = category;
    public string Number { get; } = number;
    public string? ShortTitle { get; set; } = shortTitle;
    public StringBuilder Text { get; } = new(text);
    public ImportLocation Location { get; } = location;
    public List<string> LeadCells { get; } = [];
    public List<string> ResponsibleCells { get; } = [];
    public List<string> LeaderCells { get; } = [];
    /// <summary>Cells of columns the ledger has no field for (备注, 对口支援单位 …), by header name.</summary>
    public Dictionary<string, string> OtherCells { get; } = [];
    /// <summary>False when the row had no 序号 of its own and one was counted.</summary>
    public bool NumberFromSource { get; init; } = true;
    public bool HasLeadColumn { get; set; }
    /// <summary>Null when the list has no deadline column: such a list takes no per-item date.</summary>
    public string? DeadlineCell { get; set; }
    public ImportLocation? DeadlineLocation { get; set; }

    /// <summary>What the reader is unsure of beyond the units (two deadlines for one item …), shown as 待核对.</summary>
    public List<ItemDoubt> Doubts { get; } = [];

    /// <summary>The unit list the last filled unit cell went to, for a name PDF extraction wrapped onto the next line.</summary>
    public List<string>? LastUnitCells { get; set; }

    /// <summary>Appends "教育局" to a unit cell left open as "市振兴办、市"; false when that cell looks complete.</summary>
    public bool TryContinueUnits(string fragment)
    {
        if (LastUnitCells is not { Count: > 0 } cells || fragment.Length > 20)
        {
            return false;
        }
        var last = cells[^1].TrimEnd();
        var tail = last.Split('、', '，', ',', '；', ';').Last();
        if (!"、，,；;".Contains(last[^1]) && tail.Length > 2)
        {
            return false;
        }
        cells[^1] = last + fragment;
        return true;
    }

    /// <summary>True once label lines were read under the item: a further "项目责任人：…" line is one of its fields.</summary>
    public bool HasLabels { get; private set; }

    public void ApplyLabels(IEnumerable<(string Label, string Value)> labels, ImportLocation location)
    {
        HasLabels = true;
        foreach (var (label, value) in labels)
        {
            if (label.Contains("领导"))
            {
                LeaderCells.Add(value);
            }
            else if (label.Contains("时"))
            {
                DeadlineCell = value;
                DeadlineLocation = location;
            }
            else
            {
                var (units, due) = SplitTrailingDeadline(value);
                if (label.Contains("牵头") || label.Contains("主办"))
                {
                    LeadCells.Add(units);
                    HasLeadColumn = true;
                }
                else
                {
                    ResponsibleCells.Add(units);
                }
                if (due is not null && DeadlineCell is null)
                {
                    DeadlineCell = due;
                    DeadlineLocation = location;
                }
            }
        }
    }

    /// <summary>"州司法局，各县市人民政府，6月底完成": the last part of a unit label is the item's deadline, not a unit.</summary>
    private static (string Units, string? Deadline) SplitTrailingDeadline(string value)
    {
        var at = value.TrimEnd().LastIndexOfAny(['，', ',', '；', ';']);
        if (at <= 0)
        {
            return (value, null);
        }
        var tail = value[(at + 1)..].Trim();
        return tail.Length is > 0 and <= 12 && !UnitNames.LooksLikeOrganisation(tail) && DeadlineParser.Parse(tail, 2000) is { Recognized: true, Ongoing: false }
            ? (value[..at], tail)
            : (value, null);
    }
}
