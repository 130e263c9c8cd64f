using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Zhenxing.Web.Data;
using Zhenxing.Web.Features.Users;

namespace Zhenxing.Web.Features.Units;

[Authorize(Roles = $"{nameof(Role.Admin)},{nameof(Role.Office)}")]
public sealed class UnitsModel(ZhenxingDb db) : PageModel
{
    public sealed record UnitRow(int Id, string Name, UnitKind Kind, string? Parent, string Aliases);
    public sealed record UnitOption(int Id, string Name);

    [BindProperty]
    public UnitForm Form { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    public List<UnitRow> Rows { get; private set; } = [];
    public List<UnitOption> Parents { get; private set; } = [];
    public string? Confirmation { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (ModelState.IsValid)
        {
            await Form.ValidateAsync(db, null, ModelState, nameof(Form), cancellationToken);
        }
        if (!ModelState.IsValid)
        {
            await LoadAsync(cancellationToken);
            return Page();
        }

        var unit = new Unit { Name = Form.Name.Trim() };
        Form.ApplyTo(unit);
        db.Units.Add(unit);
        await db.SaveChangesAsync(cancellationToken);
        Confirmation = $"已添加单位“{unit.Name}”。";
        Form = new UnitForm();
        ModelState.Clear();
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var query = db.Units.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(Q))
        {
            var q = Q.Trim();
            query = query.Where(u => u.Name.Contains(q) || u.Aliases.Any(a => a.Name.Contains(q)));
        }
        var units = await query.OrderBy(u => u.Kind).ThenBy(u => u.Name)
            .Select(u => new { u.Id, u.Name, u.Kind, Parent = u.Parent == null ? null : u.Parent.Name, Aliases = u.Aliases.Select(a => a.Name).ToList() })
            .ToListAsync(cancellationToken);
        Rows = units.Select(u => new UnitRow(u.Id, u.Name, u.Kind, u.Parent, string.Join("、", u.Aliases))).ToList();
        Parents = (await UnitChoices.LoadAsync(db.Units, cancellationToken)).Select(u => new UnitOption(u.Id, u.Name)).ToList();
    }
}
