using Jixiao.Core.Identity;
using Jixiao.Core.Organizations;
using Jixiao.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jixiao.Web.Features.Identity;

/// <summary>系统管理员 creates an account; its roles are granted afterwards by the 安全管理员 (三员分立).</summary>
[Authorize(Policy = nameof(Permission.ManageUsers))]
public sealed class UserCreateModel(CurrentUser me, UserAdminService users, OrganizationService orgs) : PageModel, IReloadOnError
{
    [BindProperty(SupportsGet = true)]
    public long? RegionId { get; set; }

    [BindProperty]
    public string? UserName { get; set; }

    [BindProperty]
    public string? DisplayName { get; set; }

    [BindProperty]
    public long? OrganizationId { get; set; }

    [BindProperty]
    public string? Phone { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty]
    public string? ConfirmPassword { get; set; }

    public IReadOnlyList<RegionOption> Regions { get; private set; } = [];

    public IReadOnlyList<OrganizationRow> Organizations { get; private set; } = [];

    public async Task OnGetAsync() => await ReloadAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        if (!me.Can(Permission.ManageUsers)) return Forbid();
        if (OrganizationId is null) ModelState.AddModelError(nameof(OrganizationId), "请选择所属组织。");
        if (Password != ConfirmPassword) ModelState.AddModelError(nameof(ConfirmPassword), "两次输入的密码不一致。");
        if (!ModelState.IsValid)
        {
            await ReloadAsync();
            return Page();
        }
        var user = await users.CreateAsync(UserName ?? "", DisplayName ?? "", OrganizationId!.Value, Phone, Password ?? "",
            await me.ScopeAsync(HttpContext.RequestAborted), HttpContext.RequestAborted);
        TempData["Flash"] = $"已新建账号“{user.UserName}”。请通知安全管理员授予角色。";
        return RedirectToPage("/Identity/Users");
    }

    public async Task ReloadAsync()
    {
        Password = ConfirmPassword = null;
        var scope = await me.ScopeAsync(HttpContext.RequestAborted);
        Regions = await orgs.RegionsAsync(scope, HttpContext.RequestAborted);
        if (RegionId is not { } r || Regions.All(x => x.Id != r)) RegionId = Regions.FirstOrDefault()?.Id;
        Organizations = RegionId is { } region ? await orgs.OptionsAsync(scope, region, null, HttpContext.RequestAborted) : [];
    }
}
