using Jixiao.Core.FiscalEvaluations;
using Jixiao.Core.Identity;
using Jixiao.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jixiao.Web.Features.FiscalEvaluations;

/// <summary>One county's values: a form with one field per indicator (the managing performance section, while a draft), or read-only with the points.</summary>
[Authorize(Policy = nameof(Permission.ViewBudgetLinkage))]
public sealed class SheetModel(CurrentUser me, FiscalEvaluationService evaluations) : PageModel, IReloadOnError
{
    [BindProperty(SupportsGet = true)]
    public long Id { get; set; }

    [BindProperty(SupportsGet = true)]
    public string County { get; set; } = "";

    [BindProperty]
    public int Version { get; set; }

    [BindProperty]
    public Dictionary<string, decimal?> Values { get; set; } = [];

    public FiscalEvaluationDetail Detail { get; private set; } = null!;

    public FiscalSheetView Sheet { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync()
    {
        await ReloadAsync();
        Version = Sheet.Version;
        Values = Sheet.Values.ToDictionary(kv => kv.Key, kv => (decimal?)kv.Value);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var ct = HttpContext.RequestAborted;
        if (!ModelState.IsValid)
        {
            await ReloadAsync();
            ModelState.AddModelError(string.Empty, "请填写数字。");
            return Page();
        }
        await evaluations.SaveValuesAsync(Id, County, Values, Version, await me.CallerAsync(ct), ct);
        TempData["Flash"] = "指标数据已保存。";
        return RedirectToPage(new { id = Id, county = County });
    }

    public async Task ReloadAsync()
    {
        var ct = HttpContext.RequestAborted;
        Detail = await evaluations.DetailAsync(Id, await me.CallerAsync(ct), ct);
        Sheet = Detail.Sheets.FirstOrDefault(s => s.CountyCode == County) ?? throw new Core.Common.NotFoundException("县区");
    }
}
