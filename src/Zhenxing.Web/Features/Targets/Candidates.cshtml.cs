using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Zhenxing.Importing.Targets;
using Zhenxing.Web.Data;
using Zhenxing.Web.Features.Users;

namespace Zhenxing.Web.Features.Targets;

/// <summary>
/// Target candidates from prose: the Office pastes a text or picks an imported document, gets the clauses that state a
/// quantity, a unit and a year, edits them and confirms the ones it keeps. Nothing is stored before the confirmation.
/// </summary>
[Authorize(Roles = nameof(Role.Office))]
public sealed class CandidatesModel(ZhenxingDb db, SaveTarget save) : PageModel
{
    public const int MaxTextLength = 200_000;

    public sealed record DocumentOption(int Id, string Name);

    public sealed class CandidateForm
    {
        [Display(Name = "确认")]
        public bool Selected { get; set; }
        public string? Title { get; set; }
        public string? OwnerUnit { get; set; }
        public string? MeasureUnit { get; set; }
        public string? BaselineValue { get; set; }
        public string? BaselineYear { get; set; }
        public string? TargetValue { get; set; }
        public string? TargetYear { get; set; }
        [Display(Name = "方向")]
        public TargetDirection Direction { get; set; }
        public string? Sentence { get; set; }
        public string? Clause { get; set; }
    }

    [BindProperty]
    public string? Text { get; set; }

    [BindProperty, Display(Name = "已导入的文件")]
    public int? DocumentId { get; set; }

    [BindProperty]
    public string? DocumentYear { get; set; }

    [BindProperty]
    public string? SourceName { get; set; }

    [BindProperty, Display(Name = "来源文件")]
    public int? SourceDocumentId { get; set; }

    [BindProperty, Display(Name = "候选指标")]
    public List<CandidateForm> Candidates { get; set; } = [];

    public List<DocumentOption> Documents { get; private set; } = [];
    public bool Extracted { get; private set; }

    /// <summary>Problems of a candidate, by its index.</summary>
    public Dictionary<int, List<string>> CandidateErrors { get; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostExtractAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        string? text = Text;
        SourceDocumentId = null;
        if (DocumentId is { } documentId)
        {
            var document = await db.SourceDocuments.AsNoTracking().Where(d => d.Id == documentId && d.ConfirmedAt != null)
                .Select(d => new { d.Content, d.Year }).SingleOrDefaultAsync(cancellationToken);
            if (document is null)
            {
                ModelState.AddModelError(nameof(DocumentId), "所选文件不存在，请重新选择。");
                return Page();
            }
            text = DocumentText.Read(document.Content);
            if (text is null)
            {
                ModelState.AddModelError(nameof(DocumentId), "所选文件无法读取文字（PDF 请先提取文字）。");
                return Page();
            }
            SourceDocumentId = documentId;
            SourceName = string.IsNullOrWhiteSpace(SourceName) ? Documents.Single(d => d.Id == documentId).Name : SourceName;
        }
        if (string.IsNullOrWhiteSpace(text))
        {
            ModelState.AddModelError(nameof(Text), "请粘贴文件文字，或选择一份已导入的文件。");
            return Page();
        }
        if (text.Length > MaxTextLength)
        {
            ModelState.AddModelError(nameof(Text), $"文字过长（{text.Length} 字），请分段提取（每次不超过 {MaxTextLength} 字）。");
            return Page();
        }
        int? year = null;
        if (!string.IsNullOrWhiteSpace(DocumentYear))
        {
            if (!int.TryParse(DocumentYear.Trim(), out var parsed) || parsed is < 1990 or > 2100)
            {
                ModelState.AddModelError(nameof(DocumentYear), "文件年份应为 4 位年份，如 2021；不填则按文件落款日期判断。");
                return Page();
            }
            year = parsed;
        }
        year ??= TargetCandidateExtractor.DocumentYear(text);
        DocumentYear = year?.ToString();
        Candidates = TargetCandidateExtractor.Extract(text, year).Select(c => new CandidateForm
        {
            Title = c.Title,
            MeasureUnit = c.MeasureUnit,
            TargetValue = TargetTrajectory.Format(c.Value),
            TargetYear = c.Year?.ToString(),
            BaselineYear = year?.ToString(),
            Direction = c.Direction == CandidateDirection.AtMost ? TargetDirection.AtMost : TargetDirection.AtLeast,
            Sentence = c.Sentence,
            Clause = c.Clause,
        }).ToList();
        Extracted = true;
        return Page();
    }

    public async Task<IActionResult> OnPostConfirmAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        Extracted = true;
        var chosen = Candidates.Select((c, i) => (Candidate: c, Index: i)).Where(x => x.Candidate.Selected).ToList();
        if (chosen.Count == 0)
        {
            ModelState.AddModelError(string.Empty, "请勾选要确认的指标。");
            return Page();
        }
        // All chosen candidates are stored together or none: a problem in one leaves the others unstored too.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var created = new List<Target>();
        foreach (var (c, index) in chosen)
        {
            var (target, errors) = await save.RunAsync(null, new TargetInput(c.Title, c.OwnerUnit, c.MeasureUnit, c.BaselineValue, c.BaselineYear, c.TargetValue, c.TargetYear,
                c.Direction, SourceDocumentId: SourceDocumentId, SourceName: SourceName, SourceSentence: c.Sentence), User, cancellationToken);
            if (target is null)
            {
                CandidateErrors[index] = errors.Values.ToList();
                continue;
            }
            created.Add(target);
        }
        if (CandidateErrors.Count > 0)
        {
            await transaction.RollbackAsync(cancellationToken);
            db.ChangeTracker.Clear();
            ModelState.AddModelError(string.Empty, $"有 {CandidateErrors.Count} 项指标未通过检查（见各行），本次未保存任何指标。");
            return Page();
        }
        await transaction.CommitAsync(cancellationToken);
        TempData["Message"] = $"已确认 {created.Count} 项指标：{string.Join("、", created.Select(t => t.Title))}。";
        return Redirect(created.Count == 1 ? $"/targets/{created[0].Id}" : "/targets?group=source");
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var documents = await db.SourceDocuments.AsNoTracking().Where(d => d.ConfirmedAt != null).OrderBy(d => d.Id)
            .Select(d => new { d.Id, d.FileName, Lists = db.ItemLists.Where(l => l.SourceDocumentId == d.Id).Select(l => l.DocumentNumber ?? l.Title).ToList() })
            .ToListAsync(cancellationToken);
        Documents = documents.Select(d => new DocumentOption(d.Id, d.Lists.Count > 0 ? string.Join("；", d.Lists.Distinct()) : d.FileName)).ToList();
    }
}
