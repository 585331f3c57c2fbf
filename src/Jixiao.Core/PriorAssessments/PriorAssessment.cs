using Jixiao.Core.Common;
using Jixiao.Core.ThirdParties;

namespace Jixiao.Core.PriorAssessments;

/// <summary>How an assessment is carried out (Art. 12, 14).</summary>
public enum AssessmentMethod
{
    /// <summary>单位自评: the unit scores; the conclusion needs the organiser's confirmation to count at the gate.</summary>
    SelfAssessment,
    /// <summary>专家评审: experts drawn at random from the pool.</summary>
    Experts,
    /// <summary>委托第三方: an agency engaged by the organiser.</summary>
    ThirdParty,
}

/// <summary>The kinds of material a unit submits with the request.</summary>
public enum AttachmentKind
{
    /// <summary>可行性研究报告</summary>
    FeasibilityStudy,
    /// <summary>预算测算依据</summary>
    BudgetEstimate,
    /// <summary>实施方案</summary>
    ImplementationPlan,
    /// <summary>其他材料</summary>
    Other,
}

public static class PriorAssessmentNames
{
    public static string ChineseName(this AssessmentMethod m) => m switch
    {
        AssessmentMethod.SelfAssessment => "单位自评",
        AssessmentMethod.Experts => "专家评审",
        AssessmentMethod.ThirdParty => "委托第三方",
    };

    public static string ChineseName(this AttachmentKind k) => k switch
    {
        AttachmentKind.FeasibilityStudy => "可行性研究报告",
        AttachmentKind.BudgetEstimate => "预算测算依据",
        AttachmentKind.ImplementationPlan => "实施方案",
        AttachmentKind.Other => "其他材料",
    };
}

/// <summary>
/// 事前绩效评估 of a new major project or policy (or one proposed for renewal) before it may ask for money (Art. 14).
/// The unit prepares and submits it with its materials; the performance section — or the unit's department — organises
/// it as a self-assessment, an expert review (the draw is recorded with its seed) or a third-party engagement; the
/// scorers score the six dimensions; closing scoring fixes the result with the rule-set version used.
/// </summary>
public sealed class PriorAssessment : IVersioned, IOrganizationOwned
{
    private PriorAssessment() { }

    public PriorAssessment(long projectId, long regionId, int fiscalYear, long organizationId, long departmentId, string title)
    {
        ProjectId = projectId;
        RegionId = regionId;
        FiscalYear = fiscalYear;
        OrganizationId = organizationId;
        DepartmentId = departmentId;
        Title = title;
        State = PriorAssessmentState.Draft;
    }

    public long Id { get; private set; }

    public long ProjectId { get; private set; }

    public long RegionId { get; private set; }

    public int FiscalYear { get; private set; }

    /// <summary>The unit whose project it is.</summary>
    public long OrganizationId { get; private set; }

    public long DepartmentId { get; private set; }

    /// <summary>The project's (or policy's) name when the assessment started.</summary>
    public string Title { get; private set; } = "";

    public PriorAssessmentState State { get; private set; }

    /// <summary>立项依据与必要性说明: the unit's case for the money.</summary>
    public string? Rationale { get; private set; }

    public string? ReturnReason { get; private set; }

    public AssessmentMethod? Method { get; private set; }

    /// <summary>The organisation that organised the assessment (the performance section or the department): it closes,
    /// confirms, and — for a third party — is the commissioning party (委托方) that rates the agency.</summary>
    public long? OrganizerOrganizationId { get; private set; }

    public int? ExpertCount { get; private set; }

    /// <summary>The draw's seed: re-running the draw over the recorded eligible list gives the same experts.</summary>
    public long? DrawSeed { get; private set; }

    /// <summary>The field the draw was limited to, if any.</summary>
    public string? DrawField { get; private set; }

    /// <summary>The eligible expert ids at the draw, comma-separated in id order.</summary>
    public string? DrawEligible { get; private set; }

    /// <summary>The expert ids excluded for a declared conflict, comma-separated.</summary>
    public string? DrawExcluded { get; private set; }

