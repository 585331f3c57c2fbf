using Jixiao.Core.Common;
using Jixiao.Core.Identity;
using Jixiao.Core.PriorAssessments;
using Jixiao.Web.Features.ThirdParties;
using Jixiao.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jixiao.Web.Features.PriorAssessments;

/// <summary>
/// 事前绩效评估 the user may see: a unit's own, a department's units', the finance bureau's region; an expert or agency
/// only its assignments (the service decides). Filtered and paged on the server.
/// </summary>
[Authorize(Policy = nameof(Permission.UseBusinessArea))]
public sealed class IndexModel(CurrentUser me, PriorAssessmentService assessments) : PageModel
{
    /// <summary>The fiscal year; defaults to the year the user works in.</summary>
    [BindProperty(SupportsGet = true)]
    public int? Year { get; set; }

    [BindProperty(SupportsGet = true)]
    public PriorAssessmentState? State { get; set; }

    [BindProperty(SupportsGet = true)]
    public PriorConclusion? Conclusion { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int? PageNo { get; set; }

    public IReadOnlyList<PriorAssessmentRow> Rows { get; private set; } = [];

    public Pager Pager { get; private set; } = new(1, 20, 0);

    public int FiscalYear => Year ?? me.FiscalYear;

    public IEnumerable<int> Years => me.SelectableYears;

    /// <summary>A unit starts the assessment of its own new major project.</summary>
    public bool CanStart => me.Roles.Contains(Role.BudgetUnit);

    public async Task OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        var (p, s) = Paging.Normalize(PageNo, 20);
        var result = await assessments.ListAsync(await me.CallerAsync(ct), Filter(), p, s, ct);
        Rows = result.Items;
        Pager = new(p, s, result.Total);
    }

    /// <summary>The filtered list (all pages) as .xlsx, amounts in 万元.</summary>
    public async Task<IActionResult> OnGetExportAsync()
    {
        var ct = HttpContext.RequestAborted;
        var result = await assessments.ListAsync(await me.CallerAsync(ct), Filter(), 1, XlsxExport.MaxRows, ct);
        return XlsxExport.File<PriorAssessmentRow>($"事前绩效评估-{FiscalYear}-{DateTime.Now:yyyyMMdd}.xlsx",
        [
            ("编号", r => r.Id),
            ("预算年度", r => r.FiscalYear),
            ("项目代码", r => r.ProjectCode),
            ("项目（政策）名称", r => r.Title),
            ("预算单位", r => r.UnitName),
            ("主管部门", r => r.DepartmentName),
            ("全年预算数（万元）", r => decimal.Round(r.TotalBudget / 10_000m, 6)),
            ("状态", r => PriorAssessmentLabels.StateName(r.State)),
            ("评估方式", r => r.Method?.ChineseName()),
            ("总分", r => r.TotalScore),
            ("评估结论", r => r.Conclusion is { } c ? PriorAssessmentScoring.Text(c) : null),
            ("提交时间", r => r.SubmittedAt is null ? null : Display.Time(r.SubmittedAt)),
            ("结束时间", r => r.ClosedAt is null ? null : Display.Time(r.ClosedAt)),
        ], result.Items);
    }

    public string ExportLink() => ListLinks.Export(Request);

    private PriorAssessmentFilter Filter() => new(FiscalYear, State, Conclusion, null, Q);
}
