using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Zhenxing.Importing;
using Zhenxing.Web.Data;
using Zhenxing.Web.Features.Users;

namespace Zhenxing.Web.Features.Imports;

[Authorize(Roles = nameof(Role.Office))]
[RequestSizeLimit(UploadLimit)]
[RequestFormLimits(MultipartBodyLengthLimit = UploadLimit)]
public sealed class ImportsModel(ZhenxingDb db, TimeProvider clock) : PageModel
{
    // Larger uploads than the importer reads get through to it, so that it can say so in Chinese.
    private const long UploadLimit = 64L * 1024 * 1024;

    public sealed record HistoryRow(int Id, string FileName, string UploadedAt, string? ConfirmedAt, List<string> Lists);

    [BindProperty, Display(Name = "文件")]
    public IFormFile? Upload { get; set; }

    [BindProperty, Display(Name = "年度")]
    public int? Year { get; set; }

    [TempData]
    public string? Message { get; set; }

    public List<HistoryRow> History { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var fileName = Infrastructure.UploadedFileNames.Clean(Upload?.FileName);
        if (Upload is null || Upload.Length == 0)
        {
            ModelState.AddModelError(nameof(Upload), Upload is null ? "请选择要导入的文件。" : $"文件“{fileName}”是空的，没有可导入的内容。");
        }
        else if (Upload.Length > ImportOptions.DefaultMaxBytes)
        {
            ModelState.AddModelError(nameof(Upload),
                $"文件“{fileName}”有 {Upload.Length / 1024.0 / 1024.0:0.#} MB，超过上限 {ImportOptions.DefaultMaxBytes / 1024 / 1024} MB，未读取。");
        }
        if (Year is < 1949 or > 2100)
        {
            ModelState.AddModelError(nameof(Year), "年份无效。");
        }
        if (!ModelState.IsValid)
        {
            await LoadAsync(cancellationToken);
            return Page();
        }

        using var buffer = new MemoryStream();
        await Upload!.CopyToAsync(buffer, cancellationToken);
        var content = buffer.ToArray();
        var now = clock.GetUtcNow();
        // Uploads nobody confirmed within a day are abandoned.
        var abandoned = now.AddDays(-1);
        await db.SourceDocuments.Where(d => d.ConfirmedAt == null && d.UploadedAt < abandoned).ExecuteDeleteAsync(cancellationToken);
        var document = new SourceDocument
        {
            FileName = fileName,
            Content = content,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(content)),
            Year = Year,
            UploadedAt = now,
            UploadedByUserId = int.Parse(User.FindFirstValue(ClaimTypes.NameIdentifier)!),
        };
        db.SourceDocuments.Add(document);
        await db.SaveChangesAsync(cancellationToken);
        return Redirect($"/imports/{document.Id}");
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var rows = await db.SourceDocuments.AsNoTracking()
            .OrderByDescending(d => d.Id)
            .Take(50)
            .Select(d => new
            {
                d.Id, d.FileName, d.UploadedAt, d.ConfirmedAt,
                Lists = db.ItemLists.Where(l => l.SourceDocumentId == d.Id).Select(l => l.Title).ToList(),
            })
            .ToListAsync(cancellationToken);
        History = rows.Select(r => new HistoryRow(r.Id, r.FileName, Infrastructure.ChinaTime.Format(r.UploadedAt),
            r.ConfirmedAt is null ? null : Infrastructure.ChinaTime.Format(r.ConfirmedAt), r.Lists)).ToList();
    }
}
