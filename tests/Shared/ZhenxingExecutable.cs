using System.Diagnostics;
using System.Text;

namespace Zhenxing.Testing;

/// <summary>
/// The published <c>zhenxing</c> executable, run as a real process the way an operator runs it.
/// ./test.sh publishes it and names its folder in ZHENXING_APP_DIR; otherwise .build/app under the repository.
/// </summary>
public static class ZhenxingExecutable
{
    public sealed record Result(int ExitCode, string Output, string Error);

    public static string AppDirectory
    {
        get
        {
            var configured = Environment.GetEnvironmentVariable("ZHENXING_APP_DIR");
            var directory = !string.IsNullOrEmpty(configured) ? configured : Path.Combine(RepositoryRoot(), ".build", "app");
            return File.Exists(Path.Combine(directory, "zhenxing.dll"))
                ? directory
                : throw new InvalidOperationException($"zhenxing.dll not found in {directory}: run ./test.sh (or ./zhenxing help) to publish the app first.");
        }
    }

    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Zhenxing.slnx")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("Zhenxing.slnx not found above " + AppContext.BaseDirectory);
    }

    public static ProcessStartInfo StartInfo(IEnumerable<string> args, string workingDirectory)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppDirectory, "zhenxing.dll"));
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }
        info.Environment["ASPNETCORE_CONTENTROOT"] = AppDirectory;
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        return info;
    }

    /// <summary>Runs a command to its end, feeding <paramref name="input"/> to its standard input.</summary>
    public static async Task<Result> RunAsync(IEnumerable<string> args, string? input = null, string? workingDirectory = null)
    {
        using var process = Process.Start(StartInfo(args, workingDirectory ?? Path.GetTempPath()))!;
        if (input is not null)
        {
            await process.StandardInput.WriteLineAsync(input);
        }
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return new Result(process.ExitCode, await output, await error);
    }
}
