using Jixiao.Core.Identity;
using Jixiao.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jixiao.Web.Features.Account;

/// <summary>Every signed-in user changes their own password (the current one is asked again).</summary>
public sealed class ChangePasswordModel(CurrentUser me, AccountService accounts) : PageModel
{
    [BindProperty]
    public string? CurrentPassword { get; set; }

    [BindProperty]
    public string? NewPassword { get; set; }

    [BindProperty]
    public string? ConfirmPassword { get; set; }

    public SecurityPolicy Policy { get; private set; } = new();

    public bool Changed { get; private set; }

    public async Task OnGetAsync() => Policy = await accounts.PolicyAsync(HttpContext.RequestAborted);

    public async Task<IActionResult> OnPostAsync()
    {
        Policy = await accounts.PolicyAsync(HttpContext.RequestAborted);
        try
        {
            if (string.IsNullOrEmpty(CurrentPassword)) ModelState.AddModelError(nameof(CurrentPassword), "请输入当前密码。");
            if (string.IsNullOrEmpty(NewPassword)) ModelState.AddModelError(nameof(NewPassword), "请输入新密码。");
            else if (NewPassword != ConfirmPassword) ModelState.AddModelError(nameof(ConfirmPassword), "两次输入的新密码不一致。");
            if (!ModelState.IsValid) return Page();
            await accounts.ChangePasswordAsync(me.Id, CurrentPassword!, NewPassword!, HttpContext.RequestAborted);
            Changed = true;
            return Page();
        }
        finally
        {
            // Passwords are never written back into the page.
            CurrentPassword = NewPassword = ConfirmPassword = null;
        }
    }
}
