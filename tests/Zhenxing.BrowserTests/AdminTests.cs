using Microsoft.Playwright;
using Zhenxing.BrowserTests.Pages;

namespace Zhenxing.BrowserTests;

/// <summary>The administrator edits a user, resets a password (asked first), and the user must choose a new one.</summary>
[Collection(nameof(AppServer))]
public sealed class AdminTests(AppServer app)
{
    [Theory]
    [InlineData(1440, 900, "甲")]
    [InlineData(390, 844, "乙")]
    public async Task TheAdministratorMovesALeaderToAUnitAndResetsThePassword_TheUserMustChooseANewOne(int width, int height, string tag)
    {
        var ruijin = $"瑞金市督查{tag}科";
        var anyuan = $"安远县督查{tag}科";
        var userName = $"picked-{width}";
        var admin = await app.NewPageAsync(width, height);
        await new LoginPage(admin).OpenAsync();
        await new LoginPage(admin).SignInAsync(app.AdminUserName, app.AdminPassword);
        var units = new UnitsPage(admin);
        await units.OpenAsync();
        await units.AddAsync(ruijin, "县（市、区）", "");
        await units.AddAsync(anyuan, "县（市、区）", "");
        await app.AddUserAsync(userName, "Leader", "leader-pass-2026");

        await new MainMenu(admin).FollowAsync("用户管理");
        await admin.WaitForURLAsync("**/admin/users");
        var users = new UsersPage(admin);
        await users.EditAsync(userName);
        await users.EditForm.GetByLabel("角色").SelectOptionAsync(new SelectOptionValue { Label = "单位联络员" });

        // The picker: typing part of a name, then pinyin initials, keeps only the matching units and selects the first.
        await users.UnitFilter.FillAsync($"瑞金市督查{tag}");
        (await users.VisibleUnitsAsync()).ShouldBe([ruijin]);
        (await users.UnitSelect.Locator("option:checked").InnerTextAsync()).ShouldBe(ruijin);
        await users.UnitFilter.FillAsync("ayx");
        (await users.VisibleUnitsAsync()).ShouldContain(anyuan);
        (await users.VisibleUnitsAsync()).ShouldNotContain(ruijin);
        await admin.ScreenshotAsync(new() { Path = Path.Combine(AppServer.ArtifactsDirectory, $"picker-initials-{width}.png"), FullPage = true });
        // Box and select stay together in the field's column, also in the two-column form at 1440 px.
        var (boxAt, selectAt) = (await users.UnitFilter.BoundingBoxAsync(), await users.UnitSelect.BoundingBoxAsync());
        selectAt!.X.ShouldBe(boxAt!.X, 1);
        selectAt.Y.ShouldBeGreaterThan(boxAt.Y);
        await users.UnitFilter.FillAsync("rj");
        (await users.VisibleUnitsAsync()).ShouldContain(ruijin);
        (await users.VisibleUnitsAsync()).ShouldNotContain(anyuan);
        await users.UnitSelect.SelectOptionAsync(new SelectOptionValue { Label = ruijin });
        await admin.ScreenshotAsync(new() { Path = Path.Combine(AppServer.ArtifactsDirectory, $"admin-edit-user-{width}.png"), FullPage = true });
        await users.EditForm.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();
        await admin.WaitForLoadStateAsync(LoadState.NetworkIdle);

        (await users.Notice.InnerTextAsync()).ShouldBe($"已保存用户 {userName} 的修改。");
        (await users.Row(userName).InnerTextAsync()).ShouldContain("单位联络员");
        (await users.Row(userName).InnerTextAsync()).ShouldContain(ruijin);

        var question = await users.ResetPasswordAsync(userName);
        question.ShouldContain($"确定重设用户 {userName} 的密码吗");
        question.ShouldContain("下次登录时须设置自己的新密码");
        var notice = await users.Notice.InnerTextAsync();
        notice.ShouldContain("下次登录时须设置新密码");
        (await users.Row(userName).InnerTextAsync()).ShouldContain("待改密码");
        (await admin.Locator("#add-user .errors").InnerTextAsync()).Trim().ShouldBeEmpty();
        await admin.ScreenshotAsync(new() { Path = Path.Combine(AppServer.ArtifactsDirectory, $"admin-reset-{width}.png"), FullPage = true });
        var password = notice.Split("新密码：")[1].Split('（')[0];

        var user = await app.NewPageAsync(width, height);
        await new LoginPage(user).OpenAsync();
        await new LoginPage(user).SignInAsync(userName, password);
        user.Url.ShouldBe(app.BaseUrl + "/account/password");
        var passwordPage = new PasswordPage(user);
        (await passwordPage.ForcedNotice.InnerTextAsync()).ShouldContain("请先设置自己的新密码");
        await user.GotoAsync("/ledger");
        user.Url.ShouldBe(app.BaseUrl + "/account/password");
        await user.ScreenshotAsync(new() { Path = Path.Combine(AppServer.ArtifactsDirectory, $"admin-forced-change-{width}.png"), FullPage = true });

        await passwordPage.ChangeAsync(password, $"my-own-{tag}-pass-1");

        (await passwordPage.Notice.InnerTextAsync()).ShouldContain("密码已修改");
        await user.GotoAsync("/");
        (await user.Locator("h1").InnerTextAsync()).ShouldBe($"我的事项 · {ruijin}");
    }
}