    public long? AgencyId { get; private set; }

    public DateTime? SubmittedAt { get; private set; }

    public DateTime? OrganisedAt { get; private set; }

    public DateTime? ClosedAt { get; private set; }

    /// <summary>The rule-set version whose dimensions and bands made the conclusion.</summary>
    public long? RuleSetId { get; private set; }

    public decimal? TotalScore { get; private set; }

    public PriorConclusion? Conclusion { get; private set; }

    /// <summary>综合评估意见 of the organiser at closing.</summary>
    public string? ConclusionOpinion { get; private set; }

    /// <summary>For 调整完善后支持: what must change before the request goes ahead.</summary>
    public string? RequiredChanges { get; private set; }

    /// <summary>A self-assessment's conclusion confirmed by the organiser.</summary>
    public DateTime? ConclusionConfirmedAt { get; private set; }

    /// <summary>What the unit changed, as it reported.</summary>
    public string? ChangesReport { get; private set; }

    public DateTime? ChangesReportedAt { get; private set; }

    public DateTime? ChangesConfirmedAt { get; private set; }

    public int Version { get; private set; }

    public void EditDraft(string? rationale)
    {
        if (State != PriorAssessmentState.Draft) throw new DomainException("评估已提交，材料不能再修改；如需补充，请由组织方退回。");
        if (rationale?.Length > 4000) throw new DomainException("立项依据与必要性说明不超过4000字。");
        Rationale = string.IsNullOrWhiteSpace(rationale) ? null : rationale.Trim();
    }

    internal void Submitted(DateTime at)
    {
        State = PriorAssessmentState.Submitted;
        SubmittedAt = at;
        ReturnReason = null;
    }

    internal void Returned(string reason)
    {
        State = PriorAssessmentState.Draft;
        ReturnReason = reason;
    }

    internal void Organised(AssessmentMethod method, long organizerOrganizationId, DateTime at, ExpertDrawRecord? draw, long? agencyId)
    {
        State = PriorAssessmentState.Scoring;
        Method = method;
        OrganizerOrganizationId = organizerOrganizationId;
        OrganisedAt = at;
        ExpertCount = draw?.Count;
        DrawSeed = draw?.Seed;
        DrawField = draw?.Field;
        DrawEligible = draw is null ? null : string.Join(',', draw.Eligible);
        DrawExcluded = draw is null ? null : string.Join(',', draw.Excluded);
        AgencyId = agencyId;
    }

    internal void Closed(long ruleSetId, PriorAssessmentResult result, string opinion, string? requiredChanges, DateTime at)
    {
        State = PriorAssessmentState.Closed;
        RuleSetId = ruleSetId;
        TotalScore = result.Total;
        Conclusion = result.Conclusion;
        ConclusionOpinion = opinion;
        RequiredChanges = requiredChanges;
        ClosedAt = at;
    }

    internal void ConclusionConfirmed(DateTime at) => ConclusionConfirmedAt = at;

    internal void ChangesReported(string report, DateTime at)
    {
        ChangesReport = report;
        ChangesReportedAt = at;
        ChangesConfirmedAt = null;
    }

    internal void ChangesConfirmed(DateTime at) => ChangesConfirmedAt = at;

    public IReadOnlyList<long> DrawEligibleIds => Ids(DrawEligible);

    public IReadOnlyList<long> DrawExcludedIds => Ids(DrawExcluded);

    private static List<long> Ids(string? csv) => string.IsNullOrEmpty(csv) ? [] : csv.Split(',').Select(long.Parse).ToList();
}

/// <summary>
/// One scorer of an assessment: a drawn expert, the engaged agency, or the unit itself for a self-assessment. Their
/// points and comments per dimension stay theirs alone until the organiser closes scoring.
/// </summary>
public sealed class PriorAssessmentScorer : IVersioned
{
    private readonly List<PriorAssessmentScore> _scores = [];

    private PriorAssessmentScorer() { }

