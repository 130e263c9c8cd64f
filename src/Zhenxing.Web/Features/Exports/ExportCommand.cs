using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Zhenxing.Web.Data;
using Zhenxing.Web.Features.Items;
using Zhenxing.Web.Features.Ledger;
using Zhenxing.Web.Features.Rounds;
using Zhenxing.Web.Features.Users;
using Zhenxing.Web.Infrastructure.Cli;

namespace Zhenxing.Web.Features.Exports;

/// <summary><c>zhenxing export --format xlsx|docx|csv|json [--list ID或名称]… [--round 轮次] --out FILE</c>, for scheduled jobs.</summary>
public static class ExportCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        // --list may be given several times; the other options once.
        var lists = new List<string>();
        var others = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--list" && i + 1 < args.Length)
            {
                lists.Add(args[++i]);
            }
            else if (args[i].StartsWith("--list=", StringComparison.Ordinal))
            {
                lists.Add(args[i]["--list=".Length..]);
            }
            else
            {
                others.Add(args[i]);
            }
        }
        var options = CommandArguments.Parse(others, ["format", "round", "out", "list"], []);
        if (options.Errors.Count > 0)
        {
            return ZhenxingCommands.UsageError(string.Join(" ", options.Errors));
        }
        if (options.Positional.Count > 0)
        {
            return ZhenxingCommands.UsageError($"export 不接受参数“{options.Positional[0]}”。");
        }
        if (ExportFormat.Find(options["format"]) is not { } format)
        {
            return ZhenxingCommands.UsageError(options["format"] is { } wrong
                ? $"不支持的导出格式“{wrong}”，应为 {ExportFormat.Names} 之一。"
                : $"缺少 --format（{ExportFormat.Names}）。");
        }
        if (options["out"] is not { Length: > 0 } output)
        {
            return ZhenxingCommands.UsageError("缺少 --out 输出文件，例如：zhenxing export --format xlsx --out 事项台账.xlsx");
        }
        if (Path.GetDirectoryName(Path.GetFullPath(output)) is { } directory && !Directory.Exists(directory))
        {
            Console.Error.WriteLine($"错误：输出目录不存在：{directory}");
            return ZhenxingCommands.Failed;
        }

        using var host = await ZhenxingCommands.StartCommandHostAsync(options.ConfigurationArgs, services =>
        {
            services.AddOptions<StatusLightOptions>().BindConfiguration("Lights");
            services.AddScoped<LedgerQuery>();
            services.AddScoped<LedgerExport>();
        });
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ZhenxingDb>();
        var filter = new LedgerFilter();
        foreach (var list in lists)
        {
            switch (await FindListAsync(db, list))
            {
                case (int id, _):
                    filter.List = [.. filter.List, id];
                    break;
                case (null, var problem):
                    Console.Error.WriteLine("错误：" + problem);
                    return ZhenxingCommands.Failed;
            }
        }
        if (options["round"] is { } roundText)
        {
            var roundId = int.TryParse(roundText, out var parsed) ? parsed : (int?)null;
            var roundName = roundText.Trim();
            var round = await db.ReportingRounds.AsNoTracking()
                .Where(r => roundId != null ? r.Id == roundId : r.Name == roundName)
                .Select(r => new { r.Id, r.Name, r.State }).FirstOrDefaultAsync();
            if (round is null || round.State != RoundState.Closed)
            {
                Console.Error.WriteLine(round is null
                    ? $"错误：报送轮次“{roundText}”不存在。"
                    : $"错误：报送轮次“{round.Name}”尚未关闭；时点台账只适用于已关闭的报送轮次。");
                return ZhenxingCommands.Failed;
            }
            filter.AsOf = round.Id;
        }

        // An operator command: every item is visible, as to the Office.
        var operator_ = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "命令行"), new Claim(ClaimTypes.Role, nameof(Role.Office))], "cli"));
        var (data, notes) = await scope.ServiceProvider.GetRequiredService<LedgerExport>().RunAsync(filter, operator_, CancellationToken.None);
        foreach (var note in notes)
        {
            Console.Error.WriteLine("提示：" + note);
        }
        await File.WriteAllBytesAsync(output, format.Write(data));
        Console.WriteLine($"已导出 {data.Total} 项事项（{data.Lists.Count} 个清单{(data.AsOf is { } asOf ? $"，时点台账：{asOf.Name}" : "")}）到 {output}");
        return ZhenxingCommands.Ok;
    }

    /// <summary>A list by its id, its exact title, or the one title containing the words.</summary>
    private static async Task<(int? Id, string? Problem)> FindListAsync(ZhenxingDb db, string idOrTitle)
    {
        var text = idOrTitle.Trim();
        if (int.TryParse(text, out var id))
        {
            return await db.ItemLists.AnyAsync(l => l.Id == id) ? (id, null) : (null, $"清单编号 {id} 不存在。");
        }
        var titles = await db.ItemLists.AsNoTracking().Select(l => new { l.Id, l.Title }).ToListAsync();
        var exact = titles.Where(l => l.Title == text).ToList();
        var matches = exact.Count > 0 ? exact : titles.Where(l => l.Title.Contains(text, StringComparison.Ordinal)).ToList();
        return matches.Count switch
        {
            1 => (matches[0].Id, null),
            0 => (null, $"没有名称为“{text}”的清单。"),
            _ => (null, $"“{text}”对应多个清单，请改用清单编号：{string.Join("；", matches.Select(m => $"{m.Id} {m.Title}"))}"),
        };
    }
}
