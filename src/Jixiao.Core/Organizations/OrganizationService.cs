using Jixiao.Core.Common;
using Jixiao.Core.Data;
using Jixiao.Core.Imports;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Core.Organizations;

public sealed record OrganizationRow(long Id, string Name, string Code, long? ParentId, OrganizationKind Kind, long RegionId, string RegionName, bool IsActive, int Version);

public sealed record RegionOption(long Id, string Code, string Name, long? ParentId);

/// <summary>A department of a budget section's region, and which section reviews it now (null: none).</summary>
public sealed record SectionDepartmentOption(long Id, string Code, string Name, bool IsActive, long? SectionId, string? SectionName);

public sealed record OrganizationImportResult(int Created, int Updated, int Unchanged, int RegionsCreated, IReadOnlyList<ImportError> Errors, IReadOnlyList<string> IgnoredColumns)
{
    public bool Succeeded => Errors.Count == 0;
}

/// <summary>The organisation tree, kept by the 系统管理员; readable by everyone within their scope.</summary>
public sealed class OrganizationService(JixiaoDbContext db)
{
    public static readonly IReadOnlyDictionary<string, string[]> ImportColumns = new Dictionary<string, string[]>
    {
        ["RegionCode"] = ["mof_div_code", "财政区划代码", "区划代码", "RegionCode"],
        ["RegionName"] = ["mof_div_name", "财政区划名称", "区划名称", "RegionName"],
        ["Code"] = ["agency_code", "dept_code", "单位代码", "组织代码", "部门代码", "Code"],
        ["Name"] = ["agency_name", "dept_name", "单位名称", "组织名称", "部门名称", "Name"],
        ["Kind"] = ["kind", "org_kind", "组织类型", "类型", "Kind"],
        ["ParentCode"] = ["parent_code", "parent_agency_code", "上级代码", "上级单位代码", "ParentCode"],
    };

    public async Task<Page<OrganizationRow>> ListAsync(OrgScope scope, OrganizationKind? kind, string? search, int page, int pageSize, CancellationToken ct = default)
    {
        var ids = scope.OrganizationIds.ToList();
        var q = db.Organizations.AsNoTracking().Where(o => ids.Contains(o.Id));
        if (kind is { } k) q = q.Where(o => o.Kind == k);
        if (!string.IsNullOrWhiteSpace(search)) q = q.Where(o => o.Name.Contains(search.Trim()) || o.Code.Contains(search.Trim()));
        var total = await q.CountAsync(ct);
        var rows = await q.OrderBy(o => o.RegionId).ThenBy(o => o.Code).Skip((page - 1) * pageSize).Take(pageSize)
            .Join(db.Regions, o => o.RegionId, r => r.Id, (o, r) => new OrganizationRow(o.Id, o.Name, o.Code, o.ParentId, o.Kind, o.RegionId, r.Name, o.IsActive, o.Version))
            .ToListAsync(ct);
        return new(rows, total);
    }

    /// <summary>The regions in scope, for pickers (city before its counties).</summary>
    public async Task<List<RegionOption>> RegionsAsync(OrgScope scope, CancellationToken ct = default)
    {
        var ids = scope.RegionIds.ToList();
        return await db.Regions.AsNoTracking().Where(r => ids.Contains(r.Id)).OrderBy(r => r.Code)
            .Select(r => new RegionOption(r.Id, r.Code, r.Name, r.ParentId)).ToListAsync(ct);
    }

    /// <summary>Active organisations in scope, optionally of one region and of some kinds, for pickers (no paging).</summary>
    public async Task<List<OrganizationRow>> OptionsAsync(OrgScope scope, long? regionId, IReadOnlyCollection<OrganizationKind>? kinds, CancellationToken ct = default)
    {
        var ids = scope.OrganizationIds.ToList();
        var q = db.Organizations.AsNoTracking().Where(o => ids.Contains(o.Id) && o.IsActive);
        if (regionId is { } r) q = q.Where(o => o.RegionId == r);
        if (kinds is { Count: > 0 })
        {
            var k = kinds.ToList();
            q = q.Where(o => k.Contains(o.Kind));
        }
        return await q.OrderBy(o => o.RegionId).ThenBy(o => o.Code)
            .Join(db.Regions, o => o.RegionId, r => r.Id, (o, r) => new OrganizationRow(o.Id, o.Name, o.Code, o.ParentId, o.Kind, o.RegionId, r.Name, o.IsActive, o.Version))
            .ToListAsync(ct);
    }

