using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Zhenxing.Importing;
using Zhenxing.Web.Data;
using Zhenxing.Web.Features.Units;
using Zhenxing.Web.Features.Users;

namespace Zhenxing.Web.Features.Imports;

[Authorize(Roles = nameof(Role.Office))]
public sealed class PreviewModel(ZhenxingDb db, PlanImport planner, ConfirmImport confirm, ReviseReading revise) : PageModel
{
    public sealed record CategoryRow(int Depth, ParsedCategory Category)
    {
        public bool Mismatch => Category.DeclaredCount is { } declared && declared != Category.ItemCount;
    }

    /// <summary>The Office's choice for one unknown unit name: <c>create:Kind</c> or <c>map</c> (then <see cref="MapTo"/>).</summary>
    public sealed class UnitChoice
    {
        [Display(Name = "文件中的名称")]
        public string Name { get; set; } = "";
        [Display(Name = "处理方式")]
        public string Action { get; set; } = "";
        public string? MapTo { get; set; }
    }

    /// <summary>What the Office says one column means ("这一列是牵头单位"), by its header wording.</summary>
    public sealed class ColumnChoice
    {
        [Display(Name = "表头")]
        public string Header { get; set; } = "";
        [Display(Name = "这一列是")]
        public string Role { get; set; } = "";
    }

    /// <summary>The Office's correction of one item's units, typed as in the document ("市财政局、市发改委").</summary>
    public sealed class UnitCorrectionForm
    {
        [Display(Name = "清单")]
        public string ListTitle { get; set; } = "";
        [Display(Name = "事项")]
        public string ItemKey { get; set; } = "";
        [Display(Name = "牵头单位")]
        public string? LeadUnits { get; set; }
        [Display(Name = "责任单位")]
        public string? ResponsibleUnits { get; set; }
    }

    /// <summary>The upload's version the page showed: a change or confirmation made on an older preview is refused.</summary>
    [BindProperty, Display(Name = "预览版本")]
    public int? Version { get; set; }

    [BindProperty, Display(Name = "表格的列")]
    public List<ColumnChoice> Columns { get; set; } = [];

    [BindProperty, Display(Name = "恢复按表头识别")]
    public bool ResetColumns { get; set; }

    [BindProperty, Display(Name = "更正单位")]
    public UnitCorrectionForm? Correction { get; set; }

    [TempData]
    public string? Message { get; set; }

    /// <summary>The Office ticked "我已核对上述待核对事项": required to confirm a document with items marked 待核对.</summary>
    [BindProperty, Display(Name = "我已核对上述待核对事项")]
    public bool DoubtsChecked { get; set; }

    [BindProperty, Display(Name = "单位匹配")]
    public List<UnitChoice> Choices { get; set; } = [];

