using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Zhenxing.Importing;
using Zhenxing.Web.Data;
using Zhenxing.Web.Infrastructure.Cli;

namespace Zhenxing.Web.Features.Imports;

public static class ImportRegistration
{
    public static IServiceCollection AddImports(this IServiceCollection services)
    {
        services.AddSingleton<DocumentImporter>();
        services.AddSingleton<ParsedDocuments>();
        services.AddScoped<PlanImport>();
        services.AddScoped<ConfirmImport>();
        services.AddScoped<ReviseReading>();
        return services;
    }
}

/// <summary><c>zhenxing import FILE… [--dry-run] [--year 2021] [--json] [--apply-changes] [--column "表头=含义"]…</c>.</summary>
public static class ImportCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var options = CommandArguments.Parse(args, ["year", "column"], ["dry-run", "json", "apply-changes"]);
        if (options.Errors.Count > 0)
        {
            return ZhenxingCommands.UsageError(string.Join(" ", options.Errors));
        }
        if (options.Positional.Count == 0)
        {
            return ZhenxingCommands.UsageError("缺少要导入的文件，例如：zhenxing import 清单.docx --dry-run");
        }
        int? year = null;
        if (options["year"] is { } yearText)
        {
            if (!int.TryParse(yearText, out var parsedYear) || parsedYear is < 1949 or > 2100)
            {
                return ZhenxingCommands.UsageError($"--year 的值“{yearText}”不是有效年份。");
            }
            year = parsedYear;
        }
        var choices = new ReadingChoices();
        foreach (var column in options.AllValues.GetValueOrDefault("column") ?? [])
        {
            var equals = column.LastIndexOf('=');
            if (equals <= 0 || !Importing.ColumnRoleNames.TryParse(column[(equals + 1)..], out var role)
                || Importing.ColumnRoleNames.HeaderKey(column[..equals]) is not { Length: > 0 } header)
            {
                return ZhenxingCommands.UsageError($"--column 的值“{column}”应写成“表头=含义”，例如 --column \"推进主体=牵头单位\"；含义可以是："
                    + string.Join("、", Importing.ColumnRoleNames.All.Select(r => Importing.ColumnRoleNames.ToChinese(r))) + "。");
            }
            choices.Columns[header] = role;
        }
        var json = options.Flags.Contains("json");
        if (json && options.Positional.Count > 1)
        {
            return ZhenxingCommands.UsageError("--json 一次只能用于一个文件。");
        }
        var missing = options.Positional.Where(f => !File.Exists(f)).ToList();
        if (missing.Count > 0)
        {
            Console.Error.WriteLine("错误：文件不存在：" + string.Join("、", missing));
            return ZhenxingCommands.Failed;
        }

        using var host = await ZhenxingCommands.StartCommandHostAsync(options.ConfigurationArgs, services => services.AddImports());
        var exitCode = ZhenxingCommands.Ok;
        foreach (var file in options.Positional)
        {
            await using var scope = host.Services.CreateAsyncScope();
            var outcome = await ImportFileAsync(scope.ServiceProvider, file, year, choices, options.Flags.Contains("dry-run"), json, options.Flags.Contains("apply-changes"));
            exitCode = Math.Max(exitCode, outcome);
        }
        return exitCode;
    }

    private static async Task<int> ImportFileAsync(IServiceProvider services, string file, int? year, ReadingChoices choices, bool dryRun, bool json, bool applyChanges)
    {
        var content = await File.ReadAllBytesAsync(file);
        var document = new SourceDocument
        {
            FileName = Infrastructure.UploadedFileNames.Clean(file),
            Content = content,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(content)),
            Year = year,
            ReadingChoices = choices.ToJson(),
            UploadedAt = services.GetRequiredService<TimeProvider>().GetUtcNow(),
        };
        var plan = await services.GetRequiredService<PlanImport>().RunAsync(document, CancellationToken.None);
        var report = json ? Console.Error : Console.Out;
        if (json)
        {
            Console.Out.WriteLine(plan.Parsed.ToJson());
        }
        else
        {
            WritePreview(plan, Console.Out);
        }

        if (plan.Errors.Count > 0)
        {
            report.WriteLine($"未导入：{plan.Blocker}");
            return ZhenxingCommands.Failed;
        }
        if (dryRun)
        {
            report.WriteLine("试运行（--dry-run）：未写入数据库。");
            return ZhenxingCommands.Ok;
        }
        if (plan.AlreadyImported is not null || !plan.HasChanges)
        {
            report.WriteLine(plan.Blocker);
            return ZhenxingCommands.Ok;
        }
        if (plan.Lists.Any(l => !l.IsNew && l.HasChanges) && !applyChanges)
        {
            report.WriteLine("台账中已有该清单的旧版本，上面列出了差异。确认无误后加 --apply-changes 再运行一次以应用这些变化。");
            return ZhenxingCommands.Failed;
        }

        var db = services.GetRequiredService<ZhenxingDb>();
        db.SourceDocuments.Add(document);
        await db.SaveChangesAsync();
        var outcome = await services.GetRequiredService<ConfirmImport>().RunAsync(document.Id, new Dictionary<string, UnitDecision>(), CancellationToken.None);
        switch (outcome)
        {
            case ImportOutcome.Confirmed confirmed:
                report.WriteLine("已导入：" + confirmed.Summary);
                if (confirmed.Summary.UnitsCreated.Count > 0)
                {
                    report.WriteLine("新建单位：" + string.Join("、", confirmed.Summary.UnitsCreated));
                }
                return ZhenxingCommands.Ok;
            case ImportOutcome.Refused refused:
                db.ChangeTracker.Clear();
                await db.SourceDocuments.Where(d => d.Id == document.Id && d.ConfirmedAt == null).ExecuteDeleteAsync();
                foreach (var problem in refused.Problems)
                {
                    Console.Error.WriteLine("错误：" + problem);
                }
                return ZhenxingCommands.Failed;
            default:
                throw new InvalidOperationException("Unknown import outcome.");
        }
    }

    /// <summary>The preview as text: lists, categories with declared and found counts, units, changes, messages.</summary>
    public static void WritePreview(ImportPlan plan, TextWriter output)
    {
        var parsed = plan.Parsed;
        output.WriteLine($"文件：{parsed.FileName}");
        foreach (var list in plan.Lists)
        {
            var l = list.List;
            output.WriteLine($"  清单：{l.Title}（{(l.DocumentNumber is null ? "" : l.DocumentNumber + "，")}{l.Year?.ToString() ?? "年份未知"} 年，{Items.ItemListKindNames.ToChinese(l.Kind)}）"
                             + $"{(l.DeclaredTotal is { } total ? $"声明 {total} 项，" : "")}识别 {l.Items.Count} 项");
            WriteCategories(l.Categories, output, "    ");
            if (list.FromExport is { } fromExport)
            {
                output.WriteLine($"    台账导出的文件：按“台账编号”识别为台账中的清单 {list.ExistingListId}（{list.ExistingTitle ?? l.Title}），各行按编号对应原事项"
                                 + (fromExport.Untouched == 0 ? "" : fromExport.Stamped ? $"；按条件导出，文件外的 {fromExport.Untouched} 项不受影响" : $"；文件中没有导出时的记录，文件外的 {fromExport.Untouched} 项不撤销"));
            }
            if (!list.IsNew)
            {
                output.WriteLine($"    与台账中已有版本相比：新增 {list.Added.Count} 项，删除 {list.Removed.Count} 项，修改 {list.Changed.Count} 项");
                foreach (var item in list.Added)
                {
                    output.WriteLine($"      + {item.CategoryPath} {item.Number} {Shorten(item.Text)}");
                }
                foreach (var item in list.Removed)
                {
                    output.WriteLine($"      - {item.Key.Replace('|', ' ')} {Shorten(item.Text)}");
                }
                foreach (var item in list.Changed)
                {
                    output.WriteLine($"      ~ {item.Old.Key.Replace('|', ' ')} {Shorten(item.New.Text)}（{string.Join("、", item.Fields)}）");
                }
            }
        }
        foreach (var table in parsed.Tables)
        {
            // What each column was taken to mean: --column "表头=含义" says otherwise.
            output.WriteLine($"  表格（{table.Location} 起，{table.ListTitle}）的列："
                             + string.Join("、", table.Columns.Where(c => c.Header.Length > 0).Select(c => $"{c.Header}={Importing.ColumnRoleNames.ToChinese(c.Role)}{(c.Chosen ? "（指定）" : "")}")));
        }
        if (parsed.Pairings.Count > 0)
        {
            var pairs = PlanImport.ParsedPairs(parsed).ToList();
            output.WriteLine($"  对口支援：{pairs.Select(p => p.Unit).Distinct().Count()} 个支援单位结对 {parsed.Pairings.Select(p => p.County).Distinct().Count()} 个县（市、区），"
                             + $"分布在 {parsed.Pairings.Select(p => p.City).Distinct().Count()} 个市；牵头协调单位 {parsed.CoordinatingUnits.Count} 个（{string.Join("、", parsed.CoordinatingUnits)}）");
            if (plan.Pairings is { ExistingSchemeId: not null } existing)
            {
                output.WriteLine($"    与已有结对相比：新增 {existing.Added.Count} 对，删除 {existing.Removed.Count} 对");
            }
        }
        var unknown = plan.Units.Where(u => !u.IsKnown).ToList();
        output.WriteLine($"  单位：共 {plan.Units.Count} 个，已在名录中 {plan.Units.Count - unknown.Count} 个，新单位 {unknown.Count} 个");
        if (unknown.Count > 0)
        {
            output.WriteLine("    新单位：" + string.Join("、", unknown.Select(u => u.Name)));
        }
        if (plan.DoubtedItemCount > 0)
        {
            output.WriteLine($"  {plan.DoubtedItemCount} 项待核对：");
            foreach (var item in plan.Lists.SelectMany(l => l.List.Items))
            {
                if (plan.DoubtsOf(item) is { Count: > 0 } doubts)
                {
                    output.WriteLine($"    {item.Location} {item.CategoryPath} {item.Number}：{string.Join("；", doubts.Select(d => d.Reason))}");
                }
            }
        }
        foreach (var warning in parsed.Warnings)
        {
            output.WriteLine($"  警告：{warning}");
        }
        foreach (var error in plan.Errors)
        {
            output.WriteLine($"  错误：{error}");
        }
        if (parsed.FirstLines.Count > 0)
        {
            output.WriteLine($"  读到的前 {parsed.FirstLines.Count} 行：");
            for (var i = 0; i < parsed.FirstLines.Count; i++)
            {
                output.WriteLine($"    {i + 1}. {parsed.FirstLines[i]}");
            }
        }
    }

    private static void WriteCategories(IEnumerable<ParsedCategory> categories, TextWriter output, string indent)
    {
        foreach (var category in categories)
        {
            var check = category.DeclaredCount is null ? "" : category.DeclaredCount == category.ItemCount ? " ✓" : " ✗ 数量不符";
            output.WriteLine($"{indent}{category}：{(category.DeclaredCount is { } declared ? $"声明 {declared} 项，" : "")}识别 {category.ItemCount} 项{check}");
            WriteCategories(category.Children, output, indent + "  ");
        }
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
