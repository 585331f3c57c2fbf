using Jixiao.Core.Common;
using Jixiao.Core.RuleSets;
using Jixiao.Core.ThirdParties;

namespace Jixiao.Core.Evaluations;

/// <summary>What a key evaluation evaluates.</summary>
public enum KeyEvaluationSubjectKind
{
    /// <summary>项目: one or more projects of one department.</summary>
    Projects,
    /// <summary>政策: one policy.</summary>
    Policy,
    /// <summary>部门整体支出: a department's whole spending.</summary>
    DepartmentOverall,
}

/// <summary>Who scores a key evaluation.</summary>
public enum KeyEvaluationMethod
{
    /// <summary>专家评价: experts drawn at random from the pool.</summary>
    Experts,
    /// <summary>委托第三方: an engaged agency.</summary>
    Agency,
}

public static class KeyEvaluationNames
{
    public static string ChineseName(this KeyEvaluationSubjectKind k) => k switch
    {
        KeyEvaluationSubjectKind.Projects => "项目",
        KeyEvaluationSubjectKind.Policy => "政策",
        KeyEvaluationSubjectKind.DepartmentOverall => "部门整体支出",
    };

    public static string ChineseName(this KeyEvaluationMethod m) => m switch
    {
        KeyEvaluationMethod.Experts => "专家评价",
        KeyEvaluationMethod.Agency => "委托第三方",
    };
}

/// <summary>
/// 重点评价 (财政评价, Art. 26, RULES §4): the performance section of a region evaluates projects, a policy or a department's
/// whole spending of a fiscal year against an indicator framework built from the rule set's reference, scored by drawn
/// experts or an engaged agency; closing scoring fixes the score (the mean per indicator) and grade with the rule-set
/// version used; the organiser writes the conclusions and completes it, and the report follows the RULES §4 outline.
/// </summary>
public sealed class KeyEvaluation : IVersioned
{
    private KeyEvaluation() { }

    public KeyEvaluation(long regionId, int fiscalYear, KeyEvaluationSubjectKind subjectKind, long departmentId, string title,
        long organizerOrganizationId, string? background, DateOnly? scoringDeadline, DateOnly? reportDeadline)
    {
        title = title?.Trim() ?? "";
        if (title.Length is 0 or > 200) throw new DomainException("请填写评价名称（不超过200字）。");
        if (fiscalYear is < 2000 or > 2100) throw new DomainException("评价年度无效。");
        RegionId = regionId;
        FiscalYear = fiscalYear;
        SubjectKind = subjectKind;
        DepartmentId = departmentId;
        Title = title;
        OrganizerOrganizationId = organizerOrganizationId;
        State = KeyEvaluationState.Draft;
        EditPlan(background, scoringDeadline, reportDeadline);
    }

    public long Id { get; private set; }

    public long RegionId { get; private set; }

    /// <summary>The fiscal year evaluated.</summary>
    public int FiscalYear { get; private set; }

    public KeyEvaluationSubjectKind SubjectKind { get; private set; }

    /// <summary>The department evaluated (of the projects, the policy, or whose whole spending it is).</summary>
    public long DepartmentId { get; private set; }

    public string Title { get; private set; } = "";

    /// <summary>The performance section that organises it (and, for an agency, the commissioning party 委托方).</summary>
    public long OrganizerOrganizationId { get; private set; }

    /// <summary>基本情况 as the organiser describes it.</summary>
    public string? Background { get; private set; }

    public DateOnly? ScoringDeadline { get; private set; }

    public DateOnly? ReportDeadline { get; private set; }

    public KeyEvaluationState State { get; private set; }

    public KeyEvaluationMethod? Method { get; private set; }

    public long? AgencyId { get; private set; }

    /// <summary>The commissioning party (委托方) of an agency engagement: pays and rates the agency.</summary>
    public long? CommissioningOrganizationId { get; private set; }

    public int? ExpertCount { get; private set; }

    /// <summary>The draw's seed: re-running the draw over the recorded eligible list gives the same experts.</summary>
    public long? DrawSeed { get; private set; }

    public string? DrawField { get; private set; }

    /// <summary>The eligible expert ids at the draw, comma-separated in id order.</summary>
    public string? DrawEligible { get; private set; }

    /// <summary>The expert ids excluded for a declared conflict, comma-separated.</summary>
    public string? DrawExcluded { get; private set; }

