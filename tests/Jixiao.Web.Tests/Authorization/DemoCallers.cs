using Jixiao.Core.Identity;

namespace Jixiao.Web.Tests.Authorization;

/// <summary>
/// Who each demo account is (README "Demo accounts"), as plain facts the expectations are derived from: its roles, its
/// organisation, the organisations it sees (the table of <see cref="ScopeTests"/>, which pins them) and the regions it sees.
/// </summary>
public sealed record DemoCaller(string Name, Role[] Roles, string? Organization, string? HomeRegion, string[] Regions)
{
    public bool IsAnonymous => Name == DemoCallers.Anonymous;

    public bool Has(Role role) => Roles.Contains(role);

    public bool Can(Permission permission) => Roles.Has(permission);

    /// <summary>The organisations this caller sees (names), as <see cref="ScopeTests"/> pins them; empty for anonymous and the audit admin.</summary>
    public IReadOnlyCollection<string> Organizations => ScopeTests.VisibleOrganizations(Name == "expert2" ? "expert" : Name) ?? [];

    public override string ToString() => Name;
}

public static class DemoCallers
{
    public const string Anonymous = "anonymous";

    private static readonly string[] AllRegions = ["长治市", "潞州区", "上党区", "襄垣县"];
    private static readonly string[] City = ["长治市"];

    public static readonly DemoCaller[] All =
    [
        new("perf", [Role.PerformanceSection], "长治市财政局绩效管理科", "长治市", AllRegions),
        new("budget", [Role.BudgetSection], "长治市财政局部门预算管理一科", "长治市", City),
        new("dept", [Role.Department], "长治市教育局", "长治市", City),
        new("unit", [Role.BudgetUnit], "长治市第一中学校", "长治市", City),
        new("unit2", [Role.BudgetUnit], "长治市人民医院", "长治市", City),
        new("county", [Role.PerformanceSection], "潞州区财政局绩效股", "潞州区", ["潞州区"]),
        new("expert", [Role.Expert], "长治市预算绩效评价专家库", "长治市", City),
        new("expert2", [Role.Expert], "长治市预算绩效评价专家库", "长治市", City),
        new("agency", [Role.ThirdPartyAgency], "山西正信会计师事务所有限公司", "长治市", City),
        new("auditor", [Role.AuditOffice], "长治市审计局", "长治市", AllRegions),
        new("sysadmin", [Role.SystemAdmin], null, null, AllRegions),
        new("secadmin", [Role.SecurityAdmin], null, null, AllRegions),
        new("auditadmin", [Role.AuditAdmin], null, null, []),
        new(Anonymous, [], null, null, []),
    ];

    public static DemoCaller Get(string name) => All.Single(c => c.Name == name);
}
