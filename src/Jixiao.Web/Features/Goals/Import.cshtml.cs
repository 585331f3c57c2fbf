using Jixiao.Core.Goals;
using Jixiao.Core.Identity;
using Jixiao.Core.Projects;
using Jixiao.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jixiao.Web.Features.Goals;

/// <summary>
/// A unit imports the goals of many of its projects from the flat template (all-or-nothing, see
/// <see cref="GoalExcelService.ImportAsync"/>), and downloads that template for the current project list.
/// </summary>
[Authorize(Policy = nameof(Permission.UseBusinessArea))]
[RequestSizeLimit(GoalExcelApi.RequestLimit)]
[RequestFormLimits(MultipartBodyLengthLimit = GoalExcelApi.RequestLimit)]
public sealed class ImportModel(CurrentUser me, GoalExcelService excel) : PageModel
{
    public const long MaxFileBytes = GoalExcelService.MaxFileBytes;

    [BindProperty]
    public IFormFile? Upload { get; set; }

    public GoalImportResult? Result { get; private set; }

    public int FiscalYear => me.FiscalYear;

    /// <summary>The project list's filters, passed on to the template download.</summary>
    [BindProperty(SupportsGet = true)]
    public long? DepartmentId { get; set; }

    [BindProperty(SupportsGet = true)]
    public long? UnitId { get; set; }

    [BindProperty(SupportsGet = true)]
    public GoalState? GoalState { get; set; }

    [BindProperty(SupportsGet = true)]
    public BudgetKind? BudgetKind { get; set; }

    [BindProperty(SupportsGet = true)]
    public decimal? MinBudget { get; set; }

    [BindProperty(SupportsGet = true)]
    public decimal? MaxBudget { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public ProjectKind? Kind { get; set; }

    public void OnGet()
    {
    }

    /// <summary>下载导入模板: the goals of the current list, one indicator a row.</summary>
    public async Task<IActionResult> OnGetTemplateAsync()
    {
        var ct = HttpContext.RequestAborted;
        var filter = new ProjectFilter(me.FiscalYear, DepartmentId, UnitId, GoalState, BudgetKind, MinBudget, MaxBudget, Q, Kind);
        var file = await excel.TemplateAsync(await me.ScopeAsync(ct), filter, ct);
        return File(file.Content, GoalWorkbook.ContentType, file.FileName);
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (Upload is null || Upload.Length == 0)
        {
            ModelState.AddModelError(nameof(Upload), "请选择要导入的 Excel（.xlsx）或 CSV 文件。");
            return Page();
        }
        if (Upload.Length > MaxFileBytes)
        {
            ModelState.AddModelError(nameof(Upload), "文件不能超过 10 MB，请分批导入。");
            return Page();
        }
        var ct = HttpContext.RequestAborted;
        await using var stream = Upload.OpenReadStream();
        Result = await excel.ImportAsync(stream, Upload.FileName, me.FiscalYear, me.OrganizationId, me.Roles, await me.ScopeAsync(ct), ct);
        return Page();
    }
}
