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
    [InlineData(Role.BudgetUnit, School, School, true)]
    [InlineData(Role.BudgetUnit, School, SchoolBranch, false)]
    [InlineData(Role.BudgetUnit, School, Education, false)]
    [InlineData(Role.BudgetUnit, School, School2, false)]
    [InlineData(Role.BudgetUnit, School, Hospital, false)]
    // dept (education): itself and its units at every depth, nothing of another department.
    [InlineData(Role.Department, Education, Education, true)]
    [InlineData(Role.Department, Education, School, true)]
    [InlineData(Role.Department, Education, SchoolBranch, true)]
    [InlineData(Role.Department, Education, School2, true)]
    [InlineData(Role.Department, Education, Health, false)]
    [InlineData(Role.Department, Education, Hospital, false)]
    [InlineData(Role.Department, Education, CityBureau, false)]
    // budget section A (education + health): itself, its departments and their units; not others.
    [InlineData(Role.BudgetSection, BudgetSectionA, BudgetSectionA, true)]
    [InlineData(Role.BudgetSection, BudgetSectionA, Education, true)]
    [InlineData(Role.BudgetSection, BudgetSectionA, SchoolBranch, true)]
    [InlineData(Role.BudgetSection, BudgetSectionA, Health, true)]
    [InlineData(Role.BudgetSection, BudgetSectionA, Hospital, true)]
    [InlineData(Role.BudgetSection, BudgetSectionA, Agriculture, false)]
    [InlineData(Role.BudgetSection, BudgetSectionA, AgriStation, false)]
    [InlineData(Role.BudgetSection, BudgetSectionA, BudgetSectionB, false)]
    [InlineData(Role.BudgetSection, BudgetSectionA, CityPerf, false)]
    [InlineData(Role.BudgetSection, BudgetSectionA, CountyADept, false)]
    // budget section B (agriculture) does not see section A's departments.
    [InlineData(Role.BudgetSection, BudgetSectionB, Agriculture, true)]
    [InlineData(Role.BudgetSection, BudgetSectionB, AgriStation, true)]
    [InlineData(Role.BudgetSection, BudgetSectionB, Education, false)]
    [InlineData(Role.BudgetSection, BudgetSectionB, School, false)]
    // city performance section: everything in the city and both counties.
    [InlineData(Role.PerformanceSection, CityPerf, CityBureau, true)]
    [InlineData(Role.PerformanceSection, CityPerf, BudgetSectionB, true)]
    [InlineData(Role.PerformanceSection, CityPerf, SchoolBranch, true)]
    [InlineData(Role.PerformanceSection, CityPerf, Agency, true)]
    [InlineData(Role.PerformanceSection, CityPerf, CountyABureau, true)]
    [InlineData(Role.PerformanceSection, CityPerf, CountyAUnit, true)]
    [InlineData(Role.PerformanceSection, CityPerf, CountyBUnit, true)]
    // county A performance section: only county A.
    [InlineData(Role.PerformanceSection, CountyAPerf, CountyABureau, true)]
    [InlineData(Role.PerformanceSection, CountyAPerf, CountyADept, true)]
    [InlineData(Role.PerformanceSection, CountyAPerf, CountyAUnit, true)]
    [InlineData(Role.PerformanceSection, CountyAPerf, CountyBUnit, false)]
    [InlineData(Role.PerformanceSection, CountyAPerf, CountyBPerf, false)]
    [InlineData(Role.PerformanceSection, CountyAPerf, CityBureau, false)]
    [InlineData(Role.PerformanceSection, CountyAPerf, School, false)]
    // auditors and the congress: their region and below, read-only.
    [InlineData(Role.AuditOffice, CityAudit, School, true)]
    [InlineData(Role.AuditOffice, CityAudit, CountyBUnit, true)]
    [InlineData(Role.AuditOffice, CountyAAudit, CountyAUnit, true)]
    [InlineData(Role.AuditOffice, CountyAAudit, CountyBUnit, false)]
    [InlineData(Role.AuditOffice, CountyAAudit, School, false)]
    [InlineData(Role.PeoplesCongress, Congress, CountyAUnit, true)]
    // expert and agency: only their own organisation.
    [InlineData(Role.Expert, ExpertPool, ExpertPool, true)]
    [InlineData(Role.Expert, ExpertPool, CityPerf, false)]
    [InlineData(Role.Expert, ExpertPool, School, false)]
    [InlineData(Role.ThirdPartyAgency, Agency, Agency, true)]
    [InlineData(Role.ThirdPartyAgency, Agency, School, false)]
    // admin roles bound to a finance bureau: the organisation tree of their region and below; the audit admin none.
    [InlineData(Role.SystemAdmin, CountyABureau, CountyAUnit, true)]
    [InlineData(Role.SystemAdmin, CountyABureau, CountyBUnit, false)]
    [InlineData(Role.AuditAdmin, CityBureau, CityBureau, false)]
    public void For_UserOfOrganization_SeesOnlyItsScope(Role role, long home, long target, bool visible)
    {
        var scope = ScopeRules.For(home, [role], Tree);

        Assert.Equal(visible, scope.CanSeeOrganization(target));
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
    public void For_TwoRoles_SeesTheUnionOfBoth()
    {
        // A department account that also holds the unit role of one of its units sees the department's tree.
        var scope = ScopeRules.For(Education, [Role.BudgetUnit, Role.Department], Tree);

        Assert.Equal(new long[] { Education, School, SchoolBranch, School2 }.Order(), scope.OrganizationIds.Order());
    }
}
