using Jixiao.Core.Organizations;

namespace Jixiao.Core.Identity;

/// <summary>The roles of DESIGN.md "Users and what they do". A county finance bureau's staff hold the same roles in their region.</summary>
public enum Role
{
    /// <summary>绩效管理科: rule sets, indicator library, tasks, key evaluation, appraisal, disclosure.</summary>
    PerformanceSection,
    /// <summary>部门预算管理科: reviews and approves goals and monitoring of its departments.</summary>
    BudgetSection,
    /// <summary>预算部门: reviews its units' submissions, department-wide goals.</summary>
    Department,
    /// <summary>预算单位: declares goals, reports monitoring, self-evaluates, rectifies.</summary>
    BudgetUnit,
    /// <summary>专家: scores what it is assigned.</summary>
    Expert,
    /// <summary>第三方机构 staff: works on its engagements.</summary>
    ThirdPartyAgency,
    /// <summary>审计机关: read-only oversight.</summary>
    AuditOffice,
    /// <summary>人大: read-only, receives reports.</summary>
    PeoplesCongress,
    /// <summary>系统管理员: organisations and user accounts (等保 三员分立).</summary>
    SystemAdmin,
    /// <summary>安全管理员: roles, password and lockout policy.</summary>
    SecurityAdmin,
    /// <summary>审计管理员: reads and verifies the audit log.</summary>
    AuditAdmin,
}

/// <summary>What a role may do. One table, read by pages, API and navigation alike.</summary>
public enum Permission
{
    /// <summary>Business work area: to-do list, year switcher, business pages.</summary>
    UseBusinessArea,
    /// <summary>批复 goals with the budget ("谁批复资金、谁批复目标"): the budget section.</summary>
    ApproveGoals,
    /// <summary>导入支付明细 (budget execution data): the performance section and the budget section.</summary>
    ImportPayments,
    ViewRuleSets,
    EditRuleSets,
    /// <summary>See the expert and third-party agency pools (to organise an assessment, or to oversee).</summary>
    ViewThirdParties,
    /// <summary>Keep the pools: experts, agencies, credit status, inspection findings (the performance section).</summary>
    ManageThirdParties,
    ViewOrganizations,
    ManageOrganizations,
    ListUsers,
    ManageUsers,
    ManageRoles,
    ManageSecurityPolicy,
    ReadAuditLog,
    /// <summary>预算挂钩: the list of next year's budget suggestions (budget and performance sections, audit office).</summary>
    ViewBudgetLinkage,
    /// <summary>人大报告: the annual report to the People's Congress (finance sections, audit office, 人大).</summary>
    ViewCongressReport,
    /// <summary>规则备案: county implementation rules filed with the city (performance sections of both, audit office).</summary>
    ViewFilings,
}

public static class Roles
{
    public static readonly IReadOnlySet<Role> AdminRoles = new HashSet<Role> { Role.SystemAdmin, Role.SecurityAdmin, Role.AuditAdmin };

    public static bool IsAdmin(this Role role) => AdminRoles.Contains(role);

    public static string ChineseName(this Role role) => role switch
    {
        Role.PerformanceSection => "绩效管理科",
        Role.BudgetSection => "部门预算管理科",
        Role.Department => "预算部门",
        Role.BudgetUnit => "预算单位",
        Role.Expert => "评审专家",
        Role.ThirdPartyAgency => "第三方机构",
        Role.AuditOffice => "审计机关",
        Role.PeoplesCongress => "人大",
        Role.SystemAdmin => "系统管理员",
        Role.SecurityAdmin => "安全管理员",
        Role.AuditAdmin => "审计管理员",
    };

    public static Role? Parse(string? text)
    {
        text = text?.Trim();
        if (string.IsNullOrEmpty(text)) return null;
        foreach (var r in Enum.GetValues<Role>())
            if (string.Equals(r.ToString(), text, StringComparison.OrdinalIgnoreCase) || r.ChineseName() == text) return r;
        return text.ToLowerInvariant() switch
        {
            "sysadmin" => Role.SystemAdmin,
            "secadmin" => Role.SecurityAdmin,
            "auditadmin" => Role.AuditAdmin,
            _ => null,
        };
    }