    public ImportPlan Plan { get; private set; } = null!;
    public List<string> Problems { get; private set; } = [];
    public IReadOnlyList<ImportedList> ImportedLists { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostConfirmAsync(int id, CancellationToken cancellationToken)
    {
        var posted = Choices.ToList();
        if (!DoubtsChecked)
        {
            if (!await LoadAsync(id, cancellationToken))
            {
                return NotFound();
            }
            if (Plan.DoubtedItemCount > 0)
            {
                Problems = [$"有 {Plan.DoubtedItemCount} 项标为“待核对”：请逐项核对后勾选“我已核对上述待核对事项”，再点击“确认导入”。"];
                Response.StatusCode = StatusCodes.Status400BadRequest;
                return Page();
            }
            db.ChangeTracker.Clear();
            // Loading filled in default choices for an empty form; confirm exactly what was posted.
            Choices = posted;
        }
        var decisions = Choices.Where(c => c.Name.Length > 0).ToDictionary(c => c.Name, ToDecision);
        switch (await confirm.RunAsync(id, decisions, cancellationToken, Version))
        {
            case ImportOutcome.Confirmed confirmed:
                TempData["Message"] = "导入完成：" + confirmed.Summary;
                return Redirect("/imports");
            case ImportOutcome.Refused refused:
                db.ChangeTracker.Clear();
                if (!await LoadAsync(id, cancellationToken))
                {
                    return NotFound();
                }
                Problems = refused.Problems.ToList();
                ImportedLists = refused.ImportedLists;
                Response.StatusCode = StatusCodes.Status409Conflict;
                return Page();
            default:
                throw new InvalidOperationException("Unknown import outcome.");
        }
    }

    public async Task<IActionResult> OnPostColumnsAsync(int id, CancellationToken cancellationToken)
    {
        var roles = ResetColumns ? null : Columns.Select(c => (c.Header, c.Role)).ToList();
        return await RevisedAsync(id, await revise.ChooseColumnsAsync(id, Version ?? -1, roles, cancellationToken), cancellationToken);
    }

    public async Task<IActionResult> OnPostCorrectAsync(int id, CancellationToken cancellationToken)
    {
        var posted = Correction ?? new UnitCorrectionForm();
        var outcome = await revise.CorrectUnitsAsync(id, Version ?? -1, posted.ListTitle, posted.ItemKey, posted.LeadUnits, posted.ResponsibleUnits, cancellationToken);
        return await RevisedAsync(id, outcome, cancellationToken);
    }

    private async Task<IActionResult> RevisedAsync(int id, RevisionOutcome outcome, CancellationToken cancellationToken)
    {
        if (outcome is RevisionOutcome.Saved saved)
        {
            Message = saved.Message;
            return Redirect($"/imports/{id}");
        }
        db.ChangeTracker.Clear();
        if (outcome is RevisionOutcome.NotFound || !await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }
        (Problems, Response.StatusCode) = outcome switch
        {
            RevisionOutcome.Invalid invalid => (invalid.Problems.ToList(), StatusCodes.Status400BadRequest),
            RevisionOutcome.Stale stale => ([stale.Problem], StatusCodes.Status409Conflict),
            _ => throw new InvalidOperationException("Unknown revision outcome."),
        };
        if (outcome is RevisionOutcome.Stale)
        {
            // A stale form shows the preview as it is now, not what was typed on the old one.
            Correction = null;
        }
        return Page();
    }

    /// <summary>The form values an item's correction editor shows: what was just posted for it (refused), else its units.</summary>
    public (string Lead, string Responsible, bool Posted) CorrectionValues(ParsedList list, string itemKey, ParsedItem item) =>
        Correction is { } posted && posted.ListTitle == list.Title && posted.ItemKey == itemKey
            ? (posted.LeadUnits ?? "", posted.ResponsibleUnits ?? "", true)
            : (string.Join("、", item.LedgerLeadUnits), string.Join("、", item.LedgerResponsibleUnits.Concat(item.GroupReferences)), false);

    public async Task<IActionResult> OnPostCancelAsync(int id, CancellationToken cancellationToken)
    {
        var document = await db.SourceDocuments.SingleOrDefaultAsync(d => d.Id == id && d.ConfirmedAt == null, cancellationToken);
        if (document is null)
        {
            return NotFound();
        }
        db.SourceDocuments.Remove(document);
        await db.SaveChangesAsync(cancellationToken);
        TempData["Message"] = $"已取消导入“{document.FileName}”，台账没有任何改动。";
        return Redirect("/imports");
    }

    public static List<CategoryRow> Flatten(IEnumerable<ParsedCategory> categories, int depth = 0) =>
        categories.SelectMany(c => Flatten(c.Children, depth + 1).Prepend(new CategoryRow(depth, c))).ToList();

    private static UnitDecision ToDecision(UnitChoice choice) =>
        choice.Action == "map"
            ? new UnitDecision(null, choice.MapTo?.Trim())
            : new UnitDecision(Enum.TryParse<UnitKind>(choice.Action.Replace("create:", ""), out var kind) ? kind : null, null);

    private async Task<bool> LoadAsync(int id, CancellationToken cancellationToken)
    {
        var document = await db.SourceDocuments.AsNoTracking().SingleOrDefaultAsync(d => d.Id == id, cancellationToken);
        if (document is null)
        {
            return false;
        }
        Plan = await planner.RunAsync(document, cancellationToken);
        if (Choices.Count == 0)
        {
            Choices = Plan.Units.Where(u => !u.IsKnown)
                .Select(u => new UnitChoice { Name = u.Name, Action = "create:" + u.ProposedKind })
                .ToList();
        }
        return true;
    }
}
