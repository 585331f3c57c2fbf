using Jixiao.Core.Common;
using Jixiao.Core.Identity;
using Jixiao.Core.Indicators;
using Jixiao.Core.Monitoring;
using Jixiao.Core.RuleSets;
using Jixiao.Core.Workflows;

namespace Jixiao.Core.Evaluations;

/// <summary>How the self-evaluations of a re-evaluation were chosen.</summary>
public enum ReEvaluationMethod
{
    /// <summary>随机抽取: a seeded, reproducible draw from the submitted self-evaluations (optionally of one department).</summary>
    Random,
    /// <summary>指定: the organiser chose them.</summary>
    Chosen,
}

public enum ReEvaluationState
{
    /// <summary>抽样中: created, the sample not yet recorded.</summary>
    Sampling,
    /// <summary>复核评分中</summary>
    ReScoring,
    /// <summary>已完成</summary>
    Completed,
}

public enum ReEvaluationAction
{
    Sample,
    Complete,
}

/// <summary>
/// The re-evaluation's workflow: the performance section records the sample (Sampling → ReScoring, at creation), re-scores every
/// sampled form, and completes it (ReScoring → Completed) once every form is re-scored.
/// </summary>
public static class ReEvaluationWorkflow
{
    public static string ChineseName(this ReEvaluationState s) => s switch
    {
        ReEvaluationState.Sampling => "抽样中",
        ReEvaluationState.ReScoring => "复核评分中",
        ReEvaluationState.Completed => "已完成",
    };

    public static string ChineseName(this ReEvaluationAction a) => a switch
    {
        ReEvaluationAction.Sample => "抽取样本",
        ReEvaluationAction.Complete => "完成再评价",
    };

    public static string ChineseName(this ReEvaluationMethod m) => m switch
    {
        ReEvaluationMethod.Random => "随机抽取",
        ReEvaluationMethod.Chosen => "指定",
    };

    public static readonly StateMachine<ReEvaluationState, ReEvaluationAction> Machine =
        new StateMachine<ReEvaluationState, ReEvaluationAction>(ChineseName, ChineseName)
            .Allow(ReEvaluationState.Sampling, ReEvaluationAction.Sample, ReEvaluationState.ReScoring, false, Role.PerformanceSection)
            .Allow(ReEvaluationState.ReScoring, ReEvaluationAction.Complete, ReEvaluationState.Completed, false, Role.PerformanceSection);
}

/// <summary>
/// 再评价 (RULES §4): the performance section samples submitted self-evaluations of a region and year — at random with a recorded seed
/// (reproducible: <see cref="SeededSample"/> over the recorded population) or chosen — re-scores each with the same engine and records the
/// difference per indicator and in the total; a total difference over the rule set's threshold flags a low-quality self-evaluation.
/// </summary>
public sealed class ReEvaluation : IVersioned
{
    private readonly List<ReEvaluationItem> _items = [];

    private ReEvaluation() { }

    public ReEvaluation(long regionId, int fiscalYear, string title, long organizerOrganizationId, string organizerName, string? reScorerName,
        long ruleSetId, decimal threshold, DateTime createdAt)
    {
        title = title?.Trim() ?? "";
        if (title.Length is 0 or > 200) throw new DomainException("请填写再评价名称（不超过200字）。");
        if (fiscalYear is < 2000 or > 2100) throw new DomainException("预算年度无效。");
        reScorerName = string.IsNullOrWhiteSpace(reScorerName) ? null : reScorerName.Trim();
        if (reScorerName?.Length > 100) throw new DomainException("复核评分人（专家或机构）名称不超过100字。");
        RegionId = regionId;
        FiscalYear = fiscalYear;
        Title = title;
        OrganizerOrganizationId = organizerOrganizationId;
        OrganizerName = organizerName;
        ReScorerName = reScorerName;
        RuleSetId = ruleSetId;
        Threshold = threshold;
        CreatedAt = createdAt;
    }

    public long Id { get; private set; }

    public long RegionId { get; private set; }

    public int FiscalYear { get; private set; }

    public string Title { get; private set; } = "";

    public long OrganizerOrganizationId { get; private set; }

    public string OrganizerName { get; private set; } = "";

