using Jixiao.Core.Common;
using Jixiao.Core.Identity;
using Jixiao.Core.Indicators;
using Jixiao.Core.Monitoring;
using Jixiao.Core.RuleSets;
using Jixiao.Core.Workflows;

namespace Jixiao.Core.Evaluations;

public enum SelfEvaluationTaskState
{
    /// <summary>进行中</summary>
    Open,
    /// <summary>已结束</summary>
    Closed,
}

/// <summary>
/// 绩效自评任务: issued by the performance section for a region and year with a deadline; every unit project with goals in force
/// (or those of them the task's filter selects: departments, key monitoring, project codes) gets a self-evaluation form
/// (项目支出绩效自评表) its unit fills in. A project is in at most one task per year.
/// </summary>
public sealed class SelfEvaluationTask : IVersioned
{
    private SelfEvaluationTask() { }

    public SelfEvaluationTask(long regionId, int fiscalYear, string title, DateOnly deadline, string issuedByName, DateTime issuedAt,
        SelfEvaluationTaskFilter? filter = null)
    {
        title = title?.Trim() ?? "";
        if (title.Length is 0 or > 200) throw new DomainException("请填写自评任务名称（不超过200字）。");
        if (fiscalYear is < 2000 or > 2100) throw new DomainException("预算年度无效。");
        if (deadline < new DateOnly(fiscalYear, 1, 1)) throw new DomainException("自评截止日期不能早于该预算年度。");
        RegionId = regionId;
        FiscalYear = fiscalYear;
        Title = title;
        Deadline = deadline;
        IssuedByName = issuedByName;
        IssuedAt = issuedAt;
        filter ??= SelfEvaluationTaskFilter.All;
        DepartmentIds = filter.DepartmentIds.Count == 0 ? null : string.Join(',', filter.DepartmentIds);
        KeyMonitoringOnly = filter.KeyMonitoringOnly;
        ProjectCodes = filter.ProjectCodes.Count == 0 ? null : string.Join(',', filter.ProjectCodes);
    }

    public long Id { get; private set; }

    public long RegionId { get; private set; }

    public int FiscalYear { get; private set; }

    public string Title { get; private set; } = "";

    public DateOnly Deadline { get; private set; }

    public SelfEvaluationTaskState State { get; private set; }

    public string IssuedByName { get; private set; } = "";

    public DateTime IssuedAt { get; private set; }

    /// <summary>The filter's departments (organisation ids, comma-separated); null: every department.</summary>
    public string? DepartmentIds { get; private set; }

    /// <summary>The filter: key-monitoring projects (重点监控) only.</summary>
    public bool KeyMonitoringOnly { get; private set; }

    /// <summary>The filter's project codes (comma-separated); null: every project.</summary>
    public string? ProjectCodes { get; private set; }

    /// <summary>Projects the filter matched that an earlier task of the year already covered.</summary>
    public int SkippedProjects { get; private set; }

    public int Version { get; private set; }

    public SelfEvaluationTaskFilter Filter => new FilterColumns(DepartmentIds, KeyMonitoringOnly, ProjectCodes).Filter;

    /// <summary>The filter as stored (for projections that read the columns).</summary>
    public sealed record FilterColumns(string? DepartmentIds, bool KeyMonitoringOnly, string? ProjectCodes)
    {
        public SelfEvaluationTaskFilter Filter => new(
            string.IsNullOrEmpty(DepartmentIds) ? [] : DepartmentIds.Split(',').Select(long.Parse).ToList(),
            KeyMonitoringOnly,
            string.IsNullOrEmpty(ProjectCodes) ? [] : ProjectCodes.Split(',').ToList());
    }

    internal void Selected(SelfEvaluationSelection selection) => SkippedProjects = selection.Skipped;

    public void Close()
    {
        if (State == SelfEvaluationTaskState.Closed) throw new DomainException("该自评任务已经结束。");
        State = SelfEvaluationTaskState.Closed;
    }
}

