using Jixiao.Core.Identity;
using Jixiao.Web.Features.Shared;
using Jixiao.Web.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jixiao.Web.Features.Account;

public sealed class LoginModel(AccountService accounts) : PageModel
{
    [BindProperty]
    public string? UserName { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var result = await accounts.SignInAsync(UserName, Password, "web", HttpContext.Connection.RemoteIpAddress?.ToString(), HttpContext.RequestAborted);
        Password = null;
        if (result.Outcome != SignInOutcome.Success)
        {
            ModelState.AddModelError(string.Empty, result.Message);
            return Page();
        }
        await HttpContext.SignInAsync(Auth.CookieScheme, Auth.PrincipalFor(result.User!, result.Session!.Id, Auth.CookieScheme));
        if (!string.IsNullOrEmpty(ReturnUrl) && Url.IsLocalUrl(ReturnUrl)) return LocalRedirect(ReturnUrl);
        return RedirectToPage(Navigation.HomeFor(result.User!.RoleSet.ToList()));
    }
}
