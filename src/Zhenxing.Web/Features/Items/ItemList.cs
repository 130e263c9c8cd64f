using Zhenxing.Web.Features.Units;
using Zhenxing.Web.Infrastructure;

namespace Zhenxing.Web.Features.Items;

public enum ItemListKind
{
    MajorItems,
    WorkPoints,
    CountySupportItems,
    MeetingMatters,
    Pilots,
    Policies,
    Actions,
}

public enum ItemStatus
{
    NotStarted,
    InProgress,
    PositiveProgress,
    Done,
    Blocked,
}

/// <summary>An issued list of items (清单), from one document.</summary>
public sealed class ItemList : IVersioned
{
    public int Id { get; set; }
    public required string Title { get; set; }
    public string? DocumentNumber { get; set; }
    public int? IssuingUnitId { get; set; }
    public Unit? IssuingUnit { get; set; }
    public int Year { get; set; }
    public ItemListKind Kind { get; set; }
    public int? DeclaredTotal { get; set; }
    public List<Category> Categories { get; set; } = [];
    public List<Item> Items { get; set; } = [];
    public int Version { get; set; }
}

/// <summary>A numbered group of items (一、… / （一）…), possibly nested, with its declared count.</summary>
public sealed class Category : IVersioned
{
    public int Id { get; set; }
    public int ItemListId { get; set; }
    public int? ParentId { get; set; }
    public Category? Parent { get; set; }
    public List<Category> Children { get; set; } = [];
    public int Position { get; set; }
    public required string Number { get; set; }
    public required string Title { get; set; }
    public int? DeclaredCount { get; set; }
    public int Version { get; set; }
}

public enum ItemUnitRole
{
    Lead,
    Responsible,
}

/// <summary>One row of a list (事项): number, text, units, deadline, status.</summary>
public sealed class Item : IVersioned
{
    public int Id { get; set; }
    public int ItemListId { get; set; }
    public ItemList? ItemList { get; set; }
    public int? CategoryId { get; set; }
    public Category? Category { get; set; }
    public int Position { get; set; }
    public required string Number { get; set; }
    public string? ShortTitle { get; set; }
    public required string Text { get; set; }
    public List<ItemUnit> Units { get; set; } = [];
    public DateOnly? Deadline { get; set; }
    public string? DeadlineText { get; set; }
    public bool Ongoing { get; set; }
    public ItemStatus Status { get; set; }
    public int Version { get; set; }
}

/// <summary>A unit named on an item, as lead (牵头) or responsible (责任/配合).</summary>
public sealed class ItemUnit
{
    public int Id { get; set; }
    public int ItemId { get; set; }
    public int UnitId { get; set; }
    public Unit? Unit { get; set; }
    public ItemUnitRole Role { get; set; }
    public int Position { get; set; }
}

public static class ItemStatusNames
{
    public static string ToChinese(this ItemStatus status) => status switch
    {
        ItemStatus.NotStarted => "未启动",
        ItemStatus.InProgress => "推进中",
        ItemStatus.PositiveProgress => "取得积极进展",
        ItemStatus.Done => "落实到位",
        ItemStatus.Blocked => "受阻",
        _ => status.ToString(),
    };
}
