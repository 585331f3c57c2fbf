using Jixiao.Core.Identity;
using Jixiao.Core.PriorAssessments;
using Jixiao.Core.Projects;
using Jixiao.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jixiao.Web.Features.PriorAssessments;

/// <summary>A unit starts the ex-ante assessment of one of its new major (or renewal) projects and states why the money is needed.</summary>
[Authorize(Policy = nameof(Permission.UseBusinessArea))]
public sealed class StartModel(CurrentUser me, PriorAssessmentService assessments) : PageModel, IReloadOnError
{
    [BindProperty(SupportsGet = true)]
    public long? ProjectId { get; set; }

    [BindProperty]
    public string? Rationale { get; set; }

    public IReadOnlyList<Project> Projects { get; private set; } = [];

    public int FiscalYear => me.FiscalYear;

    public async Task OnGetAsync() => await ReloadAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        if (ProjectId is not { } projectId)
        {
            ModelState.AddModelError(nameof(ProjectId), "请选择要评估的项目。");
            await ReloadAsync();
            return Page();
        }
        var ct = HttpContext.RequestAborted;
        var a = await assessments.StartAsync(projectId, Rationale, await me.CallerAsync(ct), ct);
        TempData["Flash"] = "事前绩效评估已发起。请上传可行性研究报告、预算测算依据和实施方案后提交。";
        return RedirectToPage("/PriorAssessments/Details", new { id = a.Id });
    }

    public async Task ReloadAsync()
    {
        var ct = HttpContext.RequestAborted;
        Projects = await assessments.StartableProjectsAsync(await me.CallerAsync(ct), me.FiscalYear, ct);
    }
}
