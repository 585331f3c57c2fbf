using Jixiao.Core.Common;
using Jixiao.Core.Evaluations;
using Jixiao.Core.Identity;
using Jixiao.Core.Organizations;
using Jixiao.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jixiao.Web.Features.Evaluations;

/// <summary>
/// 再评价: the performance section's re-evaluations of a year, and a new one — a random draw (count or share, optional seed and
/// department; the seed is recorded) or the self-evaluations chosen from the submitted ones.
/// </summary>
[Authorize(Policy = nameof(Permission.UseBusinessArea))]
public sealed class ReEvaluationsModel(CurrentUser me, ReEvaluationService reEvaluations, OrganizationService orgs) : PageModel, IReloadOnError
{
    [BindProperty(SupportsGet = true)]
    public int? Year { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int? PageNo { get; set; }

    [BindProperty]
    public string? Title { get; set; }

    [BindProperty]
    public ReEvaluationMethod Method { get; set; }

    [BindProperty]
    public long? Seed { get; set; }

    [BindProperty]
    public int? Count { get; set; }

    /// <summary>The share in percent, as typed.</summary>
    [BindProperty]
    public decimal? SharePercent { get; set; }

    [BindProperty]
    public long? DepartmentId { get; set; }

    [BindProperty]
    public List<long> Chosen { get; set; } = [];

    [BindProperty]
    public string? ReScorerName { get; set; }

    public IReadOnlyList<ReEvaluationRow> Rows { get; private set; } = [];

    public Pager Pager { get; private set; } = new(1, 20, 0);

    public IReadOnlyList<SelfEvaluationRow> Candidates { get; private set; } = [];

    public IReadOnlyList<OrganizationRow> Departments { get; private set; } = [];

    public bool CanCreate => me.Roles.Contains(Role.PerformanceSection);

    public int FiscalYear => Year ?? me.FiscalYear;

    public IEnumerable<int> Years => me.SelectableYears;

    public async Task OnGetAsync() => await ReloadAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        var ct = HttpContext.RequestAborted;
        var r = await reEvaluations.CreateAsync(FiscalYear, new ReEvaluationInput(Title ?? "", Method, Seed, Count, SharePercent is { } s ? s / 100m : null,
            DepartmentId, Method == ReEvaluationMethod.Chosen ? Chosen : null, ReScorerName), await me.CallerAsync(ct), ct);
        TempData["Flash"] = r.Method == ReEvaluationMethod.Random
            ? $"已随机抽取{r.SampleCount}份自评表（种子 {r.Seed}），请逐份复核评分。"
            : $"已指定{r.SampleCount}份自评表，请逐份复核评分。";
        return RedirectToPage("/Evaluations/ReEvaluation", new { id = r.Id });
    }

    public async Task ReloadAsync()
    {
        var ct = HttpContext.RequestAborted;
        var caller = await me.CallerAsync(ct);
        var (p, s) = Paging.Normalize(PageNo, 20);
        var result = await reEvaluations.ListAsync(FiscalYear, caller, p, s, ct);
        Rows = result.Items;
        Pager = new(p, s, result.Total);
        if (!CanCreate) return;
        Candidates = await reEvaluations.CandidatesAsync(FiscalYear, null, caller, ct);
        Departments = (await orgs.OptionsAsync(caller.Scope, null, [OrganizationKind.Department], ct))
            .Where(d => Candidates.Any(c => c.DepartmentId == d.Id)).ToList();
        Title ??= $"{FiscalYear}年度项目支出绩效自评再评价";
    }
}
