using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Zhenxing.Web.Data;
using Zhenxing.Web.Features.Units;

namespace Zhenxing.Web.Features.Users;

[Authorize(Roles = nameof(Role.Admin))]
public sealed class EditUserModel(ZhenxingDb db, EditUser editUser) : PageModel
{
    public sealed class UserForm
    {
        [Required(ErrorMessage = "请输入姓名。"), StringLength(100, ErrorMessage = "姓名不超过 100 个字符。"), Display(Name = "姓名")]
        public string DisplayName { get; set; } = "";

        [Display(Name = "邮箱")]
        public string? Email { get; set; }

        [Display(Name = "角色")]
        public Role Role { get; set; }

        [Display(Name = "所属单位")]
        public int? UnitId { get; set; }

        [Display(Name = "启用")]
        public bool IsActive { get; set; }

        [Display(Name = "版本号")]
        public int Version { get; set; }
    }

    [BindProperty]
    public UserForm Form { get; set; } = new();

    public string UserName { get; private set; } = "";
    public List<UnitChoice> Units { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == id, cancellationToken);
        if (user is null)
        {
            return NotFound();
        }
        Form = new UserForm { DisplayName = user.DisplayName, Email = user.Email, Role = user.Role, UnitId = user.UnitId, IsActive = user.IsActive, Version = user.Version };
        UserName = user.UserName;
        Units = await UnitChoices.LoadAsync(db.Units, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken)
    {
        var userName = await db.Users.Where(u => u.Id == id).Select(u => u.UserName).SingleOrDefaultAsync(cancellationToken);
        if (userName is null)
        {
            return NotFound();
        }
        UserName = userName;
        if (ModelState.IsValid)
        {
            var actingUserId = int.Parse(User.FindFirstValue(ClaimTypes.NameIdentifier)!);
            var (user, errors) = await editUser.RunAsync(id, Form.Version,
                new UserChanges(Form.DisplayName, Form.Email, Form.Role, Form.UnitId, Form.IsActive), actingUserId, cancellationToken);
            if (user is not null)
            {
                return Redirect($"/admin/users?edited={Uri.EscapeDataString(user.UserName)}");
            }
            foreach (var (field, message) in errors)
            {
                ModelState.AddModelError(field.Length == 0 ? string.Empty : $"{nameof(Form)}.{field}", message);
            }
            if (errors.ContainsKey(""))
            {
                Response.StatusCode = StatusCodes.Status409Conflict;
            }
        }
        Units = await UnitChoices.LoadAsync(db.Units, cancellationToken);
        return Page();
    }
}
