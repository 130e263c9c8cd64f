using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Zhenxing.Web.Data;
using Zhenxing.Web.Features.Exports;
using Zhenxing.Web.Features.Imports;
using Zhenxing.Web.Features.Items;
using Zhenxing.Web.Features.Ledger;
using Zhenxing.Web.Infrastructure.Cli;

namespace Zhenxing.Web.Features.Benchmarks;

/// <summary>
/// <c>zhenxing bench import</c>: a generated list of N rows (default 10,000) in the official .xlsx layout, imported
/// through the upload's path — read and planned (the preview), stored as a source document, confirmed. Each run's
/// list has a new title, so that it is a new document. Last line: <c>import rows=10000 seconds=…</c>.
/// </summary>
public static class ImportBenchmark
{
    private const double TargetSeconds = 3;

    public static async Task<int> RunAsync(CommandArguments options)
    {
        var rows = BenchCommand.Integer(options, "rows", 10_000, 10, 1_000_000);
        var seed = BenchCommand.Integer(options, "seed", 1, 0, int.MaxValue);
        if (options.Errors.Count > 0)
        {
            return ZhenxingCommands.UsageError(string.Join(" ", options.Errors));
        }
        if (BenchCommand.RequirePostgres(options.ConfigurationArgs) is { } refusal)
        {
            Console.Error.WriteLine("错误：" + refusal);
            return ZhenxingCommands.Failed;
        }
        using var host = await ZhenxingCommands.StartCommandHostAsync(options.ConfigurationArgs, services =>
        {
            services.AddSingleton<Zhenxing.Importing.DocumentImporter>();
            services.AddSingleton<ParsedDocuments>();
            services.AddScoped<PlanImport>();
            services.AddScoped<ConfirmImport>();
        });
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ZhenxingDb>();
        var clock = scope.ServiceProvider.GetRequiredService<TimeProvider>();
        var foreign = await db.ItemLists.CountAsync(l => !l.Title.StartsWith(ProgramGenerator.Marker));
        if (foreign > 0)
        {
            Console.Error.WriteLine($"错误：数据库中已有 {foreign} 个不是基准测试的清单。基准测试会写入数据，不能在真实的台账数据库上运行，请另建一个空数据库。");
            return ZhenxingCommands.Failed;
        }

        var now = clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8));
        // As a server that has imported before: the measured import is not the process's first, which would time the
        // compiling of the importer rather than the importing. A document of the same size but other content is
        // parsed a few times (not imported: nothing of it is kept, and the measured document is parsed afresh), and a
        // small one goes the whole way.
        var importer = scope.ServiceProvider.GetRequiredService<Zhenxing.Importing.DocumentImporter>();
        var rehearsal = WriteLedgerXlsx.Write(Document(Title("预热解析", now), rows!.Value, seed!.Value + 1, DateOnly.FromDateTime(now.DateTime)));
        for (var i = 0; i < 3; i++)
        {
            importer.Parse(rehearsal, "预热解析.xlsx");
        }
        var warmup = await ImportAsync(scope.ServiceProvider, Title("预热", now), Math.Min(200, rows.Value), seed.Value, now);
        if (warmup.Problem is { } warmupProblem)
        {
            Console.Error.WriteLine("错误：" + warmupProblem);
            return ZhenxingCommands.Failed;
        }

        var title = Title("导入清单", now);
        var file = WriteLedgerXlsx.Write(Document(title, rows.Value, seed.Value, DateOnly.FromDateTime(now.DateTime)));
        Console.WriteLine(Invariant($"已生成导入文件：{rows} 行，{file.Length / 1024.0 / 1024.0:F1} MB（.xlsx，台账表格式）。按上传的路径导入：读取并预览、保存原件、确认导入（预热不计时：先解析一个同样大小、内容不同的文件三次，再导入一个 {Math.Min(200, rows.Value)} 行的文件）……"));
        var (document, planned, stored, total, confirmed, problem) = await ImportAsync(scope.ServiceProvider, title, file, now);
        if (problem is not null)
        {
            Console.Error.WriteLine("错误：" + problem);
            return ZhenxingCommands.Failed;
        }
        var listId = await db.ItemLists.Where(l => l.SourceDocumentId == document.Id).Select(l => l.Id).SingleAsync();
        var imported = await db.Items.CountAsync(i => i.ItemListId == listId);

        Console.WriteLine();
        Console.WriteLine($"  {TerminalColumns.PadRight("步骤", 30)} 用时（秒）");
        Console.WriteLine(Invariant($"  {TerminalColumns.PadRight("读取并预览（解析、核对单位和差异）", 30)} {planned.TotalSeconds,8:F2}"));
        Console.WriteLine(Invariant($"  {TerminalColumns.PadRight("保存原件", 30)} {(stored - planned).TotalSeconds,8:F2}"));
        Console.WriteLine(Invariant($"  {TerminalColumns.PadRight("确认导入（写入事项、单位、审计）", 30)} {(total - stored).TotalSeconds,8:F2}"));
        Console.WriteLine(Invariant($"  {TerminalColumns.PadRight("合计", 30)} {total.TotalSeconds,8:F2}"));
        Console.WriteLine($"已导入：{confirmed!.Summary.ToString().TrimEnd('。')}；数据库中该清单有 {imported} 项。");
        if (imported != rows)
        {
            Console.Error.WriteLine($"错误：导入后有 {imported} 项，应为 {rows} 项。");
            return ZhenxingCommands.Failed;
        }
        Console.WriteLine(total.TotalSeconds < TargetSeconds
            ? Invariant($"用时 {total.TotalSeconds:F2} 秒，达到目标（< {TargetSeconds:F0} 秒）。")
            : Invariant($"用时 {total.TotalSeconds:F2} 秒，未达到目标（< {TargetSeconds:F0} 秒）。"));
        Console.WriteLine(Invariant($"import rows={rows} seconds={total.TotalSeconds:F2}"));
        return ZhenxingCommands.Ok;
    }

    private sealed record Timed(SourceDocument Document, TimeSpan Planned, TimeSpan Stored, TimeSpan Total, ImportOutcome.Confirmed? Confirmed, string? Problem);

    private static string Title(string what, DateTimeOffset now) =>
        string.Create(CultureInfo.InvariantCulture, $"{ProgramGenerator.Marker}{what}（{now:yyyy-MM-dd HH:mm:ss.fff}）");

    private static Task<Timed> ImportAsync(IServiceProvider services, string title, int rows, int seed, DateTimeOffset now) =>
        ImportAsync(services, title, WriteLedgerXlsx.Write(Document(title, rows, seed, DateOnly.FromDateTime(now.DateTime))), now);

    /// <summary>The upload's path: read and preview, store the original, confirm; timed step by step.</summary>
    private static async Task<Timed> ImportAsync(IServiceProvider services, string title, byte[] file, DateTimeOffset now)
    {
        var db = services.GetRequiredService<ZhenxingDb>();
        var watch = Stopwatch.StartNew();
        var document = new SourceDocument
        {
            FileName = title + ".xlsx",
            Content = file,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(file)),
            Year = now.Year,
            UploadedAt = services.GetRequiredService<TimeProvider>().GetUtcNow(),
        };
        var plan = await services.GetRequiredService<PlanImport>().RunAsync(document, CancellationToken.None);
        var planned = watch.Elapsed;
        if (plan.Errors.Count > 0 || !plan.HasChanges)
        {
            return new Timed(document, planned, planned, planned, null, "生成的文件未能导入：" + plan.Blocker);
        }
        db.SourceDocuments.Add(document);
        await db.SaveChangesAsync();
        var stored = watch.Elapsed;
        var outcome = await services.GetRequiredService<ConfirmImport>().RunAsync(document.Id, new Dictionary<string, UnitDecision>(), CancellationToken.None);
        var total = watch.Elapsed;
        return outcome is ImportOutcome.Confirmed confirmed
            ? new Timed(document, planned, stored, total, confirmed, null)
            : new Timed(document, planned, stored, total, null, "导入被拒绝：" + string.Join("；", ((ImportOutcome.Refused)outcome).Problems));
    }

    /// <summary>One list in nine categories, items with lead and responsible units of the benchmark's directory, deadlines and statuses.</summary>
    internal static LedgerExportData Document(string title, int rows, int seed, DateOnly today)
    {
        var random = new Random(seed);
        var units = ProgramVocabulary.Directory().Take(80).Select((u, i) => new LedgerUnit(i + 1, u.Name)).ToArray();
        var categories = ProgramVocabulary.TopCategories
            .Select((name, i) => new ExportCategory(i + 1, null, (i + 1).ToString(CultureInfo.InvariantCulture), ChineseNumber(i + 1), name, null, 0))
            .ToList();
        var statuses = Enum.GetValues<ItemStatus>();
        var items = new List<LedgerRow>(rows);
        for (var n = 1; n <= rows; n++)
        {
            var category = categories[(n - 1) * categories.Count / rows];
            var lead = units[random.Next(units.Length)];
            var responsible = units[random.Next(units.Length)];
            // Id 0: generated rows are no stored items, so the file carries no 台账编号 and each run imports as a new list.
            items.Add(new LedgerRow(0, 0, title, category.Id, category.Path, category.Title, n.ToString(CultureInfo.InvariantCulture), null,
                ProgramVocabulary.ItemText(random, 40 + random.Next(120), null), [lead], responsible == lead ? [] : [responsible], null,
                today.AddDays(random.Next(-60, 400)), null, false, statuses[random.Next(statuses.Length)], StatusLight.Green, "", 0, false, 0, null));
        }
        var counted = categories.Select(c => c with { DeclaredCount = items.Count(i => i.CategoryId == c.Id), Count = items.Count(i => i.CategoryId == c.Id) }).ToList();
        return new LedgerExportData([new ExportList(0, title, null, today.Year, rows, counted, items)], null, today);
    }

    private static string ChineseNumber(int n) => n switch
    {
        1 => "一", 2 => "二", 3 => "三", 4 => "四", 5 => "五", 6 => "六", 7 => "七", 8 => "八", 9 => "九",
        _ => throw new ArgumentOutOfRangeException(nameof(n)),
    };

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
