using Jixiao.Core.Common;
using Jixiao.Core.Identity;
using Jixiao.Core.RuleSets;
using Jixiao.Core.Workflows;

namespace Jixiao.Core.Results;

/// <summary>What a feedback letter reports on (RULES §7, Art. 28).</summary>
public enum FeedbackSourceKind
{
    /// <summary>重点评价: a completed key evaluation (one letter per evaluated subject organisation).</summary>
    KeyEvaluation,
    /// <summary>再评价: one item of a completed re-evaluation.</summary>
    ReEvaluation,
    /// <summary>监控发现: a monitoring report with problems found (warnings).</summary>
    MonitoringFinding,
    /// <summary>绩效自评: a passed self-evaluation.</summary>
    SelfEvaluation,
}

public enum FeedbackLetterState
{
    /// <summary>草稿</summary>
    Draft,
    /// <summary>征求意见中 (听取意见, Art. 28): the evaluated party may state its views.</summary>
    AwaitingViews,
    /// <summary>已印发: numbered, the .docx stored unchanged.</summary>
    Sent,
    /// <summary>已作废</summary>
    Cancelled,
}

public enum FeedbackLetterAction
{
    RequestViews,
    StateViews,
    Send,
    Cancel,
}

/// <summary>
/// The feedback letter's workflow: the performance section drafts it, may ask the evaluated party for its views (the party states them,
/// recorded as a step that keeps the state), and sends it (numbered, .docx stored); an unsent letter can be cancelled.
/// </summary>
public static class FeedbackLetterWorkflow
{
    public static string ChineseName(this FeedbackLetterState s) => s switch
    {
        FeedbackLetterState.Draft => "草稿",
        FeedbackLetterState.AwaitingViews => "征求意见中",
        FeedbackLetterState.Sent => "已印发",
        FeedbackLetterState.Cancelled => "已作废",
    };

    public static string ChineseName(this FeedbackLetterAction a) => a switch
    {
        FeedbackLetterAction.RequestViews => "征求意见",
        FeedbackLetterAction.StateViews => "反馈意见",
        FeedbackLetterAction.Send => "印发",
        FeedbackLetterAction.Cancel => "作废",
    };

    public static string ChineseName(this FeedbackSourceKind k) => k switch
    {
        FeedbackSourceKind.KeyEvaluation => "重点评价",
        FeedbackSourceKind.ReEvaluation => "再评价",
        FeedbackSourceKind.MonitoringFinding => "运行监控",
        FeedbackSourceKind.SelfEvaluation => "绩效自评",
    };

    public static string WireName(this FeedbackSourceKind k) => k switch
    {
        FeedbackSourceKind.KeyEvaluation => "key-evaluation",
        FeedbackSourceKind.ReEvaluation => "re-evaluation",
        FeedbackSourceKind.MonitoringFinding => "monitoring",
        FeedbackSourceKind.SelfEvaluation => "self-evaluation",
    };

    public static FeedbackSourceKind? ParseSourceKind(string? s) =>
        Enum.GetValues<FeedbackSourceKind>().Cast<FeedbackSourceKind?>().FirstOrDefault(k => k!.Value.WireName() == s?.Trim().ToLowerInvariant());

    private static readonly Role[] Evaluated = [Role.BudgetUnit, Role.Department];

    public static readonly StateMachine<FeedbackLetterState, FeedbackLetterAction> Machine =
        new StateMachine<FeedbackLetterState, FeedbackLetterAction>(ChineseName, ChineseName)
            .Allow(FeedbackLetterState.Draft, FeedbackLetterAction.RequestViews, FeedbackLetterState.AwaitingViews, false, Role.PerformanceSection)
            .Allow(FeedbackLetterState.AwaitingViews, FeedbackLetterAction.StateViews, FeedbackLetterState.AwaitingViews, false, Evaluated)
            .Allow(FeedbackLetterState.Draft, FeedbackLetterAction.Send, FeedbackLetterState.Sent, false, Role.PerformanceSection)
            .Allow(FeedbackLetterState.AwaitingViews, FeedbackLetterAction.Send, FeedbackLetterState.Sent, false, Role.PerformanceSection)
            .Allow(FeedbackLetterState.Draft, FeedbackLetterAction.Cancel, FeedbackLetterState.Cancelled, true, Role.PerformanceSection)
            .Allow(FeedbackLetterState.AwaitingViews, FeedbackLetterAction.Cancel, FeedbackLetterState.Cancelled, true, Role.PerformanceSection);
}

