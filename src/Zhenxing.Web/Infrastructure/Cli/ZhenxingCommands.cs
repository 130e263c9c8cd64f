using Microsoft.AspNetCore.Identity;
using Zhenxing.Web.Data;
using Zhenxing.Web.Features.ApiKeys;
using Zhenxing.Web.Features.Imports;
using Zhenxing.Web.Features.Users;
using Zhenxing.Web.Infrastructure.Audit;

namespace Zhenxing.Web.Infrastructure.Cli;

/// <summary>The <c>zhenxing</c> executable: <c>serve</c> (default) and the operator subcommands.</summary>
public static class ZhenxingCommands
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int Usage = 2;

    private const string Help = """
        用法：zhenxing <命令> [选项] [配置开关]

        命令：
          serve                      启动网站（默认命令），例如 serve --urls http://127.0.0.1:5080
          user add                   添加用户：--name 用户名 --role Office|Liaison|Leader|Admin
                                     [--unit 单位名称] [--display-name 姓名] [--email 邮箱] [--password-stdin]
          user edit                  修改用户（未给出的保持不变）：--name 用户名 [--role 角色] [--unit 单位名称]
                                     [--display-name 姓名] [--email 邮箱]
          user deactivate            停用用户（登录立即失效）：--name 用户名
          user activate              启用用户：--name 用户名
          user password              重设密码并解除锁定（下次登录须改密码）：--name 用户名 [--password-stdin]
          user list                  列出所有用户
          apikey create              为用户创建 API 密钥（只显示一次）：--user 用户名 [--name 名称]
          apikey list                列出 API 密钥：[--user 用户名]
          apikey revoke              撤销 API 密钥：--id 密钥编号
          import 文件…               导入事项清单或结对名单（.txt/.docx/.xlsx）：
                                     [--dry-run 只预览] [--year 2021] [--json] [--apply-changes 应用新版本的差异] [--column "推进主体=牵头单位" 指定列的含义]
          export                     导出事项台账：--format xlsx|docx|csv|json --out 文件
                                     [--list 清单编号或名称（可重复）] [--round 已关闭的报送轮次编号（时点台账）]
          bulletin draft             据台账起草工作简报：--from 2026-10-01 --to 2026-10-31 --out 简报.docx
                                     （.pdf 需安装 LibreOffice）
          reminders run              立即执行一次提醒、催办、督办和签收催办（后台任务每小时自动执行；每一步只发一次）
          digest send                发送今天的每日摘要（邮件和各单位群机器人）：[--now 不等到设定的发送时间]
                                     （每人、每个单位每天最多一份，没有内容的不发；邮件需配置 --Smtp:Host）
          demo                       为已导入的清单生成演示报送历史：3 个已关闭的月度轮次和 1 个进行中的轮次
                                     （已有报送轮次时不作改动）
          backup                     备份整个数据库（含佐证材料）：--out 文件.zip
                                     （PostgreSQL 用 pg_dump，SQLite 用在线备份，网站运行时也可备份）
          restore                    从备份恢复：--in 文件.zip [--force 覆盖已有数据]
                                     （仍有网站节点在运行时拒绝恢复，请先停止所有节点；恢复在一个事务中完成，失败时数据库不变）
          bench generate             生成省级规模的基准测试台账（仅 PostgreSQL，请使用单独的空数据库）：
                                     [--items 100000] [--lists 500] [--units 3000] [--rounds 24] [--seed 1]
          bench read                 测量台账页（单位、县、逾期、检索）、事项页和看板数据的响应时间：
                                     [--requests 50] 及与 generate 相同的规模选项
          bench import               按上传的路径导入一个生成的 N 行台账表（.xlsx），测量用时（仅 PostgreSQL）：[--rows 10000]
          bench dashboard            测量领导看板数据接口的响应时间（仅 PostgreSQL，请使用单独的空数据库）：
                                     [--items 20000] [--units 1500] [--rounds 12] [--requests 200] [--seed 1]
          bench rush                 截止前的报送高峰：N 个联络员同时保存并提交报送，测量吞吐量并核对无丢失、无重复
                                     （仅 PostgreSQL）：[--clients 500] [--seconds 30] [--warmup 10] 及与 generate 相同的规模选项
                                     [--url http://… 对已运行、使用同一数据库的网站节点测量，而不是在本进程中启动]

        配置开关（每个命令都可使用）：
          --Database:Provider=Sqlite|Postgres
          --ConnectionStrings:Zhenxing="Host=...;Database=...;Username=...;Password=..."
          --ConnectionStrings:Zhenxing="Data Source=data/zhenxing.db"
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        Console.OutputEncoding = System.Text.Encoding.UTF8;
        if (args.Length > 0 && args[0] is "help" or "--help" or "-h")
        {
            Console.WriteLine(Help);
            return Ok;
        }

        var verb = args.Length == 0 || args[0].StartsWith('-') ? "serve" : args[0];
        var rest = args.Length > 0 && args[0] == verb ? args[1..] : args;
        try
        {
            return verb switch
            {
                "serve" => await ServeAsync(rest),
                "user" => await UserCommands.RunAsync(rest),
                "apikey" => await ApiKeyCommands.RunAsync(rest),
                "import" => await ImportCommand.RunAsync(rest),
                "export" => await Features.Exports.ExportCommand.RunAsync(rest),
                "bulletin" => await Features.Bulletins.BulletinCommand.RunAsync(rest),
                "digest" => await Features.Digests.DigestCommand.RunAsync(rest),
                "demo" => await Features.Demo.DemoCommand.RunAsync(rest),
                "reminders" => await Features.Rounds.RemindersCommand.RunAsync(rest),
                "bench" => await Features.Benchmarks.BenchCommand.RunAsync(rest),
                "backup" => await Backup.BackupCommands.BackupAsync(rest),
                "restore" => await Backup.BackupCommands.RestoreAsync(rest),
                _ => UsageError($"未知命令“{verb}”。"),
            };
        }
        catch (InvalidOperationException e) when (verb != "serve")
        {
            Console.Error.WriteLine("错误：" + e.Message);
            return Failed;
        }
    }

    public static async Task<int> ServeAsync(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddZhenxingWeb();
        var app = builder.Build();
        app.UseZhenxingWeb();
        await app.RunAsync();
        return Ok;
    }

    public static int UsageError(string message)
    {
        Console.Error.WriteLine("错误：" + message);
        Console.Error.WriteLine("运行 zhenxing help 查看用法。");
        return Usage;
    }

    /// <summary>The services an operator command needs: the database of the configured provider, migrated.</summary>
    public static async Task<IHost> StartCommandHostAsync(IEnumerable<string> configurationArgs, Action<IServiceCollection>? configure = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = configurationArgs.ToArray(),
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Logging.ClearProviders();
        builder.Services.AddZhenxingDatabase(builder.Configuration);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<ICurrentActor>(new SystemActor("命令行"));
        builder.Services.AddSingleton<IPasswordHasher<User>, PasswordHasher<User>>();
        builder.Services.AddScoped<AddUser>();
        builder.Services.AddScoped<SetPassword>();
        builder.Services.AddScoped<EditUser>();
        configure?.Invoke(builder.Services);
        var host = builder.Build();
        await host.Services.MigrateDatabaseAsync();
        return host;
    }

    public static async Task<string?> ReadPasswordFromStdinAsync()
    {
        var line = await Console.In.ReadLineAsync();
        return line?.TrimEnd('\r', '\n');
    }
}
