using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Zhenxing.Web.Data;

namespace Zhenxing.Web.Features.ApiKeys;

public sealed record ApiKeyRow(int Id, string Name, string Prefix, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt);

/// <summary>A user's own API keys: create (the key is shown once), list, revoke.</summary>
public sealed class IndexModel(ZhenxingDb db, CreateApiKey createApiKey, TimeProvider clock) : PageModel
{
    [BindProperty]
    public string? Name { get; set; }

    public IReadOnlyList<ApiKeyRow> Keys { get; private set; } = [];
    public string? CreatedSecret { get; private set; }
    public string? Notice { get; private set; }

    private int UserId => int.Parse(User.FindFirstValue(ClaimTypes.NameIdentifier)!);

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken cancellationToken)
    {
        var (created, error) = await createApiKey.RunAsync(UserId, Name, cancellationToken);
        if (created is null)
        {
            ModelState.AddModelError(nameof(Name), error!);
        }
        else
        {
            CreatedSecret = created.Secret;
            Notice = $"已创建 API 密钥“{created.Key.Name}”。";
            // The form starts empty again for the next key instead of echoing the posted name.
            ModelState.Remove(nameof(Name));
            Name = null;
        }
        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync([Display(Name = "密钥编号")] int id, CancellationToken cancellationToken)
    {
        var key = await db.ApiKeys.SingleOrDefaultAsync(k => k.Id == id && k.UserId == UserId, cancellationToken);
        if (key is null)
        {
            return NotFound();
        }
        if (key.RevokedAt is null)
        {
            key.RevokedAt = clock.GetUtcNow();
            await db.SaveChangesAsync(cancellationToken);
        }
        Notice = $"已撤销 API 密钥“{key.Name}”。使用它的程序将无法再访问。";
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken) =>
        Keys = await db.ApiKeys.AsNoTracking()
            .Where(k => k.UserId == UserId)
            .OrderBy(k => k.RevokedAt != null).ThenByDescending(k => k.Id)
            .Select(k => new ApiKeyRow(k.Id, k.Name, k.Prefix, k.CreatedAt, k.LastUsedAt, k.RevokedAt))
            .ToListAsync(cancellationToken);
}
