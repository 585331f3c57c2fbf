using Jixiao.Core.Common;
using Jixiao.Core.Identity;
using Jixiao.Core.Organizations;
using Jixiao.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jixiao.Web.Features.Identity;

/// <summary>安全管理员 grants business roles and unlocks accounts. Admin roles are never offered here (CLI only).</summary>
[Authorize(Policy = nameof(Permission.ManageRoles))]
public sealed class UserRolesModel(CurrentUser me, UserAdminService users, OrganizationService orgs) : PageModel, IReloadOnError
{
    private bool _rolesPosted;

    /// <summary>The roles this page can grant: every business role, never an admin role.</summary>
    public static readonly IReadOnlyList<Role> GrantableRoles = Enum.GetValues<Role>().Where(r => !r.IsAdmin()).ToList();

    [BindProperty(SupportsGet = true)]
    public long Id { get; set; }

    [BindProperty]
    public int Version { get; set; }

    [BindProperty]
    public List<Role> Roles { get; set; } = [];

    public UserRow Account { get; private set; } = null!;

    public OrganizationKind? OrganizationKind { get; private set; }

    public bool IsAdminAccount => Account.OrganizationId is null || Account.Roles.Any(r => r.IsAdmin());

    public bool IsSelf => Account.Id == me.Id;

    public async Task<IActionResult> OnGetAsync()
    {
        await ReloadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!me.Can(Permission.ManageRoles)) return Forbid();
        _rolesPosted = true;
        await users.SetRolesAsync(Id, Version, Roles, me.Id, await me.ScopeAsync(HttpContext.RequestAborted), HttpContext.RequestAborted);
        TempData["Flash"] = "角色已保存，该账号下次登录时生效。";
        return RedirectToPage(new { id = Id });
    }

    public async Task<IActionResult> OnPostUnlockAsync()
    {
        if (!me.Can(Permission.ManageRoles)) return Forbid();
        await users.UnlockAsync(Id, await me.ScopeAsync(HttpContext.RequestAborted), HttpContext.RequestAborted);
        TempData["Flash"] = "账号已解锁。";
        return RedirectToPage(new { id = Id });
    }

    public async Task ReloadAsync()
    {
        var scope = await me.ScopeAsync(HttpContext.RequestAborted);
        Account = await users.FindAsync(Id, scope, HttpContext.RequestAborted) ?? throw new NotFoundException("用户");
        if (!_rolesPosted)
        {
            Version = Account.Version;
            Roles = Account.Roles.ToList();
        }
        if (Account.OrganizationId is { } orgId)
            OrganizationKind = (await orgs.FindAsync(orgId, scope, HttpContext.RequestAborted))?.Kind;
    }
}
