using Jixiao.Core.Identity;

namespace Jixiao.Core.Organizations;

public sealed record OrgNode(long Id, long? ParentId, long RegionId, OrganizationKind Kind);

public sealed record RegionNode(long Id, long? ParentId);

/// <summary>The organisation tree of one installation as plain values, for the pure scope rules.</summary>
public sealed class OrgDirectory
{
    private readonly Dictionary<long, OrgNode> _orgs;
    private readonly List<long> _regionIds;
    private readonly ILookup<long, OrgNode> _children;
    private readonly ILookup<long, OrgNode> _byRegion;
    private readonly ILookup<long, long> _childRegions;
    private readonly ILookup<long, long> _sectionDepartments;

    public OrgDirectory(IEnumerable<OrgNode> orgs, IEnumerable<RegionNode> regions, IEnumerable<(long SectionId, long DepartmentId)> assignments)
    {
        regions = regions.ToList();
        _regionIds = regions.Select(r => r.Id).ToList();
        _orgs = orgs.ToDictionary(o => o.Id);
        _children = _orgs.Values.Where(o => o.ParentId is not null).ToLookup(o => o.ParentId!.Value);
        _byRegion = _orgs.Values.ToLookup(o => o.RegionId);
        _childRegions = regions.Where(r => r.ParentId is not null).ToLookup(r => r.ParentId!.Value, r => r.Id);
        _sectionDepartments = assignments.ToLookup(a => a.SectionId, a => a.DepartmentId);
    }

    public OrgNode? Find(long id) => _orgs.GetValueOrDefault(id);

    public IEnumerable<long> AllOrganizationIds => _orgs.Keys;

    public IEnumerable<long> AllRegionIds => _regionIds;

    public IEnumerable<OrgNode> SelfAndDescendants(long id)
    {
        if (!_orgs.TryGetValue(id, out var root)) yield break;
        var stack = new Stack<OrgNode>([root]);
        while (stack.Count > 0)
        {
            var n = stack.Pop();
            yield return n;
            foreach (var c in _children[n.Id]) stack.Push(c);
        }
    }

    public IEnumerable<long> RegionAndBelow(long regionId)
    {
        var stack = new Stack<long>([regionId]);
        while (stack.Count > 0)
        {
            var r = stack.Pop();
            yield return r;
            foreach (var c in _childRegions[r]) stack.Push(c);
        }
    }

    public IEnumerable<OrgNode> InRegion(long regionId) => _byRegion[regionId];

    public IEnumerable<long> DepartmentsOfSection(long sectionId) => _sectionDepartments[sectionId];

    /// <summary>The nearest organisation of the given kind at or above <paramref name="id"/>.</summary>
    public OrgNode? AncestorOrSelf(long id, OrganizationKind kind)
    {
        var n = Find(id);
        while (n is not null && n.Kind != kind) n = n.ParentId is { } p ? Find(p) : null;
        return n;
    }
}

/// <summary>What one user may see: the organisations and regions, decided in one place (DESIGN principle 4).</summary>
public sealed class OrgScope
{
    public OrgScope(long homeRegionId, IReadOnlySet<long> organizationIds, IReadOnlySet<long> regionIds)
    {
        HomeRegionId = homeRegionId;
        OrganizationIds = organizationIds;
        RegionIds = regionIds;
    }

    public long HomeRegionId { get; }

    /// <summary>Organisations whose records the user may see.</summary>
    public IReadOnlySet<long> OrganizationIds { get; }

    /// <summary>Regions whose region-wide records (rule sets, rounds, tasks) the user may see.</summary>
    public IReadOnlySet<long> RegionIds { get; }

    public bool CanSeeOrganization(long id) => OrganizationIds.Contains(id);

    public bool CanSeeRegion(long id) => RegionIds.Contains(id);

    public static readonly OrgScope Nothing = new(0, new HashSet<long>(), new HashSet<long>());
}

/// <summary>
/// The scope rules: a unit sees itself; a department itself and its units; a budget section its assigned
/// departments and their units; the performance section, auditors and the system administrator their
/// region and the regions below; experts and agencies only their own organisation (their assignments are
/// checked per record by the features that have them).
/// </summary>
public static class ScopeRules
{
    public static OrgScope For(long? organizationId, IEnumerable<Role> roles, OrgDirectory directory)
    {
        roles = roles.ToList();
        if (organizationId is null)
        {
            // Installation-wide admin accounts: the organisation tree everywhere (not business data).
            return roles.Any(r => r is Role.SystemAdmin or Role.SecurityAdmin)
                ? new OrgScope(0, directory.AllOrganizationIds.ToHashSet(), directory.AllRegionIds.ToHashSet())
                : OrgScope.Nothing;
        }
        var home = directory.Find(organizationId.Value);
        if (home is null) return OrgScope.Nothing;
        var orgs = new HashSet<long>();
        var regions = new HashSet<long>();
        foreach (var role in roles)
        {
            switch (role)
            {
                case Role.PerformanceSection:
                case Role.AuditOffice:
                case Role.PeoplesCongress:
                case Role.SystemAdmin:
                case Role.SecurityAdmin:
                    foreach (var r in directory.RegionAndBelow(home.RegionId))
                    {
                        regions.Add(r);
                        orgs.UnionWith(directory.InRegion(r).Select(o => o.Id));
                    }
                    break;
                case Role.BudgetSection:
                    regions.Add(home.RegionId);
                    orgs.Add(home.Id);
                    foreach (var d in directory.DepartmentsOfSection(home.Id))
                        orgs.UnionWith(directory.SelfAndDescendants(d).Select(o => o.Id));
                    break;
                case Role.Department:
                    regions.Add(home.RegionId);
                    if (directory.AncestorOrSelf(home.Id, OrganizationKind.Department) is { } dept)
                        orgs.UnionWith(directory.SelfAndDescendants(dept.Id).Select(o => o.Id));
                    break;
                case Role.BudgetUnit:
                case Role.Expert:
                case Role.ThirdPartyAgency:
                    regions.Add(home.RegionId);
                    orgs.Add(home.Id);
                    break;
                case Role.AuditAdmin:
                    // Reads the audit log only: no organisation's records.
                    break;
            }
        }
        return new OrgScope(home.RegionId, orgs, regions);
    }
}

/// <summary>Who is acting: the account, its organisation, its roles and what it may see. Services take this whole.</summary>
public sealed record Caller(long? UserId, long? OrganizationId, IReadOnlyCollection<Role> Roles, OrgScope Scope)
{
    public bool Has(Role role) => Roles.Contains(role);
}
