using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Zhenxing.Web.Data;
using Zhenxing.Web.Features.Users;

namespace Zhenxing.Web.Features.Bulletins;

/// <summary>
/// The Office edits a draft: title, issuing organ, every section's heading and text; adds, removes and reorders sections
/// (on the form, saved with 保存). A save over someone else's newer save is refused with both texts shown.
/// </summary>
[Authorize(Roles = nameof(Role.Office))]
public sealed class EditBulletinModel(ZhenxingDb db, EditBulletin edit, PublishBulletin issues) : PageModel
{
    public sealed class SectionForm
    {
        public string? Heading { get; set; }
        public string? Text { get; set; }
    }

    [BindProperty]
    public string? Title { get; set; }

    [BindProperty]
    public string? IssuingOrgan { get; set; }

    [BindProperty, Display(Name = "版本号")]
    public int Version { get; set; }

    /// <summary>第N期 as the Office sets it on the draft; empty: the next number of the year when published.</summary>
    [BindProperty, Display(Name = "期号")]
    public int? Number { get; set; }

    /// <summary>The number the draft would get if published now without one set.</summary>
    public (int Year, int Number) NextIssue { get; private set; }

    [BindProperty, Display(Name = "简报正文各部分")]
    public List<SectionForm> Sections { get; set; } = [];

    public Bulletin Bulletin { get; private set; } = null!;

    /// <summary>Why the bulletin cannot be edited (it is published).</summary>
    public string? Refusal { get; private set; }

    /// <summary>What this user tried to save when someone else had saved first.</summary>
    public (string? Title, List<SectionForm> Sections)? Rejected { get; private set; }

    /// <summary>The form was rearranged and is not saved yet.</summary>
    public bool Unsaved { get; private set; }

    [TempData]
    public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }
        if (Bulletin.State == BulletinState.Published)
        {
            Refusal = EditBulletin.PublishedProblem(Bulletin);
            return Page();
        }
        Fill(Bulletin);
        return Page();
    }

    public Task<IActionResult> OnPostSaveAsync(int id, CancellationToken cancellationToken) => SaveAsync(id, publish: false, cancellationToken);

    /// <summary>Saves, then asks for the confirmation of publishing.</summary>
    public Task<IActionResult> OnPostPublishAsync(int id, CancellationToken cancellationToken) => SaveAsync(id, publish: true, cancellationToken);

    public Task<IActionResult> OnPostAddAsync(int id, CancellationToken cancellationToken) =>
        RearrangeAsync(id, () => Sections.Add(new SectionForm()), cancellationToken);

    public Task<IActionResult> OnPostRemoveAsync(int id, [Display(Name = "段落序号")] int index, CancellationToken cancellationToken) =>
        RearrangeAsync(id, () =>
        {
            if (index >= 0 && index < Sections.Count)
            {
                Sections.RemoveAt(index);
            }
        }, cancellationToken);

    public Task<IActionResult> OnPostMoveAsync(int id, [Display(Name = "段落序号")] int index, [Display(Name = "移动位数")] int by, CancellationToken cancellationToken) =>
        RearrangeAsync(id, () =>
        {
            var target = index + Math.Sign(by);
            if (index >= 0 && index < Sections.Count && target >= 0 && target < Sections.Count)
            {
                (Sections[index], Sections[target]) = (Sections[target], Sections[index]);
            }
        }, cancellationToken);

    private async Task<IActionResult> RearrangeAsync(int id, Action change, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }
        if (Bulletin.State == BulletinState.Published)
        {
            return Refused(EditBulletin.PublishedProblem(Bulletin));
        }
        change();
        ModelState.Clear();
        Unsaved = true;
        return Page();
    }

    private async Task<IActionResult> SaveAsync(int id, bool publish, CancellationToken cancellationToken)
    {
        var outcome = await edit.RunAsync(id, new BulletinEdit(Title, IssuingOrgan, Sections.Select(s => new SectionEdit(s.Heading, s.Text)).ToList(), Version) { Number = Number }, User, cancellationToken);
        switch (outcome)
        {
            case EditOutcome.Saved:
                if (publish)
                {
                    return Redirect($"/bulletins/{id}/publish");
                }
                Message = "简报已保存。";
                return Redirect($"/bulletins/{id}/edit");
            case EditOutcome.NotFound:
                return NotFound();
            case EditOutcome.Refused refused:
                await LoadAsync(id, cancellationToken);
                return Refused(refused.Problem);
            case EditOutcome.Invalid invalid:
                await LoadAsync(id, cancellationToken);
                foreach (var (field, message) in invalid.Errors)
                {
                    ModelState.AddModelError(field, message);
                }
                return Page();
            case EditOutcome.Conflict conflict:
                Rejected = (Title, Sections);
                Bulletin = conflict.Current;
                NextIssue = await issues.NextIssueAsync(cancellationToken);
                Fill(conflict.Current);
                ModelState.Clear();
                ModelState.AddModelError(string.Empty, $"保存失败：在您编辑期间，该简报已被{conflict.Current.UpdatedByName}修改。下面是最新内容，您的修改未保存，请核对后重新修改。");
                Response.StatusCode = StatusCodes.Status409Conflict;
                return Page();
            default:
                throw new InvalidOperationException(outcome.ToString());
        }
    }

    private IActionResult Refused(string problem)
    {
        Refusal = problem;
        Response.StatusCode = StatusCodes.Status409Conflict;
        return Page();
    }

    private void Fill(Bulletin bulletin)
    {
        Title = bulletin.Title;
        IssuingOrgan = bulletin.IssuingOrgan;
        Version = bulletin.Version;
        Number = bulletin.Number;
        Sections = bulletin.OrderedSections().Select(s => new SectionForm { Heading = s.Heading, Text = s.Text }).ToList();
    }

    private async Task<bool> LoadAsync(int id, CancellationToken cancellationToken)
    {
        var bulletin = await db.Bulletins.AsNoTracking().Include(b => b.Sections).SingleOrDefaultAsync(b => b.Id == id, cancellationToken);
        if (bulletin is null)
        {
            return false;
        }
        Bulletin = bulletin;
        NextIssue = await issues.NextIssueAsync(cancellationToken);
        return true;
    }
}
