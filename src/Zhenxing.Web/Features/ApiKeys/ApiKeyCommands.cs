using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Zhenxing.Web.Data;
using Zhenxing.Web.Infrastructure;
using Zhenxing.Web.Infrastructure.Cli;

namespace Zhenxing.Web.Features.ApiKeys;

/// <summary><c>zhenxing apikey create|list|revoke</c>.</summary>
public static class ApiKeyCommands
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length == 0)
        {
            return ZhenxingCommands.UsageError("缺少子命令：apikey create、apikey list 或 apikey revoke。");
        }
        var options = CommandArguments.Parse(args[1..], ["user", "name", "id"], []);
        if (options.Errors.Count > 0)
        {
            return ZhenxingCommands.UsageError(string.Join(" ", options.Errors));
        }
        return args[0] switch
        {
            "create" => await CreateAsync(options),
            "list" => await ListAsync(options),
            "revoke" => await RevokeAsync(options),
            _ => ZhenxingCommands.UsageError($"未知子命令“apikey {args[0]}”。"),
        };
    }

    private static async Task<int> CreateAsync(CommandArguments options)
    {
        if (string.IsNullOrWhiteSpace(options["user"]))
        {
            return ZhenxingCommands.UsageError("缺少 --user（用户名）。");
        }
        using var host = await ZhenxingCommands.StartCommandHostAsync(options.ConfigurationArgs, services => services.AddScoped<CreateApiKey>());
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ZhenxingDb>();
        var userName = options["user"]!.Trim();
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.UserName == userName);
        if (user is null)
        {
            Console.Error.WriteLine($"错误：用户“{userName}”不存在。");
            return ZhenxingCommands.Failed;
        }
        var (created, error) = await scope.ServiceProvider.GetRequiredService<CreateApiKey>().RunAsync(user.Id, options["name"], CancellationToken.None);
        if (created is null)
        {
            Console.Error.WriteLine("错误：" + error);
            return ZhenxingCommands.Failed;
        }
        Console.WriteLine($"已为用户 {user.UserName} 创建 API 密钥（编号 {created.Key.Id}，名称：{created.Key.Name}）。此密钥只显示这一次，请妥善保存：");
        Console.WriteLine(created.Secret);
        return ZhenxingCommands.Ok;
    }

    private static async Task<int> ListAsync(CommandArguments options)
    {
        using var host = await ZhenxingCommands.StartCommandHostAsync(options.ConfigurationArgs);
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ZhenxingDb>();
        var userName = options["user"]?.Trim();
        if (userName is not null && !await db.Users.AnyAsync(u => u.UserName == userName))
        {
            Console.Error.WriteLine($"错误：用户“{userName}”不存在。");
            return ZhenxingCommands.Failed;
        }
        var keys = await db.ApiKeys.AsNoTracking()
            .Where(k => userName == null || k.User!.UserName == userName)
            .OrderBy(k => k.Id)
            .Select(k => new { k.Id, User = k.User!.UserName, k.Name, k.Prefix, k.CreatedAt, k.LastUsedAt, k.RevokedAt })
            .ToListAsync();
        if (keys.Count == 0)
        {
            Console.WriteLine("没有 API 密钥。");
        }
        foreach (var k in keys)
        {
            var state = k.RevokedAt is { } revoked ? "已撤销 " + ChinaTime.Format(revoked) : "有效";
            Console.WriteLine($"{k.Id}\t{k.User}\t{k.Name}\t{k.Prefix}…\t创建 {ChinaTime.Format(k.CreatedAt)}\t最近使用 {(k.LastUsedAt is { } used ? ChinaTime.Format(used) : "-")}\t{state}");
        }
        return ZhenxingCommands.Ok;
    }

    private static async Task<int> RevokeAsync(CommandArguments options)
    {
        if (!int.TryParse(options["id"], NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            return ZhenxingCommands.UsageError(options["id"] is null ? "缺少 --id（密钥编号，见 apikey list）。" : $"--id 的值“{options["id"]}”无效，应为密钥编号。");
        }
        using var host = await ZhenxingCommands.StartCommandHostAsync(options.ConfigurationArgs);
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ZhenxingDb>();
        var key = await db.ApiKeys.Include(k => k.User).SingleOrDefaultAsync(k => k.Id == id);
        if (key is null)
        {
            Console.Error.WriteLine($"错误：API 密钥 {id} 不存在。");
            return ZhenxingCommands.Failed;
        }
        if (key.RevokedAt is { } revokedAt)
        {
            Console.Error.WriteLine($"错误：API 密钥 {id} 已于 {ChinaTime.Format(revokedAt)} 撤销。");
            return ZhenxingCommands.Failed;
        }
        key.RevokedAt = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow();
        await db.SaveChangesAsync();
        Console.WriteLine($"已撤销 API 密钥 {id}（用户 {key.User!.UserName}，名称：{key.Name}）。");
        return ZhenxingCommands.Ok;
    }
}
