using Jixiao.Core.Common;
using Jixiao.Core.Evaluations;
using Jixiao.Core.Identity;
using Jixiao.Core.Organizations;
using Jixiao.Core.RuleSets;
using Jixiao.Web.Features.ThirdParties;
using Jixiao.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jixiao.Web.Features.Evaluations;

/// <summary>
/// 重点评价 the user may see: the performance section's and auditors' region, an expert's or agency's assignments, the evaluated
/// department's and units' completed ones (the service decides). Filtered by year, department, grade and state; paged; .xlsx export.
/// </summary>
[Authorize(Policy = nameof(Permission.UseBusinessArea))]
public sealed class KeyModel(CurrentUser me, KeyEvaluationService evaluations) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public int? Year { get; set; }

    [BindProperty(SupportsGet = true)]
    public long? DepartmentId { get; set; }

    [BindProperty(SupportsGet = true)]
    public Grade? Grade { get; set; }

    [BindProperty(SupportsGet = true)]
    public KeyEvaluationState? State { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int? PageNo { get; set; }

    public IReadOnlyList<KeyEvaluationRow> Rows { get; private set; } = [];

    public IReadOnlyList<Organization> Departments { get; private set; } = [];

    public Pager Pager { get; private set; } = new(1, 20, 0);

    public int FiscalYear => Year ?? me.FiscalYear;

    public IEnumerable<int> Years => me.SelectableYears;

    public bool CanCreate => me.Roles.Contains(Role.PerformanceSection);

    public async Task OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        var caller = await me.CallerAsync(ct);
        var (p, s) = Paging.Normalize(PageNo, 20);
        var result = await evaluations.ListAsync(caller, Filter(), p, s, ct);
        Rows = result.Items;
        Pager = new(p, s, result.Total);
        Departments = await evaluations.DepartmentsAsync(caller, ct);
    }

    public async Task<IActionResult> OnGetExportAsync()
    {
        var ct = HttpContext.RequestAborted;
        var result = await evaluations.ListAsync(await me.CallerAsync(ct), Filter(), 1, XlsxExport.MaxRows, ct);
        return XlsxExport.File<KeyEvaluationRow>($"重点评价-{FiscalYear}-{DateTime.Now:yyyyMMdd}.xlsx",
        [
            ("编号", r => r.Id),
            ("评价年度", r => r.FiscalYear),
            ("评价名称", r => r.Title),
            ("评价对象", r => r.SubjectKind.ChineseName()),
            ("主管部门", r => r.DepartmentName),
            ("状态", r => KeyEvaluationLabels.StateName(r.State)),
            ("评价方式", r => r.Method?.ChineseName()),
            ("得分", r => r.TotalScore),
            ("等级", r => r.Grade?.ChineseName()),
            ("评分截止", r => r.ScoringDeadline?.ToString("yyyy-MM-dd")),
            ("完成时间", r => r.CompletedAt is null ? null : Display.Time(r.CompletedAt)),
        ], result.Items);
    }

    public string ExportLink() => ListLinks.Export(Request);

    private KeyEvaluationFilter Filter() => new(FiscalYear, DepartmentId, Grade, State, Q);
}
