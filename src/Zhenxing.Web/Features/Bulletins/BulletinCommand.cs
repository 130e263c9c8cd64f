using Zhenxing.Web.Features.Assessments;
using Zhenxing.Web.Features.Items;
using Zhenxing.Web.Features.Rounds;
using Zhenxing.Web.Infrastructure;
using Zhenxing.Web.Infrastructure.Cli;

namespace Zhenxing.Web.Features.Bulletins;

/// <summary><c>zhenxing bulletin draft --from DATE --to DATE --out FILE.docx|.pdf</c>: the first draft of a bulletin as a file.</summary>
public static class BulletinCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length == 0 || args[0] != "draft")
        {
            return ZhenxingCommands.UsageError(args.Length == 0
                ? "缺少子命令：zhenxing bulletin draft --from 2026-10-01 --to 2026-10-31 --out 简报.docx"
                : $"未知的 bulletin 子命令“{args[0]}”；可用的子命令为 draft。");
        }
        var options = CommandArguments.Parse(args[1..], ["from", "to", "out"], []);
        if (options.Errors.Count > 0)
        {
            return ZhenxingCommands.UsageError(string.Join(" ", options.Errors));
        }
        if (options.Positional.Count > 0)
        {
            return ZhenxingCommands.UsageError($"bulletin draft 不接受参数“{options.Positional[0]}”。");
        }
        var (from, to, errors) = BulletinPeriod.Parse(options["from"], options["to"], "--from", "--to");
        if (errors.Count > 0)
        {
            return ZhenxingCommands.UsageError(string.Join(" ", errors.Values));
        }
        if (options["out"] is not { Length: > 0 } output)
        {
            return ZhenxingCommands.UsageError("缺少 --out 输出文件，例如：zhenxing bulletin draft --from 2026-10-01 --to 2026-10-31 --out 简报.docx");
        }
        var extension = Path.GetExtension(output).ToLowerInvariant();
        if (extension is not (".docx" or ".pdf"))
        {
            return ZhenxingCommands.UsageError($"--out 的文件“{output}”应以 .docx 或 .pdf 结尾。");
        }
        if (Path.GetDirectoryName(Path.GetFullPath(output)) is { } directory && !Directory.Exists(directory))
        {
            Console.Error.WriteLine($"错误：输出目录不存在：{directory}");
            return ZhenxingCommands.Failed;
        }

        using var host = await ZhenxingCommands.StartCommandHostAsync(options.ConfigurationArgs, services =>
        {
            services.AddOptions<StatusLightOptions>().BindConfiguration("Lights");
            services.AddScoped<RoundStatistics>();
            services.AddScoped<ComputeAssessment>();
            services.AddBulletins();
        });
        await using var scope = host.Services.CreateAsyncScope();
        var pdf = scope.ServiceProvider.GetRequiredService<ConvertToPdf>();
        if (extension == ".pdf" && !pdf.Available)
        {
            Console.Error.WriteLine("错误：" + ConvertToPdf.Missing);
            return ZhenxingCommands.Failed;
        }
        var bulletin = await scope.ServiceProvider.GetRequiredService<DraftBulletin>().ComposeAsync(from, to, "命令行", CancellationToken.None);
        var clock = scope.ServiceProvider.GetRequiredService<TimeProvider>();
        var docx = WriteBulletinDocx.Write(bulletin, ChinaTime.Today(clock), scope.ServiceProvider.GetRequiredService<BulletinFonts>().Set);
        if (extension == ".pdf")
        {
            switch (await pdf.RunAsync(docx, CancellationToken.None))
            {
                case PdfOutcome.Converted converted:
                    await File.WriteAllBytesAsync(output, converted.Pdf);
                    break;
                case PdfOutcome.Failed failed:
                    Console.Error.WriteLine("错误：" + failed.Problem);
                    return ZhenxingCommands.Failed;
            }
        }
        else
        {
            await File.WriteAllBytesAsync(output, docx);
        }
        var overview = bulletin.OrderedSections().FirstOrDefault()?.Text.Split('\n')[0];
        Console.WriteLine($"已起草{BulletinText.Period(from, to)}的工作简报（{bulletin.Sections.Count} 个部分）到 {output}");
        if (overview is not null)
        {
            Console.WriteLine(overview);
        }
        return ZhenxingCommands.Ok;
    }
}
