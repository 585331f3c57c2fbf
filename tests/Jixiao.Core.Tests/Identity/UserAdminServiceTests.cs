using Jixiao.Core.Common;
using Jixiao.Core.Data;
using Jixiao.Core.Identity;
using Jixiao.Core.Organizations;
using Jixiao.Core.Security;
using Jixiao.Core.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Core.Tests.Identity;

/// <summary>Account administration under 三员分立, with personal data encrypted and masked.</summary>
public sealed class UserAdminServiceTests
{
    private static readonly FieldCipher Cipher = new(Enumerable.Range(1, 16).Select(i => (byte)i).ToArray());

    private sealed record World(TestDatabase Db, Organization Perf, Organization Dept, OrgScope Admin) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Db.DisposeAsync();
    }

    private static async Task<World> WorldAsync(DbProvider provider)
    {
        var tdb = await TestDatabase.CreateAsync(provider);
        await using var db = tdb.NewContext();
        var (city, _) = await Seed.CityAndCountyAsync(db);
        var bureau = await Seed.OrgAsync(db, city, OrganizationKind.FinanceBureau, "CZCZJ", "长治市财政局");
        var perf = await Seed.OrgAsync(db, city, OrganizationKind.PerformanceSection, "CZJXK", "绩效管理科", bureau);
        var dept = await Seed.OrgAsync(db, city, OrganizationKind.Department, "001", "长治市教育局");
        var admin = await new ScopeService(db).ScopeForAsync(null, [Role.SystemAdmin]);
        return new(tdb, perf, dept, admin);
    }

    private static async Task<User> CreateAsync(World w, JixiaoDbContext db, string userName, Organization org, string? phone = "13812345678") =>
        await new UserAdminService(db, Cipher).CreateAsync(userName, "测试用户", org.Id, phone, "Demo@2026!", w.Admin);

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task CreateAsync_WithPhone_StoredEncryptedAndListedMasked(DbProvider provider)
    {
        await using var w = await WorldAsync(provider);
        await using var db = w.Db.NewContext();
        var user = await CreateAsync(w, db, "perf", w.Perf);

        var row = await new UserAdminService(db, Cipher).FindAsync(user.Id, w.Admin);

        Assert.StartsWith("sm4gcm:", user.PhoneEncrypted);
        Assert.Equal("138****5678", row!.PhoneMasked);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task CreateAsync_WeakPasswordOrTakenName_Refused(DbProvider provider)
    {
        await using var w = await WorldAsync(provider);
        await using var db = w.Db.NewContext();
        var service = new UserAdminService(db, Cipher);
        await CreateAsync(w, db, "perf", w.Perf);

        var weak = await Assert.ThrowsAsync<DomainException>(() => service.CreateAsync("perf2", "张三", w.Perf.Id, null, "abcdefgh", w.Admin));
        var taken = await Assert.ThrowsAsync<DomainException>(() => service.CreateAsync("PERF", "张三", w.Perf.Id, null, "Demo@2026!", w.Admin));

        Assert.Contains("至少3种", weak.Message);
        Assert.Contains("已存在", taken.Message);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task UpdateAsync_NothingChanged_NoVersionBumpAndNoAuditRecord(DbProvider provider)
    {
        await using var w = await WorldAsync(provider);
        long id;
        await using (var db = w.Db.NewContext())
            id = (await CreateAsync(w, db, "dept", w.Dept)).Id;
        int auditBefore;
        await using (var db = w.Db.NewContext())
            auditBefore = await db.AuditRecords.CountAsync();

        // The account form saved without any edit: same name, organisation, phone and state.
        await using (var db = w.Db.NewContext())
            await new UserAdminService(db, Cipher).UpdateAsync(id, 0, "测试用户", w.Dept.Id, "13812345678", true, w.Admin);

        await using var check = w.Db.NewContext();
        Assert.Equal(0, (await check.Users.SingleAsync(u => u.Id == id)).Version);
        Assert.Equal(auditBefore, await check.AuditRecords.CountAsync());
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task UpdateAsync_PhoneChanged_StoredAndAuditedMasked(DbProvider provider)
    {
        await using var w = await WorldAsync(provider);
        long id;
        await using (var db = w.Db.NewContext())
            id = (await CreateAsync(w, db, "dept", w.Dept)).Id;

        await using (var db = w.Db.NewContext())
            await new UserAdminService(db, Cipher).UpdateAsync(id, 0, "测试用户", w.Dept.Id, "13900001111", true, w.Admin);

        await using var check = w.Db.NewContext();
        Assert.Equal("139****1111", (await new UserAdminService(check, Cipher).FindAsync(id, w.Admin))!.PhoneMasked);
        var update = await check.AuditRecords.Where(r => r.Action == "update" && r.TargetType == "User").SingleAsync();
        Assert.Contains("\"PhoneEncrypted\":{\"before\":\"***\",\"after\":\"***\"}", update.Summary);
        Assert.DoesNotContain("13900001111", update.Summary);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task SetRolesAsync_FittingRole_GrantedVersionedAndAudited(DbProvider provider)
    {
        await using var w = await WorldAsync(provider);
        long id;
        await using (var db = w.Db.NewContext())
            id = (await CreateAsync(w, db, "perf", w.Perf)).Id;

        await using (var db = w.Db.NewContext())
            await new UserAdminService(db, Cipher).SetRolesAsync(id, 0, [Role.PerformanceSection], actingUserId: 999, w.Admin);

        await using var check = w.Db.NewContext();
        var user = await check.Users.Include(u => u.Roles).SingleAsync(u => u.Id == id);
        Assert.Equal([Role.PerformanceSection], user.RoleSet);
        Assert.Equal(1, user.Version);
        Assert.Single(await check.AuditRecords.Where(r => r.Action == "roles.grant").ToListAsync());
        Assert.True((await w.Db.VerifyAuditAsync()).Intact);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task SetRolesAsync_AdminRoleOwnAccountWrongKindOrStaleVersion_Refused(DbProvider provider)
    {
        await using var w = await WorldAsync(provider);
        await using var db = w.Db.NewContext();
        var service = new UserAdminService(db, Cipher);
        var user = await CreateAsync(w, db, "dept", w.Dept);

        var admin = await Assert.ThrowsAsync<DomainException>(() => service.SetRolesAsync(user.Id, 0, [Role.SecurityAdmin], 999, w.Admin));
        var self = await Assert.ThrowsAsync<DomainException>(() => service.SetRolesAsync(user.Id, 0, [Role.Department], user.Id, w.Admin));
        var kind = await Assert.ThrowsAsync<DomainException>(() => service.SetRolesAsync(user.Id, 0, [Role.PerformanceSection], 999, w.Admin));
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => service.SetRolesAsync(user.Id, 5, [Role.Department], 999, w.Admin));

        Assert.Contains("只能通过命令行", admin.Message);
        Assert.Contains("不能调整自己的角色", self.Message);
        Assert.Contains("不能授予预算部门的账号", kind.Message);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task UpdateAsync_Deactivated_EndsOpenSessions(DbProvider provider)
    {
        await using var w = await WorldAsync(provider);
        long id;
        string sessionId;
        await using (var db = w.Db.NewContext())
        {
            id = (await CreateAsync(w, db, "dept", w.Dept)).Id;
            var signIn = await new AccountService(db).SignInAsync("dept", "Demo@2026!", "web", null);
            sessionId = signIn.Session!.Id;
        }

        await using (var db = w.Db.NewContext())
        {
            var version = db.Users.AsNoTracking().Single(u => u.Id == id).Version;
            await new UserAdminService(db, Cipher).UpdateAsync(id, version, "测试用户", w.Dept.Id, "13812345678", false, w.Admin);
        }

        await using var check = w.Db.NewContext();
        Assert.Equal(SessionState.Ended, await new AccountService(check).ValidateSessionAsync(sessionId, id));
    }
}
