using Jixiao.Core.Common;
using Jixiao.Core.Data;
using Jixiao.Core.Goals;
using Jixiao.Core.Identity;
using Jixiao.Core.Organizations;
using Jixiao.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Core.Projects;

public sealed record ProjectInput(
    string Code, string Name, ProjectKind Kind, long OrganizationId, BudgetKind BudgetKind, ProjectCategory Category,
    bool IsNewMajor, bool IsRenewal, int StartYear, int EndYear, string ResponsiblePersonName, string? ResponsiblePersonPhone,
    decimal CurrentYearAppropriation, decimal CarryOver, decimal OtherFunding, string? Description);

public sealed record ProjectFilter(
    int FiscalYear, long? DepartmentId = null, long? UnitId = null, GoalState? GoalState = null, BudgetKind? BudgetKind = null,
    decimal? MinBudget = null, decimal? MaxBudget = null, string? Text = null, ProjectKind? Kind = null);

/// <summary>A project in a list, with the state of its current goal version. Member-initialised so that queries can filter and sort on it.</summary>
public sealed record ProjectRow
{
    public long Id { get; init; }
    public string Code { get; init; } = "";
    public string Name { get; init; } = "";
    public ProjectKind Kind { get; init; }
    public long UnitId { get; init; }
    public string UnitName { get; init; } = "";
    public long DepartmentId { get; init; }
    public string DepartmentName { get; init; } = "";
    public BudgetKind BudgetKind { get; init; }
    public ProjectCategory Category { get; init; }
    public bool IsNewMajor { get; init; }
    public decimal TotalBudget { get; init; }
    public GoalState? GoalState { get; init; }
    public int? GoalVersionNo { get; init; }
    public int FiscalYear { get; init; }
    public int Version { get; init; }
}

/// <summary>Projects of units (and whole-spending records of units and departments), within the caller's scope.</summary>
public sealed class ProjectService(JixiaoDbContext db, FieldCipher cipher)
{
    public async Task<Page<ProjectRow>> ListAsync(OrgScope scope, ProjectFilter f, int page, int pageSize, CancellationToken ct = default)
    {
        var q = Rows(scope, f.FiscalYear);
        if (f.DepartmentId is { } d) q = q.Where(r => r.DepartmentId == d);
        if (f.UnitId is { } u) q = q.Where(r => r.UnitId == u);
        if (f.Kind is { } k) q = q.Where(r => r.Kind == k);
        if (f.BudgetKind is { } bk) q = q.Where(r => r.BudgetKind == bk);
        if (f.GoalState is { } gs) q = q.Where(r => r.GoalState == gs);
        if (f.MinBudget is { } min) q = q.Where(r => r.TotalBudget >= min);
        if (f.MaxBudget is { } max) q = q.Where(r => r.TotalBudget <= max);
        if (!string.IsNullOrWhiteSpace(f.Text))
        {
            var t = f.Text.Trim();
            q = q.Where(r => r.Name.Contains(t) || r.Code.Contains(t) || r.UnitName.Contains(t));
        }
        var total = await q.CountAsync(ct);
        var items = await q.OrderBy(r => r.DepartmentId).ThenBy(r => r.Code).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(ct);
        return new(items, total);
    }

    public Task<ProjectRow?> FindRowAsync(long id, OrgScope scope, CancellationToken ct = default) =>
        Rows(scope, null).FirstOrDefaultAsync(r => r.Id == id, ct);

    /// <summary>Loads a project for the caller, or 404 when it does not exist or lies outside their scope.</summary>
    public async Task<Project> LoadAsync(long id, OrgScope scope, CancellationToken ct = default)
    {
        var p = await db.Projects.FirstOrDefaultAsync(x => x.Id == id, ct);
        if (p is null || !scope.CanSeeOrganization(p.OrganizationId)) throw new NotFoundException("项目");
        return p;
    }

    public string? ResponsiblePersonPhone(Project p) => cipher.Decrypt(p.ResponsiblePersonPhoneEncrypted);

