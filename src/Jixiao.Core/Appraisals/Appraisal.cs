using System.Text.Json;
using Jixiao.Core.Common;
using Jixiao.Core.Identity;
using Jixiao.Core.RuleSets;
using Jixiao.Core.Workflows;

namespace Jixiao.Core.Appraisals;

public enum AppraisalRoundState
{
    /// <summary>进行中: sheets are self-scored and reviewed.</summary>
    Open,
    /// <summary>已定案: every sheet reviewed; ranks and grades fixed.</summary>
    Finalised,
    /// <summary>已通报: the result list is visible to every subject of the round.</summary>
    Published,
}

public enum AppraisalRoundAction
{
    Finalise,
    Publish,
}

public enum AppraisalSheetState
{
    /// <summary>已下发</summary>
    Issued,
    /// <summary>自评中</summary>
    SelfScoring,
    /// <summary>已提交</summary>
    Submitted,
    /// <summary>已退回</summary>
    Returned,
    /// <summary>已复核</summary>
    Reviewed,
}

public enum AppraisalSheetAction
{
    StartSelfScoring,
    Submit,
    Return,
    Review,
}

/// <summary>通报表扬 or 约谈.</summary>
public enum AppraisalFollowUpKind
{
    Commendation,
    Talk,
}

/// <summary>
/// The two appraisal workflows (RULES §8). A sheet: the subject (a department, or a county's performance section) self-scores (Issued or
/// Returned → SelfScoring) and submits; the performance section of the appraising region returns it with a reason or reviews it. A round:
/// the performance section finalises it once every sheet is reviewed (ranks and grades fixed), then publishes the result list internally.
/// </summary>
public static class AppraisalWorkflow
{
    public static string ChineseName(this AppraisalRoundState s) => s switch
    {
        AppraisalRoundState.Open => "进行中",
        AppraisalRoundState.Finalised => "已定案",
        AppraisalRoundState.Published => "已通报",
    };

    public static string ChineseName(this AppraisalRoundAction a) => a switch
    {
        AppraisalRoundAction.Finalise => "考核定案",
        AppraisalRoundAction.Publish => "通报结果",
    };

    public static string ChineseName(this AppraisalSheetState s) => s switch
    {
        AppraisalSheetState.Issued => "已下发",
        AppraisalSheetState.SelfScoring => "自评中",
        AppraisalSheetState.Submitted => "已提交",
        AppraisalSheetState.Returned => "已退回",
        AppraisalSheetState.Reviewed => "已复核",
    };

    public static string ChineseName(this AppraisalSheetAction a) => a switch
    {
        AppraisalSheetAction.StartSelfScoring => "填报自评",
        AppraisalSheetAction.Submit => "提交自评",
        AppraisalSheetAction.Return => "退回",
        AppraisalSheetAction.Review => "复核评分",
    };

    public static string ChineseName(this AppraisalSubjectKind k) => k switch
    {
        AppraisalSubjectKind.Department => "市直部门",
        AppraisalSubjectKind.County => "县区财政部门",
    };

    public static string ChineseName(this AppraisalFollowUpKind k) => k switch
    {
        AppraisalFollowUpKind.Commendation => "通报表扬",
        AppraisalFollowUpKind.Talk => "约谈",
    };

    public static readonly StateMachine<AppraisalSheetState, AppraisalSheetAction> Sheet =
        new StateMachine<AppraisalSheetState, AppraisalSheetAction>(ChineseName, ChineseName)
            .Allow(AppraisalSheetState.Issued, AppraisalSheetAction.StartSelfScoring, AppraisalSheetState.SelfScoring, false, Role.Department, Role.PerformanceSection)
            .Allow(AppraisalSheetState.Returned, AppraisalSheetAction.StartSelfScoring, AppraisalSheetState.SelfScoring, false, Role.Department, Role.PerformanceSection)
            .Allow(AppraisalSheetState.SelfScoring, AppraisalSheetAction.Submit, AppraisalSheetState.Submitted, false, Role.Department, Role.PerformanceSection)
            .Allow(AppraisalSheetState.Returned, AppraisalSheetAction.Submit, AppraisalSheetState.Submitted, false, Role.Department, Role.PerformanceSection)
            .Allow(AppraisalSheetState.Submitted, AppraisalSheetAction.Return, AppraisalSheetState.Returned, true, Role.PerformanceSection)
            .Allow(AppraisalSheetState.Submitted, AppraisalSheetAction.Review, AppraisalSheetState.Reviewed, false, Role.PerformanceSection);

