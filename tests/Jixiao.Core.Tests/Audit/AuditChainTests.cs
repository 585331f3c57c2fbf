using System.Data.Common;
using Jixiao.Core.Audit;
using Jixiao.Core.Identity;
using Jixiao.Core.Organizations;
using Jixiao.Core.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Core.Tests.Audit;

/// <summary>
/// Issue 2 "Audit log": every change appended with a keyed SM3 hash chain; the database refuses updates and
/// deletes; a changed, deleted or reordered record is found by verification, naming its sequence number.
/// </summary>
public sealed class AuditChainTests
{
    /// <summary>Region, bureau, department and a user: five records (sequence 1..5), then the user renamed (6).</summary>
    private static async Task<TestDatabase> DatabaseWithSixRecordsAsync(DbProvider provider)
    {
        var tdb = await TestDatabase.CreateAsync(provider);
        await using var db = tdb.NewContext();
        var (city, _) = await Seed.CityAndCountyAsync(db);
        var bureau = await Seed.OrgAsync(db, city, OrganizationKind.FinanceBureau, "CZCZJ", "长治市财政局");
        tdb.AuditContext.Clock.Advance(TimeSpan.FromMilliseconds(1.5));
        var dept = await Seed.OrgAsync(db, city, OrganizationKind.Department, "001", "长治市教育局");
        var user = await Seed.UserAsync(db, "dept", dept);
        tdb.AuditContext.Clock.Advance(TimeSpan.FromSeconds(1));
        user.Update("教育局 王科长", dept.Id, true);
        await db.SaveChangesAsync();
        Assert.NotNull(bureau);
        return tdb;
    }

