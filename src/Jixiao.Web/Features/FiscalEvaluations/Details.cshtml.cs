using Jixiao.Core.FiscalEvaluations;
using Jixiao.Core.Identity;
using Jixiao.Core.RuleSets;
using Jixiao.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jixiao.Web.Features.FiscalEvaluations;

/// <summary>
/// One fiscal operation evaluation: the county ranking with the dimension points, the per-indicator table (value and points with the formula),
/// the workflow buttons, the import with its template, the .xlsx export, and the ECharts bar chart of county totals that
/// wwwroot/js/fiscal-evaluation.js draws from <c>?handler=Chart</c>. A county sees only its own column.
/// </summary>
[Authorize(Policy = nameof(Permission.ViewBudgetLinkage))]
public sealed class DetailsModel(CurrentUser me, FiscalEvaluationService evaluations) : PageModel, IReloadOnError
{
    [BindProperty(SupportsGet = true)]
    public long Id { get; set; }

    [BindProperty]
    public int Version { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    [BindProperty]
    public IFormFile? Upload { get; set; }

    public FiscalEvaluationDetail Detail { get; private set; } = null!;

    public IReadOnlyList<Core.Imports.ImportError> ImportErrors { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        await ReloadAsync();
        return Page();
    }

    /// <summary>The chart's data: the counties in rank order (score order while a draft) with their totals and grades.</summary>
    public async Task<IActionResult> OnGetChartAsync()
    {
        var ct = HttpContext.RequestAborted;
        var d = await evaluations.DetailAsync(Id, await me.CallerAsync(ct), ct);
        var counties = d.Sheets.Select(s => new { s.CountyName, Total = s.Score ?? s.Computed?.Total, Grade = (s.Grade ?? s.Computed?.Grade)?.ChineseName() })
            .Where(x => x.Total is not null).OrderByDescending(x => x.Total).ToList();
        return new JsonResult(new
        {
            Counties = counties.Select(c => c.CountyName).ToList(),
            Totals = counties.Select(c => c.Total).ToList(),
            Grades = counties.Select(c => c.Grade).ToList(),
            Bands = new[] { d.Grades.Excellent, d.Grades.Good, d.Grades.Fair },
        });
    }

    public async Task<IActionResult> OnGetExportAsync()
    {
        var ct = HttpContext.RequestAborted;
        var (bytes, name) = FiscalEvaluationWorkbook.Export(await evaluations.DetailAsync(Id, await me.CallerAsync(ct), ct));
        return File(bytes, XlsxExport.ContentType, name);
    }

    public async Task<IActionResult> OnGetTemplateAsync()
    {
        var ct = HttpContext.RequestAborted;
        var (bytes, name) = FiscalEvaluationWorkbook.Template(await evaluations.DetailAsync(Id, await me.CallerAsync(ct), ct));
        return File(bytes, XlsxExport.ContentType, name);
    }

    public Task<IActionResult> OnPostScoreAsync() => Act(c => evaluations.ScoreAsync(Id, Version, c, HttpContext.RequestAborted), "得分已计算，排名已确定。");

    public Task<IActionResult> OnPostFinaliseAsync() => Act(c => evaluations.FinaliseAsync(Id, Version, c, HttpContext.RequestAborted), "评价已定稿，结果已进入预算挂钩清单。");

    public Task<IActionResult> OnPostReopenAsync() => Act(c => evaluations.ReopenAsync(Id, Version, Reason, c, HttpContext.RequestAborted), "评价已退回修改。");

    public async Task<IActionResult> OnPostImportAsync()
    {
        var ct = HttpContext.RequestAborted;
        if (Upload is null || Upload.Length == 0) throw new Core.Common.DomainException("请选择要导入的文件。");
        if (Upload.Length > FiscalEvaluationsApi.MaxImportBytes) throw new Core.Common.DomainException("文件超过 10 MB。");
        await using var stream = Upload.OpenReadStream();
        var r = await evaluations.ImportAsync(Id, stream, Upload.FileName, await me.CallerAsync(ct), ct);
        if (r.Errors.Count > 0)
        {
            ImportErrors = r.Errors;
            await ReloadAsync();
            return Page();
        }
        TempData["Flash"] = $"指标数据已导入：修改 {r.Updated} 个县区，未变 {r.Unchanged} 个。";
        return RedirectToPage(new { id = Id });
    }

    private async Task<IActionResult> Act(Func<Core.Organizations.Caller, Task<FiscalEvaluation>> action, string flash)
    {
        await action(await me.CallerAsync(HttpContext.RequestAborted));
        TempData["Flash"] = flash;
        return RedirectToPage(new { id = Id });
    }

    public async Task ReloadAsync()
    {
        var ct = HttpContext.RequestAborted;
        Detail = await evaluations.DetailAsync(Id, await me.CallerAsync(ct), ct);
    }

    public static string N(decimal v) => FiscalOperationScoring.F(v);

    public static string Badge(Grade? g) => g switch
    {
        Grade.Excellent => "text-bg-success",
        Grade.Good => "text-bg-primary",
        Grade.Fair => "text-bg-warning",
        Grade.Poor => "text-bg-danger",
        null => "text-bg-light",
    };
}
