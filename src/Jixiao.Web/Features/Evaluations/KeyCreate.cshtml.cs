using Jixiao.Core.Evaluations;
using Jixiao.Core.Identity;
using Jixiao.Core.Organizations;
using Jixiao.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jixiao.Web.Features.Evaluations;

/// <summary>The performance section selects what to evaluate (projects of one department, a policy, or a department's whole spending) and the deadlines.</summary>
[Authorize(Policy = nameof(Permission.UseBusinessArea))]
public sealed class KeyCreateModel(CurrentUser me, KeyEvaluationService evaluations) : PageModel, IReloadOnError
{
    [BindProperty(SupportsGet = true)]
    public int? Year { get; set; }

    [BindProperty]
    public KeyEvaluationSubjectKind SubjectKind { get; set; } = KeyEvaluationSubjectKind.Projects;

    [BindProperty]
    public List<long> ProjectIds { get; set; } = [];

    [BindProperty]
    public long? DepartmentId { get; set; }

    [BindProperty]
    public string? Title { get; set; }

    [BindProperty]
    public string? Background { get; set; }

    [BindProperty]
    public DateOnly? ScoringDeadline { get; set; }

    [BindProperty]
    public DateOnly? ReportDeadline { get; set; }

    public int FiscalYear => Year ?? me.FiscalYear;

    public IEnumerable<int> Years => me.SelectableYears;

    public IReadOnlyList<KeySubjectOption> Projects { get; private set; } = [];

    public IReadOnlyList<Organization> Departments { get; private set; } = [];

    public async Task OnGetAsync() => await ReloadAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        var ct = HttpContext.RequestAborted;
        var input = new KeyEvaluationInput(SubjectKind, SubjectKind == KeyEvaluationSubjectKind.DepartmentOverall ? [] : ProjectIds,
            SubjectKind == KeyEvaluationSubjectKind.DepartmentOverall ? DepartmentId : null, FiscalYear, Title, Background, ScoringDeadline, ReportDeadline);
        var e = await evaluations.CreateAsync(input, FiscalYear, await me.CallerAsync(ct), ct);
        TempData["Flash"] = "重点评价已建立，指标体系取自规则集的参考指标体系，请核定权重后选定评价人员。";
        return RedirectToPage("/Evaluations/KeyDetails", new { id = e.Id });
    }

    public async Task ReloadAsync()
    {
        var ct = HttpContext.RequestAborted;
        var caller = await me.CallerAsync(ct);
        Projects = await evaluations.SelectableProjectsAsync(caller, FiscalYear, ct);
        Departments = await evaluations.DepartmentsAsync(caller, ct);
    }
}
