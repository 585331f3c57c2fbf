using Jixiao.Core.Organizations;

namespace Jixiao.Core.Tests.Organizations;

/// <summary>Hand-built organisation trees for the pure scope rules.</summary>
public sealed class OrgDirectoryBuilder
{
    private readonly List<OrgNode> _orgs = [];
    private readonly List<RegionNode> _regions = [];
    private readonly List<(long, long)> _assignments = [];

    public OrgDirectoryBuilder Region(long id, long? parentId = null)
    {
        _regions.Add(new RegionNode(id, parentId));
        return this;
    }

    public OrgDirectoryBuilder Org(long id, long regionId, OrganizationKind kind, long? parentId = null)
    {
        _orgs.Add(new OrgNode(id, parentId, regionId, kind));
        return this;
    }

    public OrgDirectoryBuilder Assign(long sectionId, params long[] departmentIds)
    {
        foreach (var d in departmentIds) _assignments.Add((sectionId, d));
        return this;
    }

    public OrgDirectory Build() => new(_orgs, _regions, _assignments);
}

/// <summary>
/// A small Changzhi: the city (region 1) with counties A (2) and B (3). Ids are named so the scope table
/// reads as who sees what.
/// </summary>
public static class Changzhi
{
    public const long City = 1, CountyA = 2, CountyB = 3;

    // City finance bureau and its sections.
    public const long CityBureau = 10, CityPerf = 11, BudgetSectionA = 12, BudgetSectionB = 13, ExpertPool = 14;

    // City departments: education (school with a sub-unit, and a second school), health, agriculture.
    public const long Education = 20, School = 21, SchoolBranch = 22, School2 = 23;
    public const long Health = 30, Hospital = 31;
    public const long Agriculture = 40, AgriStation = 41;

    public const long Agency = 50, CityAudit = 60, Congress = 70;

    // County A and county B.
    public const long CountyABureau = 100, CountyAPerf = 101, CountyADept = 110, CountyAUnit = 111, CountyAAudit = 120;
    public const long CountyBBureau = 200, CountyBPerf = 201, CountyBDept = 210, CountyBUnit = 211;

    public static OrgDirectory Directory() => new OrgDirectoryBuilder()
        .Region(City).Region(CountyA, City).Region(CountyB, City)
        .Org(CityBureau, City, OrganizationKind.FinanceBureau)
        .Org(CityPerf, City, OrganizationKind.PerformanceSection, CityBureau)
        .Org(BudgetSectionA, City, OrganizationKind.BudgetSection, CityBureau)
        .Org(BudgetSectionB, City, OrganizationKind.BudgetSection, CityBureau)
        .Org(ExpertPool, City, OrganizationKind.ExpertPool, CityBureau)
        .Org(Education, City, OrganizationKind.Department)
        .Org(School, City, OrganizationKind.BudgetUnit, Education)
        .Org(SchoolBranch, City, OrganizationKind.BudgetUnit, School)
        .Org(School2, City, OrganizationKind.BudgetUnit, Education)
        .Org(Health, City, OrganizationKind.Department)
        .Org(Hospital, City, OrganizationKind.BudgetUnit, Health)
        .Org(Agriculture, City, OrganizationKind.Department)
        .Org(AgriStation, City, OrganizationKind.BudgetUnit, Agriculture)
        .Org(Agency, City, OrganizationKind.ThirdPartyAgency)
        .Org(CityAudit, City, OrganizationKind.AuditOffice)
        .Org(Congress, City, OrganizationKind.PeoplesCongress)
        .Org(CountyABureau, CountyA, OrganizationKind.FinanceBureau)
        .Org(CountyAPerf, CountyA, OrganizationKind.PerformanceSection, CountyABureau)
        .Org(CountyADept, CountyA, OrganizationKind.Department)
        .Org(CountyAUnit, CountyA, OrganizationKind.BudgetUnit, CountyADept)
        .Org(CountyAAudit, CountyA, OrganizationKind.AuditOffice)
        .Org(CountyBBureau, CountyB, OrganizationKind.FinanceBureau)
        .Org(CountyBPerf, CountyB, OrganizationKind.PerformanceSection, CountyBBureau)
        .Org(CountyBDept, CountyB, OrganizationKind.Department)
        .Org(CountyBUnit, CountyB, OrganizationKind.BudgetUnit, CountyBDept)
        .Assign(BudgetSectionA, Education, Health)
        .Assign(BudgetSectionB, Agriculture)
        .Build();
}
