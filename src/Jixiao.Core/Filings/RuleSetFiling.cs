using Jixiao.Core.Common;
using Jixiao.Core.Identity;
using Jixiao.Core.Workflows;

namespace Jixiao.Core.Filings;

public enum FilingState
{
    /// <summary>已报送: waiting for the city's performance section.</summary>
    Submitted,
    /// <summary>已备案: recorded with a 备案号.</summary>
    Filed,
    /// <summary>已退回: the city returned it with comments; the county revises and resubmits.</summary>
    Returned,
}

public enum FilingAction
{
    /// <summary>报送 (the first submission: recorded as a step into Submitted).</summary>
    Submit,
    File,
    Return,
    Resubmit,
}

/// <summary>
/// 备案 of a county's implementation rules (Art. 38): the county's performance section submits, the city's performance section files it
/// (备案, numbered) or returns it with comments (required); the county resubmits a revised rule-set version or document.
/// </summary>
public static class FilingWorkflow
{
    public static string ChineseName(this FilingState s) => s switch
    {
        FilingState.Submitted => "已报送",
        FilingState.Filed => "已备案",
        FilingState.Returned => "已退回",
    };

    public static string ChineseName(this FilingAction a) => a switch
    {
        FilingAction.Submit => "报送备案",
        FilingAction.File => "备案",
        FilingAction.Return => "退回",
        FilingAction.Resubmit => "重新报送",
    };

    public static readonly StateMachine<FilingState, FilingAction> Machine =
        new StateMachine<FilingState, FilingAction>(ChineseName, ChineseName)
            .Allow(FilingState.Submitted, FilingAction.File, FilingState.Filed, false, Role.PerformanceSection)
            .Allow(FilingState.Submitted, FilingAction.Return, FilingState.Returned, true, Role.PerformanceSection)
            .Allow(FilingState.Returned, FilingAction.Resubmit, FilingState.Submitted, false, Role.PerformanceSection);

    /// <summary>The first submission, recorded in the history like the moves of <see cref="Machine"/>.</summary>
    public static readonly Transition<FilingState, FilingAction> Submit =
        new(FilingState.Submitted, FilingAction.Submit, FilingState.Submitted, new HashSet<Role> { Role.PerformanceSection }, false);
}

/// <summary>
/// A county's implementation rules filed with the city (备案, Art. 38): the document (公文: PDF, Word or OFD, bytes in
/// <see cref="Attachments.AttachmentContent"/>), the county's own rule-set version it pins, the city's rule-set version in force then (what the
/// county's rules are compared with), a note, and the city's decision: the 备案号 (gapless per city and fiscal year) or the return comments.
/// </summary>
public sealed class RuleSetFiling : IVersioned
{
    public const int MaxNote = 2000;
    public const int MaxComment = 2000;

    private RuleSetFiling() { }

    public RuleSetFiling(long regionId, long cityRegionId, int fiscalYear, long submitterOrganizationId, long ruleSetId, long? cityRuleSetId,
        FilingDocument document, string? note, string byName, DateTime at)
    {
        if (fiscalYear is < 2000 or > 2100) throw new DomainException("预算年度无效。");
        RegionId = regionId;
        CityRegionId = cityRegionId;
        FiscalYear = fiscalYear;
        SubmitterOrganizationId = submitterOrganizationId;
        State = FilingState.Submitted;
        Submit(ruleSetId, cityRuleSetId, document, note, byName, at);
    }

    public long Id { get; private set; }

    /// <summary>The county (区县) whose rules these are.</summary>
    public long RegionId { get; private set; }

    /// <summary>The city (the region above) that files them.</summary>
    public long CityRegionId { get; private set; }

    public int FiscalYear { get; private set; }

    /// <summary>The county's performance section (it receives the to-do when returned).</summary>
    public long SubmitterOrganizationId { get; private set; }

    /// <summary>The county's own rule-set version filed (pinned).</summary>
    public long RuleSetId { get; private set; }

    /// <summary>The city's rule-set version in force for the year when submitted; null when the city used the national defaults.</summary>
    public long? CityRuleSetId { get; private set; }

