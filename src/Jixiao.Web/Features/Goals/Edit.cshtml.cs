using Jixiao.Core.Common;
using Jixiao.Core.Goals;
using Jixiao.Core.Identity;
using Jixiao.Core.Indicators;
using Jixiao.Core.PriorAssessments;
using Jixiao.Core.Projects;
using Jixiao.Core.RuleSets;
using Jixiao.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jixiao.Web.Features.Goals;

/// <summary>One level-3 indicator row of the goal form, as typed.</summary>
public sealed class IndicatorRow
{
    public string? Level1 { get; set; }

    public string? Level2 { get; set; }

    public string? Name { get; set; }

    public Comparison Comparison { get; set; }

    public decimal? TargetValue { get; set; }

    public string? TargetText { get; set; }

    public string? Unit { get; set; }

    public decimal? Weight { get; set; }

    public string? ScoringStandard { get; set; }

    public TargetBasis Basis { get; set; }

    public string? Remark { get; set; }

    public long? LibraryIndicatorId { get; set; }

    public static IndicatorRow From(GoalIndicator i) => new()
    {
        Level1 = i.Level1,
        Level2 = i.Level2,
        Name = i.Name,
        Comparison = i.Comparison,
        TargetValue = i.TargetValue,
        TargetText = i.TargetText,
        Unit = i.Unit,
        Weight = i.Weight,
        ScoringStandard = i.ScoringStandard,
        Basis = i.Basis,
        Remark = i.Remark,
        LibraryIndicatorId = i.LibraryIndicatorId,
    };

    public IndicatorInput ToInput() => new(Level1 ?? "", Level2 ?? "", Name ?? "", Comparison, TargetValue, TargetText, Unit, Weight ?? 0m,
        ScoringStandard, Basis, Remark, LibraryIndicatorId);
}

/// <summary>The row partial's model: the row, its index (null for the template row) and the category code list.</summary>
public sealed record IndicatorRowView(int? Index, IndicatorRow Row, IReadOnlyList<IndicatorCategory> Categories, bool Flagged = false);

/// <summary>One level-3 indicator read-only, with the category list for the names.</summary>
public sealed record GoalTableView(PerformanceGoal Goal, IReadOnlyList<IndicatorCategory> Categories, string TableId);

/// <summary>The results of a library search inside the goal page (htmx partial).</summary>
public sealed record LibraryPick(IReadOnlyList<LibraryIndicator> Items, int Total, IReadOnlyList<IndicatorCategory> Categories);

