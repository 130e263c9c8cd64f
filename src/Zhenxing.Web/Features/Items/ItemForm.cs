using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;
using Zhenxing.Importing;
using Zhenxing.Web.Data;
using Zhenxing.Web.Features.Units;

namespace Zhenxing.Web.Features.Items;

/// <summary>What the Office edits on an item; units are typed as names (or aliases) separated by 、.</summary>
public sealed class ItemForm
{
    [Required(ErrorMessage = "请填写序号。"), StringLength(LedgerFieldLimits.ItemNumber, ErrorMessage = "序号不超过 20 个字符。"), Display(Name = "序号")]
    public string Number { get; set; } = "";

    [StringLength(LedgerFieldLimits.ShortTitle, ErrorMessage = "简称不超过 500 个字符。"), Display(Name = "简称")]
    public string? ShortTitle { get; set; }

    [Required(ErrorMessage = "请填写事项内容。"), StringLength(LedgerFieldLimits.ItemText, ErrorMessage = "事项内容过长。"), Display(Name = "事项内容")]
    public string Text { get; set; } = "";

    [Display(Name = "清单")]
    public int ListId { get; set; }
    [Display(Name = "类别")]
    public int? CategoryId { get; set; }
    public string? LeadUnits { get; set; }
    public string? ResponsibleUnits { get; set; }
    [Display(Name = "完成时限")]
    public DateOnly? Deadline { get; set; }

    [StringLength(LedgerFieldLimits.DeadlineText, ErrorMessage = "完成时限原文不超过 100 个字符。"), Display(Name = "完成时限原文")]
    public string? DeadlineText { get; set; }

    [Display(Name = "长期推进")]
    public bool Ongoing { get; set; }
    [Display(Name = "状态")]
    public ItemStatus Status { get; set; }
    [Display(Name = "汇报频次")]
    public ReportingFrequency ReportingFrequency { get; set; }

    [StringLength(1000, ErrorMessage = "督办原因不超过 1000 个字符。"), Display(Name = "督办原因")]
    public string? FlagReason { get; set; }

    [Display(Name = "版本号")]
    public int Version { get; set; }

    public static ItemForm From(Item item, IEnumerable<(ItemUnitRole Role, string Name)> units) => new()
    {
        Number = item.Number,
        ShortTitle = item.ShortTitle,
        Text = item.Text,
        ListId = item.ItemListId,
        CategoryId = item.CategoryId,
        LeadUnits = string.Join("、", units.Where(u => u.Role == ItemUnitRole.Lead).Select(u => u.Name)),
        ResponsibleUnits = string.Join("、", units.Where(u => u.Role == ItemUnitRole.Responsible).Select(u => u.Name)),
        Deadline = item.Deadline,
        DeadlineText = item.DeadlineText,
        Ongoing = item.Ongoing,
        Status = item.Status,
        ReportingFrequency = item.ReportingFrequency,
        FlagReason = item.FlagReason,
        Version = item.Version,
    };

    /// <summary>Checks the list, category and unit names; returns the resolved unit ids by role.</summary>
    public async Task<(List<int> Lead, List<int> Responsible)> ValidateAsync(ZhenxingDb db, ModelStateDictionary modelState, string prefix, CancellationToken cancellationToken)
    {
        var listYear = await db.ItemLists.Where(l => l.Id == ListId).Select(l => (int?)l.Year).SingleOrDefaultAsync(cancellationToken);
        if (listYear is null)
        {
            modelState.AddModelError($"{prefix}.{nameof(ListId)}", "所选清单不存在。");
        }
        if (CategoryId is { } categoryId && !await db.Categories.AnyAsync(c => c.Id == categoryId && c.ItemListId == ListId, cancellationToken))
        {
            modelState.AddModelError($"{prefix}.{nameof(CategoryId)}", "所选类别不属于该清单。");
        }
        // A deadline typed as words ("8 月底前") gets its date as the importer would give it.
        if (Deadline is null && !Ongoing && !string.IsNullOrWhiteSpace(DeadlineText))
        {
            var parsed = DeadlineParser.Parse(DeadlineText, listYear);
            Deadline = parsed.Date;
            Ongoing = parsed.Ongoing;
        }
        var lead = await ResolveAsync(db, LeadUnits, $"{prefix}.{nameof(LeadUnits)}", "牵头单位", modelState, cancellationToken);
        var responsible = await ResolveAsync(db, ResponsibleUnits, $"{prefix}.{nameof(ResponsibleUnits)}", "责任单位", modelState, cancellationToken);
        return (lead, responsible);
    }

    private static async Task<List<int>> ResolveAsync(ZhenxingDb db, string? names, string key, string label, ModelStateDictionary modelState, CancellationToken cancellationToken)
    {
        var ids = new List<int>();
        foreach (var name in UnitNames.Split(names))
        {
            var unit = await db.Units.FindByNameAsync(name, cancellationToken);
            if (unit is null)
            {
                modelState.AddModelError(key, $"{label}“{name}”不在单位名录中，请先在单位管理中添加或检查简称。");
            }
            else if (!ids.Contains(unit.Id))
            {
                ids.Add(unit.Id);
            }
        }
        return ids;
    }

    public void ApplyTo(Item item, List<int> lead, List<int> responsible)
    {
        item.Number = Number.Trim();
        item.ShortTitle = string.IsNullOrWhiteSpace(ShortTitle) ? null : ShortTitle.Trim();
        item.Text = Text.Trim();
        item.ItemListId = ListId;
        item.CategoryId = CategoryId;
        item.Deadline = Ongoing ? null : Deadline;
        item.DeadlineText = string.IsNullOrWhiteSpace(DeadlineText) ? null : DeadlineText.Trim();
        item.Ongoing = Ongoing;
        item.Status = Status;
        item.ReportingFrequency = ReportingFrequency;
        item.FlagReason = string.IsNullOrWhiteSpace(FlagReason) ? null : FlagReason.Trim();
        SetUnits(item, lead, responsible);
    }

    /// <summary>Keeps the rows of units that stay (their history stays with them) and adds or removes the rest.</summary>
    public static void SetUnits(Item item, List<int> lead, List<int> responsible)
    {
        item.Units.RemoveAll(u => !(u.Role == ItemUnitRole.Lead ? lead : responsible).Contains(u.UnitId));
        var position = 0;
        foreach (var (role, ids) in new[] { (ItemUnitRole.Lead, lead), (ItemUnitRole.Responsible, responsible) })
        {
            foreach (var unitId in ids)
            {
                var row = item.Units.FirstOrDefault(u => u.UnitId == unitId && u.Role == role);
                if (row is null)
                {
                    row = new ItemUnit { UnitId = unitId, Role = role };
                    item.Units.Add(row);
                }
                row.Position = position++;
            }
        }
    }
}
