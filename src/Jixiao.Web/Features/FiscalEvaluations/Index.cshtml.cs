using Jixiao.Core.Common;
using Jixiao.Core.FiscalEvaluations;
using Jixiao.Core.Identity;
using Jixiao.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jixiao.Web.Features.FiscalEvaluations;

/// <summary>财政运行评价: the county fiscal operation evaluations in scope, by year, paged; the city's performance section starts a year's evaluation.</summary>
[Authorize(Policy = nameof(Permission.ViewBudgetLinkage))]
public sealed class IndexModel(CurrentUser me, FiscalEvaluationService evaluations) : PageModel, IReloadOnError
{
    [BindProperty(SupportsGet = true)]
    public int? Year { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int? PageNumber { get; set; }

    [BindProperty]
    public int NewYear { get; set; }

    [BindProperty]
    public string? Title { get; set; }

    public Page<FiscalEvaluationRow> Rows { get; private set; } = new([], 0);

    public Pager Pager { get; private set; } = new(1, 20, 0);

    public bool CanCreate { get; private set; }

    public IEnumerable<int> Years => me.SelectableYears;

    public async Task<IActionResult> OnGetAsync()
    {
        if (!FiscalEvaluationService.CanView(await me.CallerAsync(HttpContext.RequestAborted))) return Forbid();
        NewYear = me.FiscalYear - 1;
        await ReloadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostCreateAsync()
    {
        var ct = HttpContext.RequestAborted;
        var e = await evaluations.CreateAsync(NewYear, Title, await me.CallerAsync(ct), ct);
        TempData["Flash"] = "评价已建立，请录入或导入各县区指标数据。";
        return RedirectToPage("/FiscalEvaluations/Details", new { id = e.Id });
    }

    public async Task ReloadAsync()
    {
        var ct = HttpContext.RequestAborted;
        var caller = await me.CallerAsync(ct);
        CanCreate = FiscalEvaluationService.CanCreate(caller);
        var (p, size) = Paging.Normalize(PageNumber, 20);
        Rows = await evaluations.ListAsync(caller, Year, p, size, ct);
        Pager = new(p, size, Rows.Total);
    }
}
