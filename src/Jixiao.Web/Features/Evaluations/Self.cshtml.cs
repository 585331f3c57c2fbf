using Jixiao.Core.Common;
using Jixiao.Core.Evaluations;
using Jixiao.Core.Identity;
using Jixiao.Core.RuleSets;
using Jixiao.Web.Features.ThirdParties;
using Jixiao.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jixiao.Web.Features.Evaluations;

/// <summary>
/// 绩效自评: the year's tasks with their progress (the performance section issues and ends them here) and the self-evaluation forms the
/// user may see (a unit its own, a department its units', the finance bureau its region), filtered by task, department, state and
/// grade, paged, and exported as .xlsx.
/// </summary>
[Authorize(Policy = nameof(Permission.UseBusinessArea))]
public sealed class SelfModel(CurrentUser me, SelfEvaluationService evaluations) : PageModel, IReloadOnError
{
    [BindProperty(SupportsGet = true)]
    public int? Year { get; set; }

    [BindProperty(SupportsGet = true)]
    public long? TaskId { get; set; }

    [BindProperty(SupportsGet = true)]
    public long? DepartmentId { get; set; }

    [BindProperty(SupportsGet = true)]
    public SelfEvaluationState? State { get; set; }

    [BindProperty(SupportsGet = true)]
    public Grade? Grade { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int? PageNo { get; set; }

    /// <summary>The new task's title and deadline (绩效管理科).</summary>
    [BindProperty]
    public string? Title { get; set; }

    [BindProperty]
    public DateOnly? Deadline { get; set; }

    [BindProperty]
    public int? Version { get; set; }

    /// <summary>The new task's filter: departments (none: all) …</summary>
    [BindProperty]
    public List<long> IssueDepartmentIds { get; set; } = [];

    /// <summary>… key-monitoring projects only …</summary>
    [BindProperty]
    public bool IssueKeyMonitoringOnly { get; set; }

    /// <summary>… and project codes, separated by commas, spaces or lines (none: all).</summary>
    [BindProperty]
    public string? IssueProjectCodes { get; set; }

    /// <summary>The region's departments (the issue form's choices).</summary>
    public IReadOnlyList<(long Id, string Name)> IssueDepartments { get; private set; } = [];

    public IReadOnlyList<SelfEvaluationTaskRow> Tasks { get; private set; } = [];

    public IReadOnlyList<SelfEvaluationRow> Rows { get; private set; } = [];

    /// <summary>The departments of the forms the user sees in the chosen task (the department filter's choices).</summary>
    public IReadOnlyList<(long Id, string Name)> Departments { get; private set; } = [];

    public Pager Pager { get; private set; } = new(1, 20, 0);

    public int FiscalYear => Year ?? me.FiscalYear;

    public IEnumerable<int> Years => me.SelectableYears;

    public bool CanIssue => me.Roles.Contains(Role.PerformanceSection);

    public SelfEvaluationTaskRow? Task => TaskId is { } id ? Tasks.FirstOrDefault(t => t.Id == id) : null;

    public async Task OnGetAsync()
    {
        await ReloadAsync();
        if (Title is null && CanIssue)
        {
            Title = $"{FiscalYear}年度项目支出绩效自评";
            Deadline = new DateOnly(FiscalYear + 1, 3, 31);
        }
    }

    /// <summary>The filtered forms (all pages) as .xlsx.</summary>
    public async Task<IActionResult> OnGetExportAsync()
    {
        var ct = HttpContext.RequestAborted;
        var caller = await me.CallerAsync(ct);
        if (Year is null && TaskId is { } taskId) Year = await evaluations.TaskYearAsync(taskId, caller, ct);
        var rows = await evaluations.EvaluationsAsync(Filter(), caller, ct);
        return XlsxExport.File<SelfEvaluationRow>($"绩效自评-{FiscalYear}-{DateTime.Now:yyyyMMdd}.xlsx",
        [
            ("编号", r => r.Id),
            ("项目代码", r => r.ProjectCode),
            ("项目名称", r => r.ProjectName),
            ("预算单位", r => r.UnitName),
            ("主管部门", r => r.DepartmentName),
            ("类别", r => r.UnitId == r.DepartmentId ? "部门整体" : "项目"),
            ("状态", r => SelfEvaluationWorkflow.StateName(r.State, r.UnitId == r.DepartmentId)),
            ("总分", r => r.Total),
            ("等级", r => r.Grade?.ChineseName()),
            ("提交时间", r => r.SubmittedAt is null ? null : Display.Time(r.SubmittedAt)),
        ], rows.Take(XlsxExport.MaxRows));
    }

    public async Task<IActionResult> OnPostIssueAsync()
    {
        var ct = HttpContext.RequestAborted;
        if (string.IsNullOrWhiteSpace(Title)) throw new DomainException("请填写自评任务名称。");
        if (Deadline is not { } deadline) throw new DomainException("请填写自评截止日期。");
        var filter = SelfEvaluationTaskSelection.Normalize(IssueDepartmentIds, IssueKeyMonitoringOnly, IssueProjectCodes is null ? [] : [IssueProjectCodes]);
        var task = await evaluations.IssueTaskAsync(FiscalYear, new SelfEvaluationTaskInput(Title, deadline, filter), await me.CallerAsync(ct), ct);
        var count = (await evaluations.TasksAsync(task.FiscalYear, await me.CallerAsync(ct), ct)).First(t => t.Id == task.Id).Evaluations;
        TempData["Flash"] = $"已下达“{task.Title}”：{count} 个项目须填报自评表，各单位已收到待办。"
            + (task.SkippedProjects > 0 ? $"另有 {task.SkippedProjects} 个符合条件的项目已在本年度其他自评任务中，已跳过。" : "");
        return RedirectToPage(new { year = task.FiscalYear, taskId = task.Id });
    }

    public async Task<IActionResult> OnPostCloseAsync(long closeId)
    {
        var ct = HttpContext.RequestAborted;
        var task = await evaluations.CloseTaskAsync(closeId, Version ?? throw new ConcurrencyConflictException("请刷新页面后重新操作（缺少版本号）。"),
            await me.CallerAsync(ct), ct);
        TempData["Flash"] = $"自评任务“{task.Title}”已结束：未提交的自评表不能再填报，已提交的保持不变。";
        return RedirectToPage(new { year = task.FiscalYear, taskId = task.Id });
    }

    public async Task ReloadAsync()
    {
        var ct = HttpContext.RequestAborted;
        var caller = await me.CallerAsync(ct);
        // A to-do's link names the task only: its list is of the task's year, whatever year the user works in.
        if (Year is null && TaskId is { } taskId) Year = await evaluations.TaskYearAsync(taskId, caller, ct);
        Tasks = await evaluations.TasksAsync(FiscalYear, caller, ct);
        IssueDepartments = await evaluations.IssuableDepartmentsAsync(caller, ct);
        var all = await evaluations.EvaluationsAsync(new SelfEvaluationFilter(FiscalYear, TaskId), caller, ct);
        Departments = all.Select(r => (r.DepartmentId, r.DepartmentName)).Distinct().ToList();
        var rows = all.Where(r => (DepartmentId is null || r.DepartmentId == DepartmentId) && (State is null || r.State == State)
            && (Grade is null || r.Grade == Grade)).ToList();
        var (p, s) = Paging.Normalize(PageNo, 20);
        Rows = rows.Skip((p - 1) * s).Take(s).ToList();
        Pager = new(p, s, rows.Count);
    }

    public string ExportLink() => ListLinks.Export(Request);

    private SelfEvaluationFilter Filter() => new(FiscalYear, TaskId, DepartmentId, Grade, State);
}
