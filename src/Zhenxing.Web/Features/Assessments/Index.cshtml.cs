using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Zhenxing.Web.Data;
using Zhenxing.Web.Features.Users;

namespace Zhenxing.Web.Features.Assessments;

/// <summary>The assessment methods (考评办法); the Office creates one for a year. Every signed-in role reads.</summary>
public sealed class AssessmentsModel(ZhenxingDb db, CreateAssessmentMethod create, TimeProvider clock) : PageModel
{
    public sealed record MethodRow(int Id, int Year, string Title, int CompletionWeight, int PunctualityWeight, int QualityWeight, string Lists);
    public sealed record ListOption(int Id, string Title, int Year);

    public sealed class MethodForm
    {
        public string? Year { get; set; }
        public string? Title { get; set; }
        public string? CompletionWeight { get; set; }
        public string? PunctualityWeight { get; set; }
        public string? QualityWeight { get; set; }
        [Display(Name = "计入考评的清单")]
        public int[] Lists { get; set; } = [];

        [Display(Name = "未评分的报送质量不计入")]
        public bool UnratedQualityLeftOut { get; set; } = true;
    }

    [BindProperty]
    public MethodForm Form { get; set; } = new();

    public List<MethodRow> Methods { get; private set; } = [];
    public List<ListOption> Lists { get; private set; } = [];
    public bool CanEdit => User.IsInRole(nameof(Role.Office));

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var year = Infrastructure.ChinaTime.Today(clock).Year;
        Form = new MethodForm { Year = year.ToString(), Title = $"{year}年度振兴工作考评", CompletionWeight = "50", PunctualityWeight = "30", QualityWeight = "20" };
        await LoadAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!CanEdit)
        {
            return Forbid();
        }
        var (method, errors) = await create.RunAsync(
            new NewAssessmentMethod(Form.Year, Form.Title, Form.CompletionWeight, Form.PunctualityWeight, Form.QualityWeight, Form.Lists) { UnratedQualityLeftOut = Form.UnratedQualityLeftOut }, User, cancellationToken);
        if (method is null)
        {
            foreach (var (field, message) in errors)
            {
                ModelState.AddModelError("Form." + field, message);
            }
            await LoadAsync(cancellationToken);
            return Page();
        }
        return Redirect($"/assessments/{method.Id}");
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var methods = await db.AssessmentMethods.AsNoTracking().Include(m => m.Lists).OrderByDescending(m => m.Year).ThenByDescending(m => m.Id).ToListAsync(cancellationToken);
        var titles = await db.ItemLists.AsNoTracking().Select(l => new { l.Id, l.Title }).ToDictionaryAsync(l => l.Id, l => l.Title, cancellationToken);
        Methods = methods.Select(m => new MethodRow(m.Id, m.Year, m.Title, m.CompletionWeight, m.PunctualityWeight, m.QualityWeight,
            string.Join("；", m.Lists.OrderBy(l => l.ItemListId).Select(l => titles.GetValueOrDefault(l.ItemListId, ""))))).ToList();
        Lists = await db.ItemLists.AsNoTracking().OrderByDescending(l => l.Year).ThenBy(l => l.Id)
            .Select(l => new ListOption(l.Id, l.Title, l.Year)).ToListAsync(cancellationToken);
    }
}
