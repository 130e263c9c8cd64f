using Microsoft.EntityFrameworkCore;
using Zhenxing.Web.Data;

namespace Zhenxing.Web.Features.Items;

/// <summary>
/// The Office's changes to the shape of a list: split an item into several, merge items into one, withdraw
/// and restore. Nothing is deleted: what is replaced is withdrawn with a reason that names its successor.
/// </summary>
public sealed class ReshapeItems(ZhenxingDb db, TimeProvider clock)
{
    public async Task<(List<Item>? Parts, string? Problem)> SplitAsync(int itemId, int version, IReadOnlyList<string> texts, CancellationToken cancellationToken)
    {
        var parts = texts.Select(t => t.Trim()).Where(t => t.Length > 0).ToList();
        if (parts.Count < 2)
        {
            return (null, "拆分至少需要两项内容，每行一项。");
        }
        var item = await db.Items.Include(i => i.Units).SingleOrDefaultAsync(i => i.Id == itemId && i.WithdrawnAt == null, cancellationToken);
        if (item is null)
        {
            return (null, "事项不存在或已撤销。");
        }
        db.Entry(item).Property(i => i.Version).OriginalValue = version;

        var later = await db.Items.Where(i => i.ItemListId == item.ItemListId && i.Position > item.Position).ToListAsync(cancellationToken);
        foreach (var next in later)
        {
            next.Position += parts.Count;
        }
        var created = parts.Select((text, index) => new Item
        {
            ItemListId = item.ItemListId,
            CategoryId = item.CategoryId,
            Position = item.Position + index + 1,
            Number = $"{item.Number}-{index + 1}",
            Text = text,
            Deadline = item.Deadline,
            DeadlineText = item.DeadlineText,
            Ongoing = item.Ongoing,
            Status = item.Status,
            GroupReferences = item.GroupReferences,
            Leaders = item.Leaders,
            Units = item.Units.Select(u => new ItemUnit { UnitId = u.UnitId, Role = u.Role, Position = u.Position }).ToList(),
        }).ToList();
        db.Items.AddRange(created);
        item.WithdrawnAt = clock.GetUtcNow();
        item.WithdrawnReason = $"拆分为第 {string.Join("、", created.Select(c => c.Number))} 项。";
        return await SaveAsync(created);
    }

    public async Task<(Item? Target, string? Problem)> MergeAsync(int targetId, int version, IReadOnlyList<int> otherIds, string? mergedText, CancellationToken cancellationToken)
    {
        var target = await db.Items.Include(i => i.Units).SingleOrDefaultAsync(i => i.Id == targetId && i.WithdrawnAt == null, cancellationToken);
        if (target is null)
        {
            return (null, "事项不存在或已撤销。");
        }
        var others = await db.Items.Include(i => i.Units)
            .Where(i => otherIds.Contains(i.Id) && i.Id != targetId && i.WithdrawnAt == null && i.ItemListId == target.ItemListId)
            .ToListAsync(cancellationToken);
        if (others.Count == 0)
        {
            return (null, "请至少选择一项同一清单中的其他事项并入。");
        }
        db.Entry(target).Property(i => i.Version).OriginalValue = version;
        var lead = target.Units.Concat(others.SelectMany(o => o.Units)).Where(u => u.Role == ItemUnitRole.Lead).Select(u => u.UnitId).Distinct().ToList();
        var responsible = target.Units.Concat(others.SelectMany(o => o.Units)).Where(u => u.Role == ItemUnitRole.Responsible).Select(u => u.UnitId).Distinct().ToList();
        ItemForm.SetUnits(target, lead, responsible);
        target.Text = string.IsNullOrWhiteSpace(mergedText)
            ? string.Join("\n", others.Select(o => o.Text).Prepend(target.Text))
            : mergedText.Trim();
        var now = clock.GetUtcNow();
        foreach (var other in others)
        {
            other.WithdrawnAt = now;
            other.WithdrawnReason = $"并入第 {target.Number} 项。";
        }
        var (_, problem) = await SaveAsync([target]);
        return problem is null ? (target, null) : (null, problem);
    }

    public async Task<string?> WithdrawAsync(int itemId, int version, string? reason, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            return "请填写撤销原因。";
        }
        var item = await db.Items.SingleOrDefaultAsync(i => i.Id == itemId && i.WithdrawnAt == null, cancellationToken);
        if (item is null)
        {
            return "事项不存在或已撤销。";
        }
        db.Entry(item).Property(i => i.Version).OriginalValue = version;
        item.WithdrawnAt = clock.GetUtcNow();
        item.WithdrawnReason = reason.Trim();
        return (await SaveAsync([item])).Problem;
    }

    public async Task<string?> RestoreAsync(int itemId, int version, CancellationToken cancellationToken)
    {
        var item = await db.Items.SingleOrDefaultAsync(i => i.Id == itemId && i.WithdrawnAt != null, cancellationToken);
        if (item is null)
        {
            return "事项不存在或未撤销。";
        }
        db.Entry(item).Property(i => i.Version).OriginalValue = version;
        item.WithdrawnAt = null;
        item.WithdrawnReason = null;
        return (await SaveAsync([item])).Problem;
    }

    private async Task<(List<Item>? Items, string? Problem)> SaveAsync(List<Item> items)
    {
        try
        {
            await db.SaveChangesAsync();
            return (items, null);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return (null, "在您操作期间，该事项已被其他用户修改，本次操作未保存。请刷新后重试。");
        }
    }
}
