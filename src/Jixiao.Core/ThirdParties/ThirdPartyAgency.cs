using Jixiao.Core.Common;

namespace Jixiao.Core.ThirdParties;

/// <summary>第三方机构的类型.</summary>
public enum AgencyType
{
    /// <summary>咨询机构</summary>
    Consultancy,
    /// <summary>会计师事务所</summary>
    AccountingFirm,
    /// <summary>律师事务所</summary>
    LawFirm,
    /// <summary>科研院所</summary>
    ResearchInstitute,
    /// <summary>高等院校</summary>
    University,
}

/// <summary>信用状况: a blacklisted agency cannot be engaged (RULES §9).</summary>
public enum CreditStatus
{
    /// <summary>良好</summary>
    Good,
    /// <summary>关注 (e.g. after an inspection finding): may be engaged, shown as a warning.</summary>
    Watch,
    /// <summary>黑名单</summary>
    Blacklisted,
}

public static class AgencyNames
{
    public static string ChineseName(this AgencyType t) => t switch
    {
        AgencyType.Consultancy => "咨询机构",
        AgencyType.AccountingFirm => "会计师事务所",
        AgencyType.LawFirm => "律师事务所",
        AgencyType.ResearchInstitute => "科研院所",
        AgencyType.University => "高等院校",
    };

    public static string ChineseName(this CreditStatus s) => s switch
    {
        CreditStatus.Good => "良好",
        CreditStatus.Watch => "关注",
        CreditStatus.Blacklisted => "黑名单",
    };
}

/// <summary>
/// 第三方机构 in the pool: an organisation of kind ThirdPartyAgency (its staff sign in there) with what the
/// commissioning party needs to choose it — type, qualifications, staff, credit status, declared conflicts, and the
/// quality ratings and inspection findings of past engagements (Art. 12; 财预〔2021〕6号).
/// </summary>
public sealed class ThirdPartyAgency : IVersioned
{
    private readonly List<AgencyConflict> _conflicts = [];

    private ThirdPartyAgency() { }

    public ThirdPartyAgency(long regionId, long organizationId)
    {
        RegionId = regionId;
        OrganizationId = organizationId;
    }

    public long Id { get; private set; }

    public long RegionId { get; private set; }

    /// <summary>The agency's organisation (unique): its name, and where its staff accounts belong.</summary>
    public long OrganizationId { get; private set; }

    public AgencyType Type { get; private set; }

    /// <summary>资质: licences and certificates, free text.</summary>
    public string Qualifications { get; private set; } = "";

    /// <summary>从业人员数.</summary>
    public int StaffCount { get; private set; }

    public string ContactName { get; private set; } = "";

    [AuditMasked]
    public string? ContactPhoneEncrypted { get; private set; }

    public CreditStatus CreditStatus { get; private set; }

    /// <summary>Why the credit status is what it is (required for 关注 and 黑名单).</summary>
    public string? CreditNote { get; private set; }

    public int Version { get; private set; }

    /// <summary>Organisations the agency has a relationship with: it may not assess or evaluate them.</summary>
    public IReadOnlyList<AgencyConflict> Conflicts => _conflicts;

    public void Update(AgencyType type, string qualifications, int staffCount, string contactName, string? contactPhoneEncrypted)
    {
        if (staffCount is < 1 or > 100_000) throw new DomainException("从业人员数应为正整数。");
        Type = type;
        Qualifications = Expert.Required(qualifications, 1000, "资质情况");
        StaffCount = staffCount;
        ContactName = Expert.Required(contactName, 50, "联系人");
        ContactPhoneEncrypted = contactPhoneEncrypted;
    }

    public void SetCredit(CreditStatus status, string? note)
    {
        note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if (status != CreditStatus.Good && note is null) throw new DomainException($"将信用状况设为“{status.ChineseName()}”须说明原因。");
        if (note?.Length > 1000) throw new DomainException("信用状况说明不超过1000字。");
        CreditStatus = status;
        CreditNote = note;
    }

    public void SetConflicts(IEnumerable<(long OrganizationId, string? Note)> conflicts)
    {
        _conflicts.Clear();
        foreach (var (org, note) in conflicts.DistinctBy(c => c.OrganizationId))
            _conflicts.Add(new AgencyConflict(org, note));
    }
}

public sealed class AgencyConflict
{
    private AgencyConflict() { }

    public AgencyConflict(long organizationId, string? note)
    {
        OrganizationId = organizationId;
        Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim()[..Math.Min(note.Trim().Length, 200)];
    }

    public long Id { get; private set; }

    public long AgencyId { get; private set; }

    public long OrganizationId { get; private set; }

    public string? Note { get; private set; }
}

/// <summary>The commissioning party's quality rating of one engagement (质量评价), 0-100 with remarks.</summary>
public sealed class AgencyRating
{
    private AgencyRating() { }

    public AgencyRating(long agencyId, string subjectType, string subjectId, long ratedByOrganizationId, string ratedByName, decimal score, string remarks, DateTime at)
    {
        if (score is < 0m or > 100m || decimal.Round(score, 1) != score) throw new DomainException("质量评分应在0到100分之间，最多一位小数。");
        AgencyId = agencyId;
        SubjectType = subjectType;
        SubjectId = subjectId;
        RatedByOrganizationId = ratedByOrganizationId;
        RatedByName = ratedByName;
        Score = score;
        Remarks = Expert.Required(remarks, 2000, "评价意见");
        At = at;
    }

    public long Id { get; private set; }

    public long AgencyId { get; private set; }

    /// <summary>What the engagement was, e.g. <c>PriorAssessment</c> and its id: one rating per engagement.</summary>
    public string SubjectType { get; private set; } = "";

    public string SubjectId { get; private set; } = "";

    public long RatedByOrganizationId { get; private set; }

    public string RatedByName { get; private set; } = "";

    public decimal Score { get; private set; }

    public string Remarks { get; private set; } = "";

    public DateTime At { get; private set; }
}

/// <summary>A finding of the finance bureau's inspection of an agency's work (监督检查).</summary>
public sealed class AgencyInspection
{
    private AgencyInspection() { }

    public AgencyInspection(long agencyId, DateOnly inspectedOn, string finding, bool isSerious, string recordedByName, DateTime at)
    {
        AgencyId = agencyId;
        InspectedOn = inspectedOn;
        Finding = Expert.Required(finding, 2000, "检查发现");
        IsSerious = isSerious;
        RecordedByName = recordedByName;
        At = at;
    }

    public long Id { get; private set; }

    public long AgencyId { get; private set; }

    public DateOnly InspectedOn { get; private set; }

    public string Finding { get; private set; } = "";

    /// <summary>A serious finding (e.g. falsified working papers).</summary>
    public bool IsSerious { get; private set; }

    public string RecordedByName { get; private set; } = "";

    public DateTime At { get; private set; }
}
