using Jixiao.Core.Identity;
using Jixiao.Core.Organizations;
using static Jixiao.Core.Tests.Organizations.Changzhi;

namespace Jixiao.Core.Tests.Organizations;

/// <summary>Issue 2 "Scope below the pages": who sees which organisation (one row per case).</summary>
public sealed class ScopeRulesTests
{
    private static readonly OrgDirectory Tree = Changzhi.Directory();

    [Theory]
    // unit (a school): only itself — not its own sub-unit, its department or a sibling school.
    [InlineData("unit", Role.BudgetUnit, School, School, true)]
    [InlineData("unit", Role.BudgetUnit, School, SchoolBranch, false)]
    [InlineData("unit", Role.BudgetUnit, School, Education, false)]
    [InlineData("unit", Role.BudgetUnit, School, School2, false)]
    [InlineData("unit", Role.BudgetUnit, School, Hospital, false)]
    // dept (education): itself and its units at every depth, nothing of another department.
    [InlineData("dept", Role.Department, Education, Education, true)]
    [InlineData("dept", Role.Department, Education, School, true)]
    [InlineData("dept", Role.Department, Education, SchoolBranch, true)]
    [InlineData("dept", Role.Department, Education, School2, true)]
    [InlineData("dept", Role.Department, Education, Health, false)]
    [InlineData("dept", Role.Department, Education, Hospital, false)]
    [InlineData("dept", Role.Department, Education, CityBureau, false)]
    // budget section A (education + health): itself, its departments and their units; not others.
    [InlineData("budget", Role.BudgetSection, BudgetSectionA, BudgetSectionA, true)]
    [InlineData("budget", Role.BudgetSection, BudgetSectionA, Education, true)]
    [InlineData("budget", Role.BudgetSection, BudgetSectionA, SchoolBranch, true)]
    [InlineData("budget", Role.BudgetSection, BudgetSectionA, Health, true)]
    [InlineData("budget", Role.BudgetSection, BudgetSectionA, Hospital, true)]
    [InlineData("budget", Role.BudgetSection, BudgetSectionA, Agriculture, false)]
    [InlineData("budget", Role.BudgetSection, BudgetSectionA, AgriStation, false)]
    [InlineData("budget", Role.BudgetSection, BudgetSectionA, BudgetSectionB, false)]
    [InlineData("budget", Role.BudgetSection, BudgetSectionA, CityPerf, false)]
    [InlineData("budget", Role.BudgetSection, BudgetSectionA, CountyADept, false)]
    // budget section B (agriculture) does not see section A's departments.
    [InlineData("budget2", Role.BudgetSection, BudgetSectionB, Agriculture, true)]
    [InlineData("budget2", Role.BudgetSection, BudgetSectionB, AgriStation, true)]
    [InlineData("budget2", Role.BudgetSection, BudgetSectionB, Education, false)]
    [InlineData("budget2", Role.BudgetSection, BudgetSectionB, School, false)]
    // city performance section: everything in the city and both counties.
    [InlineData("perf", Role.PerformanceSection, CityPerf, CityBureau, true)]
    [InlineData("perf", Role.PerformanceSection, CityPerf, BudgetSectionB, true)]
    [InlineData("perf", Role.PerformanceSection, CityPerf, SchoolBranch, true)]
    [InlineData("perf", Role.PerformanceSection, CityPerf, Agency, true)]
    [InlineData("perf", Role.PerformanceSection, CityPerf, CountyABureau, true)]
    [InlineData("perf", Role.PerformanceSection, CityPerf, CountyAUnit, true)]
    [InlineData("perf", Role.PerformanceSection, CityPerf, CountyBUnit, true)]
    // county A performance section: only county A.
    [InlineData("county", Role.PerformanceSection, CountyAPerf, CountyABureau, true)]
    [InlineData("county", Role.PerformanceSection, CountyAPerf, CountyADept, true)]
    [InlineData("county", Role.PerformanceSection, CountyAPerf, CountyAUnit, true)]
    [InlineData("county", Role.PerformanceSection, CountyAPerf, CountyBUnit, false)]
    [InlineData("county", Role.PerformanceSection, CountyAPerf, CountyBPerf, false)]
    [InlineData("county", Role.PerformanceSection, CountyAPerf, CityBureau, false)]
    [InlineData("county", Role.PerformanceSection, CountyAPerf, School, false)]
    // auditors and the congress: their region and below, read-only.
    [InlineData("auditor", Role.AuditOffice, CityAudit, School, true)]
    [InlineData("auditor", Role.AuditOffice, CityAudit, CountyBUnit, true)]
    [InlineData("county auditor", Role.AuditOffice, CountyAAudit, CountyAUnit, true)]
    [InlineData("county auditor", Role.AuditOffice, CountyAAudit, CountyBUnit, false)]
    [InlineData("county auditor", Role.AuditOffice, CountyAAudit, School, false)]
    [InlineData("congress", Role.PeoplesCongress, Congress, CountyAUnit, true)]
    // expert and agency: only their own organisation.
    [InlineData("expert", Role.Expert, ExpertPool, ExpertPool, true)]
    [InlineData("expert", Role.Expert, ExpertPool, CityPerf, false)]
    [InlineData("expert", Role.Expert, ExpertPool, School, false)]
    [InlineData("agency", Role.ThirdPartyAgency, Agency, Agency, true)]
    [InlineData("agency", Role.ThirdPartyAgency, Agency, School, false)]
    // admin roles bound to a finance bureau: the organisation tree of their region and below; the audit admin none.
    [InlineData("county sysadmin", Role.SystemAdmin, CountyABureau, CountyAUnit, true)]
    [InlineData("county sysadmin", Role.SystemAdmin, CountyABureau, CountyBUnit, false)]
    [InlineData("city auditadmin", Role.AuditAdmin, CityBureau, CityBureau, false)]
    public void For_UserOfOrganization_SeesOnlyItsScope(string user, Role role, long home, long target, bool visible)
    {
        var scope = ScopeRules.For(home, [role], Tree);

        Assert.True(visible == scope.CanSeeOrganization(target), $"{user} ({role} of {home}) should {(visible ? "" : "not ")}see {target}");
    }