    private PriorAssessmentScorer(long assessmentId, int drawOrder, long? expertId, long? agencyId, long? unitOrganizationId)
    {
        AssessmentId = assessmentId;
        DrawOrder = drawOrder;
        ExpertId = expertId;
        AgencyId = agencyId;
        UnitOrganizationId = unitOrganizationId;
    }

    public static PriorAssessmentScorer ForExpert(long assessmentId, int drawOrder, long expertId) => new(assessmentId, drawOrder, expertId, null, null);

    public static PriorAssessmentScorer ForAgency(long assessmentId, long agencyId) => new(assessmentId, 1, null, agencyId, null);

    public static PriorAssessmentScorer ForUnit(long assessmentId, long unitOrganizationId) => new(assessmentId, 1, null, null, unitOrganizationId);

    public long Id { get; private set; }

    public long AssessmentId { get; private set; }

    /// <summary>1, 2, 3 … in the order the draw picked them.</summary>
    public int DrawOrder { get; private set; }

    public long? ExpertId { get; private set; }

    public long? AgencyId { get; private set; }

    public long? UnitOrganizationId { get; private set; }

    /// <summary>综合意见 of this scorer.</summary>
    public string? Opinion { get; private set; }

    public DateTime? SubmittedAt { get; private set; }

    /// <summary>Who filled in the sheet (the expert, or the agency's or unit's staff member).</summary>
    public string? SubmittedByName { get; private set; }

    public int Version { get; private set; }

    public IReadOnlyList<PriorAssessmentScore> Scores => _scores;

    /// <summary>Fills in (or corrects, until scoring closes) this scorer's sheet.</summary>
    public void Score(IEnumerable<PriorAssessmentScore> scores, string opinion, string byName, DateTime at)
    {
        opinion = opinion?.Trim() ?? "";
        if (opinion.Length is 0 or > 4000) throw new DomainException("请填写综合评审意见（不超过4000字）。");
        _scores.Clear();
        _scores.AddRange(scores);
        Opinion = opinion;
        SubmittedAt = at;
        SubmittedByName = byName;
    }
}

/// <summary>One dimension's points and comment on one scorer's sheet.</summary>
public sealed class PriorAssessmentScore
{
    private PriorAssessmentScore() { }

    public PriorAssessmentScore(string dimensionCode, decimal points, string? comment)
    {
        DimensionCode = dimensionCode;
        Points = points;
        comment = comment?.Trim();
        if (comment?.Length > 1000) throw new DomainException("每个维度的评审意见不超过1000字。");
        Comment = string.IsNullOrEmpty(comment) ? null : comment;
    }

    public long Id { get; private set; }

    public long ScorerId { get; private set; }

    public string DimensionCode { get; private set; } = "";

    public decimal Points { get; private set; }

    public string? Comment { get; private set; }
}

/// <summary>A material uploaded with the assessment; the bytes live in <see cref="Attachments.AttachmentContent"/>.</summary>
public sealed class PriorAssessmentAttachment
{
    private PriorAssessmentAttachment() { }

    public PriorAssessmentAttachment(long assessmentId, AttachmentKind kind, string originalName, string storedName, string contentType,
        long size, string sha256, string uploadedByName, DateTime uploadedAt)
    {
        AssessmentId = assessmentId;
        Kind = kind;
        OriginalName = originalName;
        StoredName = storedName;
        ContentType = contentType;
        Size = size;
        Sha256 = sha256;
        UploadedByName = uploadedByName;
        UploadedAt = uploadedAt;
    }

    public long Id { get; private set; }

    public long AssessmentId { get; private set; }

    public AttachmentKind Kind { get; private set; }

    /// <summary>The name the user's file had, cleaned; shown and offered on download, never used as a path.</summary>
    public string OriginalName { get; private set; } = "";

    /// <summary>The server's own name for the file (a random id and the checked extension).</summary>
    public string StoredName { get; private set; } = "";

    public string ContentType { get; private set; } = "";

    public long Size { get; private set; }

    public string Sha256 { get; private set; } = "";

    public string UploadedByName { get; private set; } = "";

    public DateTime UploadedAt { get; private set; }
}
