using Jixiao.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jixiao.Web.Features.Account;

/// <summary>The year switcher: remembers the chosen fiscal year in a cookie.</summary>
public sealed class YearModel(CurrentUser me) : PageModel
{
    public IActionResult OnGet() => RedirectToPage("/Index");

    public IActionResult OnPost(int year, string? returnUrl)
    {
        if (!me.SelectableYears.Contains(year))
        {
            return BadRequest("预算年度无效。");
        }
        Response.Cookies.Append(CurrentUser.YearCookie, year.ToString(), new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Lax,
            Secure = Request.IsHttps,
            MaxAge = TimeSpan.FromDays(365),
        });
        return !string.IsNullOrEmpty(returnUrl) && Url.IsLocalUrl(returnUrl) ? LocalRedirect(returnUrl) : RedirectToPage("/Index");
    }
}
