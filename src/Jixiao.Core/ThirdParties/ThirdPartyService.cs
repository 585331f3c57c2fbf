using Jixiao.Core.Common;
using Jixiao.Core.Data;
using Jixiao.Core.Identity;
using Jixiao.Core.Organizations;
using Jixiao.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Core.ThirdParties;

public sealed record ConflictInput(long OrganizationId, string? Note = null);

public sealed record ExpertInput(string Name, string Field, string Title, string Employer, string? Phone, string? IdNumber,
    string? UserName, bool IsActive, string? Remarks, IReadOnlyList<ConflictInput> Conflicts);

public sealed record ExpertFilter(string? Text = null, string? Field = null, bool? Active = null, long? Id = null);

/// <summary>An expert in a list: personal fields masked.</summary>
public sealed record ExpertRow(long Id, long RegionId, string RegionName, string Name, string Field, string Title, string Employer,
    string Phone, string IdNumber, bool IsActive, int ConflictCount, string? UserName, int Version);

public sealed record AgencyInput(long OrganizationId, AgencyType Type, string Qualifications, int StaffCount, string ContactName,
    string? ContactPhone, IReadOnlyList<ConflictInput> Conflicts);

public sealed record AgencyFilter(string? Text = null, AgencyType? Type = null, CreditStatus? Credit = null, long? Id = null);

/// <summary>An agency in a list, with what informs the next selection: ratings, inspection findings, credit status.</summary>
public sealed record AgencyRow(long Id, long OrganizationId, long RegionId, string Name, AgencyType Type, string Qualifications, int StaffCount,
    string ContactName, string ContactPhone, CreditStatus CreditStatus, string? CreditNote, int RatingCount, decimal? AverageRating,
    int InspectionCount, int SeriousFindingCount, int ConflictCount, int Version);

/// <summary>
/// The expert pool and the third-party agency pool of a region (Art. 12, RULES §9). The performance section keeps them;
/// finance sections and departments see them to organise work; a county sees its own pool and the city's.
/// </summary>
public sealed class ThirdPartyService(JixiaoDbContext db, FieldCipher cipher)
{
    public async Task<Page<ExpertRow>> ExpertsAsync(Caller caller, ExpertFilter f, int page, int pageSize, CancellationToken ct = default)
    {
        var regions = await PoolRegionsAsync(caller, ct);
        var q = db.Experts.AsNoTracking().Where(e => regions.Contains(e.RegionId));
        if (f.Id is { } id) q = q.Where(e => e.Id == id);
        if (f.Active is { } a) q = q.Where(e => e.IsActive == a);
        if (!string.IsNullOrWhiteSpace(f.Field)) q = q.Where(e => e.Field.Contains(f.Field.Trim()));
        if (!string.IsNullOrWhiteSpace(f.Text))
        {
            var t = f.Text.Trim();
            q = q.Where(e => e.Name.Contains(t) || e.Employer.Contains(t) || e.Field.Contains(t) || e.Title.Contains(t));
        }
        var total = await q.CountAsync(ct);
        var rows = await (from e in q
                          join r in db.Regions on e.RegionId equals r.Id
                          join u in db.Users on e.UserId equals u.Id into us
                          from u in us.DefaultIfEmpty()
                          orderby e.RegionId, e.Field, e.Id
                          select new { e, RegionName = r.Name, UserName = u == null ? null : u.UserName, Conflicts = e.Conflicts.Count })
            .Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(ct);
        return new(rows.Select(x => new ExpertRow(x.e.Id, x.e.RegionId, x.RegionName, x.e.Name, x.e.Field, x.e.Title, x.e.Employer,
            PersonalData.Masked(cipher, x.e.PhoneEncrypted), PersonalData.Masked(cipher, x.e.IdNumberEncrypted), x.e.IsActive, x.Conflicts,
            x.UserName, x.e.Version)).ToList(), total);
    }

    /// <summary>One expert of a pool the caller may see, with the declared conflicts; 404 otherwise.</summary>
    public async Task<Expert> ExpertAsync(long id, Caller caller, CancellationToken ct = default)
    {
        var regions = await PoolRegionsAsync(caller, ct);
        return await db.Experts.Include(e => e.Conflicts).FirstOrDefaultAsync(e => e.Id == id && regions.Contains(e.RegionId), ct)
            ?? throw new NotFoundException("专家");
    }

