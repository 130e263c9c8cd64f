using Microsoft.EntityFrameworkCore;
using Zhenxing.Web.Features.Users;

namespace Zhenxing.Web.Data;

/// <summary>
/// Before the server takes requests: applies migrations and, on a database without an administrator,
/// creates one with a generated password and prints how to sign in (only this once).
/// </summary>
public sealed class PrepareDatabase(IServiceProvider services, IConfiguration configuration, ILogger<PrepareDatabase> logger)
    : IHostedLifecycleService
{
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        await services.MigrateDatabaseAsync(cancellationToken);
        if (configuration.GetValue("Bootstrap:CreateAdmin", true))
        {
            await EnsureAdministratorAsync(cancellationToken);
        }
    }

    private async Task EnsureAdministratorAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ZhenxingDb>();
        if (await db.Users.AnyAsync(u => u.Role == Role.Admin, cancellationToken))
        {
            return;
        }

        var userName = await db.Users.AnyAsync(u => u.UserName == "admin", cancellationToken) ? "admin-" + Passwords.Generate(4) : "admin";
        var password = Passwords.Generate(userName);
        var (user, errors) = await scope.ServiceProvider.GetRequiredService<AddUser>()
            .RunAsync(new NewUser(userName, "系统管理员", Role.Admin, null, password, MustChangePassword: true), cancellationToken);
        if (user is null)
        {
            throw new InvalidOperationException("无法创建首个系统管理员：" + string.Join("；", errors.Values));
        }

        logger.LogInformation("Created the first administrator {UserName}", userName);
        Console.Out.Write($"""

            ==================================================================
             已创建首个系统管理员账号（此密码只显示这一次，请妥善保存）：
               用户名：{userName}
               密  码：{password}
             首次登录后须先设置自己的新密码。
            ==================================================================

            """);
        await Console.Out.FlushAsync(cancellationToken);
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
