using System.Diagnostics;

namespace Zhenxing.Importing.Converting;

/// <summary>What one LibreOffice conversion gave: the converted file, or why there is none.</summary>
/// <param name="Crashed">LibreOffice ended without output (rather than being stopped on the time limit).</param>
public sealed record LibreOfficeResult(byte[]? Output, bool TimedOut = false, bool Crashed = false, int ExitCode = 0, string StandardOutput = "", string StandardError = "")
{
    /// <summary>The first line of LibreOffice's error output that is not a warning, for a message.</summary>
    public string? FirstError =>
        StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault(line => !line.StartsWith("Warning", StringComparison.Ordinal))?.Trim();
}

/// <summary>
/// Runs LibreOffice headless (<c>soffice --headless --convert-to FORMAT</c>): the bulletin's PDF and the importer's
/// .doc/.wps/.et/.xls/.rtf/.odt/.ods go through here. Each conversion runs in a temporary folder of its own with its own
/// LibreOffice profile (<c>-env:UserInstallation</c>), so that conversions running at the same time do not collide, is
/// killed with its children when it takes longer than its time limit, and its folder is deleted afterwards.
/// </summary>
public static class LibreOffice
{
    /// <summary>The configured program (a path, or a name looked up on PATH), else soffice or libreoffice on PATH; null when not installed.</summary>
    public static string? Find(string? configured = null)
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

    /// <summary>
    /// Whether LibreOffice Calc is installed beside the program (a package of its own: libreoffice-calc-nogui); without
    /// it LibreOffice cannot load .xls/.et/.ods and says only "source file could not be loaded".
    /// </summary>
    public static bool HasCalc(string? program)
    {
        if (program is null)
        {
            return false;
        }
        var file = new FileInfo(program);
        var target = file.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? file.FullName;
        var folder = Path.GetDirectoryName(target) ?? "";
        return Directory.EnumerateFiles(folder, "*sclo.*").Any(f => Path.GetFileNameWithoutExtension(f) is "libsclo" or "sclo");
    }

    /// <param name="inputExtension">The input's extension without the dot ("doc", "docx"): LibreOffice picks its filter by it.</param>
    /// <param name="format">The target format, e.g. "pdf", "docx", "xlsx".</param>
    public static async Task<LibreOfficeResult> ConvertAsync(string program, byte[] input, string inputExtension, string format, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var folder = Directory.CreateTempSubdirectory("zhenxing-soffice-").FullName;
        try
        {
            var inputPath = Path.Combine(folder, "input." + inputExtension);
            var outputFolder = Path.Combine(folder, "out");
            Directory.CreateDirectory(outputFolder);
            await File.WriteAllBytesAsync(inputPath, input, cancellationToken);
            var start = new ProcessStartInfo(program)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                WorkingDirectory = folder,
            };
            foreach (var argument in (string[])[
                         $"-env:UserInstallation={new Uri(Path.Combine(folder, "profile")).AbsoluteUri}",
                         "--headless", "--norestore", "--nolockcheck", "--convert-to", format, "--outdir", outputFolder, inputPath])
            {
                start.ArgumentList.Add(argument);
            }
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var error = process.StandardError.ReadToEndAsync(cancellationToken);
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            limit.CancelAfter(timeout);
            try
            {
                await process.WaitForExitAsync(limit.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync(CancellationToken.None);
                cancellationToken.ThrowIfCancellationRequested();
                return new LibreOfficeResult(null, TimedOut: true);
            }
            var extension = "." + format.Split(':')[0];
            var converted = Path.Combine(outputFolder, "input" + extension);
            if (process.ExitCode != 0 || !File.Exists(converted))
            {
                return new LibreOfficeResult(null, Crashed: true, ExitCode: process.ExitCode, StandardOutput: await output, StandardError: await error);
            }
            return new LibreOfficeResult(await File.ReadAllBytesAsync(converted, cancellationToken), ExitCode: 0, StandardOutput: await output, StandardError: await error);
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
}
