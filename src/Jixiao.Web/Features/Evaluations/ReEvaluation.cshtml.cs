using Jixiao.Core.Evaluations;
using Jixiao.Core.Identity;
using Jixiao.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jixiao.Web.Features.Evaluations;

/// <summary>One re-evaluation: how it was sampled (the seed, re-checkable), the sampled forms with their differences and flags, completion.</summary>
[Authorize(Policy = nameof(Permission.UseBusinessArea))]
public sealed class ReEvaluationModel(CurrentUser me, ReEvaluationService reEvaluations) : PageModel, IReloadOnError
{
    [BindProperty(SupportsGet = true)]
    public long Id { get; set; }

    [BindProperty]
    public int Version { get; set; }

    [BindProperty]
    public string? Conclusion { get; set; }

    public ReEvaluationDetail Detail { get; private set; } = null!;

    public SampleCheck? Check { get; private set; }

    public async Task OnGetAsync() => await ReloadAsync();

    /// <summary>Re-runs the recorded draw and shows whether it gives the same forms.</summary>
    public async Task OnGetVerifyAsync()
    {
        await ReloadAsync();
        var ct = HttpContext.RequestAborted;
        Check = await reEvaluations.VerifySampleAsync(Id, await me.CallerAsync(ct), ct);
    }

    public async Task<IActionResult> OnPostCompleteAsync()
    {
        var ct = HttpContext.RequestAborted;
        await reEvaluations.CompleteAsync(Id, Version, Conclusion, await me.CallerAsync(ct), ct);
        TempData["Flash"] = "再评价已完成，被评价单位可查看本单位的结果。";
        return RedirectToPage(new { id = Id });
    }

    public async Task ReloadAsync()
    {
        var ct = HttpContext.RequestAborted;
        Detail = await reEvaluations.DetailAsync(Id, await me.CallerAsync(ct), ct);
    }
}
