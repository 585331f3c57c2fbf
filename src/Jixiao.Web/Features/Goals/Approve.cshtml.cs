using Jixiao.Core.Goals;
using Jixiao.Core.Identity;
using Jixiao.Core.Organizations;
using Jixiao.Core.Projects;
using Jixiao.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jixiao.Web.Features.Goals;

public sealed record DepartmentPending(long Id, string Code, string Name, int Waiting);

/// <summary>
/// "谁批复资金、谁批复目标": the budget section approves the goals of each assigned department together with the
/// department's budget (四同步), one batch per department.
/// </summary>
[Authorize(Policy = nameof(Permission.ApproveGoals))]
public sealed class ApproveModel(CurrentUser me, GoalService goals, ProjectService projects, OrganizationService orgs) : PageModel, IReloadOnError
{
    public IReadOnlyList<DepartmentPending> Departments { get; private set; } = [];

    public int FiscalYear => me.FiscalYear;

    public async Task<IActionResult> OnGetAsync()
    {
        if (!me.Can(Permission.ApproveGoals)) return Forbid();
        await ReloadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long departmentId)
    {
        if (!me.Can(Permission.ApproveGoals)) return Forbid();
        var ct = HttpContext.RequestAborted;
        var scope = await me.ScopeAsync(ct);
        var name = (await orgs.FindAsync(departmentId, scope, ct))?.Name ?? "该部门";
        var n = await goals.ApproveDepartmentAsync(departmentId, FiscalYear, me.Roles, scope, ct);
        TempData["Flash"] = n == 0 ? $"{name}没有待批复的目标。" : $"已随部门预算批复{name}的 {n} 个绩效目标。";
        return RedirectToPage();
    }

    public async Task ReloadAsync()
    {
        var ct = HttpContext.RequestAborted;
        var scope = await me.ScopeAsync(ct);
        var list = new List<DepartmentPending>();
        foreach (var d in await orgs.OptionsAsync(scope, scope.HomeRegionId, [OrganizationKind.Department], ct))
        {
            var waiting = await projects.ListAsync(scope, new ProjectFilter(FiscalYear, DepartmentId: d.Id, GoalState: GoalState.FinanceReviewed), 1, 1, ct);
            list.Add(new(d.Id, d.Code, d.Name, waiting.Total));
        }
        Departments = list;
    }
}