    /// <summary>The departments of a budget section's region, each with the section that reviews it now.</summary>
    public async Task<List<SectionDepartmentOption>> SectionDepartmentsAsync(long sectionId, OrgScope scope, CancellationToken ct = default)
    {
        if (!scope.CanSeeOrganization(sectionId)) throw new NotFoundException("部门预算管理科");
        var section = await db.Organizations.AsNoTracking().FirstAsync(o => o.Id == sectionId, ct);
        if (section.Kind != OrganizationKind.BudgetSection) throw new DomainException("只能为部门预算管理科分配预算部门。");
        var depts = await db.Organizations.AsNoTracking()
            .Where(o => o.RegionId == section.RegionId && o.Kind == OrganizationKind.Department)
            .OrderBy(o => o.Code).Select(o => new { o.Id, o.Code, o.Name, o.IsActive }).ToListAsync(ct);
        var deptIds = depts.Select(d => d.Id).ToList();
        var assigned = await db.BudgetSectionAssignments.AsNoTracking().Where(a => deptIds.Contains(a.DepartmentId))
            .Join(db.Organizations, a => a.SectionId, o => o.Id, (a, o) => new { a.DepartmentId, a.SectionId, o.Name })
            .ToDictionaryAsync(a => a.DepartmentId, ct);
        return depts.Select(d => assigned.TryGetValue(d.Id, out var a)
            ? new SectionDepartmentOption(d.Id, d.Code, d.Name, d.IsActive, a.SectionId, a.Name)
            : new SectionDepartmentOption(d.Id, d.Code, d.Name, d.IsActive, null, null)).ToList();
    }

    public async Task<OrganizationRow?> FindAsync(long id, OrgScope scope, CancellationToken ct = default)
    {
        if (!scope.CanSeeOrganization(id)) return null;
        return await db.Organizations.AsNoTracking().Where(o => o.Id == id)
            .Join(db.Regions, o => o.RegionId, r => r.Id, (o, r) => new OrganizationRow(o.Id, o.Name, o.Code, o.ParentId, o.Kind, o.RegionId, r.Name, o.IsActive, o.Version))
            .FirstOrDefaultAsync(ct);
    }

    public async Task<Organization> CreateAsync(long regionId, long? parentId, OrganizationKind kind, string code, string name, OrgScope scope, CancellationToken ct = default)
    {
        if (!scope.CanSeeRegion(regionId)) throw new NotFoundException("行政区划");
        Organization? parent = null;
        if (parentId is { } p)
        {
            if (!scope.CanSeeOrganization(p)) throw new NotFoundException("上级组织");
            parent = await db.Organizations.FirstAsync(o => o.Id == p, ct);
        }
        var org = new Organization(regionId, parent, kind, code, name);
        if (await db.Organizations.AnyAsync(o => o.RegionId == regionId && o.Code == org.Code, ct))
            throw new DomainException($"本区划已有代码为“{org.Code}”的组织。");
        db.Organizations.Add(org);
        await db.SaveChangesAsync(ct);
        return org;
    }