    public string MaskedPhone(Expert e) => PersonalData.Masked(cipher, e.PhoneEncrypted);

    public string MaskedIdNumber(Expert e) => PersonalData.Masked(cipher, e.IdNumberEncrypted);

    public string MaskedPhone(ThirdPartyAgency a) => PersonalData.Masked(cipher, a.ContactPhoneEncrypted);

    public async Task<Expert> CreateExpertAsync(Caller caller, ExpertInput input, CancellationToken ct = default)
    {
        var regionId = RegionToManage(caller);
        var e = new Expert(regionId, input.Name);
        db.Experts.Add(e);
        await ApplyAsync(e, input, ct);
        await db.SaveChangesAsync(ct);
        return e;
    }

    public async Task<Expert> UpdateExpertAsync(long id, int version, Caller caller, ExpertInput input, CancellationToken ct = default)
    {
        var e = await ExpertAsync(id, caller, ct);
        EnsureManages(caller, e.RegionId);
        db.ExpectVersion(e, version);
        await ApplyAsync(e, input, ct);
        TouchIfOnlyChildrenChanged(e);
        await db.SaveChangesAsync(ct);
        return e;
    }

    private async Task ApplyAsync(Expert e, ExpertInput i, CancellationToken ct)
    {
        long? userId = null;
        if (!string.IsNullOrWhiteSpace(i.UserName))
        {
            var name = i.UserName.Trim();
            var user = await db.Users.AsNoTracking().Where(u => u.UserName == name)
                .Select(u => new { u.Id, IsExpert = db.UserRoles.Any(r => r.UserId == u.Id && r.Role == Role.Expert) }).FirstOrDefaultAsync(ct);
            if (user is null || !user.IsExpert) throw new DomainException($"登录账号“{name}”不存在或不是评审专家账号：请先由系统管理员在专家库机构下建立账号并授予“评审专家”角色。");
            if (await db.Experts.AnyAsync(x => x.UserId == user.Id && x.Id != e.Id, ct)) throw new DomainException($"登录账号“{name}”已关联其他专家。");
            userId = user.Id;
        }
        await CheckConflictOrganizationsAsync(i.Conflicts, ct);
        e.Update(i.Name, i.Field, i.Title, i.Employer, PersonalData.Phone(cipher, e.PhoneEncrypted, i.Phone, "联系电话"),
            PersonalData.IdNumber(cipher, e.IdNumberEncrypted, i.IdNumber), userId, i.IsActive, i.Remarks);
        e.SetConflicts(i.Conflicts.Select(c => (c.OrganizationId, c.Note)));
    }

    public async Task<Page<AgencyRow>> AgenciesAsync(Caller caller, AgencyFilter f, int page, int pageSize, CancellationToken ct = default)
    {
        var regions = await PoolRegionsAsync(caller, ct);
        var q = from a in db.Agencies.AsNoTracking()
                join o in db.Organizations on a.OrganizationId equals o.Id
                where regions.Contains(a.RegionId)
                select new { a, o.Name };
        if (f.Id is { } id) q = q.Where(x => x.a.Id == id);
        if (f.Type is { } type) q = q.Where(x => x.a.Type == type);
        if (f.Credit is { } credit) q = q.Where(x => x.a.CreditStatus == credit);
        if (!string.IsNullOrWhiteSpace(f.Text))
        {
            var t = f.Text.Trim();
            q = q.Where(x => x.Name.Contains(t) || x.a.Qualifications.Contains(t));
        }
        var total = await q.CountAsync(ct);
        var rows = await q.OrderBy(x => x.a.CreditStatus == CreditStatus.Blacklisted).ThenBy(x => x.a.CreditStatus == CreditStatus.Watch).ThenBy(x => x.a.Id).Skip((page - 1) * pageSize).Take(pageSize)
            .Select(x => new
            {
                x.a,
                x.Name,
                Conflicts = x.a.Conflicts.Count,
                Ratings = db.AgencyRatings.Count(r => r.AgencyId == x.a.Id),
                Average = db.AgencyRatings.Where(r => r.AgencyId == x.a.Id).Average(r => (decimal?)r.Score),
                Inspections = db.AgencyInspections.Count(i => i.AgencyId == x.a.Id),
                Serious = db.AgencyInspections.Count(i => i.AgencyId == x.a.Id && i.IsSerious),
            }).ToListAsync(ct);
        return new(rows.Select(x => new AgencyRow(x.a.Id, x.a.OrganizationId, x.a.RegionId, x.Name, x.a.Type, x.a.Qualifications, x.a.StaffCount,
            x.a.ContactName, PersonalData.Masked(cipher, x.a.ContactPhoneEncrypted), x.a.CreditStatus, x.a.CreditNote, x.Ratings,
            x.Average is { } avg ? Math.Round(avg, 1, MidpointRounding.AwayFromZero) : null, x.Inspections, x.Serious, x.Conflicts, x.a.Version)).ToList(), total);
    }