    public DateTime? AssignedAt { get; private set; }

    public DateTime? ClosedAt { get; private set; }

    public DateTime? CompletedAt { get; private set; }

    /// <summary>The rule-set version whose aggregation and grade bands made the score.</summary>
    public long? RuleSetId { get; private set; }

    public decimal? TotalScore { get; private set; }

    public Grade? Grade { get; private set; }

    /// <summary>综合评价结论.</summary>
    public string? Conclusions { get; private set; }

    /// <summary>主要经验做法.</summary>
    public string? Experience { get; private set; }

    /// <summary>存在问题及原因.</summary>
    public string? Problems { get; private set; }

    /// <summary>有关建议.</summary>
    public string? Suggestions { get; private set; }

    /// <summary>其他需要说明的问题.</summary>
    public string? OtherNotes { get; private set; }

    public string? ReopenReason { get; private set; }

    public int Version { get; private set; }

    public IReadOnlyList<long> DrawEligibleIds => Ids(DrawEligible);

    public IReadOnlyList<long> DrawExcludedIds => Ids(DrawExcluded);

    public void EditPlan(string? background, DateOnly? scoringDeadline, DateOnly? reportDeadline)
    {
        if (State is KeyEvaluationState.Completed) throw new DomainException("评价已完成，不能再修改。");
        background = background?.Trim();
        if (background?.Length > 4000) throw new DomainException("基本情况不超过4000字。");
        if (scoringDeadline is { } s && reportDeadline is { } r && r < s) throw new DomainException("报告截止日期不能早于评分截止日期。");
        Background = string.IsNullOrEmpty(background) ? null : background;
        ScoringDeadline = scoringDeadline;
        ReportDeadline = reportDeadline;
    }

    public void WriteConclusions(string? conclusions, string? experience, string? problems, string? suggestions, string? otherNotes)
    {
        if (State != KeyEvaluationState.Closed) throw new DomainException("结束评分后、完成评价前才能撰写评价结论。");
        static string? Clean(string? v, string name)
        {
            v = v?.Trim();
            if (v?.Length > 8000) throw new DomainException($"{name}不超过8000字。");
            return string.IsNullOrEmpty(v) ? null : v;
        }
        Conclusions = Clean(conclusions, "综合评价结论");
        Experience = Clean(experience, "主要经验做法");
        Problems = Clean(problems, "存在问题及原因");
        Suggestions = Clean(suggestions, "有关建议");
        OtherNotes = Clean(otherNotes, "其他需要说明的问题");
    }

    internal void Assigned(KeyEvaluationMethod method, DateTime at, ExpertDrawRecord? draw, long? agencyId)
    {
        State = KeyEvaluationState.Scoring;
        Method = method;
        AssignedAt = at;
        ExpertCount = draw?.Count;
        DrawSeed = draw?.Seed;
        DrawField = draw?.Field;
        DrawEligible = draw is null ? null : string.Join(',', draw.Eligible);
        DrawExcluded = draw is null ? null : string.Join(',', draw.Excluded);
        AgencyId = agencyId;
        CommissioningOrganizationId = agencyId is null ? null : OrganizerOrganizationId;
    }

    internal void Closed(long ruleSetId, KeyEvaluationResult result, DateTime at)
    {
        State = KeyEvaluationState.Closed;
        RuleSetId = ruleSetId;
        TotalScore = result.Total;
        Grade = result.Grade;
        ClosedAt = at;
        ReopenReason = null;
    }

    internal void Reopened(string reason)
    {
        State = KeyEvaluationState.Scoring;
        RuleSetId = null;
        TotalScore = null;
        Grade = null;
        ClosedAt = null;
        ReopenReason = reason;
    }

    internal void Completed(DateTime at)
    {
        if (Conclusions is null || Problems is null || Suggestions is null)
            throw new DomainException("请先填写综合评价结论、存在问题及原因和有关建议，再完成评价。");
        State = KeyEvaluationState.Completed;
        CompletedAt = at;
    }

    private static List<long> Ids(string? csv) => string.IsNullOrEmpty(csv) ? [] : csv.Split(',').Select(long.Parse).ToList();
}

/// <summary>A project (or the policy) a key evaluation evaluates.</summary>
public sealed class KeyEvaluationSubject
{
    private KeyEvaluationSubject() { }

