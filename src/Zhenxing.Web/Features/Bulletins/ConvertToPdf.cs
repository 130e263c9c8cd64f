using Microsoft.Extensions.Options;
using Zhenxing.Importing.Converting;

namespace Zhenxing.Web.Features.Bulletins;

public abstract record PdfOutcome
{
    public sealed record Converted(byte[] Pdf) : PdfOutcome;

    /// <param name="Crashed">LibreOffice ended without a PDF (rather than being stopped on the time limit).</param>
    public sealed record Failed(string Problem, bool Crashed = false) : PdfOutcome;
}

/// <summary>
/// Turns a .docx into PDF with LibreOffice headless (<c>soffice --headless --convert-to pdf</c>). Each conversion runs in
/// a folder of its own with its own LibreOffice profile (<c>-env:UserInstallation</c>), so that conversions running at
/// the same time do not collide, and is killed when it takes longer than <c>Bulletins:PdfTimeoutSeconds</c>.
/// </summary>
public sealed class ConvertToPdf(IOptions<BulletinOptions> options, ILogger<ConvertToPdf> logger)
{
    public const string Missing = "生成 PDF 需要 LibreOffice，但本机未安装。请安装后重试：apt-get install libreoffice-writer-nogui"
                                  + "（或在配置 Bulletins:Soffice 中指定 soffice 的路径）；也可以下载 Word 版（.docx）。";

    private readonly Lazy<string?> _program = new(() => LibreOffice.Find(options.Value.Soffice));

    /// <summary>The LibreOffice program, or null when it is not installed.</summary>
    public string? Program => _program.Value;

    public bool Available => Program is not null;

    public async Task<PdfOutcome> RunAsync(byte[] docx, CancellationToken cancellationToken)
    {
        if (Program is not { } program)
        {
            return new PdfOutcome.Failed(Missing);
        }
        // LibreOffice starting on a fresh profile now and then aborts under load; a second start usually converts.
        var outcome = await ConvertAsync(program, docx, cancellationToken);
        return outcome is PdfOutcome.Failed { Crashed: true } ? await ConvertAsync(program, docx, cancellationToken) : outcome;
    }

    private async Task<PdfOutcome> ConvertAsync(string program, byte[] docx, CancellationToken cancellationToken)
    {
        var result = await LibreOffice.ConvertAsync(program, docx, "docx", "pdf", TimeSpan.FromSeconds(Math.Max(5, options.Value.PdfTimeoutSeconds)), cancellationToken);
        if (result.TimedOut)
        {
            return new PdfOutcome.Failed($"LibreOffice 在 {options.Value.PdfTimeoutSeconds} 秒内未完成 PDF 转换，已终止。请稍后重试，或下载 Word 版（.docx）。");
        }
        if (result.Output is not { } pdf)
        {
            logger.LogWarning("soffice exited with {Code}: {Output} {Error}", result.ExitCode, result.StandardOutput, result.StandardError);
            var problem = result.FirstError;
            return new PdfOutcome.Failed($"LibreOffice 转换 PDF 失败（退出码 {result.ExitCode}）{(problem is null ? "" : "：" + problem)}。请稍后重试，或下载 Word 版（.docx）。", Crashed: true);
        }
        return new PdfOutcome.Converted(pdf);
    }
}
