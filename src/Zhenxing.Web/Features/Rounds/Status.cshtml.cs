using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Zhenxing.Web.Data;
using Zhenxing.Web.Features.Items;
using Zhenxing.Web.Features.Users;

namespace Zhenxing.Web.Features.Rounds;

/// <summary>The ledger as of a round, with the office's statistics; every number opens the items behind it.</summary>
public sealed class RoundStatusModel(ZhenxingDb db, RoundStatistics statistics, CountRounds counts) : PageModel
{
    public ReportingRound Round { get; private set; } = null!;
    public List<StatisticsLine> Lists { get; private set; } = [];
    public List<StatisticsLine> Categories { get; private set; } = [];
    public List<StatisticsLine> Units { get; private set; } = [];
    public ItemChanges? Changes { get; private set; }
    public List<RoundItem> Shown { get; private set; } = [];

    /// <summary>The round's six figures: a liaison's own unit's share, everyone else the whole round.</summary>
    public RoundCounts Counts { get; private set; } = null!;

    /// <summary>The items the change sentences name, with their lists.</summary>
    public Dictionary<int, ItemReference> References { get; private set; } = [];

    /// <summary>What the round page's last action said (closing lands here).</summary>
    [TempData]
    public string? Message { get; set; }

    [BindProperty(SupportsGet = true), Display(Name = "清单")]
    public int? List { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Category { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Unit { get; set; }

    [BindProperty(SupportsGet = true), Display(Name = "状态")]
    public ItemStatus? Status { get; set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        var round = await db.ReportingRounds.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (round is null)
        {
            return NotFound();
        }
        Round = round;
        var items = await statistics.ItemsAsync(round, cancellationToken);
        // A liaison reads the figures of its own unit's items only, as everywhere else.
        if (User.IsInRole(nameof(Role.Liaison)))
        {
            var visible = await db.Items.VisibleTo(User).Select(i => i.Id).ToListAsync(cancellationToken);
            items = items.Where(i => visible.Contains(i.ItemId)).ToList();
        }
        Lists = RoundStatistics.ByList(items);
        Categories = RoundStatistics.ByCategory(items);
        Units = RoundStatistics.ByLeadUnit(items);
        Changes = await statistics.ChangesAsync(round, items, cancellationToken);
        var ownUnit = User.IsInRole(nameof(Role.Liaison)) ? ItemScope.UnitOf(User) ?? -1 : (int?)null;
        Counts = await counts.ForRoundAsync(round.Id, null, ownUnit, cancellationToken);
        if (Changes is not null)
        {
            References = await ItemReferences.LoadAsync(db, Changes.BecameDone.Concat(Changes.Slipped).Select(i => i.ItemId).ToList(), cancellationToken);
        }
        Shown = items
            .Where(i => List is null || i.ListId == List)
            .Where(i => Category is null || i.CategoryPath == Category)
            .Where(i => Unit is null || i.LeadUnit == Unit)
            .Where(i => Status is null || i.Status == Status)
            .ToList();
        return Page();
    }
}
