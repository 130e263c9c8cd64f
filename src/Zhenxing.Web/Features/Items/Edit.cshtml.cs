using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Zhenxing.Web.Data;
using Zhenxing.Web.Features.Ledger;
using Zhenxing.Web.Features.Users;

namespace Zhenxing.Web.Features.Items;

[Authorize(Roles = nameof(Role.Office))]
public sealed class EditItemModel(ZhenxingDb db) : PageModel
{
    public sealed record Option(int Id, string Label);

    [BindProperty]
    public ItemForm Form { get; set; } = new();

    public List<Option> Lists { get; private set; } = [];
    public List<Option> Categories { get; private set; } = [];

    /// <summary>Set when another user saved first: what this user tried to save.</summary>
    public ItemForm? Rejected { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        var item = await LoadItemAsync(id, cancellationToken);
        if (item is null)
        {
            return NotFound();
        }
        Form = ItemForm.From(item, item.Units.OrderBy(u => u.Position).Select(u => (u.Role, u.Unit!.Name)));
        await LoadOptionsAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken)
    {
        var item = await LoadItemAsync(id, cancellationToken);
        if (item is null)
        {
            return NotFound();
        }
        if (item.Version != Form.Version)
        {
            return await ConflictAsync(item, cancellationToken);
        }
        var (lead, responsible) = ModelState.IsValid
            ? await Form.ValidateAsync(db, ModelState, nameof(Form), cancellationToken)
            : ([], []);
        if (!ModelState.IsValid)
        {
            await LoadOptionsAsync(cancellationToken);
            return Page();
        }

        if (Form.ListId != item.ItemListId)
        {
            // Moved to another list: it goes to the end of that list.
            item.Position = 1 + (await db.Items.Where(i => i.ItemListId == Form.ListId).MaxAsync(i => (int?)i.Position, cancellationToken) ?? -1);
        }
        db.Entry(item).Property(i => i.Version).OriginalValue = Form.Version;
        Form.ApplyTo(item, lead, responsible);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return await ConflictAsync((await LoadItemAsync(id, cancellationToken))!, cancellationToken);
        }
        TempData["Message"] = "事项已保存。";
        return Redirect($"/items/{id}");
    }

    private async Task<IActionResult> ConflictAsync(Item current, CancellationToken cancellationToken)
    {
        Rejected = Form;
        Form = ItemForm.From(current, current.Units.OrderBy(u => u.Position).Select(u => (u.Role, u.Unit!.Name)));
        ModelState.Clear();
        ModelState.AddModelError(string.Empty, "保存失败：在您编辑期间，该事项已被其他用户修改。下面是最新内容，您的修改未保存，请核对后重新修改。");
        Response.StatusCode = StatusCodes.Status409Conflict;
        await LoadOptionsAsync(cancellationToken);
        return Page();
    }

    private Task<Item?> LoadItemAsync(int id, CancellationToken cancellationToken) =>
        db.Items.Include(i => i.Units).ThenInclude(u => u.Unit).SingleOrDefaultAsync(i => i.Id == id, cancellationToken);

    private async Task LoadOptionsAsync(CancellationToken cancellationToken)
    {
        Lists = await db.ItemLists.AsNoTracking().OrderByDescending(l => l.Year).ThenBy(l => l.Id)
            .Select(l => new Option(l.Id, l.Year + " · " + l.Title)).ToListAsync(cancellationToken);
        var categories = await db.Categories.AsNoTracking().Where(c => c.ItemListId == Form.ListId).OrderBy(c => c.Path)
            .Select(c => new { c.Id, c.Number, c.Title }).ToListAsync(cancellationToken);
        Categories = categories.Select(c => new Option(c.Id, LedgerQuery.CategoryLabel(c.Number, c.Title))).ToList();
    }
}
