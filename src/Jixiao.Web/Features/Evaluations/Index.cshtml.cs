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
/// 评价结果: the scored evaluations of every kind in the caller's scope (<see cref="EvaluationCatalog"/>), filtered by year, department,
/// grade and type, paged; the filtered rows as .xlsx; and the grade distribution per department as an ECharts stacked bar chart that
/// wwwroot/js/evaluation-results.js draws from <c>?handler=Chart</c> (no inline script).
/// </summary>
[Authorize(Policy = nameof(Permission.UseBusinessArea))]
public sealed class IndexModel(CurrentUser me, EvaluationCatalog catalog, OrganizationService orgs) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public int? Year { get; set; }

    [BindProperty(SupportsGet = true)]
    public long? DepartmentId { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Grade { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Type { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int? PageNo { get; set; }

    public IReadOnlyList<EvaluationCatalogRow> Rows { get; private set; } = [];

    public IReadOnlyList<EvaluationCatalogRow> All { get; private set; } = [];

    public Pager Pager { get; private set; } = new(1, 20, 0);

    public IReadOnlyList<OrganizationRow> Departments { get; private set; } = [];

    public int FiscalYear => Year ?? me.FiscalYear;

    public IEnumerable<int> Years => me.SelectableYears;

    public string? Error { get; private set; }

    public async Task OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        Departments = await orgs.OptionsAsync(await me.ScopeAsync(ct), null, [OrganizationKind.Department], ct);
        try
        {
            All = await catalog.RowsAsync(Filter(), await me.CallerAsync(ct), ct);
        }
        catch (DomainException e)
        {
            Error = e.Message;
        }
        var (p, s) = Paging.Normalize(PageNo, 20);
        Rows = All.Skip((p - 1) * s).Take(s).ToList();
        Pager = new(p, s, All.Count);
    }

    /// <summary>The filtered rows (all pages) as .xlsx.</summary>
    public async Task<IActionResult> OnGetExportAsync()
    {
        var ct = HttpContext.RequestAborted;
        var rows = await catalog.RowsAsync(Filter(), await me.CallerAsync(ct), ct);
        return XlsxExport.File<EvaluationCatalogRow>($"评价结果-{FiscalYear}-{DateTime.Now:yyyyMMdd}.xlsx",
        [
            ("评价类型", r => r.Type.ChineseName()),
            ("预算年度", r => r.FiscalYear),
            ("主管部门", r => r.DepartmentName),
            ("预算单位", r => r.UnitName),
            ("评价对象", r => r.SubjectName),
            ("得分", r => r.Score),
            ("等级", r => r.Grade.ChineseName()),
            ("状态", r => r.StateName),
            ("自评质量较低", r => r.Flagged ? "是" : ""),
        ], rows.Take(XlsxExport.MaxRows));
    }

    /// <summary>The chart's data: per department (code order) the number of evaluations of each grade, 优 良 中 差.</summary>
    public async Task<IActionResult> OnGetChartAsync()
    {
        var ct = HttpContext.RequestAborted;
        var rows = await catalog.RowsAsync(Filter(), await me.CallerAsync(ct), ct);
        return new JsonResult(new
        {
            Grades = new[] { Core.RuleSets.Grade.Excellent, Core.RuleSets.Grade.Good, Core.RuleSets.Grade.Fair, Core.RuleSets.Grade.Poor }
                .Select(g => g.ChineseName()).ToList(),
            Departments = EvaluationCatalog.Distribution(rows)
                .Select(d => new { d.DepartmentId, d.DepartmentName, Counts = new[] { d.Excellent, d.Good, d.Fair, d.Poor } }).ToList(),
        });
    }

    public string ExportLink() => ListLinks.Export(Request);

    public string ChartLink() => Url.Page("/Evaluations/Index", "Chart", new { year = FiscalYear, departmentId = DepartmentId, grade = Grade, type = Type })!;

    private EvaluationCatalogFilter Filter() => ReEvaluationsApi.CatalogFilter(FiscalYear, DepartmentId, Grade, Type);
}