    /// <summary>The expert or agency assigned to re-score, recorded by name (the performance section enters the scores).</summary>
    public string? ReScorerName { get; private set; }

    public ReEvaluationMethod Method { get; private set; }

    /// <summary>The seed of a random draw (53 bits, safe in JSON numbers).</summary>
    public long? Seed { get; private set; }

    /// <summary>How many were drawn.</summary>
    public int SampleCount { get; private set; }

    /// <summary>The share asked for (0–1], when the count came from a share of the population.</summary>
    public decimal? SampleShare { get; private set; }

    /// <summary>The department the random draw was limited to.</summary>
    public long? DepartmentFilterId { get; private set; }

    /// <summary>The population of the draw: the submitted self-evaluation ids, comma-separated in id order.</summary>
    public string? Population { get; private set; }

    /// <summary>The rule-set version in force for the region and year at creation: the flag threshold comes from it.</summary>
    public long RuleSetId { get; private set; }

    /// <summary>The threshold of the flag (RULES §4, <see cref="EvaluationRules.ReEvaluationFlagDifference"/>).</summary>
    public decimal Threshold { get; private set; }

    public ReEvaluationState State { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public DateTime? CompletedAt { get; private set; }

    /// <summary>The organiser's conclusion at completion.</summary>
    public string? Conclusion { get; private set; }

    public int Version { get; private set; }

    public IReadOnlyList<ReEvaluationItem> Items => _items;

    public IReadOnlyList<long> PopulationIds => string.IsNullOrEmpty(Population) ? [] : Population.Split(',').Select(long.Parse).ToList();

    internal void Sampled(ReEvaluationMethod method, long? seed, int count, decimal? share, long? departmentId, IReadOnlyList<long>? population,
        IEnumerable<ReEvaluationItem> items)
    {
        Method = method;
        Seed = seed;
        SampleCount = count;
        SampleShare = share;
        DepartmentFilterId = departmentId;
        Population = population is null ? null : string.Join(',', population.Order());
        _items.AddRange(items);
        State = ReEvaluationState.ReScoring;
    }

    internal void Complete(string? conclusion, DateTime at)
    {
        conclusion = string.IsNullOrWhiteSpace(conclusion) ? null : conclusion.Trim();
        if (conclusion?.Length > 4000) throw new DomainException("再评价结论不超过4000字。");
        Conclusion = conclusion;
        CompletedAt = at;
        State = ReEvaluationState.Completed;
    }
}

/// <summary>
/// One sampled self-evaluation of a re-evaluation: the self scores as submitted, the re-scorer's values per indicator, the re-score by
/// the same engine with the rule-set version the self-evaluation was pinned to (so the difference measures the scoring, never a rule
/// change), the differences and the flag.
/// </summary>
public sealed class ReEvaluationItem : IVersioned, IOrganizationOwned
{
    private readonly List<ReEvaluationIndicator> _indicators = [];

    private ReEvaluationItem() { }

    internal ReEvaluationItem(int sampleOrder, SelfEvaluation e)
    {
        SampleOrder = sampleOrder;
        SelfEvaluationId = e.Id;
        ProjectId = e.ProjectId;
        OrganizationId = e.OrganizationId;
        DepartmentId = e.DepartmentId;
        RuleSetId = e.RuleSetId ?? throw new InvalidOperationException("a submitted self-evaluation has its rule set");
        SelfExecutionPoints = e.ExecutionPoints ?? 0m;
        SelfTotal = e.Total ?? 0m;
        SelfGrade = e.Grade ?? Grade.Poor;
        _indicators.AddRange(e.Indicators.OrderBy(i => i.SortOrder).Select(i => new ReEvaluationIndicator(i)));
    }

    public long Id { get; private set; }

    public long ReEvaluationId { get; private set; }

    /// <summary>1, 2, 3 … in draw order (or the order chosen).</summary>
    public int SampleOrder { get; private set; }

    public long SelfEvaluationId { get; private set; }

    public long ProjectId { get; private set; }

    public long OrganizationId { get; private set; }

    public long DepartmentId { get; private set; }

    /// <summary>The self-evaluation's pinned rule-set version: the re-score uses it too.</summary>
    public long RuleSetId { get; private set; }

