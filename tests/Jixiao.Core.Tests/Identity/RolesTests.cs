using Jixiao.Core.Identity;
using Jixiao.Core.Organizations;

namespace Jixiao.Core.Tests.Identity;

/// <summary>The permission table and 等保 三员分立 (issue 2, point 5).</summary>
public sealed class RolesTests
{
    /// <summary>What each role may do, written out by hand from the issue: the matrix the code must match.</summary>
    private static readonly Dictionary<Role, Permission[]> Expected = new()
    {
        [Role.SystemAdmin] = [Permission.ViewOrganizations, Permission.ManageOrganizations, Permission.ListUsers, Permission.ManageUsers],
        [Role.SecurityAdmin] = [Permission.ViewOrganizations, Permission.ListUsers, Permission.ManageRoles, Permission.ManageSecurityPolicy],
        [Role.AuditAdmin] = [Permission.ReadAuditLog],
        [Role.PerformanceSection] = [Permission.UseBusinessArea, Permission.ViewRuleSets, Permission.EditRuleSets, Permission.ViewOrganizations, Permission.ViewThirdParties, Permission.ManageThirdParties, Permission.ImportPayments, Permission.ViewBudgetLinkage, Permission.ViewCongressReport, Permission.ViewFilings],
        [Role.BudgetSection] = [Permission.UseBusinessArea, Permission.ViewRuleSets, Permission.ViewOrganizations, Permission.ApproveGoals, Permission.ViewThirdParties, Permission.ImportPayments, Permission.ViewBudgetLinkage, Permission.ViewCongressReport],
        [Role.Department] = [Permission.UseBusinessArea, Permission.ViewRuleSets, Permission.ViewOrganizations, Permission.ViewThirdParties],
        [Role.BudgetUnit] = [Permission.UseBusinessArea, Permission.ViewRuleSets, Permission.ViewOrganizations],
        [Role.AuditOffice] = [Permission.UseBusinessArea, Permission.ViewRuleSets, Permission.ViewOrganizations, Permission.ViewThirdParties, Permission.ViewBudgetLinkage, Permission.ViewCongressReport, Permission.ViewFilings],
        [Role.PeoplesCongress] = [Permission.UseBusinessArea, Permission.ViewRuleSets, Permission.ViewOrganizations, Permission.ViewCongressReport],
        [Role.Expert] = [Permission.UseBusinessArea, Permission.ViewOrganizations],
        [Role.ThirdPartyAgency] = [Permission.UseBusinessArea, Permission.ViewOrganizations],
    };

    public static TheoryData<Role, Permission, bool> Matrix()
    {
        var data = new TheoryData<Role, Permission, bool>();
        foreach (var role in Enum.GetValues<Role>())
            foreach (var permission in Enum.GetValues<Permission>())
                data.Add(role, permission, Expected[role].Contains(permission));
        return data;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public void Has_EveryRoleAndPermission_MatchesTheTable(Role role, Permission permission, bool allowed)
    {
        Assert.Equal(allowed, role.Has(permission));
    }

    [Theory]
    [InlineData(Role.SystemAdmin)]
    [InlineData(Role.SecurityAdmin)]
    [InlineData(Role.AuditAdmin)]
    public void Has_AdminRole_NeverBusinessAreaOrRuleSets(Role role)
    {
        Assert.False(role.Has(Permission.UseBusinessArea));
        Assert.False(role.Has(Permission.ViewRuleSets));
        Assert.False(role.Has(Permission.EditRuleSets));
    }

    [Theory]
    [InlineData(Permission.ManageOrganizations, Role.SystemAdmin)]
    [InlineData(Permission.ManageUsers, Role.SystemAdmin)]
    [InlineData(Permission.ManageRoles, Role.SecurityAdmin)]
    [InlineData(Permission.ManageSecurityPolicy, Role.SecurityAdmin)]
    [InlineData(Permission.ReadAuditLog, Role.AuditAdmin)]
    [InlineData(Permission.EditRuleSets, Role.PerformanceSection)]
    public void Has_AdministrativePermission_HeldByExactlyOneRole(Permission permission, Role holder)
    {
        var holders = Enum.GetValues<Role>().Where(r => r.Has(permission));

        Assert.Equal([holder], holders);
    }

    [Fact]
    public void Has_SetOfRoles_AnyRoleGrants()
    {
        Assert.True(new[] { Role.Expert, Role.PerformanceSection }.Has(Permission.EditRuleSets));
        Assert.False(new[] { Role.Expert, Role.BudgetUnit }.Has(Permission.EditRuleSets));
    }

    [Theory]
    [InlineData(new[] { Role.SystemAdmin }, null, null)]
    [InlineData(new[] { Role.SecurityAdmin }, OrganizationKind.FinanceBureau, null)]
    [InlineData(new[] { Role.AuditAdmin }, null, null)]
    [InlineData(new[] { Role.SystemAdmin, Role.SecurityAdmin }, null, "三员分立")]
    [InlineData(new[] { Role.SecurityAdmin, Role.AuditAdmin }, null, "三员分立")]
    [InlineData(new[] { Role.SystemAdmin, Role.PerformanceSection }, OrganizationKind.PerformanceSection, "三员分立")]
    [InlineData(new[] { Role.AuditAdmin, Role.AuditOffice }, OrganizationKind.AuditOffice, "三员分立")]
    [InlineData(new[] { Role.SystemAdmin }, OrganizationKind.Department, "不能授予预算部门的账号")]
    [InlineData(new[] { Role.PerformanceSection }, null, "须授予属于某个组织的账号")]
    [InlineData(new[] { Role.PerformanceSection }, OrganizationKind.PerformanceSection, null)]
    [InlineData(new[] { Role.PerformanceSection }, OrganizationKind.BudgetSection, "不能授予部门预算管理科的账号")]
    [InlineData(new[] { Role.BudgetSection }, OrganizationKind.BudgetSection, null)]
    [InlineData(new[] { Role.Department }, OrganizationKind.Department, null)]
    [InlineData(new[] { Role.BudgetUnit }, OrganizationKind.Department, "不能授予预算部门的账号")]
    [InlineData(new[] { Role.BudgetUnit }, OrganizationKind.BudgetUnit, null)]
    [InlineData(new[] { Role.Expert }, OrganizationKind.ExpertPool, null)]
    [InlineData(new[] { Role.Expert }, OrganizationKind.ThirdPartyAgency, "不能授予第三方机构的账号")]
    [InlineData(new[] { Role.ThirdPartyAgency }, OrganizationKind.ThirdPartyAgency, null)]
    [InlineData(new[] { Role.AuditOffice }, OrganizationKind.AuditOffice, null)]
    [InlineData(new[] { Role.PeoplesCongress }, OrganizationKind.PeoplesCongress, null)]
    public void CheckCombination_RolesForOrganizationKind_AllowedOrRefusedWithReason(Role[] roles, OrganizationKind? kind, string? reason)
    {
        var result = Roles.CheckCombination(roles, kind);

        if (reason is null) Assert.Null(result);
        else Assert.Contains(reason, result);
    }
}
