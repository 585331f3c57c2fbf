using Jixiao.Core.Identity;
using Jixiao.Core.Todos;
using Jixiao.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jixiao.Web.Features.Todos;

/// <summary>The user's open to-dos of the selected fiscal year, overdue ones highlighted.</summary>
[Authorize(Policy = nameof(Permission.UseBusinessArea))]
public sealed class IndexModel(CurrentUser me, TodoService todos) : PageModel
{
    public List<TodoItem> Todos { get; private set; } = [];

    public int FiscalYear { get; private set; }

    public async Task OnGetAsync()
    {
        FiscalYear = me.FiscalYear;
        Todos = await todos.OpenForAsync(me.Id, me.OrganizationId ?? 0, me.Roles, FiscalYear, HttpContext.RequestAborted);
    }
}
