using System.Diagnostics;
using System.Globalization;
using Zhenxing.Importing;
using Zhenxing.Importing.Converting;
using Zhenxing.Web.Features.Exports;
using Zhenxing.Web.Infrastructure.Cli;

namespace Zhenxing.Web.Features.Benchmarks;

/// <summary>
/// <c>zhenxing bench pdf</c>: a generated list of N rows (default 500) written as the ledger's .docx, turned into PDF by
/// LibreOffice, and read by the importer (the parse behind the upload's preview) several times. No database is used.
/// <c>--rows N</c>, <c>--runs N</c> (default 5). Last line: <c>bench pdf rows=500 seconds=…</c>, the median of the runs.
/// </summary>
public static class PdfBenchmark
{
    private const double TargetSeconds = 2;

    public static async Task<int> RunAsync(CommandArguments options)
    {
        var rows = BenchCommand.Integer(options, "rows", 500, 10, 20_000);
        var seed = BenchCommand.Integer(options, "seed", 1, 0, int.MaxValue);
        var runs = BenchCommand.Integer(options, "runs", 5, 1, 100);
        if (options.Errors.Count > 0)
        {
            return ZhenxingCommands.UsageError(string.Join(" ", options.Errors));
        }
        if (LibreOffice.Find() is not { } program)
        {
            Console.Error.WriteLine("错误：bench pdf 需要 LibreOffice 生成 PDF，但本机未安装。请安装：apt-get install libreoffice-writer-nogui");
            return ZhenxingCommands.Failed;
        }
        var today = DateOnly.FromDateTime(DateTime.Today);
        var title = $"{today.Year}年基准测试事项清单";
        var docx = WriteLedgerDocx.Write(ImportBenchmark.Document(title, rows!.Value, seed!.Value, today));
        var converted = await LibreOffice.ConvertAsync(program, docx, "docx", "pdf", TimeSpan.FromMinutes(5), CancellationToken.None);
        if (converted.Output is not { } pdf)
        {
            Console.Error.WriteLine($"错误：LibreOffice 未能生成 PDF（退出码 {converted.ExitCode}）：{converted.FirstError}");
            return ZhenxingCommands.Failed;
        }
        Console.WriteLine($"已生成 {rows} 行清单的 PDF：{pdf.Length / 1024} KB。");

        var importer = new DocumentImporter();
        // The first parse also compiles the reader; it is run once before the timed runs.
        importer.Parse(pdf, "预热.pdf");
        var times = new List<double>();
        ParsedDocument? parsed = null;
        for (var i = 0; i < runs!.Value; i++)
        {
            var watch = Stopwatch.StartNew();
            parsed = importer.Parse(pdf, "基准测试.pdf");
            times.Add(watch.Elapsed.TotalSeconds);
        }
        var items = parsed!.Lists.Sum(l => l.Items.Count);
        Console.WriteLine(Invariant($"解析 {runs} 次，每次用时（秒）：{string.Join(" ", times.Select(t => t.ToString("F3", CultureInfo.InvariantCulture)))}；识别 {items} 项，错误 {parsed.Errors.Count} 个。"));
        if (items != rows || parsed.Errors.Count > 0)
        {
            Console.Error.WriteLine($"错误：识别出 {items} 项，应为 {rows} 项。" + string.Join("；", parsed.Errors.Take(3).Select(e => $"{e.Location}：{e.Message}")));
            return ZhenxingCommands.Failed;
        }
        var median = times.Order().ElementAt(times.Count / 2);
        Console.WriteLine(median < TargetSeconds
            ? Invariant($"中位数 {median:F2} 秒，达到目标（< {TargetSeconds:F0} 秒）。")
            : Invariant($"中位数 {median:F2} 秒，未达到目标（< {TargetSeconds:F0} 秒）。"));
        Console.WriteLine(Invariant($"bench pdf rows={rows} seconds={median:F2}"));
        return ZhenxingCommands.Ok;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
