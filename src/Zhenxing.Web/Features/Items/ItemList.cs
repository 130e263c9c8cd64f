using Zhenxing.Importing;
using Zhenxing.Web.Features.Imports;
using Zhenxing.Web.Features.Units;
using Zhenxing.Web.Infrastructure;

namespace Zhenxing.Web.Features.Items;

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

    /// <summary>Monthly reports are due on this day of the month ("每月28日前报送"); the month's last day when unset.</summary>
    public int? MonthlyReportingDay { get; set; }

    /// <summary>Escalation ladder (working days): unacknowledged assignments are chased after this many; default 2.</summary>
    public int? AcknowledgeWithinWorkingDays { get; set; }

    /// <summary>提醒 this many working days before a round's due date; default 3.</summary>
    public int? RemindWorkingDaysBefore { get; set; }

    /// <summary>督办 this many working days after the 催办通知 that follows the due date; default 3.</summary>
    public int? SuperviseWorkingDaysAfter { get; set; }

    public const int DefaultAcknowledgeWithinWorkingDays = 2;
    public const int DefaultRemindWorkingDaysBefore = 3;
    public const int DefaultSuperviseWorkingDaysAfter = 3;

    /// <summary>The document the list was imported from, when it was.</summary>
    public int? SourceDocumentId { get; set; }
    public SourceDocument? SourceDocument { get; set; }
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

    /// <summary>The numbers from the top category down, e.g. "三/（一）": how items and re-imports name it.</summary>
    public required string Path { get; set; }
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

    /// <summary>Placeholders such as 区直有关部门 or 各县（市、区）, kept as written: they name no single unit.</summary>
    public string? GroupReferences { get; set; }

    /// <summary>Leaders named as responsible (责任领导), as written.</summary>
    public string? Leaders { get; set; }

    /// <summary>Where the item stands in its source document ("第 12 行", "表 1 第 3 行").</summary>
    public string? SourceLocation { get; set; }
    /// <summary>The original deadline (完成时限) as issued; an approved extension never changes it.</summary>
    public DateOnly? Deadline { get; set; }
    public string? DeadlineText { get; set; }

    /// <summary>The new deadline of the latest approved extension request (延期至), if any.</summary>
    public DateOnly? ExtendedDeadline { get; set; }

    /// <summary>
    /// The deadline lateness is judged by: the approved extension, else the original. Written once as an expression so
    /// that the light rules put it into database queries (both providers translate it to COALESCE) and objects alike.
    /// </summary>
    public static readonly System.Linq.Expressions.Expression<Func<Item, DateOnly?>> EffectiveDeadlineOf = i => i.ExtendedDeadline ?? i.Deadline;

    private static readonly Func<Item, DateOnly?> EffectiveDeadlineCompiled = EffectiveDeadlineOf.Compile();

    /// <summary>See <see cref="EffectiveDeadlineOf"/>; not mapped: queries use the expression.</summary>
    public DateOnly? EffectiveDeadline => EffectiveDeadlineCompiled(this);
    public bool Ongoing { get; set; }
    public ItemStatus Status { get; set; }

    /// <summary>Flagged by the Office (督办): the item shows red with this reason until the flag is lifted.</summary>
    public string? FlagReason { get; set; }

    public List<Instruction> Instructions { get; set; } = [];
    public List<Milestone> Milestones { get; set; } = [];
    public ReportingFrequency ReportingFrequency { get; set; }

    /// <summary>Items are never deleted: a withdrawn item keeps its history and says why it was withdrawn.</summary>
    public DateTimeOffset? WithdrawnAt { get; set; }
    public string? WithdrawnReason { get; set; }
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

    /// <summary>When the unit was made lead unit (交办); null for assignments older than 签收, which count as acknowledged.</summary>
    public DateTimeOffset? AssignedAt { get; set; }

    /// <summary>签收: when and by whom the lead unit acknowledged the assignment.</summary>
    public DateTimeOffset? AcknowledgedAt { get; set; }
    public string? AcknowledgedByName { get; set; }

    /// <summary>When the unacknowledged assignment was chased (once).</summary>
    public DateTimeOffset? AcknowledgementChasedAt { get; set; }

    /// <summary>A lead assignment that waits for the unit's 签收.</summary>
    public bool AwaitsAcknowledgement => Role == ItemUnitRole.Lead && AssignedAt is not null && AcknowledgedAt is null;
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

public static class ItemListKindNames
{
    public static string ToChinese(this ItemListKind kind) => kind switch
    {
        ItemListKind.MajorItems => "重大事项",
        ItemListKind.WorkPoints => "工作要点",
        ItemListKind.CountySupport => "援县促市事项",
        ItemListKind.MeetingMatters => "会议议定事项",
        ItemListKind.Pilots => "试点示范",
        ItemListKind.Policies => "政策",
        ItemListKind.Actions => "行动",
        _ => kind.ToString(),
    };
}