    public async Task UpdateAsync(long id, int version, string code, string name, bool isActive, OrgScope scope, CancellationToken ct = default)
    {
        if (!scope.CanSeeOrganization(id)) throw new NotFoundException("组织");
        var org = await db.Organizations.FirstAsync(o => o.Id == id, ct);
        db.ExpectVersion(org, version);
        var newCode = code.Trim();
        if (newCode != org.Code && await db.Organizations.AnyAsync(o => o.RegionId == org.RegionId && o.Code == newCode && o.Id != id, ct))
            throw new DomainException($"本区划已有代码为“{newCode}”的组织。");
        org.Update(code, name, isActive);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Which departments a budget section reviews; each department has at most one section.</summary>
    public async Task SetSectionDepartmentsAsync(long sectionId, IReadOnlyCollection<long> departmentIds, OrgScope scope, CancellationToken ct = default)
    {
        if (!scope.CanSeeOrganization(sectionId)) throw new NotFoundException("部门预算管理科");
        var section = await db.Organizations.FirstAsync(o => o.Id == sectionId, ct);
        if (section.Kind != OrganizationKind.BudgetSection) throw new DomainException("只能为部门预算管理科分配预算部门。");
        var depts = await db.Organizations.Where(o => departmentIds.Contains(o.Id)).ToListAsync(ct);
        if (depts.Count != departmentIds.Distinct().Count() || depts.Any(d => d.Kind != OrganizationKind.Department || d.RegionId != section.RegionId))
            throw new DomainException("只能分配本级的预算部门。");
        var taken = await db.BudgetSectionAssignments.Where(a => departmentIds.Contains(a.DepartmentId) && a.SectionId != sectionId).Select(a => a.DepartmentId).ToListAsync(ct);
        if (taken.Count > 0)
        {
            var names = depts.Where(d => taken.Contains(d.Id)).Select(d => d.Name);
            throw new DomainException($"{string.Join("、", names)} 已由其他科室负责，请先取消原分配。");
        }
        var current = await db.BudgetSectionAssignments.Where(a => a.SectionId == sectionId).ToListAsync(ct);
        db.BudgetSectionAssignments.RemoveRange(current.Where(a => !departmentIds.Contains(a.DepartmentId)));
        foreach (var d in departmentIds.Distinct().Where(d => current.All(a => a.DepartmentId != d)))
            db.BudgetSectionAssignments.Add(new BudgetSectionAssignment(sectionId, d));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Imports organisations from CSV (区划代码, 区划名称, 单位代码, 单位名称, 组织类型, 上级代码). All-or-nothing:
    /// any bad row means nothing changes and every problem is reported; importing the same file again changes nothing.
    /// </summary>
    public async Task<OrganizationImportResult> ImportCsvAsync(Stream csv, CancellationToken ct = default)
    {
        var errors = new List<ImportError>();
        var rows = new List<(int Line, string RegionCode, string? RegionName, string Code, string Name, OrganizationKind Kind, string? ParentCode)>();
        HeaderMap? map = null;
        var line = 0;
        await foreach (var cells in CsvTable.ReadAsync(csv, ct))
        {
            line++;
            if (map is null)
            {
                map = new HeaderMap(cells, ImportColumns);
                foreach (var required in new[] { "RegionCode", "Code", "Name", "Kind" })
                {
                    if (map.Has(required)) continue;
                    // Name the column by its Chinese heading, as every other import error does.
                    var chinese = ImportColumns[required].First(a => a.Any(c => c >= '\u4e00'));
                    errors.Add(new(1, chinese, $"缺少必需的列：{chinese}（或 {ImportColumns[required][0]}）。"));
                }
                if (errors.Count > 0) break;
                continue;
            }
            var regionCode = map.Get(cells, "RegionCode");
            var code = map.Get(cells, "Code");
            var name = map.Get(cells, "Name");
            var kindText = map.Get(cells, "Kind");
            var kind = OrganizationKinds.Parse(kindText);
            if (regionCode is null || regionCode.Length != 9 || !regionCode.All(char.IsAsciiDigit))
                errors.Add(new(line, "区划代码", $"区划代码“{regionCode}”应为9位数字。"));
            if (code is null) errors.Add(new(line, "单位代码", "单位代码不能为空。"));
            if (name is null) errors.Add(new(line, "单位名称", "单位名称不能为空。"));
            else if (name.Length > 100) errors.Add(new(line, "单位名称", "单位名称不能超过100个字。"));
            if (kind is null) errors.Add(new(line, "组织类型", $"组织类型“{kindText}”无法识别，应为：财政部门、绩效管理科、部门预算管理科、预算部门、预算单位、专家库、第三方机构、审计机关、人大。"));
            if (regionCode is not null && code is not null && name is not null && kind is not null)
                rows.Add((line, regionCode, map.Get(cells, "RegionName"), code, name, kind.Value, map.Get(cells, "ParentCode")));
        }
        if (map is null) errors.Add(new(0, null, "文件为空。"));
        var dupes = rows.GroupBy(r => (r.RegionCode, r.Code)).Where(g => g.Count() > 1);
        foreach (var g in dupes) errors.Add(new(g.Skip(1).First().Line, "单位代码", $"单位代码“{g.Key.Code}”在文件中重复（第 {string.Join("、", g.Select(x => x.Line))} 行）。"));
        if (errors.Count > 0) return new(0, 0, 0, 0, errors, map?.Ignored ?? []);

        await using var tx = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        var regions = await db.Regions.ToDictionaryAsync(r => r.Code, ct);
        var regionsCreated = 0;
        foreach (var code in rows.Select(r => r.RegionCode).Distinct().OrderBy(c => c, StringComparer.Ordinal).OrderByDescending(c => c.EndsWith("0000000", StringComparison.Ordinal)).ThenByDescending(c => c.EndsWith("00000", StringComparison.Ordinal)))
        {
            if (regions.ContainsKey(code)) continue;
            var first = rows.First(r => r.RegionCode == code);
            if (first.RegionName is null)
            {
                errors.Add(new(first.Line, "区划名称", $"区划“{code}”尚不存在，请填写区划名称。"));
                continue;
            }
            var parentCode = RegionCode.ParentCode(code);
            var region = new Region(code, first.RegionName, parentCode is not null && regions.TryGetValue(parentCode, out var pr) ? pr.Id : null);
            db.Regions.Add(region);
            await db.SaveChangesAsync(ct);
            regions[code] = region;
            regionsCreated++;
        }
        var created = 0;
        var updated = 0;
        var unchanged = 0;
        var existing = await db.Organizations.ToListAsync(ct);
        var pending = rows.Where(r => regions.ContainsKey(r.RegionCode)).ToList();
        // Parents may come after their children in the file: place rows whose parent exists, until none can be placed.
        while (pending.Count > 0 && errors.Count == 0)
        {
            var placed = 0;
            foreach (var r in pending.ToList())
            {
                var regionId = regions[r.RegionCode].Id;
                Organization? parent = null;
                if (r.ParentCode is not null)
                {
                    parent = existing.FirstOrDefault(o => o.RegionId == regionId && o.Code == r.ParentCode);
                    if (parent is null)
                    {
                        if (pending.Any(x => x.RegionCode == r.RegionCode && x.Code == r.ParentCode)) continue;
                        errors.Add(new(r.Line, "上级代码", $"上级代码“{r.ParentCode}”在本区划中不存在。"));
                        pending.Remove(r);
                        continue;
                    }
                }
                var current = existing.FirstOrDefault(o => o.RegionId == regionId && o.Code == r.Code);
                try
                {
                    if (current is null)
                    {
                        var org = new Organization(regionId, parent, r.Kind, r.Code, r.Name);
                        db.Organizations.Add(org);
                        await db.SaveChangesAsync(ct);
                        existing.Add(org);
                        created++;
                    }
                    else if (current.Kind != r.Kind || current.ParentId != parent?.Id)
                    {
                        errors.Add(new(r.Line, "组织类型", $"单位代码“{r.Code}”已存在，但类型或上级与系统中不同；类型和上级请在系统中调整。"));
                    }
                    else if (current.Name != r.Name.Trim())
                    {
                        current.Update(current.Code, r.Name, current.IsActive);
                        updated++;
                    }
                    else
                    {
                        unchanged++;
                    }
                }
                catch (DomainException e)
                {
                    errors.Add(new(r.Line, null, e.Message));
                }
                pending.Remove(r);
                placed++;
            }
            if (placed == 0)
            {
                foreach (var r in pending) errors.Add(new(r.Line, "上级代码", $"上级代码“{r.ParentCode}”形成循环或不存在。"));
                break;
            }
        }
        if (errors.Count > 0)
        {
            if (tx is not null) await tx.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            return new(0, 0, 0, 0, errors.OrderBy(e => e.Row).ToList(), map!.Ignored);
        }
        db.Audit("organizations.import", nameof(Organization), null, new { created, updated, unchanged, regionsCreated });
        await db.SaveChangesAsync(ct);
        if (tx is not null) await tx.CommitAsync(ct);
        return new(created, updated, unchanged, regionsCreated, [], map!.Ignored);
    }
}
