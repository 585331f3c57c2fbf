using Jixiao.Core.Common;

namespace Jixiao.Core.Organizations;

/// <summary>The kinds of organisation in the tree (GLOSSARY "Who").</summary>
public enum OrganizationKind
{
    /// <summary>财政局</summary>
    FinanceBureau,
    /// <summary>绩效管理科</summary>
    PerformanceSection,
    /// <summary>部门预算管理科</summary>
    BudgetSection,
    /// <summary>预算部门</summary>
    Department,
    /// <summary>预算单位</summary>
    BudgetUnit,
    /// <summary>专家库 (experts belong here)</summary>
    ExpertPool,
    /// <summary>第三方机构</summary>
    ThirdPartyAgency,
    /// <summary>审计机关</summary>
    AuditOffice,
    /// <summary>人大</summary>
    PeoplesCongress,
}

public static class OrganizationKinds
{
    public static string ChineseName(this OrganizationKind kind) => kind switch
    {
        OrganizationKind.FinanceBureau => "财政部门",
        OrganizationKind.PerformanceSection => "绩效管理科",
        OrganizationKind.BudgetSection => "部门预算管理科",
        OrganizationKind.Department => "预算部门",
        OrganizationKind.BudgetUnit => "预算单位",
        OrganizationKind.ExpertPool => "专家库",
        OrganizationKind.ThirdPartyAgency => "第三方机构",
        OrganizationKind.AuditOffice => "审计机关",
        OrganizationKind.PeoplesCongress => "人大",
    };

    /// <summary>Parses an English identifier or a Chinese name (as in an import file).</summary>
    public static OrganizationKind? Parse(string? text)
    {
        text = text?.Trim();
        if (string.IsNullOrEmpty(text)) return null;
        foreach (var k in Enum.GetValues<OrganizationKind>())
        {
            if (string.Equals(k.ToString(), text, StringComparison.OrdinalIgnoreCase) || k.ChineseName() == text) return k;
        }
        return text switch
        {
            "财政局" => OrganizationKind.FinanceBureau,
            "部门" => OrganizationKind.Department,
            "单位" => OrganizationKind.BudgetUnit,
            "审计局" => OrganizationKind.AuditOffice,
            _ => null,
        };
    }

    /// <summary>Which kind of parent an organisation of this kind may have (null = a root of its region).</summary>
    public static bool AllowsParent(OrganizationKind kind, OrganizationKind? parent) => kind switch
    {
        OrganizationKind.FinanceBureau => parent is null,
        OrganizationKind.PerformanceSection or OrganizationKind.BudgetSection or OrganizationKind.ExpertPool
            => parent == OrganizationKind.FinanceBureau,
        OrganizationKind.Department => parent is null,
        OrganizationKind.BudgetUnit => parent is OrganizationKind.Department or OrganizationKind.BudgetUnit,
        OrganizationKind.ThirdPartyAgency or OrganizationKind.AuditOffice or OrganizationKind.PeoplesCongress => parent is null,
    };
}

/// <summary>An organisation of a region: the finance bureau and its sections, departments, units, agencies.</summary>
public sealed class Organization : IVersioned
{
    private Organization() { }

    public Organization(long regionId, Organization? parent, OrganizationKind kind, string code, string name)
    {
        if (parent is not null && parent.RegionId != regionId)
            throw new DomainException("上级组织必须属于同一行政区划。");
        if (!OrganizationKinds.AllowsParent(kind, parent?.Kind))
            throw new DomainException($"{kind.ChineseName()}不能设在{(parent is null ? "顶层" : parent.Kind.ChineseName() + "之下")}。");
        RegionId = regionId;
        ParentId = parent?.Id;
        Kind = kind;
        Code = ValidateCode(code);
        Name = OrganizationNames.Validate(name, "组织名称");
    }

    public long Id { get; private set; }

    public long RegionId { get; private set; }

    public long? ParentId { get; private set; }

    public OrganizationKind Kind { get; private set; }

    /// <summary>单位代码 (agency_code / dept_code), unique within a region.</summary>
    public string Code { get; private set; } = "";

    public string Name { get; private set; } = "";

    public bool IsActive { get; private set; } = true;

    public int Version { get; private set; }

    public void Update(string code, string name, bool isActive)
    {
        Code = ValidateCode(code);
        Name = OrganizationNames.Validate(name, "组织名称");
        IsActive = isActive;
    }

    private static string ValidateCode(string? code)
    {
        code = code?.Trim() ?? "";
        if (code.Length is 0 or > 30 || !code.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            throw new DomainException($"组织代码“{code}”无效：应为1-30位字母、数字或 - _ .");
        return code;
    }
}

/// <summary>Which departments a 部门预算管理科 reviews ("谁分配资金、谁审核目标").</summary>
public sealed class BudgetSectionAssignment
{
    private BudgetSectionAssignment() { }

    public BudgetSectionAssignment(long sectionId, long departmentId)
    {
        SectionId = sectionId;
        DepartmentId = departmentId;
    }

    public long SectionId { get; private set; }

    public long DepartmentId { get; private set; }
}