/// <summary>
/// 评价结果反馈函 (Art. 28-30, RULES §7): the organiser tells the evaluated organisation its score, grade, the problems found and the
/// rectification required by a deadline. Numbered <c>长财绩函〔YYYY〕N号</c> when sent (gapless per region and year), the .docx generated
/// then is stored unchanged with its SHA-256. Sending creates the <see cref="Rectification"/>.
/// </summary>
public sealed class FeedbackLetter : IVersioned, IOrganizationOwned
{
    private FeedbackLetter() { }

    public FeedbackLetter(long regionId, int fiscalYear, FeedbackSourceKind sourceKind, long sourceId, long? projectId, long organizationId,
        long departmentId, long organizerOrganizationId, string draftedByName, DateTime createdAt)
    {
        if (fiscalYear is < 2000 or > 2100) throw new DomainException("预算年度无效。");
        RegionId = regionId;
        FiscalYear = fiscalYear;
        SourceKind = sourceKind;
        SourceId = sourceId;
        ProjectId = projectId;
        OrganizationId = organizationId;
        DepartmentId = departmentId;
        OrganizerOrganizationId = organizerOrganizationId;
        DraftedByName = draftedByName;
        CreatedAt = createdAt;
    }

    public long Id { get; private set; }

    public long RegionId { get; private set; }

    public int FiscalYear { get; private set; }

    public FeedbackSourceKind SourceKind { get; private set; }

    /// <summary>The id of the key evaluation subject, re-evaluation item, monitoring report or self-evaluation.</summary>
    public long SourceId { get; private set; }

    public long? ProjectId { get; private set; }

    /// <summary>The evaluated organisation (主送).</summary>
    public long OrganizationId { get; private set; }

    /// <summary>The department the evaluated organisation belongs to (itself for a department), for scope.</summary>
    public long DepartmentId { get; private set; }

    public long OrganizerOrganizationId { get; private set; }

    public string DraftedByName { get; private set; } = "";

    public string Title { get; private set; } = "";

    /// <summary>主送: the evaluated organisation's name as printed.</summary>
    public string Recipient { get; private set; } = "";

    /// <summary>落款: the issuing organ's name as printed.</summary>
    public string Issuer { get; private set; } = "";

    /// <summary>The subject evaluated, as printed (project name, or the department's whole spending).</summary>
    public string SubjectName { get; private set; } = "";

    public decimal? Score { get; private set; }

    public Grade? Grade { get; private set; }

    /// <summary>The problems found, one per line; each becomes a rectification item.</summary>
    public string Problems { get; private set; } = "";

    /// <summary>The rectification required (整改要求).</summary>
    public string Requirements { get; private set; } = "";

    /// <summary>The rectification deadline (rule-set default: days after sending).</summary>
    public DateOnly Deadline { get; private set; }

    /// <summary>The year of the number (the year it was sent).</summary>
    public int? NumberYear { get; private set; }

    /// <summary>The sequence number within region and <see cref="NumberYear"/>: gapless, unique.</summary>
    public int? Sequence { get; private set; }

    /// <summary>文号, e.g. 长财绩函〔2026〕3号.</summary>
    public string? Number { get; private set; }

    /// <summary>The evaluated party's views (听取意见), kept with the letter.</summary>
    public string? Views { get; private set; }

    public string? ViewsByName { get; private set; }

    public DateTime? ViewsAt { get; private set; }

