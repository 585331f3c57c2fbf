using Jixiao.Core.Evaluations;
using Jixiao.Core.Identity;
using Jixiao.Core.Monitoring;
using Jixiao.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jixiao.Web.Features.Evaluations;

/// <summary>One row of the re-score form as posted.</summary>
public sealed class ReScoreRow
{
    public long Id { get; set; }

    public decimal? Actual { get; set; }

    public QualitativeBand? Band { get; set; }

    public decimal? Points { get; set; }

    public string? Comment { get; set; }
}

/// <summary>
/// One re-evaluated self-evaluation side by side per indicator: the unit's value and points, the re-scorer's value (or band and points)
/// with a comment, the re-evaluation points and the difference; the totals, their difference and the flag. The performance section
/// re-scores while the re-evaluation runs; the evaluated unit reads its own result once it is completed.
/// </summary>
[Authorize(Policy = nameof(Permission.UseBusinessArea))]
public sealed class ReEvaluationItemModel(CurrentUser me, ReEvaluationService reEvaluations) : PageModel, IReloadOnError
{
    [BindProperty(SupportsGet = true)]
    public long Id { get; set; }

    [BindProperty]
    public int Version { get; set; }

    [BindProperty]
    public List<ReScoreRow> Rows { get; set; } = [];

    [BindProperty]
    public string? Comment { get; set; }

    public ReEvaluationItemView View { get; private set; } = null!;

    /// <summary>The performance section reaches the re-evaluation itself; the evaluated unit only its own result.</summary>
    public bool IsOrganiser => me.Roles.Contains(Role.PerformanceSection);

    public async Task OnGetAsync() => await ReloadAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        var ct = HttpContext.RequestAborted;
        var item = await reEvaluations.ReScoreAsync(Id, Version, new ReScoreInput(Rows.Select(r => new ReScoreIndicatorInput(r.Id, r.Actual, r.Band, r.Points,
            r.Comment)).ToList(), Comment), await me.CallerAsync(ct), ct);
        TempData["Flash"] = item.Flagged
            ? $"已复核评分：总分差异 {item.TotalDifference:0.00} 分，超过阈值，标记为自评质量较低。"
            : $"已复核评分：总分差异 {item.TotalDifference:0.00} 分。";
        return RedirectToPage(new { id = Id });
    }

    /// <summary>The row as posted (after a refusal) or as stored.</summary>
    public ReScoreRow RowFor(ReEvaluationIndicator i) => Rows.FirstOrDefault(r => r.Id == i.Id)
        ?? new ReScoreRow { Id = i.Id, Actual = i.Actual ?? i.SelfActual, Band = i.Band ?? i.SelfBand, Points = i.EnteredPoints ?? (i.Band is null ? i.SelfPoints : null), Comment = i.Comment };

    public async Task ReloadAsync()
    {
        var ct = HttpContext.RequestAborted;
        View = await reEvaluations.ItemAsync(Id, await me.CallerAsync(ct), ct);
    }
}