public enum SelfEvaluationState
{
    /// <summary>待填报</summary>
    Draft,
    /// <summary>已提交, waiting for the department.</summary>
    Submitted,
    /// <summary>部门已审核</summary>
    DepartmentReviewed,
    /// <summary>已退回, with the reason.</summary>
    Returned,
}

public enum SelfEvaluationAction
{
    Submit,
    Pass,
    Return,
}

/// <summary>
/// The self-evaluation's workflow: the unit submits, the department passes or returns with a reason. A whole-department
/// self-evaluation (部门整体自评) is submitted by the department and reviewed by the performance section.
/// </summary>
public static class SelfEvaluationWorkflow
{
    public static string ChineseName(this SelfEvaluationState s) => s switch
    {
        SelfEvaluationState.Draft => "待填报",
        SelfEvaluationState.Submitted => "已提交",
        SelfEvaluationState.DepartmentReviewed => "部门已审核",
        SelfEvaluationState.Returned => "已退回",
    };

    public static string ChineseName(this SelfEvaluationAction a) => a switch
    {
        SelfEvaluationAction.Submit => "提交",
        SelfEvaluationAction.Pass => "审核通过",
        SelfEvaluationAction.Return => "退回",
    };

    public static readonly StateMachine<SelfEvaluationState, SelfEvaluationAction> Machine =
        new StateMachine<SelfEvaluationState, SelfEvaluationAction>(ChineseName, ChineseName)
            .Allow(SelfEvaluationState.Draft, SelfEvaluationAction.Submit, SelfEvaluationState.Submitted, false, Role.BudgetUnit)
            .Allow(SelfEvaluationState.Returned, SelfEvaluationAction.Submit, SelfEvaluationState.Submitted, false, Role.BudgetUnit)
            .Allow(SelfEvaluationState.Submitted, SelfEvaluationAction.Pass, SelfEvaluationState.DepartmentReviewed, false, Role.Department)
            .Allow(SelfEvaluationState.Submitted, SelfEvaluationAction.Return, SelfEvaluationState.Returned, true, Role.Department);

    /// <summary>部门整体自评: the department submits its own form; the performance section passes or returns it.</summary>
    public static readonly StateMachine<SelfEvaluationState, SelfEvaluationAction> DepartmentWide =
        new StateMachine<SelfEvaluationState, SelfEvaluationAction>(ChineseName, ChineseName)
            .Allow(SelfEvaluationState.Draft, SelfEvaluationAction.Submit, SelfEvaluationState.Submitted, false, Role.Department)
            .Allow(SelfEvaluationState.Returned, SelfEvaluationAction.Submit, SelfEvaluationState.Submitted, false, Role.Department)
            .Allow(SelfEvaluationState.Submitted, SelfEvaluationAction.Pass, SelfEvaluationState.DepartmentReviewed, false, Role.PerformanceSection)
            .Allow(SelfEvaluationState.Submitted, SelfEvaluationAction.Return, SelfEvaluationState.Returned, true, Role.PerformanceSection);

    public static StateMachine<SelfEvaluationState, SelfEvaluationAction> For(SelfEvaluation e) => e.IsDepartmentWide ? DepartmentWide : Machine;

    /// <summary>Who fills in and submits the form: the unit, or the department for its whole-department form.</summary>
    public static Role Submitter(SelfEvaluation e) => e.IsDepartmentWide ? Role.Department : Role.BudgetUnit;

    /// <summary>The state's name on a form: a whole-department form is reviewed by the finance side, not by a department.</summary>
    public static string StateName(SelfEvaluationState s, bool departmentWide) =>
        departmentWide && s == SelfEvaluationState.DepartmentReviewed ? "财政已审核" : s.ChineseName();
}

