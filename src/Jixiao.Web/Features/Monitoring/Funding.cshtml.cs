using Jixiao.Core.Common;
using Jixiao.Core.Identity;
using Jixiao.Core.Monitoring;
using Jixiao.Core.Projects;
using Jixiao.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jixiao.Web.Features.Monitoring;

/// <summary>
/// 财政处理 of a project (Art. 22): the performance and budget sections record 暂缓拨款 / 恢复拨款 / 停止拨款 / 调整预算 /
/// 取消预算 with a reason and an effective date — only the moves the declared table allows from the current state; everyone
/// in scope sees the state and the history.
/// </summary>
[Authorize(Policy = nameof(Permission.UseBusinessArea))]
public sealed class FundingModel(CurrentUser me, MonitoringService monitoring, ProjectService projects, TimeProvider time) : PageModel, IReloadOnError
{
    [BindProperty(SupportsGet = true)]
    public long ProjectId { get; set; }

    [BindProperty]
    public FinanceActionKind Kind { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    [BindProperty]
    public DateOnly? EffectiveFrom { get; set; }

    /// <summary>调整预算: the new full-year budget in 万元.</summary>
    [BindProperty]
    public decimal? NewBudgetWan { get; set; }

    public Project Project { get; private set; } = null!;

    public FundingState State { get; private set; }

    public IReadOnlyList<FinanceAction> History { get; private set; } = [];

    public IReadOnlyList<FinanceActionKind> Allowed { get; private set; } = [];

    public async Task OnGetAsync()
    {
        await ReloadAsync();
        EffectiveFrom = DateOnly.FromDateTime(ChinaTime.Now(time));
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await ReloadAsync();
        if (!ModelState.IsValid) return Page();
        decimal? newBudget = null;
        if (Kind == FinanceActionKind.AdjustBudget && NewBudgetWan is { } wan)
            newBudget = Display.WanToYuan(wan) ?? throw new DomainException("调整后的全年预算数最多精确到分（万元后六位小数）。");
        var ct = HttpContext.RequestAborted;
        var action = await monitoring.ActOnFundingAsync(ProjectId, new FinanceActionInput(Kind, Reason ?? "", EffectiveFrom, newBudget), await me.CallerAsync(ct), ct);
        TempData["Flash"] = $"已记录“{action.Kind.ChineseName()}”，拨款状态现为“{action.ResultingState.ChineseName()}”。";
        return RedirectToPage(new { projectId = ProjectId });
    }

    public async Task ReloadAsync()
    {
        var ct = HttpContext.RequestAborted;
        var caller = await me.CallerAsync(ct);
        Project = await projects.LoadAsync(ProjectId, caller.Scope, ct);
        History = await monitoring.FinanceActionsAsync(ProjectId, caller, ct);
        State = History.Count == 0 ? FundingState.Normal : History[^1].ResultingState;
        Allowed = FinanceActions.Machine.ActionsFrom(State, me.Roles).ToList();
    }
}