    private static async Task<List<AuditRecord>> RecordsAsync(TestDatabase tdb)
    {
        await using var db = tdb.NewContext();
        return await db.AuditRecords.AsNoTracking().OrderBy(r => r.Sequence).ToListAsync();
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task SaveChanges_Entities_AppendsSequenceOneToNAndChainIsIntact(DbProvider provider)
    {
        await using var tdb = await DatabaseWithSixRecordsAsync(provider);

        var records = await RecordsAsync(tdb);
        var verification = await tdb.VerifyAuditAsync();

        Assert.Equal([1L, 2, 3, 4, 5, 6], records.Select(r => r.Sequence));
        Assert.Equal(["create", "create", "create", "create", "create", "update"], records.Select(r => r.Action));
        Assert.Equal(["Region", "Region", "Organization", "Organization", "User", "User"], records.Select(r => r.TargetType));
        Assert.Equal(AuditChain.GenesisHash, records[0].PreviousHash);
        Assert.All(records.Skip(1), (r, i) => Assert.Equal(records[i].Hash, r.PreviousHash));
        Assert.Equal(new AuditVerification(true, 6, null, null), verification);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task SaveChanges_Record_CarriesActorAndMillisecondTime(DbProvider provider)
    {
        await using var tdb = await DatabaseWithSixRecordsAsync(provider);

        var first = (await RecordsAsync(tdb))[0];

        Assert.Equal((7L, "perf", "PerformanceSection", 11L, "127.0.0.1"),
            (first.UserId!.Value, first.UserName, first.Role, first.OrganizationId!.Value, first.ClientAddress));
        Assert.Equal(new DateTime(2026, 3, 2, 8, 0, 0, 123, DateTimeKind.Utc), first.OccurredAt);
        Assert.Equal(DateTimeKind.Utc, first.OccurredAt.Kind);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Update_AuditRecordThroughSql_RefusedByTrigger(DbProvider provider)
    {
        await using var tdb = await DatabaseWithSixRecordsAsync(provider);

        await Assert.ThrowsAnyAsync<DbException>(() =>
            tdb.ExecuteAsync("""UPDATE "AuditRecords" SET "Summary" = 'nothing happened' WHERE "Sequence" = 2"""));

        Assert.NotEqual("nothing happened", (await RecordsAsync(tdb))[1].Summary);
        Assert.True((await tdb.VerifyAuditAsync()).Intact);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Delete_AuditRecordThroughSql_RefusedByTrigger(DbProvider provider)
    {
        await using var tdb = await DatabaseWithSixRecordsAsync(provider);

        await Assert.ThrowsAnyAsync<DbException>(() => tdb.ExecuteAsync("""DELETE FROM "AuditRecords" WHERE "Sequence" = 2"""));
        await Assert.ThrowsAnyAsync<DbException>(() => tdb.ExecuteAsync("""DELETE FROM "AuditRecords" """));

        Assert.Equal(6, (await RecordsAsync(tdb)).Count);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Update_AuditRecordThroughEf_RefusedByTrigger(DbProvider provider)
    {
        await using var tdb = await DatabaseWithSixRecordsAsync(provider);
        await using var db = tdb.NewContext();
        var record = await db.AuditRecords.FirstAsync(r => r.Sequence == 3);

        db.Entry(record).Property(r => r.Summary).CurrentValue = "{}";

        await Assert.ThrowsAnyAsync<DbUpdateException>(() => db.SaveChangesAsync());
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task VerifyAsync_SummaryChangedAfterTriggersDropped_NamesThatRecord(DbProvider provider)
    {
        await using var tdb = await DatabaseWithSixRecordsAsync(provider);
        await tdb.DropAuditTriggersAsync();

        await tdb.ExecuteAsync("""UPDATE "AuditRecords" SET "Summary" = 'changed by an attacker' WHERE "Sequence" = 4""");
        var verification = await tdb.VerifyAuditAsync();

        Assert.False(verification.Intact);
        Assert.Equal(4, verification.FirstBrokenSequence);
        Assert.Contains("第 4 条", verification.Problem);
        Assert.Equal(3, verification.Count);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task VerifyAsync_TimeChangedAfterTriggersDropped_NamesThatRecord(DbProvider provider)
    {
        await using var tdb = await DatabaseWithSixRecordsAsync(provider);
        await tdb.DropAuditTriggersAsync();
        await using (var db = tdb.NewContext())
        {
            // Shift the time by one millisecond through EF, so the value is written as each provider writes dates.
            var record = await db.AuditRecords.FirstAsync(r => r.Sequence == 5);
            db.Entry(record).Property(r => r.OccurredAt).CurrentValue = record.OccurredAt.AddMilliseconds(1);
            await db.SaveChangesAsync();
        }

        var verification = await tdb.VerifyAuditAsync();

        Assert.Equal(5, verification.FirstBrokenSequence);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task VerifyAsync_MiddleRecordDeleted_NamesTheMissingSequence(DbProvider provider)
    {
        await using var tdb = await DatabaseWithSixRecordsAsync(provider);
        await tdb.DropAuditTriggersAsync();

        await tdb.ExecuteAsync("""DELETE FROM "AuditRecords" WHERE "Sequence" = 3""");
        var verification = await tdb.VerifyAuditAsync();

        Assert.False(verification.Intact);
        Assert.Equal(3, verification.FirstBrokenSequence);
        Assert.Contains("缺失", verification.Problem);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task VerifyAsync_MiddleRecordDeletedAndLaterRenumbered_Detected(DbProvider provider)
    {
        await using var tdb = await DatabaseWithSixRecordsAsync(provider);
        await tdb.DropAuditTriggersAsync();

        // The attacker closes the gap: 4→3, 5→4, 6→5.
        await tdb.ExecuteAsync("""DELETE FROM "AuditRecords" WHERE "Sequence" = 3""");
        foreach (var s in new[] { 4, 5, 6 })
            await tdb.ExecuteAsync($"""UPDATE "AuditRecords" SET "Sequence" = {s - 1} WHERE "Sequence" = {s}""");
        var verification = await tdb.VerifyAuditAsync();

        Assert.False(verification.Intact);
        Assert.Equal(3, verification.FirstBrokenSequence);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task VerifyAsync_TwoRecordsSwapped_Detected(DbProvider provider)
    {
        await using var tdb = await DatabaseWithSixRecordsAsync(provider);
        await tdb.DropAuditTriggersAsync();

        // Reorder: record 2 takes place 3 and record 3 takes place 2.
        await tdb.ExecuteAsync("""UPDATE "AuditRecords" SET "Sequence" = -1 WHERE "Sequence" = 2""");
        await tdb.ExecuteAsync("""UPDATE "AuditRecords" SET "Sequence" = 2 WHERE "Sequence" = 3""");
        await tdb.ExecuteAsync("""UPDATE "AuditRecords" SET "Sequence" = 3 WHERE "Sequence" = -1""");
        var verification = await tdb.VerifyAuditAsync();

        Assert.False(verification.Intact);
        Assert.Equal(2, verification.FirstBrokenSequence);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task VerifyAsync_WrongKey_FailsAtTheFirstRecord(DbProvider provider)
    {
        await using var tdb = await DatabaseWithSixRecordsAsync(provider);
        var wrongKey = TestAuditContext.ChainKeyBytes.ToArray();
        wrongKey[31] ^= 1;

        var verification = await tdb.VerifyAuditAsync(wrongKey);

        Assert.False(verification.Intact);
        Assert.Equal(1, verification.FirstBrokenSequence);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task SaveChanges_MaskedProperty_AppearsAsStars(DbProvider provider)
    {
        await using var tdb = await TestDatabase.CreateAsync(provider);
        const string hash = "pbkdf2-sha256$120000$c2VjcmV0c2FsdA==$c2VjcmV0aGFzaA==";
        await using var db = tdb.NewContext();
        var user = await Seed.UserAsync(db, "secadmin", null, hash);
        user.SetPassword("pbkdf2-sha256$120000$bmV3c2FsdA==$bmV3aGFzaA==", db.Now);
        await db.SaveChangesAsync();

        var records = await RecordsAsync(tdb);

        var created = Assert.Single(records, r => r.Action == "create");
        var updated = Assert.Single(records, r => r.Action == "update");
        Assert.Contains("\"PasswordHash\":\"***\"", created.Summary);
        Assert.Contains("\"PasswordHash\":{\"before\":\"***\",\"after\":\"***\"}", updated.Summary);
        Assert.All(records, r => Assert.DoesNotContain("c2VjcmV0", r.Summary));
        Assert.All(records, r => Assert.DoesNotContain("bmV3", r.Summary));
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task SaveChanges_OnlyNotAuditedPropertiesChanged_NoUpdateRecord(DbProvider provider)
    {
        await using var tdb = await TestDatabase.CreateAsync(provider);
        await using var db = tdb.NewContext();
        var user = await Seed.UserAsync(db, "unit", null);
        var before = (await RecordsAsync(tdb)).Count;

        user.RecordFailedSignIn(new SecurityPolicy(), db.Now);
        await db.SaveChangesAsync();

        var records = await RecordsAsync(tdb);
        Assert.Equal(before, records.Count);
        Assert.DoesNotContain(records, r => r.Action == "update");
        await using var check = tdb.NewContext();
        Assert.Equal(1, (await check.Users.SingleAsync(u => u.UserName == "unit")).FailedSignInCount);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Audit_Event_AppendedWithTheNextSaveAndChained(DbProvider provider)
    {
        await using var tdb = await TestDatabase.CreateAsync(provider);
        await using (var db = tdb.NewContext())
        {
            db.Audit("signin.failure", "User", null, new { userName = "不存在的用户" });
            await db.SaveChangesAsync();
            db.Audit("signin.failure", "User", null, new { userName = "第二次" });
            await db.SaveChangesAsync();
        }

        var records = await RecordsAsync(tdb);

        Assert.Equal([1L, 2], records.Select(r => r.Sequence));
        Assert.Equal("{\"userName\":\"不存在的用户\"}", records[0].Summary);
        Assert.True((await tdb.VerifyAuditAsync()).Intact);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task SaveChanges_ManyWritersAtOnce_ChainStaysGaplessAndIntact(DbProvider provider)
    {
        // Several app nodes (here: contexts on their own connections) append at the same time.
        await using var tdb = await TestDatabase.CreateAsync(provider);
        await using (var db = tdb.NewContext())
            await Seed.RegionAsync(db, "140400000", "长治市");

        await Task.WhenAll(Enumerable.Range(1, 8).Select(i => Task.Run(async () =>
        {
            await using var db = tdb.NewContext();
            var regionId = await db.Regions.Select(r => r.Id).SingleAsync();
            db.Organizations.Add(new Organization(regionId, null, OrganizationKind.Department, $"{i:000}", $"部门{i}"));
            db.Audit("test.event", "Test", i.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await db.SaveChangesAsync();
        })));

        var records = await RecordsAsync(tdb);
        Assert.Equal(Enumerable.Range(1, 17).Select(i => (long)i), records.Select(r => r.Sequence));
        Assert.Equal(new AuditVerification(true, 17, null, null), await tdb.VerifyAuditAsync());
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task SaveChanges_FailedSave_ItsEventsAreNotRecordedByALaterSave(DbProvider provider)
    {
        await using var tdb = await TestDatabase.CreateAsync(provider);
        await using var db = tdb.NewContext();
        var city = await Seed.RegionAsync(db, "140400000", "长治市");
        await Seed.OrgAsync(db, city, OrganizationKind.Department, "001", "长治市教育局");

        // The second department with the same code fails on the unique index: its event must not survive.
        db.Organizations.Add(new Organization(city.Id, null, OrganizationKind.Department, "001", "重复代码"));
        db.Audit("organization.duplicate", "Organization", "001");
        await Assert.ThrowsAnyAsync<DbUpdateException>(() => db.SaveChangesAsync());
        db.ChangeTracker.Clear();
        db.Audit("later.event", "Test", null);
        await db.SaveChangesAsync();

        var actions = (await RecordsAsync(tdb)).Select(r => r.Action).ToList();
        Assert.DoesNotContain("organization.duplicate", actions);
        Assert.Equal("later.event", actions[^1]);
    }
}
