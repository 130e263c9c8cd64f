using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Zhenxing.Web.Data;
using Zhenxing.Web.Features.Items;
using Zhenxing.Web.Features.Users;

namespace Zhenxing.Web.Features.Rounds.Sheets;

/// <summary>
/// The offline path of a round: download the reporting sheet, upload it filled, see the preview, confirm.
/// The uploaded file travels back with the confirmation (it is small), so any app node can confirm it.
/// </summary>
[Authorize(Roles = $"{nameof(Role.Office)},{nameof(Role.Liaison)}")]
[RequestSizeLimit(RequestLimit)]
[RequestFormLimits(MultipartBodyLengthLimit = RequestLimit, ValueLengthLimit = (int)RequestLimit)]
public sealed class SheetModel(ZhenxingDb db, WriteReportingSheet writer, UploadReportingSheet upload) : PageModel
{
    // Above the 2 MB the reader accepts, so that a larger file is refused with a message, not a bare 413.
    private const long RequestLimit = 8L * 1024 * 1024;

    [BindProperty, Display(Name = "报送表文件")]
    public IFormFile? Upload { get; set; }

    /// <summary>The uploaded file as base64, carried from the preview to the confirmation.</summary>
    [BindProperty]
    public string? SheetContent { get; set; }

    [BindProperty]
    public string? FileName { get; set; }

    /// <summary>The version of each existing report as the preview saw it, by report id.</summary>
    [BindProperty, Display(Name = "报送版本号")]
    public Dictionary<int, int> Versions { get; set; } = [];

    public ReportingRound Round { get; private set; } = null!;
    public SheetPreview Preview { get; private set; } = new(null, []);
    public string? Problem { get; private set; }
    public string BackLink => User.IsInRole(nameof(Role.Office)) ? $"/rounds/{Round.Id}" : "/inbox";

    public async Task<IActionResult> OnGetAsync(int roundId, [Display(Name = "单位")] int? unit, CancellationToken cancellationToken)
    {
        var unitId = User.IsInRole(nameof(Role.Office)) ? unit : ItemScope.UnitOf(User);
        if (!User.IsInRole(nameof(Role.Office)) && unitId is null)
        {
            return NotFound();
        }
        var file = await writer.RunAsync(roundId, unitId, cancellationToken);
        return file is null ? NotFound() : File(file.Content, SheetFile.ContentType, file.FileName);
    }

    public async Task<IActionResult> OnPostAsync(int roundId, CancellationToken cancellationToken)
    {
        if (!await LoadRoundAsync(roundId, cancellationToken))
        {
            return NotFound();
        }
        FileName = Upload is null ? "" : Infrastructure.UploadedFileNames.Clean(Upload.FileName);
        if (Upload is null)
        {
            Preview = new SheetPreview("请选择要上传的报送表（.xlsx）。", []);
            return Page();
        }
        if (Upload.Length > ReadReportingSheet.MaxBytes)
        {
            Preview = new SheetPreview($"文件“{FileName}”有 {Upload.Length / 1024.0 / 1024.0:0.#} MB，超过报送表上限 {ReadReportingSheet.MaxBytes / 1024 / 1024} MB，未读取。", []);
            return Page();
        }
        using var buffer = new MemoryStream();
        await Upload.CopyToAsync(buffer, cancellationToken);
        var content = buffer.ToArray();
        Preview = await upload.PreviewAsync(roundId, User, content, cancellationToken);
        SheetContent = Convert.ToBase64String(content);
        Versions = Preview.Entries.Where(e => e.ReportId is not null).ToDictionary(e => e.ReportId!.Value, e => e.Version);
        return Page();
    }

    public async Task<IActionResult> OnPostConfirmAsync(int roundId, string? submit, CancellationToken cancellationToken)
    {
        if (!await LoadRoundAsync(roundId, cancellationToken))
        {
            return NotFound();
        }
        // The name comes back from the form's hidden field.
        FileName = Infrastructure.UploadedFileNames.Clean(FileName);
        var content = new byte[(SheetContent?.Length ?? 0) * 3 / 4];
        if (!Convert.TryFromBase64String(SheetContent ?? "", content, out var length) || length == 0)
        {
            Preview = new SheetPreview("上传的文件已失效，请重新上传报送表。", []);
            return Page();
        }
        switch (await upload.ConfirmAsync(roundId, User, content[..length], Versions, submit is not null, cancellationToken))
        {
            case SheetOutcome.Saved saved:
                TempData["Message"] = saved.Submitted
                    ? $"已从报送表“{FileName}”提交 {saved.Count} 份报送，等待振兴办审核。"
                    : $"已从报送表“{FileName}”保存 {saved.Count} 份草稿。";
                return Redirect(BackLink);
            case SheetOutcome.Refused refused:
                Preview = refused.Preview;
                Problem = refused.Reason;
                Versions = Preview.Entries.Where(e => e.ReportId is not null).ToDictionary(e => e.ReportId!.Value, e => e.Version);
                Response.StatusCode = StatusCodes.Status409Conflict;
                return Page();
            default:
                throw new InvalidOperationException("Unknown sheet outcome.");
        }
    }

    private async Task<bool> LoadRoundAsync(int roundId, CancellationToken cancellationToken)
    {
        var round = await db.ReportingRounds.AsNoTracking().SingleOrDefaultAsync(r => r.Id == roundId, cancellationToken);
        Round = round!;
        return round is not null;
    }
}
