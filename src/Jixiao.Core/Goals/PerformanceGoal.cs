using Jixiao.Core.Common;
using Jixiao.Core.Indicators;

namespace Jixiao.Core.Goals;

/// <summary>
/// One version of the performance goal of a project (or whole-unit/department spending) for a fiscal year:
/// the medium-term and annual goal and the three-level indicator tree. Version 1 is the original declaration;
/// an adjustment (调整) adds the next version while the approved one stays in force until the new one is approved.
/// </summary>
public sealed class PerformanceGoal : IVersioned, IOrganizationOwned
{
    private readonly List<GoalIndicator> _indicators = [];

    private PerformanceGoal() { }

    public PerformanceGoal(long projectId, long regionId, int fiscalYear, long organizationId, long departmentId, int versionNo, GoalState initialState)
    {
        if (initialState is not (GoalState.Draft or GoalState.Adjusting)) throw new ArgumentException("a goal starts as a draft or an adjustment");
        ProjectId = projectId;
        RegionId = regionId;
        FiscalYear = fiscalYear;
        OrganizationId = organizationId;
        DepartmentId = departmentId;
        VersionNo = versionNo;
        State = initialState;
    }

    public long Id { get; private set; }

    public long ProjectId { get; private set; }

    public long RegionId { get; private set; }

    public int FiscalYear { get; private set; }

    public long OrganizationId { get; private set; }

    public long DepartmentId { get; private set; }

    /// <summary>1 for the declaration, 2, 3 … for adjustments.</summary>
    public int VersionNo { get; private set; }

    public GoalState State { get; private set; }

    /// <summary>中长期目标 (总体目标).</summary>
    public string? MediumTermGoal { get; private set; }

    /// <summary>年度目标.</summary>
    public string? AnnualGoal { get; private set; }

    /// <summary>The reason of the last return, shown to the submitter until the next submission.</summary>
    public string? ReturnReason { get; private set; }

    /// <summary>Why this adjustment was made (for versions after the first).</summary>
    public string? AdjustmentReason { get; private set; }

    /// <summary>The last review's 四性 total out of 100 (完整性/相关性/适当性/可行性), if scored.</summary>
    public decimal? ReviewScore { get; private set; }

    public DateTime? SubmittedAt { get; private set; }

    public DateTime? ApprovedAt { get; private set; }

    public DateTime? PublishedAt { get; private set; }

    public int Version { get; private set; }

    public IReadOnlyList<GoalIndicator> Indicators => _indicators;

    public IReadOnlyList<IndicatorSpec> Specs => _indicators.OrderBy(i => i.SortOrder).Select(i => i.ToSpec()).ToList();

    /// <summary>Replaces the goal's text and indicators (only while it is editable).</summary>
    public void Edit(string? mediumTermGoal, string? annualGoal, IEnumerable<GoalIndicator> indicators, string? adjustmentReason)
    {
        if (!State.IsEditable())
            throw new DomainException($"目标当前为“{State.ChineseName()}”，不能修改。已批复的目标请发起调整。");
        if (mediumTermGoal?.Length > 2000 || annualGoal?.Length > 2000) throw new DomainException("目标文字不超过2000字。");
        MediumTermGoal = string.IsNullOrWhiteSpace(mediumTermGoal) ? null : mediumTermGoal.Trim();
        AnnualGoal = string.IsNullOrWhiteSpace(annualGoal) ? null : annualGoal.Trim();
        if (VersionNo > 1) AdjustmentReason = string.IsNullOrWhiteSpace(adjustmentReason) ? null : adjustmentReason.Trim();
        _indicators.Clear();
        var order = 0;
        foreach (var i in indicators)
        {
            i.SetOrder(order++);
            _indicators.Add(i);
        }
        if (_indicators.Count > 200) throw new DomainException("一个目标的指标不超过200个。");
    }

    /// <summary>Applies a transition already checked against the workflow's table.</summary>
    internal void Move(GoalState to, GoalAction action, string? reason, decimal? reviewScore, DateTime now)
    {
        State = to;
        switch (action)
        {
            case GoalAction.Submit:
                SubmittedAt = now;
                ReturnReason = null;
                break;
            case GoalAction.Return:
                ReturnReason = reason;
                break;
            case GoalAction.Approve:
                ApprovedAt = now;
                break;
            case GoalAction.Publish:
                PublishedAt = now;
                break;
            case GoalAction.Pass:
                break;
        }
        if (reviewScore is not null) ReviewScore = reviewScore;
    }

    internal void Supersede() => State = GoalState.Superseded;
}

/// <summary>A level-3 indicator of a goal (RULES §2), with its level-1/level-2 codes from the rule set's code list.</summary>
public sealed class GoalIndicator
{
    private GoalIndicator() { }

    public GoalIndicator(string level1, string level2, string name, Comparison comparison, decimal? targetValue, string? targetText,
        string? unit, decimal weight, string? scoringStandard, TargetBasis basis, string? remark, long? libraryIndicatorId)
    {
        Level1 = Clip(level1, 40)!;
        Level2 = Clip(level2, 40)!;
        Name = Clip(name, 200) ?? "";
        Comparison = comparison;
        TargetValue = targetValue;
        TargetText = Clip(targetText, 200);
        Unit = Clip(unit, 20);
        Weight = weight;
        ScoringStandard = Clip(scoringStandard, 1000);
        Basis = basis;
        Remark = Clip(remark, 500);
        LibraryIndicatorId = libraryIndicatorId;
    }

    public long Id { get; private set; }

    public long GoalId { get; private set; }

    public int SortOrder { get; private set; }

    public string Level1 { get; private set; } = "";

    public string Level2 { get; private set; } = "";

    /// <summary>三级指标名称.</summary>
    public string Name { get; private set; } = "";

    public Comparison Comparison { get; private set; }

    /// <summary>The number of the target (null for a qualitative indicator).</summary>
    public decimal? TargetValue { get; private set; }

    /// <summary>The target as written (e.g. "≥95%", or a qualitative description).</summary>
    public string? TargetText { get; private set; }

    public string? Unit { get; private set; }

    /// <summary>分值 (points).</summary>
    public decimal Weight { get; private set; }

    /// <summary>评(扣)分标准.</summary>
    public string? ScoringStandard { get; private set; }

    public TargetBasis Basis { get; private set; }

    public string? Remark { get; private set; }

    public long? LibraryIndicatorId { get; private set; }

    internal void SetOrder(int order) => SortOrder = order;

    public IndicatorSpec ToSpec() => new(Level1, Level2, Name, Comparison, TargetValue, TargetText, Unit, Weight);

    private static string? Clip(string? s, int max)
    {
        s = s?.Trim();
        if (string.IsNullOrEmpty(s)) return null;
        if (s.Length > max) throw new DomainException($"“{s[..Math.Min(20, s.Length)]}…”超过{max}字。");
        return s;
    }
}
