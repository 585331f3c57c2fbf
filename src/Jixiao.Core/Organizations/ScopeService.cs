using Jixiao.Core.Data;
using Jixiao.Core.Identity;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Core.Organizations;

/// <summary>Loads the organisation tree and applies <see cref="ScopeRules"/>; every query by scope goes through here.</summary>
public sealed class ScopeService(JixiaoDbContext db)
{
    public async Task<OrgDirectory> LoadDirectoryAsync(CancellationToken ct = default)
    {
        var orgs = await db.Organizations.AsNoTracking()
            .Select(o => new OrgNode(o.Id, o.ParentId, o.RegionId, o.Kind)).ToListAsync(ct);
        var regions = await db.Regions.AsNoTracking().Select(r => new RegionNode(r.Id, r.ParentId)).ToListAsync(ct);
        var assignments = await db.BudgetSectionAssignments.AsNoTracking()
            .Select(a => new { a.SectionId, a.DepartmentId }).ToListAsync(ct);
        return new OrgDirectory(orgs, regions, assignments.Select(a => (a.SectionId, a.DepartmentId)));
    }

    public async Task<OrgScope> ScopeForAsync(long? organizationId, IEnumerable<Role> roles, CancellationToken ct = default) =>
        ScopeRules.For(organizationId, roles, await LoadDirectoryAsync(ct));
}

public static class ScopeQueries
{
    /// <summary>Only the rows of organisations in scope.</summary>
    public static IQueryable<T> InScope<T>(this IQueryable<T> query, OrgScope scope) where T : Common.IOrganizationOwned
    {
        var ids = scope.OrganizationIds.ToList();
        return query.Where(x => ids.Contains(x.OrganizationId));
    }
}
