using Jixiao.Core.BudgetLinkage;
using Jixiao.Core.Identity;
using Jixiao.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jixiao.Web.Features.BudgetLinkage;

/// <summary>
/// 向人大报告: the year's figures (coverage with the PEFA PI-8 terms, grades per department, key findings, rectification, linkage), two
/// ECharts charts drawn by wwwroot/js/congress-report.js from <c>?handler=Chart</c>, generation of the .docx (performance section) and its download.
/// </summary>
[Authorize(Policy = nameof(Permission.ViewCongressReport))]
public sealed class CongressModel(CurrentUser me, CongressReportService reports) : PageModel, IReloadOnError
{
    [BindProperty(SupportsGet = true)]
    public int? Year { get; set; }

    public int ReportYear => Year ?? me.FiscalYear - 1;

    public IEnumerable<int> Years => me.SelectableYears;

    public CongressReportFigures Figures { get; private set; } = null!;

    public bool CanGenerate { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (!CongressReportService.CanView(await me.CallerAsync(HttpContext.RequestAborted))) return Forbid();
        await ReloadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostGenerateAsync()
    {
        var ct = HttpContext.RequestAborted;
        await reports.GenerateAsync(ReportYear, await me.CallerAsync(ct), ct);
        TempData["Flash"] = "人大报告已生成。";
        return RedirectToPage(new { year = ReportYear });
    }

    public async Task<IActionResult> OnGetDocxAsync()
    {
        var ct = HttpContext.RequestAborted;
        var caller = await me.CallerAsync(ct);
        var r = await reports.StoredAsync(ReportYear, caller, ct);
        var f = await reports.FiguresAsync(ReportYear, caller, ct);
        return File(r.Docx, CongressReportDocument.ContentType, CongressReportDocument.FileName(f.RegionName, ReportYear));
    }

    /// <summary>The charts' data: coverage shares (%) by projects and by money; grades per department.</summary>
    public async Task<IActionResult> OnGetChartAsync()
    {
        var ct = HttpContext.RequestAborted;
        var f = await reports.FiguresAsync(ReportYear, await me.CallerAsync(ct), ct);
        return new JsonResult(new
        {
            Coverage = f.Coverage.Select(c => new { c.Name, Projects = Math.Round((c.ProjectShare ?? 0m) * 100m, 1), Amount = Math.Round((c.AmountShare ?? 0m) * 100m, 1) }),
            Grades = new[] { "优", "良", "中", "差" },
            Departments = f.Grades.Select(d => new { d.DepartmentName, Counts = new[] { d.Excellent, d.Good, d.Fair, d.Poor } }),
        });
    }

    public async Task ReloadAsync()
    {
        var ct = HttpContext.RequestAborted;
        var caller = await me.CallerAsync(ct);
        CanGenerate = CongressReportService.CanGenerate(caller);
        Figures = await reports.FiguresAsync(ReportYear, caller, ct);
    }

    public static string Pct(decimal? share) => share is { } s ? $"{s * 100m:0.0}%" : "—";
}
