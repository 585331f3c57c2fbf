using Jixiao.Core.Common;
using Jixiao.Core.Data;
using Jixiao.Core.Organizations;
using Jixiao.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Core.Identity;

public sealed record UserRow(long Id, string UserName, string DisplayName, long? OrganizationId, string? OrganizationName,
    bool IsActive, bool IsLockedOut, IReadOnlyList<Role> Roles, string PhoneMasked, DateTime? LastSignInAt, int Version);

/// <summary>
/// Account administration, split by 三员分立: the 系统管理员 creates and edits accounts, the 安全管理员 grants
/// roles, unlocks accounts and sets the policy. Admin accounts themselves are created only by the CLI.
/// </summary>
public sealed class UserAdminService(JixiaoDbContext db, FieldCipher cipher)
{
    public async Task<Page<UserRow>> ListAsync(OrgScope scope, bool includeAdmins, string? search, int page, int pageSize, CancellationToken ct = default)
    {
        var orgIds = scope.OrganizationIds.ToList();
        var q = db.Users.AsNoTracking().Where(u => (u.OrganizationId != null && orgIds.Contains(u.OrganizationId.Value)) || (includeAdmins && u.OrganizationId == null));
        if (!string.IsNullOrWhiteSpace(search))
        {
            var s = search.Trim().ToLowerInvariant();
            q = q.Where(u => u.UserName.Contains(s) || u.DisplayName.Contains(search.Trim()));
        }
        var total = await q.CountAsync(ct);
        var users = await q.OrderBy(u => u.UserName).Skip((page - 1) * pageSize).Take(pageSize)
            .Include(u => u.Roles).ToListAsync(ct);
        var names = await OrgNamesAsync(users.Select(u => u.OrganizationId), ct);
        var now = db.Now;
        return new(users.Select(u => ToRow(u, names, now)).ToList(), total);
    }

    public async Task<UserRow?> FindAsync(long id, OrgScope scope, CancellationToken ct = default)
    {
        var u = await db.Users.AsNoTracking().Include(x => x.Roles).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (u is null || !Visible(u, scope)) return null;
        var names = await OrgNamesAsync([u.OrganizationId], ct);
        return ToRow(u, names, db.Now);
    }

    public async Task<User> CreateAsync(string userName, string displayName, long organizationId, string? phone, string password, OrgScope scope, CancellationToken ct = default)
    {
        if (!scope.CanSeeOrganization(organizationId)) throw new NotFoundException("组织");
        var policy = await db.SecurityPolicies.FirstOrDefaultAsync(ct) ?? new SecurityPolicy();
        var user = new User(userName, displayName, organizationId);
        if (policy.CheckPassword(password, user.UserName) is { } problem) throw new DomainException(problem);
        if (await db.Users.AnyAsync(u => u.UserName == user.UserName, ct)) throw new DomainException($"用户名“{user.UserName}”已存在。");
        user.SetPassword(PasswordHasher.Hash(password), db.Now);
        user.SetPhone(cipher.Encrypt(NormalizePhone(phone)));
        db.Users.Add(user);
        await db.SaveChangesAsync(ct);
        return user;
    }

    public Task UpdateAsync(long id, int version, string displayName, long organizationId, string? phone, bool isActive, OrgScope scope, CancellationToken ct = default) =>
        UpdateAsync(id, version, displayName, organizationId, changePhone: true, phone, isActive, scope, ct);

    /// <summary>
    /// As above; with <paramref name="changePhone"/> false the stored phone stays as it is (the edit page shows
    /// the phone masked only, so leaving the field empty must not erase it).
    /// </summary>
    public async Task UpdateAsync(long id, int version, string displayName, long organizationId, bool changePhone, string? phone, bool isActive, OrgScope scope, CancellationToken ct = default)
    {
        var user = await LoadAsync(id, scope, ct);
        if (user.OrganizationId is null) throw new DomainException("管理员账号只能通过命令行维护。");
        if (!scope.CanSeeOrganization(organizationId)) throw new NotFoundException("组织");
        db.ExpectVersion(user, version);
        if (organizationId != user.OrganizationId && user.Roles.Count > 0)
        {
            var kind = await db.Organizations.Where(o => o.Id == organizationId).Select(o => o.Kind).FirstAsync(ct);
            if (Roles.CheckCombination(user.RoleSet.ToList(), kind) is { } problem)
                throw new DomainException($"调整所属组织后角色不再适用：{problem}请先由安全管理员调整角色。");
        }
        user.Update(displayName, organizationId, isActive);
        // Encryption is randomised: re-encrypting an unchanged number would record a change that is none.
        var newPhone = NormalizePhone(phone);
        if (changePhone && newPhone != cipher.Decrypt(user.PhoneEncrypted)) user.SetPhone(cipher.Encrypt(newPhone));
        if (!isActive)
        {
            foreach (var s in await db.UserSessions.Where(s => s.UserId == id && s.EndedAt == null).ToListAsync(ct))
                s.End(db.Now, "account deactivated");
        }
        await db.SaveChangesAsync(ct);
    }

