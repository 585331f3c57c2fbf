using Jixiao.Core.Identity;
using Jixiao.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jixiao.Web.Features.Identity;

/// <summary>安全管理员 sets the password, lockout and session policy (等保 2.0 身份鉴别).</summary>
[Authorize(Policy = nameof(Permission.ManageSecurityPolicy))]
public sealed class PolicyModel(CurrentUser me, SecurityPolicyService policies) : PageModel
{
    // Property names match SecurityPolicy's, so its field-level messages land beside the fields.
    [BindProperty]
    public int Version { get; set; }

    [BindProperty]
    public int MinPasswordLength { get; set; }

    [BindProperty]
    public int MinCharacterClasses { get; set; }

    [BindProperty]
    public int MaxFailedSignIns { get; set; }

    [BindProperty]
    public int LockoutMinutes { get; set; }

    [BindProperty]
    public int IdleTimeoutMinutes { get; set; }

    [BindProperty]
    public int TokenLifetimeMinutes { get; set; }

    public async Task OnGetAsync()
    {
        var p = await policies.GetAsync(HttpContext.RequestAborted);
        Version = p.Version;
        MinPasswordLength = p.MinPasswordLength;
        MinCharacterClasses = p.MinCharacterClasses;
        MaxFailedSignIns = p.MaxFailedSignIns;
        LockoutMinutes = p.LockoutMinutes;
        IdleTimeoutMinutes = p.IdleTimeoutMinutes;
        TokenLifetimeMinutes = p.TokenLifetimeMinutes;
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!me.Can(Permission.ManageSecurityPolicy)) return Forbid();
        if (!ModelState.IsValid) return Page();
        await policies.UpdateAsync(Version, MinPasswordLength, MinCharacterClasses, MaxFailedSignIns, LockoutMinutes, IdleTimeoutMinutes, TokenLifetimeMinutes, HttpContext.RequestAborted);
        TempData["Flash"] = "安全策略已保存。";
        return RedirectToPage();
    }
}
