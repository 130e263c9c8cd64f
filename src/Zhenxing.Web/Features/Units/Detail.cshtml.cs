using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Zhenxing.Web.Data;
using Zhenxing.Web.Features.Items;
using Zhenxing.Web.Features.Ledger;

namespace Zhenxing.Web.Features.Units;

/// <summary>A unit's items as lead and as responsible, and its overdue ones; a liaison's home page ("我的事项").</summary>
public sealed class UnitDetailModel(ZhenxingDb db, LedgerQuery ledger, Rounds.RoundObligations obligations) : PageModel
{
    public sealed record RoundRecord(int RoundId, string Round, DateOnly DueOn, int Owed, int OnTime, int Late, int Returned, int Accepted, int Missing);

    /// <summary>The unit's reporting record: per round, what it owed and how it reported.</summary>
    public List<RoundRecord> Record { get; private set; } = [];

    public Unit Unit { get; private set; } = null!;
    public string? ParentName { get; private set; }
    public LedgerPage AsLead { get; private set; } = null!;
    public LedgerPage AsResponsible { get; private set; } = null!;
    public LedgerPage Overdue { get; private set; } = null!;
    public bool IsOwnUnit { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        var ownUnit = ItemScope.UnitOf(User);
        if (!ItemScope.CanSeeUnit(User, id))
        {
            return NotFound();
        }
        var unit = await db.Units.AsNoTracking().Include(u => u.Aliases).SingleOrDefaultAsync(u => u.Id == id, cancellationToken);
        if (unit is null)
        {
            return NotFound();
        }
        Unit = unit;
        IsOwnUnit = ownUnit == id;
        ParentName = unit.ParentId is { } parentId ? await db.Units.Where(u => u.Id == parentId).Select(u => u.Name).SingleAsync(cancellationToken) : null;
        AsLead = await ledger.RunAsync(new LedgerFilter { LeadUnit = unit.Name, PageSize = LedgerFilter.MaxPageSize }, User, cancellationToken);
        AsResponsible = await ledger.RunAsync(new LedgerFilter { ResponsibleUnit = unit.Name, PageSize = LedgerFilter.MaxPageSize }, User, cancellationToken);
        var today = ledger.Today;
        Record = (await obligations.QueryAsync(null, id, openOnly: false, cancellationToken))
            .Where(o => o.Role == ItemUnitRole.Lead)
            .GroupBy(o => (o.RoundId, o.RoundName, o.DueOn))
            .Select(g => new RoundRecord(g.Key.RoundId, g.Key.RoundName, g.Key.DueOn, g.Count(),
                g.Count(o => o.State is Rounds.ReportState.Submitted or Rounds.ReportState.Accepted && !o.Late),
                g.Count(o => o.State is Rounds.ReportState.Submitted or Rounds.ReportState.Accepted && o.Late),
                g.Count(o => o.State == Rounds.ReportState.Returned),
                g.Count(o => o.State == Rounds.ReportState.Accepted),
                g.Count(o => o.State is null or Rounds.ReportState.Draft && g.Key.DueOn < today)))
            .OrderByDescending(r => r.DueOn)
            .ToList();
        Overdue = await ledger.RunAsync(new LedgerFilter { County = unit.Name, Overdue = true, PageSize = LedgerFilter.MaxPageSize }, User, cancellationToken);
        return Page();
    }
}