    [Theory]
    [InlineData(Role.SystemAdmin, CityBureau, true)]
    [InlineData(Role.SystemAdmin, CountyBUnit, true)]
    [InlineData(Role.SecurityAdmin, School, true)]
    [InlineData(Role.SecurityAdmin, CountyAUnit, true)]
    [InlineData(Role.AuditAdmin, CityBureau, false)]
    [InlineData(Role.AuditAdmin, School, false)]
    public void For_AdminWithoutOrganization_SystemAndSecurityAdminSeeAllAuditAdminNone(Role role, long target, bool visible)
    {
        var scope = ScopeRules.For(null, [role], Tree);

        Assert.Equal(visible, scope.CanSeeOrganization(target));
    }

    [Theory]
    [InlineData(Role.SystemAdmin, 25)]
    [InlineData(Role.SecurityAdmin, 25)]
    [InlineData(Role.AuditAdmin, 0)]
    public void For_AdminWithoutOrganization_CountsEveryOrganizationOrNone(Role role, int count)
    {
        var scope = ScopeRules.For(null, [role], Tree);

        Assert.Equal(count, scope.OrganizationIds.Count);
        Assert.Equal(count == 0 ? 0 : 3, scope.RegionIds.Count);
    }

    [Theory]
    [InlineData(Role.PerformanceSection, CityPerf, City, true)]
    [InlineData(Role.PerformanceSection, CityPerf, CountyA, true)]
    [InlineData(Role.PerformanceSection, CityPerf, CountyB, true)]
    [InlineData(Role.PerformanceSection, CountyAPerf, CountyA, true)]
    [InlineData(Role.PerformanceSection, CountyAPerf, City, false)]
    [InlineData(Role.PerformanceSection, CountyAPerf, CountyB, false)]
    [InlineData(Role.BudgetUnit, CountyAUnit, CountyA, true)]
    [InlineData(Role.BudgetUnit, CountyAUnit, City, false)]
    [InlineData(Role.BudgetSection, BudgetSectionA, City, true)]
    [InlineData(Role.BudgetSection, BudgetSectionA, CountyA, false)]
    public void For_User_SeesRegionWideRecordsOfItsRegions(Role role, long home, long region, bool visible)
    {
        var scope = ScopeRules.For(home, [role], Tree);

        Assert.Equal(visible, scope.CanSeeRegion(region));
    }

    [Fact]
    public void For_UnknownOrganization_SeesNothing()
    {
        var scope = ScopeRules.For(999, [Role.PerformanceSection], Tree);

        Assert.Empty(scope.OrganizationIds);
        Assert.Empty(scope.RegionIds);
    }

    [Fact]
    public void For_AccountWithoutRoles_SeesNoOrganization()
    {
        // An account whose roles were all withdrawn keeps its organisation but sees nothing.
        var scope = ScopeRules.For(School, [], Tree);

        Assert.Empty(scope.OrganizationIds);
        Assert.Empty(scope.RegionIds);
    }
}