    /// <summary>系统管理员 sets a new initial password (e.g. a forgotten one).</summary>
    public async Task ResetPasswordAsync(long id, string password, OrgScope scope, CancellationToken ct = default)
    {
        var user = await LoadAsync(id, scope, ct);
        if (user.OrganizationId is null) throw new DomainException("管理员账号的密码只能由本人修改或通过命令行重置。");
        var policy = await db.SecurityPolicies.FirstOrDefaultAsync(ct) ?? new SecurityPolicy();
        if (policy.CheckPassword(password, user.UserName) is { } problem) throw new DomainException(problem);
        user.SetPassword(PasswordHasher.Hash(password), db.Now);
        db.Audit("password.reset", nameof(User), user.Id.ToString());
        await db.SaveChangesAsync(ct);
    }

    /// <summary>安全管理员 grants roles. Admin roles are never granted here (CLI only), nor to oneself.</summary>
    public async Task SetRolesAsync(long id, int version, IReadOnlyCollection<Role> roles, long actingUserId, OrgScope scope, CancellationToken ct = default)
    {
        var user = await LoadAsync(id, scope, ct);
        if (user.Id == actingUserId) throw new DomainException("不能调整自己的角色。");
        if (user.RoleSet.Any(r => r.IsAdmin()) || roles.Any(r => r.IsAdmin()))
            throw new DomainException("系统管理员、安全管理员、审计管理员账号只能通过命令行创建，不能在此授予或收回。");
        var kind = user.OrganizationId is { } orgId
            ? await db.Organizations.Where(o => o.Id == orgId).Select(o => (OrganizationKind?)o.Kind).FirstAsync(ct)
            : null;
        if (Roles.CheckCombination(roles, kind) is { } problem) throw new DomainException(problem);
        db.ExpectVersion(user, version);
        var before = user.RoleSet.Order().ToList();
        user.ReplaceRoles(roles);
        db.Entry(user).Property(u => u.Version).IsModified = true; // a role change is a change of the account
        db.Audit("roles.grant", nameof(User), user.Id.ToString(), new { before, after = roles.Order().ToList() });
        await db.SaveChangesAsync(ct);
    }

    public async Task UnlockAsync(long id, OrgScope scope, CancellationToken ct = default)
    {
        var user = await LoadAsync(id, scope, ct);
        user.Unlock();
        db.Audit("account.unlock", nameof(User), user.Id.ToString());
        await db.SaveChangesAsync(ct);
    }

    private async Task<User> LoadAsync(long id, OrgScope scope, CancellationToken ct)
    {
        var user = await db.Users.Include(u => u.Roles).FirstOrDefaultAsync(u => u.Id == id, ct);
        if (user is null || !Visible(user, scope)) throw new NotFoundException("用户");
        return user;
    }

    private static bool Visible(User u, OrgScope scope) =>
        u.OrganizationId is { } o ? scope.CanSeeOrganization(o) : scope.HomeRegionId == 0 && scope.RegionIds.Count > 0;

    private async Task<Dictionary<long, string>> OrgNamesAsync(IEnumerable<long?> ids, CancellationToken ct)
    {
        var list = ids.Where(i => i is not null).Select(i => i!.Value).Distinct().ToList();
        return await db.Organizations.AsNoTracking().Where(o => list.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, ct);
    }

    private UserRow ToRow(User u, Dictionary<long, string> names, DateTime now) =>
        new(u.Id, u.UserName, u.DisplayName, u.OrganizationId, u.OrganizationId is { } o ? names.GetValueOrDefault(o) : null,
            u.IsActive, u.IsLockedOut(now), u.RoleSet.Order().ToList(), Masking.Mask(cipher.Decrypt(u.PhoneEncrypted)), u.LastSignInAt, u.Version);

    private static string? NormalizePhone(string? phone)
    {
        phone = phone?.Trim();
        if (string.IsNullOrEmpty(phone)) return null;
        if (phone.Length > 20 || !phone.All(c => char.IsAsciiDigit(c) || c is '-' or '+' or ' '))
            throw new DomainException("联系电话格式不正确。");
        return phone;
    }
}

/// <summary>The 安全管理员's policy page.</summary>
public sealed class SecurityPolicyService(JixiaoDbContext db)
{
    public async Task<SecurityPolicy> GetAsync(CancellationToken ct = default) =>
        await db.SecurityPolicies.AsNoTracking().FirstOrDefaultAsync(ct) ?? new SecurityPolicy();

    public async Task UpdateAsync(int version, int minLength, int minClasses, int maxFailed, int lockoutMinutes, int idleMinutes, int tokenMinutes, CancellationToken ct = default)
    {
        var policy = await db.SecurityPolicies.FirstOrDefaultAsync(ct);
        if (policy is null)
        {
            policy = new SecurityPolicy();
            db.SecurityPolicies.Add(policy);
        }
        else
        {
            db.ExpectVersion(policy, version);
        }
        policy.Update(minLength, minClasses, maxFailed, lockoutMinutes, idleMinutes, tokenMinutes);
        await db.SaveChangesAsync(ct);
    }
}
