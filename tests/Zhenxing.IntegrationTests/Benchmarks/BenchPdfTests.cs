using System.Text.RegularExpressions;
using Zhenxing.IntegrationTests.Infrastructure;
using Zhenxing.Testing;

namespace Zhenxing.IntegrationTests.Benchmarks;

/// <summary><c>zhenxing bench pdf</c> run as a process at a small size, so that it keeps working; it needs no database.</summary>
public sealed partial class BenchPdfTests
{
    [GeneratedRegex(@"^bench pdf rows=40 seconds=\d+\.\d\d$")]
    private static partial Regex Summary();

    [LibreOfficeFact]
    public async Task BenchPdfReadsEveryRowOfTheGeneratedPdf()
    {
        var run = await ZhenxingExecutable.RunAsync(["bench", "pdf", "--rows", "40", "--runs", "2"]);

        run.ExitCode.ShouldBe(0, run.Output + run.Error);
        run.Output.ShouldContain("识别 40 项，错误 0 个");
        run.Output.TrimEnd().Split('\n')[^1].Trim().ShouldMatch(Summary().ToString());
    }
}