    public KeyEvaluationSubject(long evaluationId, long projectId, long organizationId)
    {
        EvaluationId = evaluationId;
        ProjectId = projectId;
        OrganizationId = organizationId;
    }

    public long Id { get; private set; }

    public long EvaluationId { get; private set; }

    public long ProjectId { get; private set; }

    /// <summary>The project's unit: it may see the completed result.</summary>
    public long OrganizationId { get; private set; }
}

/// <summary>One level-3 indicator of a key evaluation's framework, with its score once scoring is closed.</summary>
public sealed class KeyEvaluationIndicator
{
    private KeyEvaluationIndicator() { }

    public KeyEvaluationIndicator(long evaluationId, int order, string level1, string level2, string name, decimal weight, string? standard)
    {
        EvaluationId = evaluationId;
        Order = order;
        Level1 = level1;
        Level2 = level2.Trim();
        Name = name.Trim();
        Weight = weight;
        standard = standard?.Trim();
        if (standard?.Length > 1000) throw new DomainException($"“{Name}”的评分标准不超过1000字。");
        Standard = string.IsNullOrEmpty(standard) ? null : standard;
    }

    public long Id { get; private set; }

    public long EvaluationId { get; private set; }

    public int Order { get; private set; }

    /// <summary>Decision, Process, Output or Benefit.</summary>
    public string Level1 { get; private set; } = "";

    public string Level2 { get; private set; } = "";

    public string Name { get; private set; } = "";

    public decimal Weight { get; private set; }

    /// <summary>评分标准.</summary>
    public string? Standard { get; private set; }

    /// <summary>The aggregate of the scorers' points (unrounded), fixed at closing.</summary>
    public decimal? Score { get; private set; }

    /// <summary>How the score was made, e.g. "(8 + 9 + 7) ÷ 3 = 8.00".</summary>
    public string? Explanation { get; private set; }

    internal void Scored(decimal? score, string? explanation)
    {
        Score = score;
        Explanation = explanation;
    }
}

/// <summary>
/// One scorer of a key evaluation: a drawn expert or the engaged agency. Points and comments stay theirs alone until
/// the organiser closes scoring.
/// </summary>
public sealed class KeyEvaluationScorer : IVersioned
{
    private readonly List<KeyEvaluationScore> _scores = [];

    private KeyEvaluationScorer() { }

    private KeyEvaluationScorer(long evaluationId, int drawOrder, long? expertId, long? agencyId)
    {
        EvaluationId = evaluationId;
        DrawOrder = drawOrder;
        ExpertId = expertId;
        AgencyId = agencyId;
    }

    public static KeyEvaluationScorer ForExpert(long evaluationId, int drawOrder, long expertId) => new(evaluationId, drawOrder, expertId, null);

    public static KeyEvaluationScorer ForAgency(long evaluationId, long agencyId) => new(evaluationId, 1, null, agencyId);

    public long Id { get; private set; }

    public long EvaluationId { get; private set; }

    public int DrawOrder { get; private set; }

    public long? ExpertId { get; private set; }

    public long? AgencyId { get; private set; }

    /// <summary>综合意见.</summary>
    public string? Opinion { get; private set; }

    public DateTime? SubmittedAt { get; private set; }

    /// <summary>Who filled in the sheet (the expert, the agency's staff member, or the organiser's 代录).</summary>
    public string? SubmittedByName { get; private set; }

    public int Version { get; private set; }

    public IReadOnlyList<KeyEvaluationScore> Scores => _scores;

    public void Score(IEnumerable<KeyEvaluationScore> scores, string? opinion, string byName, DateTime at)
    {
        opinion = opinion?.Trim();
        if (opinion?.Length > 4000) throw new DomainException("综合意见不超过4000字。");
        _scores.Clear();
        _scores.AddRange(scores);
        Opinion = string.IsNullOrEmpty(opinion) ? null : opinion;
        SubmittedAt = at;
        SubmittedByName = byName;
    }
}

/// <summary>One indicator's points and comment on one scorer's sheet.</summary>
public sealed class KeyEvaluationScore
{
    private KeyEvaluationScore() { }

    public KeyEvaluationScore(long indicatorId, decimal points, string comment)
    {
        IndicatorId = indicatorId;
        Points = points;
        Comment = comment;
    }

    public long Id { get; private set; }

    public long ScorerId { get; private set; }

    public long IndicatorId { get; private set; }

    public decimal Points { get; private set; }

    public string Comment { get; private set; } = "";
}
