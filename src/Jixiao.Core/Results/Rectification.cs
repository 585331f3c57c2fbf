using Jixiao.Core.Common;
using Jixiao.Core.Identity;
using Jixiao.Core.Workflows;

namespace Jixiao.Core.Results;

public enum RectificationState
{
    /// <summary>整改中: the evaluated party records measures and evidence.</summary>
    InProgress,
    /// <summary>已报送: the rectification report is with the organiser.</summary>
    Submitted,
    /// <summary>已退回: returned with a reason; the party continues and submits again.</summary>
    Returned,
    /// <summary>已验收: accepted by the organiser.</summary>
    Accepted,
}

public enum RectificationAction
{
    Submit,
    Accept,
    Return,
}

public enum RectificationItemState
{
    /// <summary>未整改</summary>
    Open,
    /// <summary>部分整改</summary>
    PartlyDone,
    /// <summary>已整改</summary>
    Done,
}

/// <summary>The rectification's workflow: the evaluated party submits its report (行文报告, Art. 30); the organiser accepts or returns it.</summary>
public static class RectificationWorkflow
{
    public static string ChineseName(this RectificationState s) => s switch
    {
        RectificationState.InProgress => "整改中",
        RectificationState.Submitted => "已报送",
        RectificationState.Returned => "已退回",
        RectificationState.Accepted => "已验收",
    };

    public static string ChineseName(this RectificationAction a) => a switch
    {
        RectificationAction.Submit => "报送整改报告",
        RectificationAction.Accept => "验收通过",
        RectificationAction.Return => "退回",
    };

    public static string ChineseName(this RectificationItemState s) => s switch
    {
        RectificationItemState.Open => "未整改",
        RectificationItemState.PartlyDone => "部分整改",
        RectificationItemState.Done => "已整改",
    };

    public static string WireName(this RectificationItemState s) => s switch
    {
        RectificationItemState.Open => "open",
        RectificationItemState.PartlyDone => "partly-done",
        RectificationItemState.Done => "done",
    };

    private static readonly Role[] Evaluated = [Role.BudgetUnit, Role.Department];

    public static readonly StateMachine<RectificationState, RectificationAction> Machine =
        new StateMachine<RectificationState, RectificationAction>(ChineseName, ChineseName)
            .Allow(RectificationState.InProgress, RectificationAction.Submit, RectificationState.Submitted, false, Evaluated)
            .Allow(RectificationState.Returned, RectificationAction.Submit, RectificationState.Submitted, false, Evaluated)
            .Allow(RectificationState.Submitted, RectificationAction.Accept, RectificationState.Accepted, false, Role.PerformanceSection)
            .Allow(RectificationState.Submitted, RectificationAction.Return, RectificationState.Returned, true, Role.PerformanceSection);
}

/// <summary>
/// 整改 (Art. 30, RULES §7): created when a feedback letter is sent, one per letter, with one item per problem. Overdue = the deadline
/// passed and not accepted (<see cref="RectificationRules.IsOverdue"/>); the daily job reminds ahead of the deadline and marks overdue.
/// </summary>
public sealed class Rectification : IVersioned, IOrganizationOwned
{
    private readonly List<RectificationItem> _items = [];

    private Rectification() { }

    internal Rectification(FeedbackLetter letter, DateTime createdAt)
    {
        LetterId = letter.Id;
        RegionId = letter.RegionId;
        FiscalYear = letter.FiscalYear;
        ProjectId = letter.ProjectId;
        OrganizationId = letter.OrganizationId;
        DepartmentId = letter.DepartmentId;
        OrganizerOrganizationId = letter.OrganizerOrganizationId;
        Deadline = letter.Deadline;
        CreatedAt = createdAt;
        var order = 0;
        _items.AddRange(letter.ProblemList.Select(p => new RectificationItem(++order, p, letter.Deadline)));
    }

    public long Id { get; private set; }

    public long LetterId { get; private set; }

    public long RegionId { get; private set; }

    public int FiscalYear { get; private set; }

    public long? ProjectId { get; private set; }

    public long OrganizationId { get; private set; }

    public long DepartmentId { get; private set; }

    public long OrganizerOrganizationId { get; private set; }

    public DateOnly Deadline { get; private set; }

    public RectificationState State { get; private set; }