    public static readonly StateMachine<AppraisalRoundState, AppraisalRoundAction> Round =
        new StateMachine<AppraisalRoundState, AppraisalRoundAction>(ChineseName, ChineseName)
            .Allow(AppraisalRoundState.Open, AppraisalRoundAction.Finalise, AppraisalRoundState.Finalised, false, Role.PerformanceSection)
            .Allow(AppraisalRoundState.Finalised, AppraisalRoundAction.Publish, AppraisalRoundState.Published, false, Role.PerformanceSection);
}

/// <summary>
/// 考核 (RULES §8, Art. 10 and 36): the yearly appraisal of a region's budget departments, or of the county/district finance bureaus below
/// it, for one fiscal year. The score sheet is copied from the rule set in force at creation and pinned with its version, as are the grade
/// bands and the deduction per finding, so a later rule change alters nothing here.
/// </summary>
public sealed class AppraisalRound : IVersioned
{
    private readonly List<AppraisalSheet> _sheets = [];

    private AppraisalRound() { }

    public AppraisalRound(long regionId, int fiscalYear, AppraisalSubjectKind kind, string title, RuleSet ruleSet, DateOnly selfScoreDeadline,
        string createdByName, DateTime createdAt)
    {
        title = title?.Trim() ?? "";
        if (title.Length is 0 or > 200) throw new DomainException("请填写考核名称（不超过200字）。");
        if (fiscalYear is < 2000 or > 2100) throw new DomainException("考核年度无效。");
        var content = ruleSet.Content;
        RegionId = regionId;
        FiscalYear = fiscalYear;
        Kind = kind;
        Title = title;
        RuleSetId = ruleSet.Id;
        RuleSetVersionNo = ruleSet.VersionNo;
        GradeExcellent = content.Grades.Excellent;
        GradeGood = content.Grades.Good;
        GradeFair = content.Grades.Fair;
        DeductionPerFinding = content.Appraisal.DeductionPerFinding;
        SelfScoreDeadline = selfScoreDeadline;
        CreatedByName = createdByName;
        CreatedAt = createdAt;
    }

    public long Id { get; private set; }

    /// <summary>The appraising region (its performance section runs the round).</summary>
    public long RegionId { get; private set; }

    /// <summary>The fiscal year appraised.</summary>
    public int FiscalYear { get; private set; }

    public AppraisalSubjectKind Kind { get; private set; }

    public string Title { get; private set; } = "";

    /// <summary>The rule-set version the sheet was copied from.</summary>
    public long RuleSetId { get; private set; }

    public int RuleSetVersionNo { get; private set; }

    public decimal GradeExcellent { get; private set; }

    public decimal GradeGood { get; private set; }

    public decimal GradeFair { get; private set; }

    public decimal DeductionPerFinding { get; private set; }

    public DateOnly SelfScoreDeadline { get; private set; }

    public AppraisalRoundState State { get; private set; }

    public string CreatedByName { get; private set; } = "";

    public DateTime CreatedAt { get; private set; }

    public DateTime? FinalisedAt { get; private set; }

    public DateTime? PublishedAt { get; private set; }

    public int Version { get; private set; }

    public IReadOnlyList<AppraisalSheet> Sheets => _sheets;

    public GradeBands Bands => new() { Excellent = GradeExcellent, Good = GradeGood, Fair = GradeFair };

    internal void AddSheet(AppraisalSheet sheet) => _sheets.Add(sheet);

