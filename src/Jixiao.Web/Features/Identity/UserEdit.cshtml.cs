using Jixiao.Core.Common;
using Jixiao.Core.Identity;
using Jixiao.Core.Organizations;
using Jixiao.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jixiao.Web.Features.Identity;

/// <summary>系统管理员 edits an account (name, organisation, phone, active) and resets its password.</summary>
[Authorize(Policy = nameof(Permission.ManageUsers))]
public sealed class UserEditModel(CurrentUser me, UserAdminService users, OrganizationService orgs) : PageModel, IReloadOnError
{
    private bool _editPosted;

    [BindProperty(SupportsGet = true)]
    public long Id { get; set; }

    /// <summary>The region whose organisations the organisation picker lists (defaults to the account's).</summary>
    [BindProperty(SupportsGet = true)]
    public long? RegionId { get; set; }

    [BindProperty]
    public int Version { get; set; }

    [BindProperty]
    public string? DisplayName { get; set; }

    [BindProperty]
    public long? OrganizationId { get; set; }

    /// <summary>A new phone number; empty keeps the stored one (which this page shows masked only).</summary>
    [BindProperty]
    public string? NewPhone { get; set; }

    [BindProperty]
    public bool ClearPhone { get; set; }

    [BindProperty]
    public bool IsActive { get; set; }

    [BindProperty]
    public string? NewPassword { get; set; }

    [BindProperty]
    public string? ConfirmNewPassword { get; set; }

    public UserRow Account { get; private set; } = null!;

    public IReadOnlyList<RegionOption> Regions { get; private set; } = [];

    public IReadOnlyList<OrganizationRow> Organizations { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        await ReloadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!me.Can(Permission.ManageUsers)) return Forbid();
        _editPosted = true;
        if (OrganizationId is null)
        {
            ModelState.AddModelError(nameof(OrganizationId), "请选择所属组织。");
            await ReloadAsync();
            return Page();
        }
        var changePhone = ClearPhone || !string.IsNullOrWhiteSpace(NewPhone);
        await users.UpdateAsync(Id, Version, DisplayName ?? "", OrganizationId.Value, changePhone, ClearPhone ? null : NewPhone, IsActive,
            await me.ScopeAsync(HttpContext.RequestAborted), HttpContext.RequestAborted);
        TempData["Flash"] = "账号信息已保存。";
        return RedirectToPage(new { id = Id });
    }

    public async Task<IActionResult> OnPostResetPasswordAsync()
    {
        if (!me.Can(Permission.ManageUsers)) return Forbid();
        if (string.IsNullOrEmpty(NewPassword)) ModelState.AddModelError(nameof(NewPassword), "请输入新的初始密码。");
        else if (NewPassword != ConfirmNewPassword) ModelState.AddModelError(nameof(ConfirmNewPassword), "两次输入的密码不一致。");
        if (!ModelState.IsValid)
        {
            await ReloadAsync();
            return Page();
        }
        await users.ResetPasswordAsync(Id, NewPassword!, await me.ScopeAsync(HttpContext.RequestAborted), HttpContext.RequestAborted);
        TempData["Flash"] = "密码已重置，请将新的初始密码告知本人并提醒其登录后修改。";
        return RedirectToPage(new { id = Id });
    }

    public async Task ReloadAsync()
    {
        NewPassword = ConfirmNewPassword = null;
        var scope = await me.ScopeAsync(HttpContext.RequestAborted);
        Account = await users.FindAsync(Id, scope, HttpContext.RequestAborted) ?? throw new NotFoundException("用户");
        if (!_editPosted)
        {
            Version = Account.Version;
            DisplayName = Account.DisplayName;
            OrganizationId = Account.OrganizationId;
            IsActive = Account.IsActive;
        }
        Regions = await orgs.RegionsAsync(scope, HttpContext.RequestAborted);
        if (RegionId is null && OrganizationId is { } orgId)
            RegionId = (await orgs.FindAsync(orgId, scope, HttpContext.RequestAborted))?.RegionId;
        if (RegionId is not { } r || Regions.All(x => x.Id != r)) RegionId = Regions.FirstOrDefault()?.Id;
        Organizations = RegionId is { } region ? await orgs.OptionsAsync(scope, region, null, HttpContext.RequestAborted) : [];
    }
}