    public decimal SelfExecutionPoints { get; private set; }

    public decimal SelfTotal { get; private set; }

    public Grade SelfGrade { get; private set; }

    public decimal? ReExecutionPoints { get; private set; }

    public decimal? ReTotal { get; private set; }

    public Grade? ReGrade { get; private set; }

    /// <summary>Self total − re-evaluation total.</summary>
    public decimal? TotalDifference { get; private set; }

    /// <summary>|total difference| &gt; the batch's threshold: a low-quality self-evaluation.</summary>
    public bool Flagged { get; private set; }

    public string? Comment { get; private set; }

    public string? ReScoredByName { get; private set; }

    public DateTime? ReScoredAt { get; private set; }

    public int Version { get; private set; }

    public IReadOnlyList<ReEvaluationIndicator> Indicators => _indicators;

    public bool IsReScored => ReTotal is not null;

    internal void ReScore(SelfEvaluationScore score, ReEvaluationDifference diff, string? comment, string byName, DateTime at)
    {
        comment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
        if (comment?.Length > 2000) throw new DomainException("复核意见不超过2000字。");
        ReExecutionPoints = score.ExecutionPoints;
        ReTotal = score.Total;
        ReGrade = score.Grade;
        TotalDifference = diff.TotalDifference;
        Flagged = diff.Flagged;
        Comment = comment;
        ReScoredByName = byName;
        ReScoredAt = at;
        var rows = _indicators.OrderBy(i => i.SortOrder).ToList();
        for (var n = 0; n < rows.Count; n++) rows[n].Fix(score.Indicators[n], diff.Indicators[n].Difference);
    }
}

/// <summary>One indicator of a re-evaluated form: the goal's figures and the self points copied from the form, the re-scorer's values and comment.</summary>
public sealed class ReEvaluationIndicator
{
    private ReEvaluationIndicator() { }

    internal ReEvaluationIndicator(SelfEvaluationIndicator i)
    {
        SelfEvaluationIndicatorId = i.Id;
        SortOrder = i.SortOrder;
        Level1 = i.Level1;
        Name = i.Name;
        Comparison = i.Comparison;
        Target = i.Target;
        Weight = i.Weight;
        SelfActual = i.Actual;
        SelfBand = i.Band;
        SelfPoints = i.Points ?? 0m;
    }

    public long Id { get; private set; }

    public long ItemId { get; private set; }

    public long SelfEvaluationIndicatorId { get; private set; }

    public int SortOrder { get; private set; }

    public string Level1 { get; private set; } = "";

    public string Name { get; private set; } = "";

    public Comparison Comparison { get; private set; }

    public decimal? Target { get; private set; }

    public decimal Weight { get; private set; }

    public decimal? SelfActual { get; private set; }

    public QualitativeBand? SelfBand { get; private set; }

    /// <summary>The self-evaluation's points (unrounded), as fixed at its submission.</summary>
    public decimal SelfPoints { get; private set; }

    /// <summary>The re-scorer's actual value (quantitative).</summary>
    public decimal? Actual { get; private set; }

    public QualitativeBand? Band { get; private set; }

    public decimal? EnteredPoints { get; private set; }

    public string? Comment { get; private set; }

    /// <summary>The re-evaluation's points (unrounded).</summary>
    public decimal? Points { get; private set; }

    public string? Explanation { get; private set; }

    /// <summary>Self points − re-evaluation points, rounded half-up to 2 decimals.</summary>
    public decimal? Difference { get; private set; }

    public ScoringIndicator ToScoring() => new(Level1, Comparison, Weight, Target, Actual, Band, EnteredPoints);

    internal void Enter(decimal? actual, QualitativeBand? band, decimal? points, string? comment)
    {
        comment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
        if (comment?.Length > 1000) throw new DomainException($"指标“{Name}”的复核说明不超过1000字。");
        var qualitative = Comparison == Comparison.Qualitative;
        Actual = qualitative ? null : actual;
        Band = qualitative ? band : null;
        EnteredPoints = qualitative ? points : null;
        Comment = comment;
    }

    internal void Fix(IndicatorScore score, decimal difference)
    {
        Points = score.Points;
        Explanation = score.Explanation;
        Difference = difference;
    }
}