    /// <summary>Fixes ranks and grades from the review totals (competition ranking).</summary>
    internal void Finalise(DateTime at)
    {
        var open = _sheets.Count(s => s.State != AppraisalSheetState.Reviewed);
        if (open > 0) throw new DomainException($"还有{open}张考核表未复核，不能定案。");
        var sheets = _sheets.ToList();
        var ranks = AppraisalScoring.Rank(sheets.Select(s => s.ReviewTotal ?? 0m).ToList());
        for (var n = 0; n < sheets.Count; n++) sheets[n].Fix(ranks[n], AppraisalScoring.GradeOf(sheets[n].ReviewTotal ?? 0m, Bands));
        State = AppraisalRoundState.Finalised;
        FinalisedAt = at;
    }

    internal void Publish(DateTime at)
    {
        State = AppraisalRoundState.Published;
        PublishedAt = at;
    }
}

/// <summary>One subject's score sheet of a round: a department (organisation id) or a county (region id), with a line per sub-item.</summary>
public sealed class AppraisalSheet : IVersioned
{
    private readonly List<AppraisalLine> _lines = [];
    private readonly List<AppraisalFollowUp> _followUps = [];

    private AppraisalSheet() { }

    internal AppraisalSheet(AppraisalSubjectKind kind, long subjectId, string subjectName, IEnumerable<AppraisalLine> lines)
    {
        SubjectKind = kind;
        SubjectId = subjectId;
        SubjectName = subjectName;
        _lines.AddRange(lines);
    }

    public long Id { get; private set; }

    public long RoundId { get; private set; }

    public AppraisalSubjectKind SubjectKind { get; private set; }

    /// <summary>The department's organisation id, or the county's region id.</summary>
    public long SubjectId { get; private set; }

    public string SubjectName { get; private set; } = "";

    public AppraisalSheetState State { get; private set; }

    public decimal? SelfTotal { get; private set; }

    public decimal? ReviewTotal { get; private set; }

    public int? Rank { get; private set; }

    public Grade? Grade { get; private set; }

    public DateTime? MeasuredAt { get; private set; }

    public DateTime? SubmittedAt { get; private set; }

    public DateTime? ReviewedAt { get; private set; }

    public string? ReviewedByName { get; private set; }

    public int Version { get; private set; }

    public IReadOnlyList<AppraisalLine> Lines => _lines;

    public IReadOnlyList<AppraisalFollowUp> FollowUps => _followUps;

    public AppraisalSubject Subject => new(SubjectKind, SubjectId);

    /// <summary>Takes the measured figures (while the sheet is not yet reviewed): each measured line's share, explanation, evidence and score.</summary>
    internal void Measure(IReadOnlyList<MeasuredFigure> figures, DateTime at)
    {
        foreach (var line in _lines.Where(l => l.Measure is not null))
            if (figures.FirstOrDefault(f => f.Code == line.Measure) is { } f) line.Measured(f);
        MeasuredAt = at;
        SelfTotal = SelfTotalNow();
    }

    internal void Transition(AppraisalSheetState to, DateTime at)
    {
        State = to;
        if (to == AppraisalSheetState.Submitted) SubmittedAt = at;
    }

    internal void SelfScored() => SelfTotal = SelfTotalNow();

    internal void Reviewed(string byName, DateTime at)
    {
        ReviewTotal = AppraisalScoring.Total(_lines.Select(l => l.ReviewScore ?? 0m));
        ReviewedByName = byName;
        ReviewedAt = at;
        State = AppraisalSheetState.Reviewed;
    }

    internal void Fix(int rank, Grade grade)
    {
        Rank = rank;
        Grade = grade;
    }

    internal void AddFollowUp(AppraisalFollowUp f) => _followUps.Add(f);

    private decimal? SelfTotalNow() =>
        _lines.All(l => l.SelfValue is not null) ? AppraisalScoring.Total(_lines.Select(l => l.SelfValue!.Value)) : null;
}

