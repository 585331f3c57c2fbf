using Jixiao.Core.Common;
using Jixiao.Core.Data;
using Jixiao.Core.Identity;
using Jixiao.Core.Organizations;
using Jixiao.Core.Tests.Infrastructure;

namespace Jixiao.Core.Tests.Organizations;

/// <summary>The scope rules over a stored tree: one place decides, and a guessed id outside the scope looks like a missing one.</summary>
public sealed class ScopeServiceTests
{
    private sealed record Tree(Organization Bureau, Organization Perf, Organization Section, Organization Education, Organization School,
        Organization Health, Organization Hospital, Organization CountyBureau, Organization CountyDept);

    private static async Task<Tree> SeedAsync(JixiaoDbContext db)
    {
        var (city, county) = await Seed.CityAndCountyAsync(db);
        var bureau = await Seed.OrgAsync(db, city, OrganizationKind.FinanceBureau, "CZCZJ", "长治市财政局");
        var perf = await Seed.OrgAsync(db, city, OrganizationKind.PerformanceSection, "CZJXK", "绩效管理科", bureau);
        var section = await Seed.OrgAsync(db, city, OrganizationKind.BudgetSection, "CZYSK1", "部门预算管理一科", bureau);
        var education = await Seed.OrgAsync(db, city, OrganizationKind.Department, "001", "长治市教育局");
        var school = await Seed.OrgAsync(db, city, OrganizationKind.BudgetUnit, "001001", "长治市第一中学", education);
        var health = await Seed.OrgAsync(db, city, OrganizationKind.Department, "002", "长治市卫生健康委员会");
        var hospital = await Seed.OrgAsync(db, city, OrganizationKind.BudgetUnit, "002001", "长治市人民医院", health);
        var countyBureau = await Seed.OrgAsync(db, county, OrganizationKind.FinanceBureau, "LZCZJ", "潞州区财政局");
        var countyDept = await Seed.OrgAsync(db, county, OrganizationKind.Department, "101", "潞州区教育局");
        return new(bureau, perf, section, education, school, health, hospital, countyBureau, countyDept);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ScopeForAsync_BudgetSectionAfterAssignment_SeesOnlyItsDepartments(DbProvider provider)
    {
        await using var tdb = await TestDatabase.CreateAsync(provider);
        await using var db = tdb.NewContext();
        var t = await SeedAsync(db);
        var admin = await new ScopeService(db).ScopeForAsync(null, [Role.SystemAdmin]);

        await new OrganizationService(db).SetSectionDepartmentsAsync(t.Section.Id, [t.Education.Id], admin);
        var scope = await new ScopeService(db).ScopeForAsync(t.Section.Id, [Role.BudgetSection]);

        Assert.Equal(new[] { t.Section.Id, t.Education.Id, t.School.Id }.Order(), scope.OrganizationIds.Order());
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ScopeForAsync_CityPerformanceSection_SeesCityAndCounty(DbProvider provider)
    {
        await using var tdb = await TestDatabase.CreateAsync(provider);
        await using var db = tdb.NewContext();
        var t = await SeedAsync(db);

        var city = await new ScopeService(db).ScopeForAsync(t.Perf.Id, [Role.PerformanceSection]);

        Assert.Equal(9, city.OrganizationIds.Count);
        Assert.Contains(t.CountyDept.Id, city.OrganizationIds);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task FindAsync_GuessedIdOutsideScope_LooksMissing(DbProvider provider)
    {
        await using var tdb = await TestDatabase.CreateAsync(provider);
        await using var db = tdb.NewContext();
        var t = await SeedAsync(db);
        var unit = await new ScopeService(db).ScopeForAsync(t.School.Id, [Role.BudgetUnit]);
        var service = new OrganizationService(db);

        Assert.NotNull(await service.FindAsync(t.School.Id, unit));
        Assert.Null(await service.FindAsync(t.Hospital.Id, unit));
        Assert.Null(await service.FindAsync(999_999, unit));
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ListAsync_Department_ListsItselfAndItsUnitsOnly(DbProvider provider)
    {
        await using var tdb = await TestDatabase.CreateAsync(provider);
        await using var db = tdb.NewContext();
        var t = await SeedAsync(db);
        var dept = await new ScopeService(db).ScopeForAsync(t.Education.Id, [Role.Department]);

        var page = await new OrganizationService(db).ListAsync(dept, null, null, 1, 20);

        Assert.Equal(["001", "001001"], page.Items.Select(o => o.Code));
        Assert.Equal(2, page.Total);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task CreateAsync_ParentOutsideScope_NotFound(DbProvider provider)
    {
        await using var tdb = await TestDatabase.CreateAsync(provider);
        await using var db = tdb.NewContext();
        var t = await SeedAsync(db);
        var countyAdmin = await new ScopeService(db).ScopeForAsync(t.CountyBureau.Id, [Role.SystemAdmin]);

        await Assert.ThrowsAsync<NotFoundException>(() =>
            new OrganizationService(db).CreateAsync(t.CountyBureau.RegionId, t.Education.Id, OrganizationKind.BudgetUnit, "001009", "某学校", countyAdmin));
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task SetSectionDepartmentsAsync_DepartmentOfAnotherSection_Refused(DbProvider provider)
    {
        await using var tdb = await TestDatabase.CreateAsync(provider);
        await using var db = tdb.NewContext();
        var t = await SeedAsync(db);
        var admin = await new ScopeService(db).ScopeForAsync(null, [Role.SystemAdmin]);
        var service = new OrganizationService(db);
        var section2 = await service.CreateAsync(t.Bureau.RegionId, t.Bureau.Id, OrganizationKind.BudgetSection, "CZYSK2", "部门预算管理二科", admin);
        admin = await new ScopeService(db).ScopeForAsync(null, [Role.SystemAdmin]);
        await service.SetSectionDepartmentsAsync(t.Section.Id, [t.Education.Id], admin);

        var e = await Assert.ThrowsAsync<DomainException>(() => service.SetSectionDepartmentsAsync(section2.Id, [t.Education.Id, t.Health.Id], admin));
        await Assert.ThrowsAsync<DomainException>(() => service.SetSectionDepartmentsAsync(section2.Id, [t.CountyDept.Id], admin));

        Assert.Contains("长治市教育局 已由其他科室负责", e.Message);
    }
}
