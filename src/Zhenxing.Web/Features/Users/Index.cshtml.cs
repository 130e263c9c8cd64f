using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Zhenxing.Web.Data;

namespace Zhenxing.Web.Features.Users;

[Authorize(Roles = nameof(Role.Admin))]
public sealed class UsersModel(ZhenxingDb db, AddUser addUser, EditUser editUser, SetPassword setPassword, TimeProvider clock) : PageModel
{
    public sealed record UserRow(int Id, string UserName, string DisplayName, Role Role, string? Unit, bool IsActive, bool Locked, bool MustChangePassword, int Version);

    public sealed class NewUserForm
    {
        [Required(ErrorMessage = "请输入用户名。"), StringLength(100, ErrorMessage = "用户名不超过 100 个字符。"), Display(Name = "用户名")]
        public string UserName { get; set; } = "";

        [StringLength(100, ErrorMessage = "姓名不超过 100 个字符。"), Display(Name = "姓名")]
        public string? DisplayName { get; set; }

        [Display(Name = "角色")]
        public Role Role { get; set; } = Role.Liaison;
        [Display(Name = "所属单位")]
        public int? UnitId { get; set; }
        [Display(Name = "邮箱")]
        public string? Email { get; set; }
        [Display(Name = "初始密码")]
        public string? Password { get; set; }
    }

    [BindProperty]
    public NewUserForm Form { get; set; } = new();

    public List<UserRow> Rows { get; private set; } = [];
    public List<Units.UnitChoice> Units { get; private set; } = [];

    /// <summary>Shown once after an account is created or its password reset.</summary>
    public string? Confirmation { get; private set; }

    public async Task OnGetAsync(string? edited, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrEmpty(edited))
        {
            Confirmation = $"已保存用户 {edited} 的修改。";
        }
        await LoadAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostAddAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            await LoadAsync(cancellationToken);
            return Page();
        }
        var generated = string.IsNullOrEmpty(Form.Password);
        var password = generated ? Passwords.Generate(Form.UserName) : Form.Password!;
        var (user, errors) = await addUser.RunAsync(new NewUser(Form.UserName, Form.DisplayName, Form.Role, Form.UnitId, password, Form.Email), cancellationToken);
        if (user is null)
        {
            foreach (var (field, message) in errors)
            {
                ModelState.AddModelError($"{nameof(Form)}.{field}", message);
            }
            await LoadAsync(cancellationToken);
            return Page();
        }

        Confirmation = $"已添加用户 {user.UserName}（{user.Role.ToChinese()}）。" + (generated ? $"初始密码：{password}（只显示这一次）" : "");
        Form = new NewUserForm();
        ModelState.Clear();
        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostResetAsync([Display(Name = "用户编号")] int id, [Display(Name = "版本号")] int version, CancellationToken cancellationToken) =>
        await ChangeAsync(id, version, async user =>
        {
            var password = Passwords.Generate(user.UserName);
            if (await setPassword.RunAsync(user, password, chosenByOther: true, cancellationToken) is { } problem)
            {
                throw new InvalidOperationException("A generated password was refused: " + problem);
            }
            return $"已重设用户 {user.UserName} 的密码并解除锁定，其登录状态立即失效，下次登录时须设置新密码。新密码：{password}（只显示这一次）";
        }, cancellationToken);

    public async Task<IActionResult> OnPostToggleAsync([Display(Name = "用户编号")] int id, [Display(Name = "版本号")] int version, CancellationToken cancellationToken)
    {
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == id, cancellationToken);
        if (user is null)
        {
            return NotFound();
        }
        ModelState.Clear();
        var actingUserId = int.Parse(User.FindFirstValue(ClaimTypes.NameIdentifier)!);
        var (saved, errors) = await editUser.RunAsync(id, version,
            new UserChanges(user.DisplayName, user.Email, user.Role, user.UnitId, !user.IsActive), actingUserId, cancellationToken);
        if (saved is null)
        {
            foreach (var message in errors.Values)
            {
                ModelState.AddModelError(string.Empty, message);
            }
        }
        else
        {
            Confirmation = saved.IsActive ? $"已启用用户 {saved.UserName}。" : $"已停用用户 {saved.UserName}，其登录状态立即失效。";
        }
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task<IActionResult> ChangeAsync(int id, int version, Func<User, Task<string>> change, CancellationToken cancellationToken)
    {
        // The add form is bound on every post of this page; its empty fields are no error of a reset.
        ModelState.Clear();
        var user = await db.Users.FindAsync([id], cancellationToken);
        if (user is null)
        {
            return NotFound();
        }
        db.Entry(user).Property(u => u.Version).OriginalValue = version;
        var message = await change(user);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            Confirmation = message;
        }
        catch (DbUpdateConcurrencyException)
        {
            ModelState.AddModelError(string.Empty, $"用户 {user.UserName} 已被他人修改，本次操作未保存。请查看最新信息后重试。");
            db.ChangeTracker.Clear();
        }
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var users = await db.Users.AsNoTracking()
            .OrderBy(u => u.Role).ThenBy(u => u.UserName)
            .Select(u => new
            {
                u.Id, u.UserName, u.DisplayName, u.Role, Unit = u.Unit == null ? null : u.Unit.Name, u.IsActive, u.MustChangePassword, u.Version,
                Locked = db.SignInFailures.Any(f => f.UserId == u.Id && f.LockedUntil > now),
            })
            .ToListAsync(cancellationToken);
        Rows = users.Select(u => new UserRow(u.Id, u.UserName, u.DisplayName, u.Role, u.Unit, u.IsActive, u.Locked, u.MustChangePassword, u.Version)).ToList();
        Units = await Features.Units.UnitChoices.LoadAsync(db.Units, cancellationToken);
    }
}