    /// <summary>等保 三员分立: each admin role does its own job only and none reads business data.</summary>
    public static bool Has(this Role role, Permission permission) => role switch
    {
        Role.SystemAdmin => permission is Permission.ManageOrganizations or Permission.ManageUsers or Permission.ListUsers or Permission.ViewOrganizations,
        Role.SecurityAdmin => permission is Permission.ManageRoles or Permission.ManageSecurityPolicy or Permission.ListUsers or Permission.ViewOrganizations,
        Role.AuditAdmin => permission is Permission.ReadAuditLog,
        Role.PerformanceSection => permission is Permission.UseBusinessArea or Permission.ViewRuleSets
            or Permission.EditRuleSets or Permission.ViewOrganizations or Permission.ViewThirdParties or Permission.ManageThirdParties
            or Permission.ImportPayments or Permission.ViewBudgetLinkage or Permission.ViewCongressReport or Permission.ViewFilings,
        Role.BudgetSection => permission is Permission.UseBusinessArea or Permission.ViewRuleSets or Permission.ViewOrganizations
            or Permission.ApproveGoals or Permission.ViewThirdParties or Permission.ImportPayments or Permission.ViewBudgetLinkage
            or Permission.ViewCongressReport,
        Role.Department => permission is Permission.UseBusinessArea or Permission.ViewRuleSets or Permission.ViewOrganizations or Permission.ViewThirdParties,
        Role.AuditOffice => permission is Permission.UseBusinessArea or Permission.ViewRuleSets or Permission.ViewOrganizations or Permission.ViewThirdParties
            or Permission.ViewBudgetLinkage or Permission.ViewCongressReport or Permission.ViewFilings,
        Role.PeoplesCongress => permission is Permission.UseBusinessArea or Permission.ViewRuleSets or Permission.ViewOrganizations
            or Permission.ViewCongressReport,
        Role.BudgetUnit => permission is Permission.UseBusinessArea or Permission.ViewRuleSets or Permission.ViewOrganizations,
        Role.Expert or Role.ThirdPartyAgency => permission is Permission.UseBusinessArea or Permission.ViewOrganizations,
    };

    public static bool Has(this IEnumerable<Role> roles, Permission permission) => roles.Any(r => r.Has(permission));

    /// <summary>The organisation kind a holder of the role must belong to.</summary>
    public static bool FitsOrganization(this Role role, OrganizationKind kind) => role switch
    {
        Role.PerformanceSection => kind == OrganizationKind.PerformanceSection,
        Role.BudgetSection => kind == OrganizationKind.BudgetSection,
        Role.Department => kind == OrganizationKind.Department,
        Role.BudgetUnit => kind == OrganizationKind.BudgetUnit,
        Role.Expert => kind == OrganizationKind.ExpertPool,
        Role.ThirdPartyAgency => kind == OrganizationKind.ThirdPartyAgency,
        Role.AuditOffice => kind == OrganizationKind.AuditOffice,
        Role.PeoplesCongress => kind == OrganizationKind.PeoplesCongress,
        Role.SystemAdmin or Role.SecurityAdmin or Role.AuditAdmin => kind == OrganizationKind.FinanceBureau,
    };

    /// <summary>
    /// Checks a proposed set of roles for one account: an admin role is held alone (三员分立),
    /// and every role fits the account's organisation. Returns the Chinese reason, or null when allowed.
    /// </summary>
    public static string? CheckCombination(IReadOnlyCollection<Role> roles, OrganizationKind? organizationKind)
    {
        if (roles.Any(r => r.IsAdmin()) && roles.Count > 1)
            return "三员分立：系统管理员、安全管理员、审计管理员只能单独授予，不能与其他角色兼任。";
        foreach (var role in roles)
        {
            if (organizationKind is null && !role.IsAdmin())
                return $"“{role.ChineseName()}”角色须授予属于某个组织的账号。";
            if (organizationKind is { } kind && !role.FitsOrganization(kind))
                return $"“{role.ChineseName()}”角色不能授予{kind.ChineseName()}的账号。";
        }
        return null;
    }
}