    /// <summary>The evaluated party's rectification report (整改报告).</summary>
    public string? Report { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public DateTime? SubmittedAt { get; private set; }

    public string? SubmittedByName { get; private set; }

    public DateTime? ReviewedAt { get; private set; }

    public string? ReviewedByName { get; private set; }

    public string? ReturnReason { get; private set; }

    /// <summary>When the daily job found it overdue (cleared never: the record that it was late stays).</summary>
    [NotAudited]
    public DateTime? OverdueMarkedAt { get; private set; }

    /// <summary>The day the last reminder was sent (one per day at most).</summary>
    [NotAudited]
    public DateOnly? LastReminderOn { get; private set; }

    public int Version { get; private set; }

    public IReadOnlyList<RectificationItem> Items => _items;

    public bool IsEditableByParty => State is RectificationState.InProgress or RectificationState.Returned;

    public void WriteReport(string? report)
    {
        if (!IsEditableByParty) throw new DomainException("整改报告已报送或已验收，不能修改。");
        report = string.IsNullOrWhiteSpace(report) ? null : report.Trim();
        if (report?.Length > 8000) throw new DomainException("整改报告不超过8000字。");
        Report = report;
    }

    internal void Submit(string byName, DateTime at)
    {
        if (string.IsNullOrWhiteSpace(Report)) throw new DomainException("请先填写整改报告再报送。");
        if (_items.Any(i => i.State == RectificationItemState.Open || string.IsNullOrWhiteSpace(i.Measures)))
            throw new DomainException("每个问题都须填写整改措施并标记为已整改或部分整改后才能报送。");
        SubmittedByName = byName;
        SubmittedAt = at;
        ReturnReason = null;
        State = RectificationState.Submitted;
    }

    internal void Review(bool accept, string? reason, string byName, DateTime at)
    {
        ReviewedByName = byName;
        ReviewedAt = at;
        ReturnReason = accept ? null : reason?.Trim();
        State = accept ? RectificationState.Accepted : RectificationState.Returned;
    }

    internal void MarkOverdue(DateTime at) => OverdueMarkedAt ??= at;

    internal void Reminded(DateOnly day) => LastReminderOn = day;
}

/// <summary>One problem of the letter to rectify: the party's measures, its state (done / partly done), deadline and completion.</summary>
public sealed class RectificationItem
{
    private readonly List<RectificationEvidence> _evidence = [];

    private RectificationItem() { }

    internal RectificationItem(int sortOrder, string problem, DateOnly deadline)
    {
        SortOrder = sortOrder;
        Problem = problem;
        Deadline = deadline;
    }

    public long Id { get; private set; }

    public long RectificationId { get; private set; }

    public int SortOrder { get; private set; }

    public string Problem { get; private set; } = "";

    public string? Measures { get; private set; }

    public RectificationItemState State { get; private set; }

    public DateOnly Deadline { get; private set; }

    public DateTime? CompletedAt { get; private set; }

    public IReadOnlyList<RectificationEvidence> Evidence => _evidence;

    internal void Record(string? measures, RectificationItemState state, DateTime at)
    {
        measures = string.IsNullOrWhiteSpace(measures) ? null : measures.Trim();
        if (measures?.Length > 4000) throw new DomainException("整改措施不超过4000字。");
        if (state != RectificationItemState.Open && measures is null) throw new DomainException("标记整改情况前请填写整改措施。");
        Measures = measures;
        State = state;
        CompletedAt = state == RectificationItemState.Done ? CompletedAt ?? at : null;
    }

    internal void AddEvidence(RectificationEvidence e) => _evidence.Add(e);
}

/// <summary>An evidence file of a rectification item (bytes in <see cref="Attachments.AttachmentContent"/>).</summary>
public sealed class RectificationEvidence
{
    private RectificationEvidence() { }

    public RectificationEvidence(string originalName, string storedName, string contentType, long size, string sha256, string uploadedByName,
        DateTime uploadedAt)
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

    public long ItemId { get; private set; }

    public string OriginalName { get; private set; } = "";

    public string StoredName { get; private set; } = "";

    public string ContentType { get; private set; } = "";

    public long Size { get; private set; }

    public string Sha256 { get; private set; } = "";

    public string UploadedByName { get; private set; } = "";

    public DateTime UploadedAt { get; private set; }
}

/// <summary>The pure deadline rules of rectification (RULES §7), in China's calendar.</summary>
public static class RectificationRules
{
    /// <summary>Overdue: the deadline day has passed (today is after it) and the rectification is not accepted.</summary>
    public static bool IsOverdue(DateOnly deadline, RectificationState state, DateOnly today) =>
        state != RectificationState.Accepted && today > deadline;

    /// <summary>A reminder is due from <paramref name="daysBefore"/> days before the deadline up to the deadline day, while not submitted or accepted.</summary>
    public static bool ReminderDue(DateOnly deadline, RectificationState state, DateOnly today, int daysBefore) =>
        state is RectificationState.InProgress or RectificationState.Returned
        && today <= deadline && today >= deadline.AddDays(-daysBefore);

    /// <summary>The default deadline of a letter sent or drafted on <paramref name="day"/>.</summary>
    public static DateOnly DefaultDeadline(DateOnly day, int days) => day.AddDays(days);
}