/// <summary>
/// One sub-item of a sheet, copied from the rule set: points and standard, the measured figure with its evidence (for a measured sub-item),
/// the subject's self-score and explanation (or findings declared, for the deduction item), and the reviewer's score and reason.
/// </summary>
public sealed class AppraisalLine
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly List<AppraisalAttachment> _attachments = [];

    private AppraisalLine() { }

    internal AppraisalLine(int sortOrder, AppraisalItem item, AppraisalSubItem sub)
    {
        SortOrder = sortOrder;
        ItemCode = item.Code;
        ItemName = item.Name;
        ItemPoints = item.Points;
        IsDeduction = item.IsDeduction;
        Code = sub.Code;
        Name = sub.Name;
        Points = sub.Points;
        Standard = sub.Standard;
        Measure = item.IsDeduction ? null : sub.Measure;
        if (IsDeduction)
        {
            SelfFindings = 0;
            SelfScore = Points;
        }
    }

    public long Id { get; private set; }

    public long SheetId { get; private set; }

    public int SortOrder { get; private set; }

    public string ItemCode { get; private set; } = "";

    public string ItemName { get; private set; } = "";

    public decimal ItemPoints { get; private set; }

    public bool IsDeduction { get; private set; }

    public string Code { get; private set; } = "";

    public string Name { get; private set; } = "";

    public decimal Points { get; private set; }

    public string Standard { get; private set; } = "";

    /// <summary>The <see cref="MeasureCodes"/> code when the system computes this sub-item.</summary>
    public string? Measure { get; private set; }

    public int? Numerator { get; private set; }

    public int? Denominator { get; private set; }

    public decimal? Share { get; private set; }

    public string? MeasureExplanation { get; private set; }

    /// <summary>The evidence records of the measured figure as JSON (label, url, counted), a snapshot taken with the figure.</summary>
    public string? EvidenceJson { get; private set; }

    /// <summary>The measured score (unrounded); null when nothing was measured.</summary>
    public decimal? ComputedScore { get; private set; }

    public decimal? SelfScore { get; private set; }

    public string? SelfExplanation { get; private set; }

    /// <summary>The deduction item: findings the subject declares.</summary>
    public int? SelfFindings { get; private set; }

    public decimal? ReviewScore { get; private set; }

    public string? ReviewReason { get; private set; }

    /// <summary>The deduction item: findings the reviewer counts.</summary>
    public int? ReviewFindings { get; private set; }

    public IReadOnlyList<AppraisalAttachment> Attachments => _attachments;

    public IReadOnlyList<MeasureEvidence> Evidence =>
        EvidenceJson is null ? [] : JsonSerializer.Deserialize<List<MeasureEvidence>>(EvidenceJson, Json) ?? [];

    /// <summary>A measured line with a share: the subject's score is the computed one.</summary>
    public bool IsComputed => ComputedScore is not null;

    /// <summary>The score the subject proposes: the computed one where measured, the findings' deduction, or the self-score.</summary>
    public decimal? SelfValue => ComputedScore ?? SelfScore;

    internal void Measured(MeasuredFigure f)
    {
        Numerator = f.Numerator;
        Denominator = f.Denominator;
        Share = f.Share;
        MeasureExplanation = f.Explanation.Length > 2000 ? f.Explanation[..2000] : f.Explanation;
        EvidenceJson = JsonSerializer.Serialize(f.Evidence, Json);
        ComputedScore = AppraisalScoring.Measured(Points, Measure!, f.Share);
        if (ComputedScore is not null) SelfScore = ComputedScore;
    }

    internal void SelfScoreWith(decimal? score, int? findings, string? explanation, decimal perFinding)
    {
        explanation = string.IsNullOrWhiteSpace(explanation) ? null : explanation.Trim();
        if (explanation?.Length > 2000) throw new DomainException($"“{Name}”的自评说明不超过2000字。");
        SelfExplanation = explanation;
        if (IsDeduction)
        {
            var n = findings ?? 0;
            SelfFindings = n;
            SelfScore = AppraisalScoring.Deduction(Points, n, perFinding);
            return;
        }
        if (IsComputed) return;
        if (score is { } s) AppraisalScoring.CheckEntered(s, Points, Name);
        SelfScore = score;
    }

    /// <summary>
    /// The reviewer's score (default: what the subject proposed); a score differing from the self-score or from the computed score needs
    /// a reason.
    /// </summary>
    internal void Review(decimal? score, int? findings, string? reason, decimal perFinding)
    {
        reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        if (reason?.Length > 2000) throw new DomainException($"“{Name}”的调整理由不超过2000字。");
        decimal value;
        if (IsDeduction)
        {
            var n = findings ?? SelfFindings ?? 0;
            value = AppraisalScoring.Deduction(Points, n, perFinding);
            ReviewFindings = n;
        }
        else
        {
            value = score ?? SelfValue ?? throw new DomainException($"“{Name}”没有自评得分，请填写复核得分。");
            AppraisalScoring.CheckEntered(value, Points, Name);
        }
        var differs = (SelfValue is { } self && value != self) || (ComputedScore is { } computed && value != computed);
        if (differs && reason is null)
            throw new DomainException($"“{Name}”的复核得分{value:0.##}与自评或系统计算得分{SelfValue:0.##}不同，必须填写调整理由。");
        ReviewScore = value;
        ReviewReason = reason;
    }

    internal void AddAttachment(AppraisalAttachment a) => _attachments.Add(a);
}

