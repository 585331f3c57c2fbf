using Jixiao.Core.Common;
using Jixiao.Core.Organizations;
using Jixiao.Core.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Core.Tests.Data;

/// <summary>Issue 2: optimistic concurrency on every editable record; nothing is silently overwritten.</summary>
public sealed class ConcurrencyTests
{
    private static async Task<(TestDatabase Db, long OrgId)> DatabaseWithOrganizationAsync(DbProvider provider)
    {
        var tdb = await TestDatabase.CreateAsync(provider);
        await using var db = tdb.NewContext();
        var (city, _) = await Seed.CityAndCountyAsync(db);
        var org = await Seed.OrgAsync(db, city, OrganizationKind.Department, "001", "长治市教育局");
        return (tdb, org.Id);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task SaveChanges_TwoContextsUpdateTheSameRecord_SecondGetsConflict(DbProvider provider)
    {
        var (tdb, id) = await DatabaseWithOrganizationAsync(provider);
        await using var _ = tdb;
        await using var first = tdb.NewContext();
        await using var second = tdb.NewContext();
        var a = await first.Organizations.SingleAsync(o => o.Id == id);
        var b = await second.Organizations.SingleAsync(o => o.Id == id);

        a.Update("001", "长治市教育局（改名一）", true);
        await first.SaveChangesAsync();
        b.Update("001", "长治市教育局（改名二）", true);

        var e = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => second.SaveChangesAsync());
        Assert.Contains("已被他人修改", e.Message);
        await using var check = tdb.NewContext();
        var stored = await check.Organizations.AsNoTracking().SingleAsync(o => o.Id == id);
        Assert.Equal(("长治市教育局（改名一）", 1), (stored.Name, stored.Version));
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task SaveChanges_ConflictingSave_AppendsNoAuditRecord(DbProvider provider)
    {
        var (tdb, id) = await DatabaseWithOrganizationAsync(provider);
        await using var _ = tdb;
        await using var first = tdb.NewContext();
        await using var second = tdb.NewContext();
        var a = await first.Organizations.SingleAsync(o => o.Id == id);
        var b = await second.Organizations.SingleAsync(o => o.Id == id);
        a.Update("001", "一", true);
        await first.SaveChangesAsync();
        var countBefore = await first.AuditRecords.CountAsync();

        b.Update("001", "二", true);
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => second.SaveChangesAsync());

        Assert.Equal(countBefore, await first.AuditRecords.CountAsync());
        Assert.True((await tdb.VerifyAuditAsync()).Intact);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ExpectVersion_StaleVersionFromTheForm_Throws(DbProvider provider)
    {
        var (tdb, id) = await DatabaseWithOrganizationAsync(provider);
        await using var _ = tdb;
        await using (var editor = tdb.NewContext())
        {
            (await editor.Organizations.SingleAsync(o => o.Id == id)).Update("001", "改名", true);
            await editor.SaveChangesAsync();
        }
        await using var db = tdb.NewContext();
        var org = await db.Organizations.SingleAsync(o => o.Id == id);

        // The form was opened at version 0; the record is at version 1 now.
        Assert.Throws<ConcurrencyConflictException>(() => db.ExpectVersion(org, 0));
        db.ExpectVersion(org, 1);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ExpectVersion_RecordChangedBetweenLoadAndSave_SaveThrows(DbProvider provider)
    {
        var (tdb, id) = await DatabaseWithOrganizationAsync(provider);
        await using var _ = tdb;
        await using var db = tdb.NewContext();
        var org = await db.Organizations.SingleAsync(o => o.Id == id);
        db.ExpectVersion(org, 0);
        await using (var other = tdb.NewContext())
        {
            (await other.Organizations.SingleAsync(o => o.Id == id)).Update("001", "他人修改", true);
            await other.SaveChangesAsync();
        }

        org.Update("001", "我的修改", true);

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => db.SaveChangesAsync());
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task SaveChanges_EachUpdate_IncrementsVersionByOne(DbProvider provider)
    {
        var (tdb, id) = await DatabaseWithOrganizationAsync(provider);
        await using var _ = tdb;
        var versions = new List<int>();
        for (var i = 1; i <= 3; i++)
        {
            await using var db = tdb.NewContext();
            var org = await db.Organizations.SingleAsync(o => o.Id == id);
            versions.Add(org.Version);
            org.Update("001", $"名称{i}", true);
            await db.SaveChangesAsync();
            Assert.Equal(versions[^1] + 1, org.Version);
        }

        Assert.Equal([0, 1, 2], versions);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task SaveChanges_NothingChanged_VersionStays(DbProvider provider)
    {
        var (tdb, id) = await DatabaseWithOrganizationAsync(provider);
        await using var _ = tdb;
        await using var db = tdb.NewContext();
        var org = await db.Organizations.SingleAsync(o => o.Id == id);

        org.Update("001", "长治市教育局", true);
        await db.SaveChangesAsync();

        Assert.Equal(0, org.Version);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task UpdateAsync_ServiceWithStaleVersion_ThrowsAndKeepsTheStoredName(DbProvider provider)
    {
        var (tdb, id) = await DatabaseWithOrganizationAsync(provider);
        await using var _ = tdb;
        var everything = new OrgScope(0, new HashSet<long> { id }, new HashSet<long>());
        await using (var db = tdb.NewContext())
            await new OrganizationService(db).UpdateAsync(id, 0, "001", "第一次", true, everything);

        await using (var db = tdb.NewContext())
            await Assert.ThrowsAsync<ConcurrencyConflictException>(() => new OrganizationService(db).UpdateAsync(id, 0, "001", "第二次", true, everything));

        await using var check = tdb.NewContext();
        Assert.Equal("第一次", (await check.Organizations.SingleAsync(o => o.Id == id)).Name);
    }
}
