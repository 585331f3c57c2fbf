using Jixiao.Core.Common;
using Jixiao.Core.Identity;
using Jixiao.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jixiao.Web.Features.Identity;

/// <summary>The accounts list, for the 系统管理员 (edits accounts) and the 安全管理员 (grants roles, unlocks).</summary>
[Authorize(Policy = nameof(Permission.ListUsers))]
public sealed class UsersModel(CurrentUser me, UserAdminService users) : PageModel
{
    [Microsoft.AspNetCore.Mvc.BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [Microsoft.AspNetCore.Mvc.BindProperty(SupportsGet = true, Name = "p")]
    public int? PageNo { get; set; }

    public IReadOnlyList<UserRow> Rows { get; private set; } = [];

    public Pager Pager { get; private set; } = new(1, 20, 0);

    public bool CanManageUsers => me.Can(Permission.ManageUsers);

    public bool CanManageRoles => me.Can(Permission.ManageRoles);

    public async Task OnGetAsync()
    {
        var (p, s) = Paging.Normalize(PageNo, 20);
        // The installation-wide admins (no organisation) also see the admin accounts, e.g. to unlock one.
        var result = await users.ListAsync(await me.ScopeAsync(HttpContext.RequestAborted), includeAdmins: me.OrganizationId is null, Q, p, s, HttpContext.RequestAborted);
        Rows = result.Items;
        Pager = new(p, s, result.Total);
    }
}
