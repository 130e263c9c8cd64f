using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Zhenxing.Web.Data;
using Zhenxing.Web.Features.Users;

namespace Zhenxing.Web.Features.Units;

[Authorize(Roles = $"{nameof(Role.Admin)},{nameof(Role.Office)}")]
public sealed class EditUnitModel(ZhenxingDb db, MergeUnits merge) : PageModel
{
    [BindProperty]
    public UnitForm Form { get; set; } = new();

    public List<(int Id, string Name)> Parents { get; private set; } = [];
    public string? Confirmation { get; private set; }

    /// <summary>Set after the first step of a merge: what it would move, with the button that confirms it.</summary>
    public MergeUnits.Preview? MergePreview { get; private set; }

    /// <summary>Set when another user saved the unit first: what this user tried to save, shown beside the current values.</summary>
    public UnitForm? Rejected { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        var unit = await db.Units.AsNoTracking().Include(u => u.Aliases).SingleOrDefaultAsync(u => u.Id == id, cancellationToken);
        if (unit is null)
        {
            return NotFound();
        }
        Form = UnitForm.From(unit);
        if (Request.Query["merged"].ToString() is { Length: > 0 } merged)
        {
            Confirmation = $"已将“{merged}”合并到本单位：其事项、用户、结对均已转到本单位，原名称记为简称。";
        }
        await LoadParentsAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken)
    {
        var unit = await db.Units.Include(u => u.Aliases).SingleOrDefaultAsync(u => u.Id == id, cancellationToken);
        if (unit is null)
        {
            return NotFound();
        }

        if (unit.Version != Form.Version)
        {
            return await ConflictAsync(id, cancellationToken);
        }
        if (ModelState.IsValid)
        {
            await Form.ValidateAsync(db, id, ModelState, nameof(Form), cancellationToken);
        }
        if (!ModelState.IsValid)
        {
            await LoadParentsAsync(cancellationToken);
            return Page();
        }

        db.Entry(unit).Property(u => u.Version).OriginalValue = Form.Version;
        Form.ApplyTo(unit);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return await ConflictAsync(id, cancellationToken);
        }

        Confirmation = $"已保存单位“{unit.Name}”。";
        Form = UnitForm.From(unit);
        ModelState.Clear();
        await LoadParentsAsync(cancellationToken);
        return Page();
    }

    /// <summary>A merge in two steps: the first shows what would move (<see cref="MergePreview"/>), the second, confirmed, merges.</summary>
    public async Task<IActionResult> OnPostMergeAsync(int id, string? mergeInto, [Display(Name = "确认合并")] bool confirmed, CancellationToken cancellationToken)
    {
        var unit = await db.Units.AsNoTracking().Include(u => u.Aliases).SingleOrDefaultAsync(u => u.Id == id, cancellationToken);
        if (unit is null)
        {
            return NotFound();
        }
        string? problem;
        if (string.IsNullOrWhiteSpace(mergeInto))
        {
            problem = "请填写要合并到的单位。";
        }
        else if (!confirmed)
        {
            (MergePreview, problem) = await merge.PreviewAsync(id, mergeInto, cancellationToken);
            if (MergePreview is not null && MergePreview.SourceVersion != Form.Version)
            {
                (MergePreview, problem) = (null, "在您操作期间，该单位已被其他用户修改，未合并。请刷新后重试。");
            }
        }
        else
        {
            problem = await merge.RunAsync(id, Form.Version, mergeInto, cancellationToken);
        }
        if (problem is not null || MergePreview is not null)
        {
            db.ChangeTracker.Clear();
            Form = UnitForm.From(unit);
            ModelState.Clear();
            if (problem is not null)
            {
                ModelState.AddModelError(string.Empty, problem);
            }
            await LoadParentsAsync(cancellationToken);
            return Page();
        }
        var target = await db.Units.FindByNameAsync(mergeInto!, cancellationToken);
        return Redirect($"/admin/units/{target!.Id}?merged={Uri.EscapeDataString(unit.Name)}");
    }

    private async Task<IActionResult> ConflictAsync(int id, CancellationToken cancellationToken)
    {
        var current = await db.Units.AsNoTracking().Include(u => u.Aliases).SingleAsync(u => u.Id == id, cancellationToken);
        Rejected = Form;
        Form = UnitForm.From(current);
        ModelState.Clear();
        ModelState.AddModelError(string.Empty,
            "保存失败：在您编辑期间，该单位已被其他用户修改。下面显示的是最新内容，您的修改未保存；请核对后重新修改并保存。");
        Response.StatusCode = StatusCodes.Status409Conflict;
        await LoadParentsAsync(cancellationToken);
        return Page();
    }

    private async Task LoadParentsAsync(CancellationToken cancellationToken)
    {
        Parents = (await UnitChoices.LoadAsync(db.Units, cancellationToken)).Select(p => (p.Id, p.Name)).ToList();
    }
}
