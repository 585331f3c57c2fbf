using Jixiao.Core.Identity;
using Jixiao.Core.Organizations;
using Jixiao.Core.Tests.Infrastructure;
using Jixiao.Core.Todos;

namespace Jixiao.Core.Tests.Todos;

/// <summary>待办: addressed to a user, or to whoever holds a role in an organisation; completed when the step is taken.</summary>
public sealed class TodoServiceTests
{
    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task OpenForAsync_UserOrgAndRole_OnlyTheirOpenToDosDueFirst(DbProvider provider)
    {
        await using var tdb = await TestDatabase.CreateAsync(provider);
        await using var db = tdb.NewContext();
        var (city, _) = await Seed.CityAndCountyAsync(db);
        var dept = await Seed.OrgAsync(db, city, OrganizationKind.Department, "001", "长治市教育局");
        var other = await Seed.OrgAsync(db, city, OrganizationKind.Department, "002", "长治市卫健委");
        var user = await Seed.UserAsync(db, "dept", dept);
        var now = db.Now;
        var service = new TodoService(db);
        Todo Make(string title, long? userId, long? orgId, Role? role, int year = 2026, DateTime? due = null) =>
            new(city.Id, year, title, "/x", "Goal", title, now, due, userId, orgId, role);
        service.Assign(Make("给本人", user.Id, null, null, due: now.AddDays(3)));
        service.Assign(Make("给本部门任何人", null, dept.Id, null));
        service.Assign(Make("给本部门的部门角色", null, dept.Id, Role.Department, due: now.AddDays(-1)));
        service.Assign(Make("给本部门的单位角色", null, dept.Id, Role.BudgetUnit));
        service.Assign(Make("给其他部门", null, other.Id, null));
        service.Assign(Make("上一年度", user.Id, null, null, year: 2025));
        service.Assign(Make("已完成", user.Id, null, null));
        await db.SaveChangesAsync();
        await service.CompleteFor("Goal", "已完成");
        await db.SaveChangesAsync();

        var open = await service.OpenForAsync(user.Id, dept.Id, [Role.Department], 2026);

        Assert.Equal(["给本部门的部门角色", "给本人", "给本部门任何人"], open.Select(t => t.Title));
        Assert.Equal([true, false, false], open.Select(t => t.IsOverdue));
    }
}
