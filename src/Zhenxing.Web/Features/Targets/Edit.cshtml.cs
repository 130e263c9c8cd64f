using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Zhenxing.Web.Data;
using Zhenxing.Web.Features.Users;

namespace Zhenxing.Web.Features.Targets;

/// <summary>The Office creates (<c>/targets/new</c>) or edits (<c>/targets/{id}/edit</c>) a target.</summary>
[Authorize(Roles = nameof(Role.Office))]
public class TargetEditModel(ZhenxingDb db, SaveTarget save) : PageModel
{
    public sealed class TargetForm
    {
        public string? Title { get; set; }
        public string? OwnerUnit { get; set; }
        public string? MeasureUnit { get; set; }
        public string? BaselineValue { get; set; }
        public string? BaselineYear { get; set; }
        public string? TargetValue { get; set; }
        public string? TargetYear { get; set; }
        [Display(Name = "方向")]
        public TargetDirection Direction { get; set; }
        public string? Milestones { get; set; }
        public string? Note { get; set; }
        [Display(Name = "版本号")]
        public int Version { get; set; }
    }

    [BindProperty]
    public TargetForm Form { get; set; } = new();

    public int? Id { get; private set; }

    public async Task<IActionResult> OnGetAsync([Display(Name = "指标编号")] int? id, CancellationToken cancellationToken)
    {
        Id = id;
        if (id is { } existing)
        {
            var target = await db.Targets.AsNoTracking().Include(t => t.Milestones).Include(t => t.OwnerUnit).SingleOrDefaultAsync(t => t.Id == existing, cancellationToken);
            if (target is null)
            {
                return NotFound();
            }
            Form = new TargetForm
            {
                Title = target.Title, OwnerUnit = target.OwnerUnit!.Name, MeasureUnit = target.MeasureUnit,
                BaselineValue = TargetTrajectory.Format(target.BaselineValue), BaselineYear = target.BaselineYear.ToString(),
                TargetValue = TargetTrajectory.Format(target.TargetValue), TargetYear = target.TargetYear.ToString(), Direction = target.Direction,
                Milestones = string.Join("\n", target.Milestones.OrderBy(m => m.Year).Select(m => $"{m.Year} {TargetTrajectory.Format(m.Value)}")),
                Note = target.Note, Version = target.Version,
            };
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync([Display(Name = "指标编号")] int? id, CancellationToken cancellationToken)
    {
        Id = id;
        var input = new TargetInput(Form.Title, Form.OwnerUnit, Form.MeasureUnit, Form.BaselineValue, Form.BaselineYear, Form.TargetValue, Form.TargetYear,
            Form.Direction, Form.Milestones, Form.Note, Version: Form.Version);
        var (target, errors) = await save.RunAsync(id, input, User, cancellationToken);
        if (target is null)
        {
            if (errors.ContainsKey("Title") && id is not null && !await db.Targets.AnyAsync(t => t.Id == id, cancellationToken))
            {
                return NotFound();
            }
            foreach (var (field, message) in errors)
            {
                ModelState.AddModelError(field == SaveTarget.ConflictKey ? string.Empty : "Form." + field, message);
            }
            return Page();
        }
        return Redirect($"/targets/{target.Id}");
    }
}

public sealed class TargetNewModel(ZhenxingDb db, SaveTarget save) : TargetEditModel(db, save);
