using System.Diagnostics;
using Microsoft.Extensions.Options;

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

    private readonly Lazy<string?> _program = new(() => Find(options.Value.Soffice));

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
        var folder = Directory.CreateTempSubdirectory("zhenxing-pdf-").FullName;
        try
        {
            var input = Path.Combine(folder, "bulletin.docx");
            await File.WriteAllBytesAsync(input, docx, cancellationToken);
            var start = new ProcessStartInfo(program)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                WorkingDirectory = folder,
            };
            foreach (var argument in (string[])[
                         $"-env:UserInstallation={new Uri(Path.Combine(folder, "profile")).AbsoluteUri}",
                         "--headless", "--norestore", "--nolockcheck", "--convert-to", "pdf", "--outdir", folder, input])
            {
                start.ArgumentList.Add(argument);
            }
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var error = process.StandardError.ReadToEndAsync(cancellationToken);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(Math.Max(5, options.Value.PdfTimeoutSeconds)));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync(CancellationToken.None);
                cancellationToken.ThrowIfCancellationRequested();
                return new PdfOutcome.Failed($"LibreOffice 在 {options.Value.PdfTimeoutSeconds} 秒内未完成 PDF 转换，已终止。请稍后重试，或下载 Word 版（.docx）。");
            }
            var pdf = Path.Combine(folder, "bulletin.pdf");
            if (process.ExitCode != 0 || !File.Exists(pdf))
            {
                logger.LogWarning("soffice exited with {Code}: {Output} {Error}", process.ExitCode, await output, await error);
                var problem = (await error).Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault(line => !line.StartsWith("Warning", StringComparison.Ordinal))?.Trim();
                return new PdfOutcome.Failed($"LibreOffice 转换 PDF 失败（退出码 {process.ExitCode}）{(problem is null ? "" : "：" + problem)}。请稍后重试，或下载 Word 版（.docx）。", Crashed: true);
            }
            return new PdfOutcome.Converted(await File.ReadAllBytesAsync(pdf, cancellationToken));
        }
        finally
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // A killed LibreOffice may still hold its profile for a moment; the temp folder is cleaned by the system.
            }
        }
    }

    /// <summary>The configured program (a path, or a name looked up on PATH), else soffice or libreoffice on PATH.</summary>
    private static string? Find(string? configured)
    {
        IEnumerable<string> names = string.IsNullOrWhiteSpace(configured) ? ["soffice", "libreoffice"] : [configured.Trim()];
        foreach (var name in names)
        {
            if (name.Contains(Path.DirectorySeparatorChar) || name.Contains('/'))
            {
                if (File.Exists(name))
                {
                    return name;
                }
                continue;
            }
            var found = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
                .SelectMany(dir => OperatingSystem.IsWindows() ? [Path.Combine(dir, name + ".exe"), Path.Combine(dir, name)] : new[] { Path.Combine(dir, name) })
                .FirstOrDefault(File.Exists);
            if (found is not null)
            {
                return found;
            }
        }
        return null;
    }
}
