using Jixiao.Core.Common;
using Jixiao.Core.Identity;
using Jixiao.Core.Indicators;
using Jixiao.Core.Workflows;

namespace Jixiao.Core.Monitoring;

/// <summary>Which projects a round covers.</summary>
public enum RoundCoverage
{
    /// <summary>全部项目: every project with goals in force.</summary>
    All,
    /// <summary>重点监控: budget ≥ the rule set's minimum and execution below its rate at the round's month.</summary>
    KeyMonitoring,
}

public enum RoundState
{
    /// <summary>进行中</summary>
    Open,
    /// <summary>已结束</summary>
    Closed,
}

/// <summary>
/// 绩效运行监控轮次: issued by the performance section for a region and year, with data to the end of a month and a due date
/// (the main round: data to end of July, due in August). Every covered project gets a report the unit fills in.
/// </summary>
public sealed class MonitoringRound : IVersioned
{
    private MonitoringRound() { }

    public MonitoringRound(long regionId, int fiscalYear, int month, DateOnly dueDate, string title, RoundCoverage coverage, string issuedByName, DateTime issuedAt)
    {
        WarningRules.CheckMonth(month);
        title = title?.Trim() ?? "";
        if (title.Length is 0 or > 200) throw new DomainException("请填写监控轮次名称（不超过200字）。");
        if (dueDate < new DateOnly(fiscalYear, month, DateTime.DaysInMonth(fiscalYear, month)))
            throw new DomainException("报送截止日期不能早于数据截止月份的月末。");
        RegionId = regionId;
        FiscalYear = fiscalYear;
        Month = month;
        DueDate = dueDate;
        Title = title;
        Coverage = coverage;
        IssuedByName = issuedByName;
        IssuedAt = issuedAt;
    }

    public long Id { get; private set; }

    public long RegionId { get; private set; }

    public int FiscalYear { get; private set; }

    /// <summary>Data to the end of this month.</summary>
    public int Month { get; private set; }

    public DateOnly DueDate { get; private set; }

    public string Title { get; private set; } = "";

    public RoundCoverage Coverage { get; private set; }

    public RoundState State { get; private set; }

    public string IssuedByName { get; private set; } = "";

    public DateTime IssuedAt { get; private set; }

    public int Version { get; private set; }

    /// <summary>The last day of the data: payments up to and including it count.</summary>
    public DateOnly DataEnd => new(FiscalYear, Month, DateTime.DaysInMonth(FiscalYear, Month));

    public void Close()
    {
        if (State == RoundState.Closed) throw new DomainException("该监控轮次已经结束。");
        State = RoundState.Closed;
    }
}

public enum MonitoringState
{
    /// <summary>待填报</summary>
    Draft,
    /// <summary>已报送, waiting for the department.</summary>
    Submitted,
    /// <summary>部门已审核, waiting for the budget section.</summary>
    DepartmentReviewed,
    /// <summary>财政已审核</summary>
    FinanceReviewed,
    /// <summary>已退回, with the reason.</summary>
    Returned,
}

public enum MonitoringAction
{
    Submit,
    Pass,
    Return,
}

/// <summary>The monitoring report's workflow: the same discipline as goals — submit, two reviews, returns with reasons.</summary>
public static class MonitoringWorkflow
{
    public static string ChineseName(this MonitoringState s) => s switch
    {
        MonitoringState.Draft => "待填报",
        MonitoringState.Submitted => "已报送",
        MonitoringState.DepartmentReviewed => "部门已审核",
        MonitoringState.FinanceReviewed => "财政已审核",
        MonitoringState.Returned => "已退回",
    };

    public static string ChineseName(this MonitoringAction a) => a switch
    {
        MonitoringAction.Submit => "报送",
        MonitoringAction.Pass => "审核通过",
        MonitoringAction.Return => "退回",
    };

    public static readonly StateMachine<MonitoringState, MonitoringAction> Machine =
        new StateMachine<MonitoringState, MonitoringAction>(ChineseName, ChineseName)
            .Allow(MonitoringState.Draft, MonitoringAction.Submit, MonitoringState.Submitted, false, Role.BudgetUnit)
            .Allow(MonitoringState.Returned, MonitoringAction.Submit, MonitoringState.Submitted, false, Role.BudgetUnit)
            .Allow(MonitoringState.Submitted, MonitoringAction.Pass, MonitoringState.DepartmentReviewed, false, Role.Department)
            .Allow(MonitoringState.Submitted, MonitoringAction.Return, MonitoringState.Returned, true, Role.Department)
            .Allow(MonitoringState.DepartmentReviewed, MonitoringAction.Pass, MonitoringState.FinanceReviewed, false, Role.BudgetSection)
            .Allow(MonitoringState.DepartmentReviewed, MonitoringAction.Return, MonitoringState.Returned, true, Role.BudgetSection);
}