    /// <summary>One agency as in the list (with its ratings and findings summed up), or 404.</summary>
    public async Task<AgencyRow> AgencyRowAsync(long id, Caller caller, CancellationToken ct = default) =>
        (await AgenciesAsync(caller, new AgencyFilter(Id: id), 1, 1, ct)).Items.FirstOrDefault() ?? throw new NotFoundException("第三方机构");

    public async Task<ThirdPartyAgency> AgencyAsync(long id, Caller caller, CancellationToken ct = default)
    {
        var regions = await PoolRegionsAsync(caller, ct);
        return await db.Agencies.Include(a => a.Conflicts).FirstOrDefaultAsync(a => a.Id == id && regions.Contains(a.RegionId), ct)
            ?? throw new NotFoundException("第三方机构");
    }

    public async Task<IReadOnlyList<AgencyRating>> RatingsAsync(long agencyId, Caller caller, CancellationToken ct = default)
    {
        await AgencyAsync(agencyId, caller, ct);
        return await db.AgencyRatings.AsNoTracking().Where(r => r.AgencyId == agencyId).OrderByDescending(r => r.At).ToListAsync(ct);
    }

    public async Task<IReadOnlyList<AgencyInspection>> InspectionsAsync(long agencyId, Caller caller, CancellationToken ct = default)
    {
        await AgencyAsync(agencyId, caller, ct);
        return await db.AgencyInspections.AsNoTracking().Where(r => r.AgencyId == agencyId).OrderByDescending(r => r.InspectedOn).ThenByDescending(r => r.Id).ToListAsync(ct);
    }

    /// <summary>Agency organisations of the caller's region not yet in the pool (for the "add agency" choice).</summary>
    public async Task<IReadOnlyList<Organization>> UnlistedAgencyOrganizationsAsync(Caller caller, CancellationToken ct = default)
    {
        var regionId = RegionToManage(caller);
        return await db.Organizations.AsNoTracking()
            .Where(o => o.RegionId == regionId && o.Kind == OrganizationKind.ThirdPartyAgency && !db.Agencies.Any(a => a.OrganizationId == o.Id))
            .OrderBy(o => o.Code).ToListAsync(ct);
    }