    public FeedbackLetterState State { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public DateTime? SentAt { get; private set; }

    public string? SentByName { get; private set; }

    public DateTime? CancelledAt { get; private set; }

    public string? CancelReason { get; private set; }

    /// <summary>The stored .docx as sent (an <see cref="Attachments.AttachmentContent"/>), never regenerated.</summary>
    public string? DocxStoredName { get; private set; }

    public string? DocxSha256 { get; private set; }

    public int Version { get; private set; }

    public bool IsEditable => State is FeedbackLetterState.Draft or FeedbackLetterState.AwaitingViews;

    /// <summary>The problems as a list (one per non-empty line).</summary>
    public IReadOnlyList<string> ProblemList => SplitLines(Problems);

    public static IReadOnlyList<string> SplitLines(string? text) =>
        (text ?? "").Split('\n').Select(l => l.Trim().TrimEnd('\r').Trim()).Where(l => l.Length > 0).ToList();

    public void Edit(string title, string recipient, string issuer, string subjectName, decimal? score, Grade? grade, string problems,
        string requirements, DateOnly deadline)
    {
        if (!IsEditable) throw new DomainException("反馈函已印发或作废，不能修改。");
        title = title?.Trim() ?? "";
        if (title.Length is 0 or > 200) throw new DomainException("请填写反馈函标题（不超过200字）。");
        recipient = recipient?.Trim() ?? "";
        if (recipient.Length is 0 or > 200) throw new DomainException("请填写主送单位（不超过200字）。");
        issuer = issuer?.Trim() ?? "";
        if (issuer.Length is 0 or > 200) throw new DomainException("请填写落款单位（不超过200字）。");
        subjectName = subjectName?.Trim() ?? "";
        if (subjectName.Length > 200) throw new DomainException("评价对象名称不超过200字。");
        if (score is < 0 or > 100) throw new DomainException("评价得分应在0至100之间。");
        problems = (problems ?? "").Trim();
        var list = SplitLines(problems);
        if (list.Count == 0) throw new DomainException("请至少填写一条发现的问题（每行一条）。");
        if (list.Count > 50) throw new DomainException("发现的问题最多50条。");
        if (problems.Length > 8000 || list.Any(p => p.Length > 1000)) throw new DomainException("发现的问题过长（每条不超过1000字，合计不超过8000字）。");
        requirements = (requirements ?? "").Trim();
        if (requirements.Length is 0 or > 4000) throw new DomainException("请填写整改要求（不超过4000字）。");
        Title = title;
        Recipient = recipient;
        Issuer = issuer;
        SubjectName = subjectName;
        Score = score;
        Grade = grade;
        Problems = string.Join('\n', list);
        Requirements = requirements;
        Deadline = deadline;
    }

    internal void RequestViews() => State = FeedbackLetterState.AwaitingViews;

    internal void StateViews(string views, string byName, DateTime at)
    {
        views = views?.Trim() ?? "";
        if (views.Length is 0 or > 4000) throw new DomainException("请填写意见（不超过4000字）。");
        Views = views;
        ViewsByName = byName;
        ViewsAt = at;
    }

    internal void Cancel(string reason, DateTime at)
    {
        reason = reason?.Trim() ?? "";
        if (reason.Length > 1000) throw new DomainException("作废理由不超过1000字。");
        CancelReason = reason;
        CancelledAt = at;
        State = FeedbackLetterState.Cancelled;
    }

    /// <summary>Assigns the number (before the .docx is generated: the number is printed on it).</summary>
    internal void AssignNumber(int year, int sequence, string number)
    {
        NumberYear = year;
        Sequence = sequence;
        Number = number;
    }

    internal void Sent(string docxStoredName, string sha256, string byName, DateTime at)
    {
        DocxStoredName = docxStoredName;
        DocxSha256 = sha256;
        SentByName = byName;
        SentAt = at;
        State = FeedbackLetterState.Sent;
    }
}
