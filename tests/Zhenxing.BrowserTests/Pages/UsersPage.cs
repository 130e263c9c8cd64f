using Microsoft.Playwright;

namespace Zhenxing.BrowserTests.Pages;

public sealed class UsersPage(IPage page)
{
    public async Task OpenAsync() => await page.GotoAsync("/admin/users");

    public async Task AddAsync(string userName, string displayName, string role, string? unit, string password)
    {
        var form = page.Locator("#add-user");
        await form.GetByLabel("用户名").FillAsync(userName);
        await form.GetByLabel("姓名").FillAsync(displayName);
        await form.GetByLabel("角色").SelectOptionAsync(new SelectOptionValue { Label = role });
        if (unit is not null)
        {
            await form.GetByLabel("所属单位").SelectOptionAsync(new SelectOptionValue { Label = unit });
        }
        await form.GetByLabel("初始密码").FillAsync(password);
        await form.GetByRole(AriaRole.Button, new() { Name = "添加" }).ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
    }

    public ILocator Notice => page.Locator(".notice");
    public ILocator Users => page.Locator("#users");
}