/// <summary>
/// 项目支出绩效自评表 of one unit project (RULES §3, 附件1): the execution figures (年初预算数 from the project, 全年预算数 after any
/// budget adjustment and 全年执行数 from the imported payments — never typed), the overall goal expected vs achieved, and per goal
/// indicator what the unit reports. Scores are computed live while it is edited and fixed, with the rule-set version used, at submission.
/// </summary>
public sealed class SelfEvaluation : IVersioned, IOrganizationOwned
{
    private readonly List<SelfEvaluationIndicator> _indicators = [];

    private SelfEvaluation() { }

    public SelfEvaluation(long taskId, long projectId, long regionId, int fiscalYear, long organizationId, long departmentId, decimal yearStartBudget,
        string? expectedOutcome, IEnumerable<SelfEvaluationIndicator> indicators)
    {
        TaskId = taskId;
        ProjectId = projectId;
        RegionId = regionId;
        FiscalYear = fiscalYear;
        OrganizationId = organizationId;
        DepartmentId = departmentId;
        YearStartBudget = yearStartBudget;
        ExpectedOutcome = expectedOutcome;
        _indicators.AddRange(indicators);
    }

    public long Id { get; private set; }

    public long TaskId { get; private set; }

    public long ProjectId { get; private set; }

    public long RegionId { get; private set; }

    public int FiscalYear { get; private set; }

    public long OrganizationId { get; private set; }

    public long DepartmentId { get; private set; }

    public SelfEvaluationState State { get; private set; }

    public string? ReturnReason { get; private set; }

    /// <summary>年初预算数 (yuan): the project's total budget as approved with its goal.</summary>
    public decimal YearStartBudget { get; private set; }

    /// <summary>全年预算数 (yuan), fixed at submission: after any finance budget adjustment.</summary>
    public decimal? FullYearBudget { get; private set; }

    /// <summary>全年执行数 (yuan), fixed at submission: the payments of the year.</summary>
    public decimal? Executed { get; private set; }

    /// <summary>总体目标: the expected outcome (the goal's annual goal).</summary>
    public string? ExpectedOutcome { get; private set; }

    /// <summary>总体目标实际完成情况, as the unit writes it.</summary>
    public string? ActualOutcome { get; private set; }

    public decimal? ExecutionPoints { get; private set; }

    public string? ExecutionExplanation { get; private set; }

    /// <summary>The total fixed at submission, rounded half-up to 2 decimals.</summary>
    public decimal? Total { get; private set; }

    public Grade? Grade { get; private set; }

    /// <summary>The stored rule-set version the fixed score was computed with.</summary>
    public long? RuleSetId { get; private set; }

    public DateTime? SubmittedAt { get; private set; }

    public int Version { get; private set; }

    public IReadOnlyList<SelfEvaluationIndicator> Indicators => _indicators;

    public bool IsEditable => State is SelfEvaluationState.Draft or SelfEvaluationState.Returned;

    /// <summary>部门整体自评: the form of a department's whole-spending record, owned by the department itself.</summary>
    public bool IsDepartmentWide => OrganizationId == DepartmentId;

    public void Edit(string? actualOutcome)
    {
        if (!IsEditable) throw new DomainException($"自评表当前为“{State.ChineseName()}”，不能修改。");
        if (actualOutcome?.Length > 4000) throw new DomainException("总体目标实际完成情况不超过4000字。");
        ActualOutcome = string.IsNullOrWhiteSpace(actualOutcome) ? null : actualOutcome.Trim();
    }

    internal void Move(SelfEvaluationState to, string? reason, DateTime at)
    {
        if (to == SelfEvaluationState.Submitted) SubmittedAt = at;
        ReturnReason = to == SelfEvaluationState.Returned ? reason : to == SelfEvaluationState.Submitted ? null : ReturnReason;
        State = to;
    }