/// <summary>An evidence file of a self-scored line (bytes in <see cref="Attachments.AttachmentContent"/>).</summary>
public sealed class AppraisalAttachment
{
    private AppraisalAttachment() { }

    public AppraisalAttachment(string originalName, string storedName, string contentType, long size, string sha256, string uploadedByName, DateTime uploadedAt)
    {
        OriginalName = originalName;
        StoredName = storedName;
        ContentType = contentType;
        Size = size;
        Sha256 = sha256;
        UploadedByName = uploadedByName;
        UploadedAt = uploadedAt;
    }

    public long Id { get; private set; }

    public long LineId { get; private set; }

    public string OriginalName { get; private set; } = "";

    public string StoredName { get; private set; } = "";

    public string ContentType { get; private set; } = "";

    public long Size { get; private set; }

    public string Sha256 { get; private set; } = "";

    public string UploadedByName { get; private set; } = "";

    public DateTime UploadedAt { get; private set; }
}

/// <summary>通报表扬 or 约谈 of a finalised sheet's subject: the date, the text and, for a talk, the deadline for improvement.</summary>
public sealed class AppraisalFollowUp : IVersioned
{
    private AppraisalFollowUp() { }

    public AppraisalFollowUp(AppraisalFollowUpKind kind, DateOnly date, string text, DateOnly? improvementDeadline, string recordedByName, DateTime recordedAt)
    {
        text = text?.Trim() ?? "";
        if (text.Length is 0 or > 4000) throw new DomainException(kind == AppraisalFollowUpKind.Talk ? "请填写约谈内容（不超过4000字）。" : "请填写表扬内容（不超过4000字）。");
        if (kind == AppraisalFollowUpKind.Talk && improvementDeadline is null) throw new DomainException("约谈须填写整改提升期限。");
        if (improvementDeadline is { } d && d < date) throw new DomainException("整改提升期限不能早于约谈日期。");
        Kind = kind;
        Date = date;
        Text = text;
        ImprovementDeadline = kind == AppraisalFollowUpKind.Talk ? improvementDeadline : null;
        RecordedByName = recordedByName;
        RecordedAt = recordedAt;
    }

    public long Id { get; private set; }

    public long SheetId { get; private set; }

    public AppraisalFollowUpKind Kind { get; private set; }

    public DateOnly Date { get; private set; }

    public string Text { get; private set; } = "";

    public DateOnly? ImprovementDeadline { get; private set; }

    public string RecordedByName { get; private set; } = "";

    public DateTime RecordedAt { get; private set; }

    public int Version { get; private set; }
}
