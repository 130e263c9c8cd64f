using Microsoft.Playwright;
using Zhenxing.BrowserTests.Pages;

namespace Zhenxing.BrowserTests;

[Collection(nameof(AppServer))]
public sealed class SignInTests(AppServer app)
{
    [Fact]
    public async Task TheAdministratorSignsInWithThePasswordTheFirstStartPrinted()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/");
        (await page.Locator("h1").InnerTextAsync()).ShouldBe("振兴督查调度平台");

        await page.GetByRole(AriaRole.Link, new() { Name = "登录" }).Last.ClickAsync();
        await new LoginPage(page).SignInAsync(app.AdminUserName, app.AdminPassword);

        page.Url.ShouldBe(app.BaseUrl + "/");
        (await page.Locator("h1").InnerTextAsync()).ShouldBe("欢迎，系统管理员");
        (await new MainMenu(page).LabelsAsync()).ShouldContain("用户管理");
        await page.ScreenshotAsync(new() { Path = Path.Combine(AppServer.ArtifactsDirectory, "home-admin.png"), FullPage = true });
    }

    [Fact]
    public async Task AWrongPasswordIsRefusedOnThePage()
    {
        var page = await app.NewPageAsync();
        var login = new LoginPage(page);
        await login.OpenAsync();

        await login.SignInAsync("no-such-user", "wrong-password");

        page.Url.ShouldStartWith(app.BaseUrl + "/account/login");
        (await login.Errors.InnerTextAsync()).ShouldContain("用户名或密码错误");
    }

    [Fact]
    public async Task TheAdministratorAddsAUnitAndItsLiaison_WhoIsKeptOutOfAdministration()
    {
        var admin = await app.NewPageAsync();
        await new LoginPage(admin).OpenAsync();
        await new LoginPage(admin).SignInAsync(app.AdminUserName, app.AdminPassword);

        var units = new UnitsPage(admin);
        await units.OpenAsync();
        await units.AddAsync("市财政局", "市直部门", "赣州市财政局");
        (await units.Notice.InnerTextAsync()).ShouldBe("已添加单位“市财政局”。");
        (await units.Directory.InnerTextAsync()).ShouldContain("赣州市财政局");

        var users = new UsersPage(admin);
        await users.OpenAsync();
        await users.AddAsync("czj-liaison", "财政局联络员", "单位联络员", "市财政局", "liaison-pass-1");
        (await users.Notice.InnerTextAsync()).ShouldBe("已添加用户 czj-liaison（单位联络员）。");

        // The liaison, on a phone-width screen.
        var liaison = await app.NewPageAsync(width: 390, height: 844);
        await new LoginPage(liaison).OpenAsync();
        await new LoginPage(liaison).SignInAsync("czj-liaison", "liaison-pass-1");
        (await liaison.Locator("h1").InnerTextAsync()).ShouldBe("我的事项 · 市财政局");
        (await liaison.Locator(".who").InnerTextAsync()).ShouldContain("财政局联络员");
        (await new MainMenu(liaison).LabelsAsync()).ShouldNotContain("用户管理");
        var forbidden = await liaison.GotoAsync("/admin/users");
        forbidden!.Status.ShouldBe(403);
        (await liaison.Locator("h1").InnerTextAsync()).ShouldContain("无权访问");
        await liaison.ScreenshotAsync(new() { Path = Path.Combine(AppServer.ArtifactsDirectory, "liaison-403-phone.png"), FullPage = true });
    }
}