/// <summary>
/// A project's performance goal: the unit fills and submits it ("谁申请资金、谁设定目标"), reviewers see the same page
/// read-only with the quality check, the 四性 scores and their workflow actions; the flow history below.
/// </summary>
[Authorize(Policy = nameof(Permission.UseBusinessArea))]
public sealed class EditModel(CurrentUser me, ProjectService projects, GoalService goals, RuleSetService rules, IndicatorLibraryService library, GoalExcelService excel,
    PriorAssessmentGate gate, Jixiao.Core.Monitoring.MonitoringService monitoring) : PageModel, IReloadOnError
{
    private bool _savePosted;

    [BindProperty(SupportsGet = true)]
    public long ProjectId { get; set; }

    /// <summary>The current goal version's concurrency version (absent before the first save).</summary>
    [BindProperty]
    public int? Version { get; set; }

    [BindProperty]
    public string? MediumTermGoal { get; set; }

    [BindProperty]
    public string? AnnualGoal { get; set; }

    [BindProperty]
    public string? AdjustmentReason { get; set; }

    [BindProperty]
    public List<IndicatorRow> Indicators { get; set; } = [];

    /// <summary>Review opinion; required to return a goal, and to start an adjustment.</summary>
    [BindProperty]
    public string? Reason { get; set; }

    [BindProperty]
    public decimal? Completeness { get; set; }

    [BindProperty]
    public decimal? Relevance { get; set; }

    [BindProperty]
    public decimal? Appropriateness { get; set; }

    [BindProperty]
    public decimal? Feasibility { get; set; }

    public Project Project { get; private set; } = null!;

    public GoalView View { get; private set; } = null!;

    public string UnitName { get; private set; } = "";

    public string DepartmentName { get; private set; } = "";

    public IReadOnlyList<IndicatorCategory> Categories { get; private set; } = [];

    /// <summary>Level-3 weights must add up to this (100 − the execution-rate points).</summary>
    public decimal WeightTarget { get; private set; }

    /// <summary>Reviewers (department, budget section) may score the 四性 when they pass or return.</summary>
    public bool CanScore => View.AvailableActions.Any(a => a is GoalAction.Pass or GoalAction.Return)
        && me.Roles.Any(r => r is Role.Department or Role.BudgetSection);

    /// <summary>The budget gate of Art. 14, for a new major (or renewal) project only.</summary>
    public GateStatus? Gate { get; private set; }

    /// <summary>The project's latest ex-ante assessment, if any.</summary>
    public long? GateAssessmentId { get; private set; }

    /// <summary>Why the goal cannot be submitted yet, or null when the gate is passed.</summary>
    public string? GateReason => Gate is { } g ? PriorAssessmentGateRules.BlockReason(g, GateAssessmentId) : null;

    /// <summary>The declaring unit may start a (new) assessment from here.</summary>
    public bool CanStartAssessment => Gate is { } g && PriorAssessmentGateRules.MayStartNew(g)
        && me.Roles.Contains(Role.BudgetUnit) && me.OrganizationId == Project.OrganizationId;
    /// <summary>The project's funding state (Art. 22); anything but normal is shown beside the goal state.</summary>
    public Jixiao.Core.Monitoring.FundingState Funding { get; private set; }

    /// <summary>The performance and budget sections record finance actions (Art. 22) on the project's funding page.</summary>
    public bool CanActOnFunding => me.Roles.Any(r => r is Role.PerformanceSection or Role.BudgetSection);

    public bool AdjustmentUnderWay => View.InForce is { } f && View.Current is { } c && f.Id != c.Id;

    public async Task OnGetAsync() => await ReloadAsync();

    /// <summary>The goal as the usual 项目支出绩效目标申报表 (.xlsx), for printing and filing.</summary>
    public async Task<IActionResult> OnGetDeclarationAsync()
    {
        var file = await excel.DeclarationAsync(ProjectId, await me.ScopeAsync(HttpContext.RequestAborted), HttpContext.RequestAborted);
        return File(file.Content, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", file.FileName);
    }

    public async Task<IActionResult> OnPostSaveAsync()
    {
        _savePosted = true;
        await ReloadAsync();
        if (!ModelState.IsValid) return Page();
        var ct = HttpContext.RequestAborted;
        var input = new GoalInput(MediumTermGoal, AnnualGoal, Indicators.Where(i => !IsBlank(i)).Select(i => i.ToInput()).ToList(), AdjustmentReason);
        await goals.SaveDraftAsync(Project, Version, input, me.OrganizationId, me.Roles, ct);
        TempData["Flash"] = "目标草稿已保存。下方“质量检查”列出申报前须修改的问题。";
        return RedirectToPage(new { projectId = ProjectId });
    }

    public async Task<IActionResult> OnPostActAsync(GoalAction act)
    {
        var posted = Version;
        await ReloadAsync();
        if (!ModelState.IsValid) return Page();
        if (posted is not { } v) throw new ConcurrencyConflictException("请刷新页面后重新操作（缺少版本号）。");
        GoalReviewScore? score = null;
        var parts = new[] { Completeness, Relevance, Appropriateness, Feasibility };
        if (act is GoalAction.Pass or GoalAction.Return && parts.Any(x => x is not null))
        {
            if (parts.Any(x => x is null)) throw new DomainException("四性评分须完整性、相关性、适当性、可行性四项都填写（或都不填）。");
            score = new GoalReviewScore(Completeness!.Value, Relevance!.Value, Appropriateness!.Value, Feasibility!.Value);
        }
        var ct = HttpContext.RequestAborted;
        var goal = await goals.ActAsync(Project, act, v, Reason, score, me.OrganizationId, me.Roles, ct);
        TempData["Flash"] = $"已{act.ChineseName()}，目标现为“{goal.State.ChineseName()}”。";
        return RedirectToPage(new { projectId = ProjectId });
    }

    public async Task<IActionResult> OnPostAdjustAsync()
    {
        await ReloadAsync();
        var ct = HttpContext.RequestAborted;
        var goal = await goals.AdjustAsync(Project, Reason ?? "", me.OrganizationId, me.Roles, ct);
        TempData["Flash"] = $"已发起调整，第{goal.VersionNo}版为调整稿；调整批复前原目标继续执行。";
        return RedirectToPage(new { projectId = ProjectId });
    }

    /// <summary>htmx: indicator library search results for the "从指标库选择" panel (GET, no state change).</summary>
    public async Task<IActionResult> OnGetLibraryAsync(string? q, string? level1, string? level2, IndicatorScope? scope)
    {
        var ct = HttpContext.RequestAborted;
        var s = await me.ScopeAsync(ct);
        Project = await projects.LoadAsync(ProjectId, s, ct);
        var r = await rules.ResolveAsync(Project.RegionId, Project.FiscalYear, ct);
        var result = await library.SearchAsync(s, new LibraryFilter(q, scope, level1, level2), 1, 30, ct);
        return Partial("_LibraryResults", new LibraryPick(result.Items, result.Total, r.Content.Goals.Categories));
    }

    /// <summary>Loads the project, the goal view and the code list; the form keeps what was typed after a failed save.</summary>
    public async Task ReloadAsync()
    {
        var ct = HttpContext.RequestAborted;
        var scope = await me.ScopeAsync(ct);
        Project = await projects.LoadAsync(ProjectId, scope, ct);
        var row = await projects.FindRowAsync(ProjectId, scope, ct);
        UnitName = row?.UnitName ?? "";
        DepartmentName = row?.DepartmentName ?? "";
        View = await goals.ViewAsync(Project, me.Roles, me.OrganizationId, ct);
        if (Project.NeedsPriorAssessment) (Gate, GateAssessmentId) = await gate.StatusAsync(Project.Id, ct);
        Funding = await monitoring.FundingAsync(ProjectId, ct);
        var effective = await rules.ResolveAsync(Project.RegionId, Project.FiscalYear, ct);
        Categories = effective.Content.Goals.Categories;
        WeightTarget = effective.Content.SelfEvaluation.IndicatorWeightTotal;
        if (!_savePosted)
        {
            var c = View.Current;
            Version = c?.Version;
            MediumTermGoal = c?.MediumTermGoal;
            AnnualGoal = c?.AnnualGoal;
            AdjustmentReason = c?.AdjustmentReason;
            Indicators = c?.Indicators.OrderBy(i => i.SortOrder).Select(IndicatorRow.From).ToList() ?? [];
            if (Indicators.Count == 0 && View.CanEdit) Indicators.Add(new IndicatorRow { Level1 = Categories.FirstOrDefault()?.Code });
        }
    }

    private static bool IsBlank(IndicatorRow i) => string.IsNullOrWhiteSpace(i.Name) && i.TargetValue is null && string.IsNullOrWhiteSpace(i.TargetText)
        && i.Weight is null && string.IsNullOrWhiteSpace(i.ScoringStandard) && i.LibraryIndicatorId is null;
}