    public async Task<ThirdPartyAgency> CreateAgencyAsync(Caller caller, AgencyInput input, CancellationToken ct = default)
    {
        var regionId = RegionToManage(caller);
        var org = await db.Organizations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == input.OrganizationId, ct);
        if (org is null || org.RegionId != regionId || org.Kind != OrganizationKind.ThirdPartyAgency)
            throw new DomainException("请选择本地区已登记为“第三方机构”的组织机构；机构尚未登记的，请先由系统管理员在组织机构中新增。");
        if (await db.Agencies.AnyAsync(a => a.OrganizationId == org.Id, ct)) throw new DomainException($"“{org.Name}”已在第三方机构库中。");
        var a = new ThirdPartyAgency(regionId, org.Id);
        db.Agencies.Add(a);
        await ApplyAsync(a, input, ct);
        await db.SaveChangesAsync(ct);
        return a;
    }

    public async Task<ThirdPartyAgency> UpdateAgencyAsync(long id, int version, Caller caller, AgencyInput input, CancellationToken ct = default)
    {
        var a = await AgencyAsync(id, caller, ct);
        EnsureManages(caller, a.RegionId);
        if (input.OrganizationId != a.OrganizationId) throw new DomainException("第三方机构对应的组织机构不能修改。");
        db.ExpectVersion(a, version);
        await ApplyAsync(a, input, ct);
        TouchIfOnlyChildrenChanged(a);
        await db.SaveChangesAsync(ct);
        return a;
    }

    private async Task ApplyAsync(ThirdPartyAgency a, AgencyInput i, CancellationToken ct)
    {
        await CheckConflictOrganizationsAsync(i.Conflicts, ct);
        a.Update(i.Type, i.Qualifications, i.StaffCount, i.ContactName, PersonalData.Phone(cipher, a.ContactPhoneEncrypted, i.ContactPhone, "联系人电话"));
        a.SetConflicts(i.Conflicts.Select(c => (c.OrganizationId, c.Note)));
    }

    /// <summary>Sets the credit status (黑名单 bars the agency from any new engagement), with the reason on record.</summary>
    public async Task<ThirdPartyAgency> SetCreditAsync(long id, int version, CreditStatus status, string? note, Caller caller, CancellationToken ct = default)
    {
        var a = await AgencyAsync(id, caller, ct);
        EnsureManages(caller, a.RegionId);
        db.ExpectVersion(a, version);
        var from = a.CreditStatus;
        a.SetCredit(status, note);
        db.Audit("agency.credit", nameof(ThirdPartyAgency), a.Id.ToString(), new { from = from.ToString(), to = status.ToString(), note });
        await db.SaveChangesAsync(ct);
        return a;
    }

    public async Task<AgencyInspection> AddInspectionAsync(long id, DateOnly inspectedOn, string finding, bool isSerious, Caller caller, CancellationToken ct = default)
    {
        var a = await AgencyAsync(id, caller, ct);
        EnsureManages(caller, a.RegionId);
        if (inspectedOn > DateOnly.FromDateTime(ChinaTime.FromUtc(db.Now))) throw new DomainException("检查日期不能晚于今天。");
        var inspection = new AgencyInspection(a.Id, inspectedOn, finding, isSerious, db.Actor.Name, db.Now);
        db.AgencyInspections.Add(inspection);
        await db.SaveChangesAsync(ct);
        return inspection;
    }

    /// <summary>The regions whose pools the caller may use: its own scope, and the regions above its home region (a county uses the city's pool).</summary>
    public async Task<List<long>> PoolRegionsAsync(Caller caller, CancellationToken ct = default)
    {
        if (!caller.Roles.Has(Permission.ViewThirdParties)) return [];
        var regions = caller.Scope.RegionIds.ToHashSet();
        long? r = caller.Scope.HomeRegionId;
        while (r is { } id && id != 0)
        {
            regions.Add(id);
            r = await db.Regions.Where(x => x.Id == id).Select(x => x.ParentId).FirstOrDefaultAsync(ct);
        }
        return regions.ToList();
    }

    private static long RegionToManage(Caller caller)
    {
        if (!caller.Roles.Has(Permission.ManageThirdParties)) throw new DomainException("专家库和第三方机构库由财政部门绩效管理科维护。");
        return caller.Scope.HomeRegionId;
    }

    private static void EnsureManages(Caller caller, long regionId)
    {
        if (RegionToManage(caller) != regionId) throw new DomainException("只能维护本级的专家库和第三方机构库；上级库的信息请联系上级财政部门。");
    }

    private async Task CheckConflictOrganizationsAsync(IReadOnlyList<ConflictInput> conflicts, CancellationToken ct)
    {
        var ids = conflicts.Select(c => c.OrganizationId).Distinct().ToList();
        if (ids.Count > 200) throw new DomainException("回避单位不超过200个。");
        var found = await db.Organizations.CountAsync(o => ids.Contains(o.Id), ct);
        if (found != ids.Count) throw new DomainException("回避单位中有不存在的组织机构，请重新选择。");
    }

    /// <summary>A change of the conflicts alone still makes a new version of the pool entry.</summary>
    private void TouchIfOnlyChildrenChanged(object entity)
    {
        var entry = db.Entry(entity);
        if (entry.State == EntityState.Unchanged) entry.Property(nameof(IVersioned.Version)).IsModified = true;
    }
}
