using Jixiao.Core.Appraisals;
using Jixiao.Core.Identity;
using Jixiao.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jixiao.Web.Features.Appraisals;

/// <summary>
/// One appraisal round: its sheets with self and review totals, and once finalised the ranking with grades (equal totals share a rank);
/// the performance section finalises and publishes; the result list downloads as .xlsx. A subject sees its own sheet, and the whole list
/// once published.
/// </summary>
[Authorize(Policy = nameof(Permission.UseBusinessArea))]
public sealed class RoundModel(CurrentUser me, AppraisalService appraisals) : PageModel, IReloadOnError
{
    [BindProperty(SupportsGet = true)]
    public long Id { get; set; }

    [BindProperty]
    public int Version { get; set; }

    public AppraisalRoundDetail Detail { get; private set; } = null!;

    public async Task OnGetAsync() => await ReloadAsync();

    public async Task<IActionResult> OnPostFinaliseAsync()
    {
        var ct = HttpContext.RequestAborted;
        await appraisals.FinaliseAsync(Id, Version, await me.CallerAsync(ct), ct);
        TempData["Flash"] = "考核已定案，排名和等级已确定。";
        return RedirectToPage(new { id = Id });
    }

    public async Task<IActionResult> OnPostPublishAsync()
    {
        var ct = HttpContext.RequestAborted;
        await appraisals.PublishAsync(Id, Version, await me.CallerAsync(ct), ct);
        TempData["Flash"] = "考核结果已在系统内通报，全部被考核对象可查看结果列表。";
        return RedirectToPage(new { id = Id });
    }

    public async Task<IActionResult> OnGetExportAsync()
    {
        var ct = HttpContext.RequestAborted;
        return AppraisalsApi.RankingExport(await appraisals.DetailAsync(Id, await me.CallerAsync(ct), ct));
    }

    public async Task ReloadAsync()
    {
        var ct = HttpContext.RequestAborted;
        Detail = await appraisals.DetailAsync(Id, await me.CallerAsync(ct), ct);
    }
}
