using Jixiao.Core.Identity;
using Jixiao.Core.Todos;
using Jixiao.Web.Features.Shared;
using Jixiao.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jixiao.Web.Features;

public sealed class IndexModel(CurrentUser me, TodoService todos) : PageModel
{
    public List<TodoItem> Todos { get; private set; } = [];

    public string RegionName { get; private set; } = "";

    public int FiscalYear { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        // The admin roles have no business work area: send them to their own pages.
        if (!me.Can(Permission.UseBusinessArea)) return RedirectToPage(Navigation.HomeFor(me.Roles));
        FiscalYear = me.FiscalYear;
        RegionName = await me.RegionNameAsync(HttpContext.RequestAborted);
        Todos = await todos.OpenForAsync(me.Id, me.OrganizationId ?? 0, me.Roles, FiscalYear, HttpContext.RequestAborted);
        return Page();
    }
}