    /// <summary>A unit registers its project ("谁申请资金、谁设定目标"); a department registers its department-wide record.</summary>
    public async Task<Project> CreateAsync(int fiscalYear, ProjectInput input, long? actingOrganizationId, IReadOnlyCollection<Role> roles, OrgScope scope, CancellationToken ct = default)
    {
        var org = await db.Organizations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == input.OrganizationId, ct);
        if (org is null || !scope.CanSeeOrganization(org.Id)) throw new NotFoundException("单位");
        CheckDeclarer(org, input.Kind, actingOrganizationId, roles);
        var department = await DepartmentOfAsync(org, ct);
        var p = new Project(org.RegionId, fiscalYear, org.Id, department.Id, input.Kind, input.Code, input.Name);
        Apply(p, input);
        if (await db.Projects.AnyAsync(x => x.RegionId == p.RegionId && x.FiscalYear == fiscalYear && x.Code == p.Code, ct))
            throw new DomainException($"{fiscalYear}年度已有项目代码“{p.Code}”。", new Dictionary<string, string[]> { [nameof(ProjectInput.Code)] = ["项目代码已存在。"] });
        db.Projects.Add(p);
        await db.SaveChangesAsync(ct);
        return p;
    }

    public async Task UpdateAsync(long id, int version, ProjectInput input, long? actingOrganizationId, IReadOnlyCollection<Role> roles, OrgScope scope, CancellationToken ct = default)
    {
        var p = await LoadAsync(id, scope, ct);
        var org = await db.Organizations.AsNoTracking().FirstAsync(o => o.Id == p.OrganizationId, ct);
        CheckDeclarer(org, p.Kind, actingOrganizationId, roles);
        if (input.OrganizationId != p.OrganizationId || input.Kind != p.Kind) throw new DomainException("项目的所属单位和类型登记后不能修改。");
        // The project (its funding above all) changes with its goal: while the current goal version is editable —
        // a draft, a returned goal, or an adjustment for a supplementary budget (追加) or a budget adjustment.
        var current = await db.PerformanceGoals.Where(g => g.ProjectId == id && g.State != GoalState.Superseded)
            .OrderByDescending(g => g.VersionNo).Select(g => (GoalState?)g.State).FirstOrDefaultAsync(ct);
        if (current is { } state && !state.IsEditable())
            throw new DomainException("项目目标已申报或已批复，项目信息不能再修改；如需变更资金或目标，请待退回后修改，或发起目标调整。");
        db.ExpectVersion(p, version);
        var code = input.Code.Trim();
        if (code != p.Code && await db.Projects.AnyAsync(x => x.RegionId == p.RegionId && x.FiscalYear == p.FiscalYear && x.Code == code && x.Id != id, ct))
            throw new DomainException($"{p.FiscalYear}年度已有项目代码“{code}”。");
        Apply(p, input);
        await db.SaveChangesAsync(ct);
    }

    private void Apply(Project p, ProjectInput i) =>
        p.Update(i.Code, i.Name, i.BudgetKind, i.Category, i.IsNewMajor, i.IsRenewal, i.StartYear, i.EndYear, i.ResponsiblePersonName,
            PhoneToStore(p, i.ResponsiblePersonPhone), i.CurrentYearAppropriation, i.CarryOver, i.OtherFunding, i.Description);

    /// <summary>
    /// The phone is shown masked (138****5678); a masked value sent back means "unchanged", never the new number.
    /// Randomised encryption: an unchanged number keeps its stored ciphertext, so saving changes nothing.
    /// </summary>
    private string? PhoneToStore(Project p, string? phone)
    {
        phone = string.IsNullOrWhiteSpace(phone) ? null : phone.Trim();
        if (phone is not null && phone.Contains('*', StringComparison.Ordinal)) return p.ResponsiblePersonPhoneEncrypted;
        if (phone is not null && (phone.Length > 20 || !phone.All(c => char.IsAsciiDigit(c) || c is '-' or '+' or ' ')))
            throw new DomainException("项目责任人联系电话格式不正确。", new Dictionary<string, string[]> { [nameof(ProjectInput.ResponsiblePersonPhone)] = ["联系电话只能包含数字、空格、+ 和 -。"] });
        return phone == cipher.Decrypt(p.ResponsiblePersonPhoneEncrypted) ? p.ResponsiblePersonPhoneEncrypted : cipher.Encrypt(phone);
    }

    /// <summary>Units declare their projects and whole-unit spending; a department declares its department-wide spending.</summary>
    private static void CheckDeclarer(Organization org, ProjectKind kind, long? actingOrganizationId, IReadOnlyCollection<Role> roles)
    {
        var ok = org.Kind switch
        {
            OrganizationKind.BudgetUnit => roles.Contains(Role.BudgetUnit) && actingOrganizationId == org.Id,
            OrganizationKind.Department => kind == ProjectKind.OverallSpending && roles.Contains(Role.Department) && actingOrganizationId == org.Id,
            _ => false,
        };
        if (!ok) throw new DomainException("按照“谁申请资金、谁设定目标”，项目由预算单位本单位登记；部门整体支出由预算部门登记。");
    }

    private async Task<Organization> DepartmentOfAsync(Organization org, CancellationToken ct)
    {
        var current = org;
        while (current.Kind != OrganizationKind.Department)
        {
            if (current.ParentId is not { } parent) throw new DomainException("该单位不属于任何预算部门，请先由系统管理员调整组织机构。");
            current = await db.Organizations.AsNoTracking().FirstAsync(o => o.Id == parent, ct);
        }
        return current;
    }

    private IQueryable<ProjectRow> Rows(OrgScope scope, int? year)
    {
        var ids = scope.OrganizationIds.ToList();
        var projects = db.Projects.AsNoTracking().Where(p => ids.Contains(p.OrganizationId));
        if (year is { } y) projects = projects.Where(p => p.FiscalYear == y);
        return from p in projects
               join u in db.Organizations on p.OrganizationId equals u.Id
               join d in db.Organizations on p.DepartmentId equals d.Id
               let g = db.PerformanceGoals.Where(g => g.ProjectId == p.Id && g.State != GoalState.Superseded).OrderByDescending(g => g.VersionNo).FirstOrDefault()
               select new ProjectRow
               {
                   Id = p.Id,
                   Code = p.Code,
                   Name = p.Name,
                   Kind = p.Kind,
                   UnitId = u.Id,
                   UnitName = u.Name,
                   DepartmentId = d.Id,
                   DepartmentName = d.Name,
                   BudgetKind = p.BudgetKind,
                   Category = p.Category,
                   IsNewMajor = p.IsNewMajor,
                   TotalBudget = p.TotalBudget,
                   GoalState = g == null ? null : g.State,
                   GoalVersionNo = g == null ? null : g.VersionNo,
                   FiscalYear = p.FiscalYear,
                   Version = p.Version,
               };
    }
}
