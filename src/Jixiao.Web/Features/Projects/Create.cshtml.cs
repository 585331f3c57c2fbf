using Jixiao.Core.Identity;
using Jixiao.Core.Projects;
using Jixiao.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jixiao.Web.Features.Projects;

/// <summary>A unit registers a project or policy (or its whole-unit spending) for the selected fiscal year; a department its department-wide spending.</summary>
[Authorize(Policy = nameof(Permission.UseBusinessArea))]
public sealed class CreateModel(CurrentUser me, ProjectService projects) : PageModel
{
    [BindProperty]
    public ProjectForm Input { get; set; } = new();

    public int FiscalYear => me.FiscalYear;

    /// <summary>What the user may register: a department only its department-wide spending.</summary>
    public IReadOnlyList<ProjectKind> Kinds => me.Roles.Contains(Role.BudgetUnit)
        ? [ProjectKind.Project, ProjectKind.Policy, ProjectKind.OverallSpending]
        : [ProjectKind.OverallSpending];

    public void OnGet()
    {
        Input = new ProjectForm { Kind = Kinds[0], StartYear = FiscalYear, EndYear = FiscalYear, BudgetKind = BudgetKind.General };
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid) return Page();
        if (Input.ToInput(me.OrganizationId ?? 0, ModelState) is not { } input) return Page();
        var ct = HttpContext.RequestAborted;
        var p = await projects.CreateAsync(FiscalYear, input, me.OrganizationId, me.Roles, await me.ScopeAsync(ct), ct);
        TempData["Flash"] = $"项目“{p.Name}”已登记，请填报绩效目标。";
        return RedirectToPage("/Goals/Edit", new { projectId = p.Id });
    }
}
