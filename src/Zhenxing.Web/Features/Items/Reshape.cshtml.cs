using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Zhenxing.Web.Data;
using Zhenxing.Web.Features.Users;

namespace Zhenxing.Web.Features.Items;

/// <summary>One page for split, merge and withdraw/restore: /items/{id}/split|merge|withdraw.</summary>
[Authorize(Roles = nameof(Role.Office))]
public sealed class ReshapeModel(ZhenxingDb db, ReshapeItems reshape) : PageModel
{
    public sealed record Candidate(int Id, string Number, string Text);

    public Item Item { get; private set; } = null!;
    public string Action { get; private set; } = "";
    public List<Candidate> Candidates { get; private set; } = [];

    [BindProperty]
    public string? Parts { get; set; }

    [BindProperty, Display(Name = "要合并的事项")]
    public int[] Others { get; set; } = [];

    [BindProperty]
    public string? MergedText { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    [BindProperty, Display(Name = "版本号")]
    public int Version { get; set; }

    public async Task<IActionResult> OnGetAsync(int id, string operation, CancellationToken cancellationToken) =>
        await LoadAsync(id, operation, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(int id, string operation, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, operation, cancellationToken))
        {
            return NotFound();
        }
        string? problem;
        string message;
        switch (operation)
        {
            case "split":
                var (parts, splitProblem) = await reshape.SplitAsync(id, Version, (Parts ?? "").Split('\n'), cancellationToken);
                problem = splitProblem;
                message = parts is null ? "" : $"已拆分为第 {string.Join("、", parts.Select(p => p.Number))} 项，原事项已撤销。";
                break;
            case "merge":
                var (target, mergeProblem) = await reshape.MergeAsync(id, Version, Others, MergedText, cancellationToken);
                problem = mergeProblem;
                message = target is null ? "" : $"已将 {Others.Length} 项并入本事项，被并入的事项已撤销。";
                break;
            default:
                problem = Item.WithdrawnAt is null
                    ? await reshape.WithdrawAsync(id, Version, Reason, cancellationToken)
                    : await reshape.RestoreAsync(id, Version, cancellationToken);
                message = Item.WithdrawnAt is null ? "事项已撤销（记录保留，可恢复）。" : "事项已恢复。";
                break;
        }
        if (problem is not null)
        {
            ModelState.AddModelError(string.Empty, problem);
            await LoadAsync(id, operation, cancellationToken);
            return Page();
        }
        TempData["Message"] = message;
        return Redirect($"/items/{id}");
    }

    private async Task<bool> LoadAsync(int id, string operation, CancellationToken cancellationToken)
    {
        var item = await db.Items.AsNoTracking().SingleOrDefaultAsync(i => i.Id == id, cancellationToken);
        if (item is null || operation is not ("split" or "merge" or "withdraw"))
        {
            return false;
        }
        Item = item;
        Action = operation;
        if (Version == 0)
        {
            Version = item.Version;
        }
        if (operation == "merge")
        {
            Candidates = await db.Items.AsNoTracking()
                .Where(i => i.ItemListId == item.ItemListId && i.Id != id && i.WithdrawnAt == null)
                .OrderBy(i => i.Position)
                .Select(i => new Candidate(i.Id, (i.Category == null ? "" : i.Category.Path + " ") + i.Number, i.ShortTitle ?? i.Text))
                .ToListAsync(cancellationToken);
        }
        return true;
    }
}
