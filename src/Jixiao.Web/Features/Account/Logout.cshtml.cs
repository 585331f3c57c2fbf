using Jixiao.Core.Identity;
using Jixiao.Web.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jixiao.Web.Features.Account;

/// <summary>Logout ends the server-side session, so a copied cookie no longer works either.</summary>
public sealed class LogoutModel(AccountService accounts, CurrentUser me) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var sid = User.FindFirst(JixiaoClaims.SessionId)?.Value;
        if (sid is not null) await accounts.SignOutAsync(sid, me.Id, HttpContext.RequestAborted);
        await HttpContext.SignOutAsync(Auth.CookieScheme);
        return RedirectToPage("/Account/Login");
    }
}
