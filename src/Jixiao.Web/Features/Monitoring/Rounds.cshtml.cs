using Jixiao.Core.Common;
using Jixiao.Core.Identity;
using Jixiao.Core.Monitoring;
using Jixiao.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jixiao.Web.Features.Monitoring;

/// <summary>
/// 监控轮次: the rounds of the selected year with how far the caller's reports have got; the performance section issues a round
/// (data to the end of a month, due date, all projects or key monitoring) and closes it.
/// </summary>
[Authorize(Policy = nameof(Permission.UseBusinessArea))]
public sealed class RoundsModel(CurrentUser me, MonitoringService monitoring, TimeProvider time) : PageModel, IReloadOnError
{
    [BindProperty]
    public int Month { get; set; } = 7;

    [BindProperty]
    public DateOnly? DueDate { get; set; }

    [BindProperty]
    public string? Title { get; set; }

    [BindProperty]
    public RoundCoverage Coverage { get; set; }

    public IReadOnlyList<RoundRow> Rounds { get; private set; } = [];

    public int FiscalYear => me.FiscalYear;

    public bool CanIssue => me.Roles.Contains(Role.PerformanceSection);

    public async Task OnGetAsync()
    {
        await ReloadAsync();
        // The main round: data to the end of July, reported by 15 August.
        var now = ChinaTime.Now(time);
        Month = FiscalYear == now.Year && now.Month <= 7 ? Math.Max(1, now.Month - 1) : 7;
        DueDate = new DateOnly(FiscalYear, Month, 1).AddMonths(1).AddDays(14);
        Title = $"{FiscalYear}年1-{Month}月项目支出绩效运行监控";
    }

    public async Task<IActionResult> OnPostIssueAsync()
    {
        await ReloadAsync();
        if (!ModelState.IsValid) return Page();
        if (DueDate is not { } due) throw new DomainException("请填写报送截止日期。");
        var ct = HttpContext.RequestAborted;
        var round = await monitoring.IssueRoundAsync(FiscalYear, new RoundInput(Month, due, Title ?? "", Coverage), await me.CallerAsync(ct), ct);
        var count = (await monitoring.RoundsAsync(FiscalYear, await me.CallerAsync(ct), ct)).FirstOrDefault(r => r.Id == round.Id)?.Reports ?? 0;
        TempData["Flash"] = $"已下达监控轮次“{round.Title}”，共{count}个项目，各单位已收到填报待办。";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostCloseAsync(long id, int version)
    {
        var ct = HttpContext.RequestAborted;
        var round = await monitoring.CloseRoundAsync(id, version, await me.CallerAsync(ct), ct);
        TempData["Flash"] = $"监控轮次“{round.Title}”已结束。";
        return RedirectToPage();
    }

    public async Task ReloadAsync()
    {
        var ct = HttpContext.RequestAborted;
        Rounds = await monitoring.RoundsAsync(FiscalYear, await me.CallerAsync(ct), ct);
    }
}