    internal void Fix(decimal fullYearBudget, decimal executed, SelfEvaluationScore score, long ruleSetId)
    {
        FullYearBudget = fullYearBudget;
        Executed = executed;
        ExecutionPoints = score.ExecutionPoints;
        ExecutionExplanation = score.ExecutionExplanation;
        Total = score.Total;
        Grade = score.Grade;
        RuleSetId = ruleSetId;
        var rows = _indicators.OrderBy(i => i.SortOrder).ToList();
        for (var n = 0; n < rows.Count; n++) rows[n].Fix(score.Indicators[n]);
    }
}

/// <summary>One goal indicator's row of a self-evaluation: the goal's figures pre-filled, the unit's actual value and explanations.</summary>
public sealed class SelfEvaluationIndicator
{
    private SelfEvaluationIndicator() { }

    public SelfEvaluationIndicator(long goalIndicatorId, int sortOrder, string level1, string level2, string name, Comparison comparison, decimal? target,
        string? targetText, string? unit, decimal weight)
    {
        GoalIndicatorId = goalIndicatorId;
        SortOrder = sortOrder;
        Level1 = level1;
        Level2 = level2;
        Name = name;
        Comparison = comparison;
        Target = target;
        TargetText = targetText;
        Unit = unit;
        Weight = weight;
    }

    public long Id { get; private set; }

    public long EvaluationId { get; private set; }

    public long GoalIndicatorId { get; private set; }

    public int SortOrder { get; private set; }

    public string Level1 { get; private set; } = "";

    public string Level2 { get; private set; } = "";

    public string Name { get; private set; } = "";

    public Comparison Comparison { get; private set; }

    public decimal? Target { get; private set; }

    public string? TargetText { get; private set; }

    public string? Unit { get; private set; }

    /// <summary>分值.</summary>
    public decimal Weight { get; private set; }

    /// <summary>实际完成值 (quantitative).</summary>
    public decimal? Actual { get; private set; }

    /// <summary>The chosen band (qualitative).</summary>
    public QualitativeBand? Band { get; private set; }

    /// <summary>The points entered inside the band (qualitative).</summary>
    public decimal? EnteredPoints { get; private set; }

    /// <summary>偏差原因分析 (or the explanation of an over-achievement).</summary>
    public string? DeviationReason { get; private set; }

    /// <summary>改进措施.</summary>
    public string? Measures { get; private set; }

    /// <summary>The points fixed at submission (unrounded).</summary>
    public decimal? Points { get; private set; }

    /// <summary>The formula fixed at submission.</summary>
    public string? ScoreExplanation { get; private set; }

    /// <summary>Fixed at submission: the target was met.</summary>
    public bool Met { get; private set; }

    /// <summary>Fixed at submission: over-achieved past the rule set's threshold.</summary>
    public bool OverAchieved { get; private set; }

    public ScoringIndicator ToScoring() => new(Level1, Comparison, Weight, Target, Actual, Band, EnteredPoints);

    public void Report(decimal? actual, QualitativeBand? band, decimal? points, string? deviationReason, string? measures)
    {
        if (actual is < 0m) throw new DomainException($"指标“{Name}”的实际完成值不能为负数。");
        if (points is < 0m) throw new DomainException($"指标“{Name}”的得分不能为负数。");
        if (deviationReason?.Length > 1000 || measures?.Length > 1000) throw new DomainException($"指标“{Name}”的偏差原因和改进措施各不超过1000字。");
        var qualitative = Comparison == Comparison.Qualitative;
        Actual = qualitative ? null : actual;
        Band = qualitative ? band : null;
        EnteredPoints = qualitative ? points : null;
        DeviationReason = string.IsNullOrWhiteSpace(deviationReason) ? null : deviationReason.Trim();
        Measures = string.IsNullOrWhiteSpace(measures) ? null : measures.Trim();
    }

    internal void Fix(IndicatorScore score)
    {
        Points = score.Points;
        ScoreExplanation = score.Explanation;
        Met = score.Met;
        OverAchieved = score.OverAchieved;
    }
}
