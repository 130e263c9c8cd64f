using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Zhenxing.Web.Data;
using Zhenxing.Web.Features.Items;
using Zhenxing.Web.Features.Units;

namespace Zhenxing.Web.Features.Ledger;

public sealed class LedgerModel(ZhenxingDb db, LedgerQuery query) : PageModel
{
    public sealed record ListOption(int Id, string Title, int Year);
    public sealed record CategoryOption(int Id, string Label, int Depth);

    public LedgerFilter Filter { get; private set; } = new();

    /// <summary>Each query parameter that could not be read, with a Chinese message naming it and its value: the list is then not shown.</summary>
    public Dictionary<string, string[]> FilterErrors { get; private set; } = [];

    public LedgerPage Result { get; private set; } = new(0, [], [], []);
    public List<ListOption> Lists { get; private set; } = [];
    public List<CategoryOption> Categories { get; private set; } = [];
    public List<string> CountyNames { get; private set; } = [];
    public bool CanEdit => ItemScope.CanEdit(User);

    [TempData]
    public string? Message { get; set; }

    public string? AsOfNote { get; private set; }

    /// <summary>The closed round the view is "as of", when it is.</summary>
    public Rounds.ReportingRound? AsOfRound { get; private set; }

    public int PageCount => Math.Max(1, (Result.Total + Filter.SafePageSize - 1) / Filter.SafePageSize);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        // Read by hand, as the API and the exports read it: model binding would drop a bad value and show everything.
        (Filter, FilterErrors) = Api.LedgerFilterQuery.Parse(Request.Query, withAsOf: true);
        await LoadChoicesAsync(cancellationToken);
        if (FilterErrors.Count > 0)
        {
            return;
        }
        if (Filter.AsOf is { } asOf)
        {
            AsOfRound = await db.ReportingRounds.AsNoTracking().SingleOrDefaultAsync(r => r.Id == asOf && r.State == Rounds.RoundState.Closed, cancellationToken);
            if (AsOfRound is null)
            {
                Filter.AsOf = null;
                AsOfNote = "时点台账只适用于已关闭的报送轮次，已显示当前台账。";
            }
        }
        Result = await query.RunAsync(Filter, User, cancellationToken);
    }

    /// <summary>What the filter form offers: the lists (and the chosen list's categories) and the counties.</summary>
    private async Task LoadChoicesAsync(CancellationToken cancellationToken)
    {
        Lists = await db.ItemLists.AsNoTracking().OrderByDescending(l => l.Year).ThenBy(l => l.Id)
            .Where(l => db.Items.VisibleTo(User).Any(i => i.ItemListId == l.Id))
            .Select(l => new ListOption(l.Id, l.Title, l.Year)).ToListAsync(cancellationToken);
        if (Filter.List.Length == 1)
        {
            var categories = await db.Categories.AsNoTracking().Where(c => c.ItemListId == Filter.List[0])
                .OrderBy(c => c.ParentId == null ? c.Position : c.Parent!.Position).ThenBy(c => c.ParentId != null).ThenBy(c => c.Position)
                .Select(c => new { c.Id, c.Number, c.Title, c.ParentId }).ToListAsync(cancellationToken);
            Categories = categories.Select(c => new CategoryOption(c.Id, LedgerQuery.CategoryLabel(c.Number, c.Title), c.ParentId is null ? 0 : 1)).ToList();
        }
        CountyNames = (await db.Units.AsNoTracking().Where(u => u.Kind == UnitKind.County).Select(u => u.Name).ToListAsync(cancellationToken)).InPinyinOrder().ToList();
    }

    /// <summary>Office: adds one unit, as lead or responsible, to every checked item (e.g. the 32 actions of seed 004).</summary>
    public async Task<IActionResult> OnPostAssignAsync([Display(Name = "勾选的事项")] int[] selected, string? unitName, [Display(Name = "单位角色")] ItemUnitRole role, string? returnQuery, CancellationToken cancellationToken)
    {
        if (!CanEdit)
        {
            return Forbid();
        }
        var back = "/ledger" + (returnQuery is { Length: > 0 } && returnQuery.StartsWith('?') ? returnQuery : "");
        if (selected.Length == 0 || string.IsNullOrWhiteSpace(unitName))
        {
            Message = selected.Length == 0 ? "请先勾选要指定单位的事项。" : "请填写要指定的单位名称。";
            return Redirect(back);
        }
        var unit = await db.Units.FindByNameAsync(unitName, cancellationToken);
        if (unit is null)
        {
            Message = $"单位“{unitName.Trim()}”不在单位名录中，请先在单位管理中添加。";
            return Redirect(back);
        }
        var items = await db.Items.Include(i => i.Units).Where(i => selected.Contains(i.Id) && i.WithdrawnAt == null).ToListAsync(cancellationToken);
        var changed = 0;
        foreach (var item in items.Where(i => !i.Units.Any(u => u.UnitId == unit.Id && u.Role == role)))
        {
            item.Units.Add(new ItemUnit { UnitId = unit.Id, Role = role, Position = item.Units.Count });
            changed++;
        }
        await db.SaveChangesAsync(cancellationToken);
        Message = $"已为 {changed} 项事项指定{(role == ItemUnitRole.Lead ? "牵头单位" : "责任单位")}“{unit.Name}”" + (items.Count > changed ? $"（{items.Count - changed} 项原已有该单位）。" : "。");
        return Redirect(back);
    }
}
