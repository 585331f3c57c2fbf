using Jixiao.Core.Appraisals;
using Jixiao.Core.Common;
using Jixiao.Core.Identity;
using Jixiao.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jixiao.Web.Features.Appraisals;

/// <summary>
/// 年度考核: the appraisal rounds the caller may see (the performance section's own and those below; a department or a county only the
/// rounds with its sheet), filtered by the year appraised and the kind, and a new round for the performance section.
/// </summary>
[Authorize(Policy = nameof(Permission.UseBusinessArea))]
public sealed class IndexModel(CurrentUser me, AppraisalService appraisals) : PageModel, IReloadOnError
{
    [BindProperty(SupportsGet = true)]
    public int? Year { get; set; }

    [BindProperty(SupportsGet = true)]
    public AppraisalSubjectKind? Kind { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int? PageNo { get; set; }

    [BindProperty]
    public AppraisalSubjectKind NewKind { get; set; }

    [BindProperty]
    public int? NewYear { get; set; }

    [BindProperty]
    public DateOnly? Deadline { get; set; }

    [BindProperty]
    public string? Title { get; set; }

    public IReadOnlyList<AppraisalRoundRow> Rows { get; private set; } = [];

    public Pager Pager { get; private set; } = new(1, 20, 0);

    public bool CanCreate => me.Roles.Contains(Role.PerformanceSection);

    public IEnumerable<int> Years => me.SelectableYears;

    public int DefaultYear => me.FiscalYear - 1;

    public async Task OnGetAsync() => await ReloadAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        var ct = HttpContext.RequestAborted;
        if (Deadline is not { } deadline) throw new DomainException("请填写自评截止日期。");
        var round = await appraisals.CreateAsync(new AppraisalRoundInput(NewYear ?? DefaultYear, NewKind, deadline, Title), await me.CallerAsync(ct), ct);
        TempData["Flash"] = $"已建立考核并下发{round.Sheets.Count}张考核表，系统可计算的子项已计算。";
        return RedirectToPage("/Appraisals/Round", new { id = round.Id });
    }

    public async Task ReloadAsync()
    {
        var ct = HttpContext.RequestAborted;
        var (p, s) = Paging.Normalize(PageNo, 20);
        var result = await appraisals.ListAsync(new AppraisalFilter(Year, Kind), await me.CallerAsync(ct), p, s, ct);
        Rows = result.Items;
        Pager = new(p, s, result.Total);
        Deadline ??= new DateOnly(me.FiscalYear, 3, 31);
    }
}