    public string DocumentName { get; private set; } = "";

    public string DocumentStoredName { get; private set; } = "";

    public string DocumentContentType { get; private set; } = "";

    public long DocumentSize { get; private set; }

    public string DocumentSha256 { get; private set; } = "";

    public string? Note { get; private set; }

    public FilingState State { get; private set; }

    public DateTime SubmittedAt { get; private set; }

    public string SubmittedByName { get; private set; } = "";

    /// <summary>How many times it was submitted (1 for the first; resubmissions count up).</summary>
    public int Submissions { get; private set; }

    /// <summary>The fiscal year of the 备案号 (the filing's year).</summary>
    public int? NumberYear { get; private set; }

    /// <summary>The sequence within the city and <see cref="NumberYear"/>: gapless, unique.</summary>
    public int? Sequence { get; private set; }

    /// <summary>备案号, e.g. 长绩备〔2026〕1号.</summary>
    public string? Number { get; private set; }

    public DateTime? FiledAt { get; private set; }

    public string? FiledByName { get; private set; }

    /// <summary>The city's optional comment on filing.</summary>
    public string? FilingComment { get; private set; }

    /// <summary>The comments of the latest return (every return stays in the history).</summary>
    public string? ReturnComments { get; private set; }

    public DateTime? ReturnedAt { get; private set; }

    public string? ReturnedByName { get; private set; }

    public int Version { get; private set; }

    private void Submit(long ruleSetId, long? cityRuleSetId, FilingDocument document, string? note, string byName, DateTime at)
    {
        note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if (note?.Length > MaxNote) throw new DomainException($"备案说明不超过{MaxNote}字。");
        RuleSetId = ruleSetId;
        CityRuleSetId = cityRuleSetId;
        SetDocument(document);
        Note = note;
        SubmittedAt = at;
        SubmittedByName = Clip(byName);
        Submissions++;
    }

    private void SetDocument(FilingDocument d)
    {
        DocumentName = d.Name;
        DocumentStoredName = d.StoredName;
        DocumentContentType = d.ContentType;
        DocumentSize = d.Size;
        DocumentSha256 = d.Sha256;
    }

    /// <summary>Resubmits after a return: a newer rule-set version and/or a new document (at least one must change).</summary>
    internal void Resubmit(long ruleSetId, long? cityRuleSetId, FilingDocument? document, string? note, string byName, DateTime at)
    {
        if (ruleSetId == RuleSetId && document is null)
            throw new DomainException("重新报送前请修改本级规则（保存新版本）或上传修改后的实施细则文件。");
        Submit(ruleSetId, cityRuleSetId, document ?? Document, note, byName, at);
        State = FilingState.Submitted;
    }

    public FilingDocument Document => new(DocumentName, DocumentStoredName, DocumentContentType, DocumentSize, DocumentSha256);

    internal void File(int year, int sequence, string number, string? comment, string byName, DateTime at)
    {
        comment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
        if (comment?.Length > MaxComment) throw new DomainException($"备案意见不超过{MaxComment}字。");
        NumberYear = year;
        Sequence = sequence;
        Number = number;
        FilingComment = comment;
        FiledAt = at;
        FiledByName = Clip(byName);
        State = FilingState.Filed;
    }

    internal void Return(string comments, string byName, DateTime at)
    {
        comments = comments?.Trim() ?? "";
        if (comments.Length == 0) throw new DomainException("退回必须填写修改意见。");
        if (comments.Length > MaxComment) throw new DomainException($"退回意见不超过{MaxComment}字。");
        ReturnComments = comments;
        ReturnedAt = at;
        ReturnedByName = Clip(byName);
        State = FilingState.Returned;
    }

    private static string Clip(string s) => s.Length > 50 ? s[..50] : s;
}

/// <summary>The filed document's metadata (its bytes are an <see cref="Attachments.AttachmentContent"/>).</summary>
public sealed record FilingDocument(string Name, string StoredName, string ContentType, long Size, string Sha256);