/// <summary>
/// 项目支出绩效运行监控表 of one project in one round: the execution figures from the imported payments (never typed), and per
/// goal indicator what the unit reports. The figures and colours are fixed when the unit submits.
/// </summary>
public sealed class MonitoringReport : IVersioned, IOrganizationOwned
{
    private readonly List<MonitoringIndicator> _indicators = [];

    private MonitoringReport() { }

    public MonitoringReport(long roundId, long projectId, long regionId, int fiscalYear, long organizationId, long departmentId, IEnumerable<MonitoringIndicator> indicators)
    {
        RoundId = roundId;
        ProjectId = projectId;
        RegionId = regionId;
        FiscalYear = fiscalYear;
        OrganizationId = organizationId;
        DepartmentId = departmentId;
        _indicators.AddRange(indicators);
    }

    public long Id { get; private set; }

    public long RoundId { get; private set; }

    public long ProjectId { get; private set; }

    public long RegionId { get; private set; }

    public int FiscalYear { get; private set; }

    public long OrganizationId { get; private set; }

    public long DepartmentId { get; private set; }

    public MonitoringState State { get; private set; }

    public string? ReturnReason { get; private set; }

    /// <summary>Overall explanation of the unit (执行情况说明, 下一步措施).</summary>
    public string? Explanation { get; private set; }

    public decimal? Budget { get; private set; }

    public decimal? Executed { get; private set; }

    public WarningColor? BudgetColor { get; private set; }

    public WarningColor? ProjectColor { get; private set; }

    public DateTime? SubmittedAt { get; private set; }

    public int Version { get; private set; }

    public IReadOnlyList<MonitoringIndicator> Indicators => _indicators;

    public bool IsEditable => State is MonitoringState.Draft or MonitoringState.Returned;

    public void Edit(string? explanation)
    {
        if (!IsEditable) throw new DomainException($"监控表当前为“{State.ChineseName()}”，不能修改。");
        if (explanation?.Length > 4000) throw new DomainException("情况说明不超过4000字。");
        Explanation = string.IsNullOrWhiteSpace(explanation) ? null : explanation.Trim();
    }

    internal void Move(MonitoringState to, string? reason, DateTime at)
    {
        if (to == MonitoringState.Submitted) SubmittedAt = at;
        ReturnReason = to == MonitoringState.Returned ? reason : to == MonitoringState.Submitted ? null : ReturnReason;
        State = to;
    }

    internal void Fix(decimal budget, decimal executed, WarningColor budgetColor, WarningColor projectColor)
    {
        Budget = budget;
        Executed = executed;
        BudgetColor = budgetColor;
        ProjectColor = projectColor;
    }
}

/// <summary>One goal indicator's progress as the unit reports it.</summary>
public sealed class MonitoringIndicator
{
    private MonitoringIndicator() { }

    public MonitoringIndicator(long goalIndicatorId, int sortOrder, string level1, string level2, string name, Comparison comparison, decimal? target, string? targetText, string? unit)
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
    }

    public long Id { get; private set; }

    public long ReportId { get; private set; }

    public long GoalIndicatorId { get; private set; }

    public int SortOrder { get; private set; }

    public string Level1 { get; private set; } = "";

    public string Level2 { get; private set; } = "";

    public string Name { get; private set; } = "";

    public Comparison Comparison { get; private set; }

    public decimal? Target { get; private set; }

    public string? TargetText { get; private set; }

    public string? Unit { get; private set; }

    /// <summary>截至目前完成值 (quantitative).</summary>
    public decimal? ToDate { get; private set; }

    /// <summary>全年预计完成值.</summary>
    public decimal? ExpectedFullYear { get; private set; }

    /// <summary>The unit's own band (qualitative).</summary>
    public QualitativeBand? Band { get; private set; }

    public DeviationReason? DeviationReason { get; private set; }

    public Likelihood? Likelihood { get; private set; }

    public string? Explanation { get; private set; }

    public WarningColor? Color { get; private set; }

    public IndicatorProgress Progress => new(Comparison, Target, ToDate, Band);

    public void Report(decimal? toDate, decimal? expectedFullYear, QualitativeBand? band, DeviationReason? reason, Likelihood? likelihood, string? explanation)
    {
        if (explanation?.Length > 1000) throw new DomainException($"指标“{Name}”的说明不超过1000字。");
        ToDate = toDate;
        ExpectedFullYear = expectedFullYear;
        Band = band;
        DeviationReason = reason;
        Likelihood = likelihood;
        Explanation = string.IsNullOrWhiteSpace(explanation) ? null : explanation.Trim();
    }

    internal void Colour(WarningColor color) => Color = color;
}
