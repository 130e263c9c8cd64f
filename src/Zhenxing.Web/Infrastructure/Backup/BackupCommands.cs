using Zhenxing.Web.Data;
using Zhenxing.Web.Infrastructure.Cli;

namespace Zhenxing.Web.Infrastructure.Backup;

/// <summary><c>zhenxing backup --out FILE.zip</c> and <c>zhenxing restore --in FILE.zip [--force]</c>.</summary>
public static class BackupCommands
{
    public static async Task<int> BackupAsync(string[] args)
    {
        var options = CommandArguments.Parse(args, ["out"], []);
        if (options.Errors.Count > 0 || options.Positional.Count > 0)
        {
            return ZhenxingCommands.UsageError(options.Errors.Count > 0 ? string.Join(" ", options.Errors) : $"backup 不接受参数“{options.Positional[0]}”。");
        }
        if (options["out"] is not { Length: > 0 } output)
        {
            return ZhenxingCommands.UsageError("缺少 --out 备份文件，例如：zhenxing backup --out zhenxing-20261123.zip");
        }
        if (Path.GetDirectoryName(Path.GetFullPath(output)) is { } directory && !Directory.Exists(directory))
        {
            Console.Error.WriteLine($"错误：输出目录不存在：{directory}");
            return ZhenxingCommands.Failed;
        }
        using var host = await ZhenxingCommands.StartCommandHostAsync(options.ConfigurationArgs, services => services.AddScoped<DatabaseBackup>());
        await using var scope = host.Services.CreateAsyncScope();
        var manifest = await scope.ServiceProvider.GetRequiredService<DatabaseBackup>().BackupAsync(output, CancellationToken.None);
        Console.WriteLine($"已备份 {manifest.Provider} 数据库（{manifest.Tables.Count} 张表，{manifest.Tables.Values.Sum()} 行，含佐证材料）到 {output}");
        return ZhenxingCommands.Ok;
    }

    public static async Task<int> RestoreAsync(string[] args)
    {
        var options = CommandArguments.Parse(args, ["in"], ["force"]);
        if (options.Errors.Count > 0 || options.Positional.Count > 0)
        {
            return ZhenxingCommands.UsageError(options.Errors.Count > 0 ? string.Join(" ", options.Errors) : $"restore 不接受参数“{options.Positional[0]}”。");
        }
        if (options["in"] is not { Length: > 0 } input)
        {
            return ZhenxingCommands.UsageError("缺少 --in 备份文件，例如：zhenxing restore --in zhenxing-20261123.zip");
        }
        using var host = await ZhenxingCommands.StartCommandHostAsync(options.ConfigurationArgs, services => services.AddScoped<DatabaseBackup>());
        await using var scope = host.Services.CreateAsyncScope();
        var manifest = await scope.ServiceProvider.GetRequiredService<DatabaseBackup>().RestoreAsync(input, options.Flags.Contains("force"), CancellationToken.None);
        Console.WriteLine($"已从 {input} 恢复 {manifest.Provider} 数据库（备份于 {manifest.CreatedAt.ToOffset(TimeSpan.FromHours(8)):yyyy-MM-dd HH:mm}，{manifest.Tables.Count} 张表，{manifest.Tables.Values.Sum()} 行，行数已核对）。");
        return ZhenxingCommands.Ok;
    }
}
