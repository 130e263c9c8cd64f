using Microsoft.EntityFrameworkCore;
using Zhenxing.Web.Data;
using Zhenxing.Web.Features.Units;
using Zhenxing.Web.Infrastructure.Cli;

namespace Zhenxing.Web.Features.Users;

/// <summary><c>zhenxing user add|edit|deactivate|activate|password|list</c>.</summary>
public static class UserCommands
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length == 0)
        {
            return ZhenxingCommands.UsageError("缺少子命令：user add、user edit、user deactivate、user activate、user password 或 user list。");
        }
        var options = CommandArguments.Parse(args[1..], ["name", "role", "unit", "display-name", "email"], ["password-stdin"]);
        if (options.Errors.Count > 0)
        {
            return ZhenxingCommands.UsageError(string.Join(" ", options.Errors));
        }
        return args[0] switch
        {
            "add" => await AddAsync(options),
            "edit" => await EditAsync(options, activate: null),
            "deactivate" => await EditAsync(options, activate: false),
            "activate" => await EditAsync(options, activate: true),
            "password" => await ResetPasswordAsync(options),
            "list" => await ListAsync(options),
            _ => ZhenxingCommands.UsageError($"未知子命令“user {args[0]}”。"),
        };
    }

    private static async Task<int> AddAsync(CommandArguments options)
    {
        if (string.IsNullOrWhiteSpace(options["name"]))
        {
            return ZhenxingCommands.UsageError("缺少 --name（用户名）。");
        }
        if (!Enum.TryParse<Role>(options["role"], ignoreCase: true, out var role) || !Enum.IsDefined(role) || int.TryParse(options["role"], out _))
        {
            return ZhenxingCommands.UsageError($"角色“{options["role"]}”无效，应为 Office、Liaison、Leader 或 Admin。");
        }
        var (password, generated) = await PasswordFromOptionsAsync(options);
        if (password is null)
        {
            return ZhenxingCommands.UsageError("未能从标准输入读到密码。");
        }

        using var host = await ZhenxingCommands.StartCommandHostAsync(options.ConfigurationArgs);
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ZhenxingDb>();

        int? unitId = null;
        string? unitName = null;
        if (!string.IsNullOrWhiteSpace(options["unit"]))
        {
            var unit = await db.Units.FindByNameAsync(options["unit"]!);
            if (unit is null)
            {
                Console.Error.WriteLine($"错误：单位“{options["unit"]}”不存在。请先在“单位管理”中添加，或检查名称与简称。");
                return ZhenxingCommands.Failed;
            }
            (unitId, unitName) = (unit.Id, unit.Name);
        }

        var (user, errors) = await scope.ServiceProvider.GetRequiredService<AddUser>()
            .RunAsync(new NewUser(options["name"]!, options["display-name"], role, unitId, password, options["email"]), CancellationToken.None);
        if (user is null)
        {
            foreach (var message in errors.Values)
            {
                Console.Error.WriteLine("错误：" + message);
            }
            return ZhenxingCommands.Failed;
        }

        Console.WriteLine($"已添加用户 {user.UserName}（角色：{user.Role.ToChinese()}{(unitName is null ? "" : "，单位：" + unitName)}）。");
        if (generated)
        {
            Console.WriteLine($"初始密码：{password}");
        }
        return ZhenxingCommands.Ok;
    }

    /// <summary>
    /// <c>user edit --name x [--role R] [--unit U] [--display-name N] [--email E]</c> changes what is given and keeps the
    /// rest; <c>user deactivate|activate --name x</c> (<paramref name="activate"/>) switches the account off or on.
    /// </summary>
    private static async Task<int> EditAsync(CommandArguments options, bool? activate)
    {
        if (string.IsNullOrWhiteSpace(options["name"]))
        {
            return ZhenxingCommands.UsageError("缺少 --name（用户名）。");
        }
        Role? role = null;
        if (options["role"] is { } roleText)
        {
            if (!Enum.TryParse<Role>(roleText, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed) || int.TryParse(roleText, out _))
            {
                return ZhenxingCommands.UsageError($"角色“{roleText}”无效，应为 Office、Liaison、Leader 或 Admin。");
            }
            role = parsed;
        }

        using var host = await ZhenxingCommands.StartCommandHostAsync(options.ConfigurationArgs);
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ZhenxingDb>();
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.UserName == options["name"]!.Trim());
        if (user is null)
        {
            Console.Error.WriteLine($"错误：用户“{options["name"]}”不存在。");
            return ZhenxingCommands.Failed;
        }
        var unitId = user.UnitId;
        if (!string.IsNullOrWhiteSpace(options["unit"]))
        {
            var unit = await db.Units.FindByNameAsync(options["unit"]!);
            if (unit is null)
            {
                Console.Error.WriteLine($"错误：单位“{options["unit"]}”不存在。请先在“单位管理”中添加，或检查名称与简称。");
                return ZhenxingCommands.Failed;
            }
            unitId = unit.Id;
        }

        var changes = new UserChanges(options["display-name"] ?? user.DisplayName, options["email"] ?? user.Email, role ?? user.Role, unitId, activate ?? user.IsActive);
        var (saved, errors) = await scope.ServiceProvider.GetRequiredService<EditUser>().RunAsync(user.Id, null, changes, null, CancellationToken.None);
        if (saved is null)
        {
            foreach (var message in errors.Values)
            {
                Console.Error.WriteLine("错误：" + message);
            }
            return ZhenxingCommands.Failed;
        }
        var unitName = saved.UnitId is { } id ? await db.Units.Where(u => u.Id == id).Select(u => u.Name).SingleAsync() : null;
        Console.WriteLine($"已修改用户 {saved.UserName}：角色 {saved.Role.ToChinese()}{(unitName is null ? "" : "，单位 " + unitName)}，{(saved.IsActive ? "启用" : "停用")}。"
            + (saved.SecurityStamp != user.SecurityStamp ? "其登录状态立即失效。" : ""));
        return ZhenxingCommands.Ok;
    }

    private static async Task<int> ResetPasswordAsync(CommandArguments options)
    {
        if (string.IsNullOrWhiteSpace(options["name"]))
        {
            return ZhenxingCommands.UsageError("缺少 --name（用户名）。");
        }
        var (password, generated) = await PasswordFromOptionsAsync(options);
        if (password is null)
        {
            Console.Error.WriteLine("错误：未能从标准输入读到密码。");
            return ZhenxingCommands.Failed;
        }

        using var host = await ZhenxingCommands.StartCommandHostAsync(options.ConfigurationArgs);
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ZhenxingDb>();
        var user = await db.Users.SingleOrDefaultAsync(u => u.UserName == options["name"]!.Trim());
        if (user is null)
        {
            Console.Error.WriteLine($"错误：用户“{options["name"]}”不存在。");
            return ZhenxingCommands.Failed;
        }
        if (await scope.ServiceProvider.GetRequiredService<SetPassword>().RunAsync(user, password, chosenByOther: true, CancellationToken.None) is { } problem)
        {
            Console.Error.WriteLine("错误：" + problem);
            return ZhenxingCommands.Failed;
        }
        await db.SaveChangesAsync();
        Console.WriteLine($"已重设用户 {user.UserName} 的密码并解除锁定，其登录状态立即失效，下次登录时须设置新密码。");
        if (generated)
        {
            Console.WriteLine($"新密码：{password}");
        }
        return ZhenxingCommands.Ok;
    }

    private static async Task<int> ListAsync(CommandArguments options)
    {
        using var host = await ZhenxingCommands.StartCommandHostAsync(options.ConfigurationArgs);
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ZhenxingDb>();
        var users = await db.Users.AsNoTracking().OrderBy(u => u.UserName)
            .Select(u => new { u.UserName, u.DisplayName, u.Role, Unit = u.Unit == null ? null : u.Unit.Name, u.IsActive })
            .ToListAsync();
        foreach (var u in users)
        {
            Console.WriteLine($"{u.UserName}\t{u.DisplayName}\t{u.Role.ToChinese()}\t{u.Unit ?? "-"}\t{(u.IsActive ? "启用" : "停用")}");
        }
        return ZhenxingCommands.Ok;
    }

    private static async Task<(string? Password, bool Generated)> PasswordFromOptionsAsync(CommandArguments options) =>
        options.Flags.Contains("password-stdin")
            ? (await ZhenxingCommands.ReadPasswordFromStdinAsync(), false)
            : (Passwords.Generate(options["name"] ?? ""), true);
}
