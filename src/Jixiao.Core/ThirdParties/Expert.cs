using Jixiao.Core.Common;

namespace Jixiao.Core.ThirdParties;

/// <summary>
/// 专家: one reviewer of a region's expert pool (Art. 12). Drawn at random for ex-ante assessments, goal reviews and
/// evaluations, never for an organisation they declared a relationship with. Phone and ID number are stored
/// SM4-encrypted and shown masked. An expert who works in the system has a login account (<see cref="UserId"/>),
/// through which they reach their assignments only.
/// </summary>
public sealed class Expert : IVersioned
{
    private readonly List<ExpertConflict> _conflicts = [];

    private Expert() { }

    public Expert(long regionId, string name)
    {
        RegionId = regionId;
        Name = Required(name, 50, "姓名");
    }

    public long Id { get; private set; }

    /// <summary>The region whose pool holds the expert (a county may also draw from the city's pool).</summary>
    public long RegionId { get; private set; }

    public string Name { get; private set; } = "";

    /// <summary>专业领域, e.g. 教育、卫生、农业、财务.</summary>
    public string Field { get; private set; } = "";

    /// <summary>职称, e.g. 高级会计师、教授.</summary>
    public string Title { get; private set; } = "";

    /// <summary>工作单位.</summary>
    public string Employer { get; private set; } = "";

    [AuditMasked]
    public string? PhoneEncrypted { get; private set; }

    [AuditMasked]
    public string? IdNumberEncrypted { get; private set; }

    /// <summary>The expert's login account, if they work in the system.</summary>
    public long? UserId { get; private set; }

    /// <summary>在库: inactive experts are kept on record but never drawn.</summary>
    public bool IsActive { get; private set; } = true;

    public string? Remarks { get; private set; }

    public int Version { get; private set; }

    /// <summary>Organisations the expert must not assess (回避): their employer's relations, former posts, family.</summary>
    public IReadOnlyList<ExpertConflict> Conflicts => _conflicts;

    public void Update(string name, string field, string title, string employer, string? phoneEncrypted, string? idNumberEncrypted,
        long? userId, bool isActive, string? remarks)
    {
        Name = Required(name, 50, "姓名");
        Field = Required(field, 100, "专业领域");
        Title = Required(title, 50, "职称");
        Employer = Required(employer, 200, "工作单位");
        if (remarks?.Length > 1000) throw new DomainException("备注不超过1000字。");
        PhoneEncrypted = phoneEncrypted;
        IdNumberEncrypted = idNumberEncrypted;
        UserId = userId;
        IsActive = isActive;
        Remarks = string.IsNullOrWhiteSpace(remarks) ? null : remarks.Trim();
    }

    /// <summary>Replaces the declared conflicts (organisation ids, with what the relationship is).</summary>
    public void SetConflicts(IEnumerable<(long OrganizationId, string? Note)> conflicts)
    {
        _conflicts.Clear();
        foreach (var (org, note) in conflicts.DistinctBy(c => c.OrganizationId))
            _conflicts.Add(new ExpertConflict(org, note));
    }

    internal static string Required(string? value, int max, string label)
    {
        value = value?.Trim() ?? "";
        if (value.Length == 0 || value.Length > max)
            throw new DomainException($"请填写{label}（不超过{max}字）。", new Dictionary<string, string[]> { [label] = [$"请填写{label}（不超过{max}字）。"] });
        return value;
    }
}

/// <summary>A declared relationship of an expert with an organisation: the expert is never drawn to assess it.</summary>
public sealed class ExpertConflict
{
    private ExpertConflict() { }

    public ExpertConflict(long organizationId, string? note)
    {
        OrganizationId = organizationId;
        Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim()[..Math.Min(note.Trim().Length, 200)];
    }

    public long Id { get; private set; }

    public long ExpertId { get; private set; }

    public long OrganizationId { get; private set; }

    public string? Note { get; private set; }
}
