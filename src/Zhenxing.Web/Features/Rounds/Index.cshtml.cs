using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Zhenxing.Web.Data;
using Zhenxing.Web.Features.Items;
using Zhenxing.Web.Features.Users;

namespace Zhenxing.Web.Features.Rounds;

public sealed class RoundsModel(ZhenxingDb db, OpenRound open, CountRounds counts, TimeProvider clock) : PageModel
{
    public sealed record RoundRow(int Id, string Name, DateOnly OpensOn, DateOnly DueOn, RoundState State, string Lists, RoundCounts Counts);
    public sealed record ListOption(int Id, string Title, int Year);

    public sealed class OpenRoundForm
    {
        // Optional to the binder: OpenRound names a missing name itself, once (with an example).
        [Display(Name = "轮次名称")]
        public string? Name { get; set; }
        [Display(Name = "开始日期")]
        public DateOnly? OpensOn { get; set; }
        [Display(Name = "截止日期")]
        public DateOnly? DueOn { get; set; }
        [Display(Name = "覆盖的清单")]
        public int[] Lists { get; set; } = [];
        [Display(Name = "责任单位也报送")]
        public bool IncludeResponsibleUnits { get; set; }
        [Display(Name = "报送指标完成值")]
        public bool IncludeTargets { get; set; }
    }

    [BindProperty]
    public OpenRoundForm Form { get; set; } = new();

    public List<RoundRow> Rounds { get; private set; } = [];
    public List<ListOption> Lists { get; private set; } = [];

    /// <summary>Rounds that items' own frequencies call for and that are not open yet.</summary>
    public List<(string Name, DateOnly OpensOn, DateOnly DueOn, int ListId, string ListTitle)> Proposed { get; private set; } = [];
    public bool CanOpen => User.IsInRole(nameof(Role.Office));

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!CanOpen)
        {
            return Forbid();
        }
        var (round, errors) = await open.RunAsync(
            new NewRound(Form.Name ?? "", Form.OpensOn, Form.DueOn, Form.Lists, Form.IncludeResponsibleUnits, Form.IncludeTargets), cancellationToken);
        if (round is null)
        {
            foreach (var (field, message) in errors)
            {
                ModelState.AddModelError("Form." + char.ToUpperInvariant(field[0]) + field[1..], message);
            }
            await LoadAsync(cancellationToken);
            return Page();
        }
        Message = $"已开启报送轮次“{round.Name}”，截止 {round.DueOn:yyyy-MM-dd}。";
        return Redirect($"/rounds/{round.Id}");
    }

    private async Task<List<(string, DateOnly, DateOnly, int, string)>> ProposeAsync(CancellationToken cancellationToken)
    {
        var today = Infrastructure.ChinaTime.Today(clock);
        var frequencies = await db.Items.AsNoTracking()
            .Where(i => i.WithdrawnAt == null && i.ReportingFrequency != ReportingFrequency.None)
            .Select(i => new { i.ItemListId, i.ReportingFrequency, i.ItemList!.Title, i.ItemList.MonthlyReportingDay })
            .Distinct()
            .ToListAsync(cancellationToken);
        var existing = (await db.RoundLists.AsNoTracking()
                .Join(db.ReportingRounds, l => l.RoundId, r => r.Id, (l, r) => new { l.ItemListId, r.DueOn })
                .ToListAsync(cancellationToken))
            .Select(x => (x.ItemListId, x.DueOn)).ToHashSet();
        var proposed = new List<(string, DateOnly, DateOnly, int, string)>();
        foreach (var f in frequencies)
        {
            var (start, due, name) = ReportingPeriods.PeriodOf(f.ReportingFrequency, today, f.MonthlyReportingDay);
            if (!existing.Contains((f.ItemListId, due)))
            {
                proposed.Add(($"{name}（{f.ReportingFrequency.ToChinese()}汇报）", start, due, f.ItemListId, f.Title));
            }
        }
        return proposed;
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var rounds = await db.ReportingRounds.AsNoTracking().OrderByDescending(r => r.Id)
            .Select(r => new { r.Id, r.Name, r.OpensOn, r.DueOn, r.State })
            .ToListAsync(cancellationToken);
        var figures = await counts.AllAsync(cancellationToken);
        var titles = (await db.RoundLists.AsNoTracking()
                .Join(db.ItemLists, rl => rl.ItemListId, l => l.Id, (rl, l) => new { rl.RoundId, l.Title })
                .ToListAsync(cancellationToken))
            .ToLookup(t => t.RoundId, t => t.Title);
        Rounds = rounds.Select(r => new RoundRow(r.Id, r.Name, r.OpensOn, r.DueOn, r.State, string.Join("；", titles[r.Id]), figures[r.Id])).ToList();
        Lists = await db.ItemLists.AsNoTracking().OrderByDescending(l => l.Year).ThenBy(l => l.Id)
            .Select(l => new ListOption(l.Id, l.Title, l.Year)).ToListAsync(cancellationToken);
        Proposed = await ProposeAsync(cancellationToken);
    }
}
