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

    public ILocator Row(string userName) => Users.Locator("tr", new() { Has = page.GetByRole(AriaRole.Cell, new() { Name = userName, Exact = true }) });

    /// <summary>Opens 编辑 in the user's row.</summary>
    public async Task EditAsync(string userName)
    {
        await Row(userName).GetByRole(AriaRole.Link, new() { Name = "编辑" }).ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
    }

    /// <summary>Presses 重设密码 in the user's row, answers the confirmation yes, and returns its question.</summary>
    public async Task<string> ResetPasswordAsync(string userName)
    {
        var question = "";
        void Accept(object? sender, IDialog dialog)
        {
            question = dialog.Message;
            _ = dialog.AcceptAsync();
        }
        page.Dialog += Accept;
        await Row(userName).GetByRole(AriaRole.Button, new() { Name = "重设密码" }).ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        page.Dialog -= Accept;
        return question;
    }

    // The edit page (/admin/users/{id}).
    public ILocator EditForm => page.Locator("#edit-user");
    public ILocator UnitFilter => EditForm.Locator("input.unit-filter");
    public ILocator UnitSelect => EditForm.Locator("select[data-unit-picker]");

    public async Task<IReadOnlyList<string>> VisibleUnitsAsync() =>
        await UnitSelect.Locator("option:not([hidden]):not([value=''])").AllInnerTextsAsync();

    public ILocator Notice => page.Locator(".notice");
    public ILocator Users => page.Locator("#users");
}
