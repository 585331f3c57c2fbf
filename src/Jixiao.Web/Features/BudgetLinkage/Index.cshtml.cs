using Jixiao.Core.BudgetLinkage;
using Jixiao.Core.Evaluations;
using Jixiao.Core.Identity;
using Jixiao.Core.RuleSets;
using Jixiao.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jixiao.Web.Features.BudgetLinkage;

/// <summary>
/// 预算挂钩清单 for the budget section: per department its projects with grade, suggestion and reduction (the department's whole-spending
/// result beside it), the decision taken on each (recorded, audited), the counties' transfer payments with their fiscal operation result,
/// the transfer-payment import, and the list as .xlsx.
/// </summary>
[Authorize(Policy = nameof(Permission.ViewBudgetLinkage))]
public sealed class IndexModel(CurrentUser me, BudgetLinkageService linkage) : PageModel, IReloadOnError
{
    /// <summary>The evaluated year (default: the year before the working year); the list serves the budget of the year after it.</summary>
    [BindProperty(SupportsGet = true)]
    public int? Year { get; set; }

    [BindProperty(SupportsGet = true)]
    public long? DepartmentId { get; set; }

    [BindProperty]
    public long ProjectId { get; set; }

    [BindProperty]
    public string? Decision { get; set; }

    [BindProperty]
    public decimal? Amount { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    [BindProperty]
    public IFormFile? Upload { get; set; }

    public LinkageList List { get; private set; } = null!;

    public int EvaluatedYear => Year ?? me.FiscalYear - 1;

    public IEnumerable<int> Years => me.SelectableYears;

    public bool CanDecide { get; private set; }

    public bool CanImport { get; private set; }

    public IReadOnlyList<Core.Imports.ImportError> ImportErrors { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        if (!BudgetLinkageService.CanView(await me.CallerAsync(ct))) return Forbid();
        await ReloadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostDecideAsync()
    {
        var ct = HttpContext.RequestAborted;
        var decision = LinkageNames.ParseSuggestion(Decision) ?? throw new Core.Common.DomainException("请选择决定。");
        await linkage.DecideAsync(new(ProjectId, decision, Amount, Reason, null), await me.CallerAsync(ct), ct);
        TempData["Flash"] = "挂钩决定已记录。";
        return RedirectToPage(new { year = EvaluatedYear, departmentId = DepartmentId });
    }

    public async Task<IActionResult> OnPostImportAsync()
    {
        var ct = HttpContext.RequestAborted;
        if (Upload is null || Upload.Length == 0) throw new Core.Common.DomainException("请选择要导入的文件。");
        if (Upload.Length > BudgetLinkageApi.MaxImportBytes) throw new Core.Common.DomainException("文件超过 10 MB。");
        await using var stream = Upload.OpenReadStream();
        var r = await linkage.ImportTransferPaymentsAsync(stream, Upload.FileName, await me.CallerAsync(ct), ct);
        if (r.Errors.Count > 0)
        {
            ImportErrors = r.Errors;
            await ReloadAsync();
            return Page();
        }
        TempData["Flash"] = $"转移支付已导入：新增 {r.Created} 条，修改 {r.Updated} 条，未变 {r.Unchanged} 条。";
        return RedirectToPage(new { year = EvaluatedYear, departmentId = DepartmentId });
    }

    /// <summary>The list as .xlsx: one row per project, the department's whole spending first.</summary>
    public async Task<IActionResult> OnGetExportAsync()
    {
        var ct = HttpContext.RequestAborted;
        var list = await linkage.ListAsync(EvaluatedYear, DepartmentId, await me.CallerAsync(ct), ct);
        var rows = list.Departments.SelectMany(d => (d.Overall is { } o ? new[] { (d, o) } : []).Concat(d.Projects.Select(p => (d, p)))).ToList();
        return XlsxExport.File<(LinkageDepartment D, LinkageProjectRow P)>($"预算挂钩清单-{list.BudgetYear}年预算-{DateTime.Now:yyyyMMdd}.xlsx",
        [
            ("主管部门", r => r.D.Name),
            ("项目代码", r => r.P.Code),
            ("项目名称", r => r.P.Kind == Core.Projects.ProjectKind.OverallSpending ? $"{r.P.Name}（部门整体）" : r.P.Name),
            ("实施单位", r => r.P.UnitName),
            ("预算（万元）", r => Math.Round(r.P.Budget / 10_000m, 2)),
            ("评价得分", r => r.P.Score),
            ("评价等级", r => r.P.Grade?.ChineseName()),
            ("结果来源", r => r.P.GradeSource),
            ("整改情况", r => r.P.Rectification.ChineseName()),
            ("挂钩建议", r => r.P.Result.Suggestion.ChineseName()),
            ("建议压减（万元）", r => Math.Round(r.P.Result.SuggestedReduction / 10_000m, 2)),
            ("依据", r => r.P.Result.Reason),
            ("决定", r => r.P.Decision?.Decision.ChineseName()),
            ("决定压减（万元）", r => r.P.Decision is { } d ? Math.Round(d.Amount / 10_000m, 2) : null),
            ("决定理由", r => r.P.Decision?.Reason),
            ("决定人", r => r.P.Decision?.DecidedByName),
        ], rows);
    }

    public async Task ReloadAsync()
    {
        var ct = HttpContext.RequestAborted;
        var caller = await me.CallerAsync(ct);
        CanDecide = BudgetLinkageService.CanDecide(caller);
        CanImport = BudgetLinkageService.CanEditTransfers(caller);
        List = await linkage.ListAsync(EvaluatedYear, DepartmentId, caller, ct);
    }

    public static string Wan(decimal yuan) => (yuan / 10_000m).ToString("#,##0.00");

    public static string Badge(LinkageSuggestion s) => s switch
    {
        LinkageSuggestion.Priority => "text-bg-success",
        LinkageSuggestion.Maintain => "text-bg-secondary",
        LinkageSuggestion.StrictControl => "text-bg-warning",
        LinkageSuggestion.Cancel => "text-bg-danger",
    };
}
