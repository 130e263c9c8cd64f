using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Zhenxing.Web.Data;
using Zhenxing.Web.Features.Items;
using Zhenxing.Web.Features.Ledger;
using Zhenxing.Web.Features.Users;

namespace Zhenxing.Web.Features.Units;

/// <summary>A unit's items as lead and as responsible, and its overdue ones; a liaison's home page ("我的事项").</summary>
public sealed class UnitDetailModel(ZhenxingDb db, LedgerQuery ledger) : PageModel
{
    public Unit Unit { get; private set; } = null!;
    public string? ParentName { get; private set; }
    public LedgerPage AsLead { get; private set; } = null!;
    public LedgerPage AsResponsible { get; private set; } = null!;
    public LedgerPage Overdue { get; private set; } = null!;
    public bool IsOwnUnit { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        var ownUnit = ItemScope.UnitOf(User);
        if (User.IsInRole(nameof(Role.Liaison)) && ownUnit != id)
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
        Overdue = await ledger.RunAsync(new LedgerFilter { County = unit.Name, Overdue = true, PageSize = LedgerFilter.MaxPageSize }, User, cancellationToken);
        return Page();
    }
}
