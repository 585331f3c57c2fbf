using Jixiao.Core.Common;
using Jixiao.Core.Organizations;
using Jixiao.Core.RuleSets;
using Jixiao.Core.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Core.Tests.RuleSets;

/// <summary>
/// Versioned rule sets per region and year (RULES preamble, Art. 38): a region without its own rules uses its
/// latest earlier year, then the region above, then the defaults; saving adds a version and changes nothing earlier.
/// </summary>
public sealed class RuleSetServiceTests
{
    private static RuleSetContent WithExcellent(decimal excellent)
    {
        var c = new RuleSetContent();
        c.Grades.Excellent = excellent;
        return c;
    }

    private static async Task<(TestDatabase Db, Region City, Region County)> DatabaseAsync(DbProvider provider)
    {
        var tdb = await TestDatabase.CreateAsync(provider);
        await using var db = tdb.NewContext();
        var (city, county) = await Seed.CityAndCountyAsync(db);
        return (tdb, city, county);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ResolveAsync_NothingStored_Defaults(DbProvider provider)
    {
        var (tdb, _, county) = await DatabaseAsync(provider);
        await using var _ = tdb;
        await using var db = tdb.NewContext();

        var effective = await new RuleSetService(db).ResolveAsync(county.Id, 2026);

        Assert.Null(effective.Stored);
        Assert.Equal(new RuleSetContent().ToJson(), effective.Content.ToJson());
        Assert.Equal((0, false), (effective.BaseVersionNo, effective.IsOwn));
        Assert.Contains("默认", effective.Source);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ResolveAsync_CountyWithoutOwnRules_InheritsTheCity(DbProvider provider)
    {
        var (tdb, city, county) = await DatabaseAsync(provider);
        await using var _ = tdb;
        await using var db = tdb.NewContext();
        var service = new RuleSetService(db);
        var cityRules = await service.SaveNewVersionAsync(city.Id, 2026, 0, WithExcellent(95m), "市级规则");

        var effective = await service.ResolveAsync(county.Id, 2026);

        Assert.Equal(cityRules.Id, effective.Stored?.Id);
        Assert.Equal(95m, effective.Content.Grades.Excellent);
        Assert.Equal((county.Id, 2026, 0, false), (effective.RegionId, effective.FiscalYear, effective.BaseVersionNo, effective.IsOwn));
        Assert.Contains("长治市", effective.Source);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ResolveAsync_NoRulesThisYear_UsesTheLatestEarlierYear(DbProvider provider)
    {
        var (tdb, city, _) = await DatabaseAsync(provider);
        await using var _ = tdb;
        await using var db = tdb.NewContext();
        var service = new RuleSetService(db);
        await service.SaveNewVersionAsync(city.Id, 2024, 0, WithExcellent(91m), null);
        var latest2025 = await service.SaveNewVersionAsync(city.Id, 2025, 0, WithExcellent(92m), null);

        var effective = await service.ResolveAsync(city.Id, 2026);

        Assert.Equal(latest2025.Id, effective.Stored?.Id);
        Assert.Equal(92m, effective.Content.Grades.Excellent);
        Assert.Equal(0, effective.BaseVersionNo);
        Assert.Contains("2025", effective.Source);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ResolveAsync_CountyHasEarlierYearAndCityThisYear_CountyOwnEarlierYearWins(DbProvider provider)
    {
        var (tdb, city, county) = await DatabaseAsync(provider);
        await using var _ = tdb;
        await using var db = tdb.NewContext();
        var service = new RuleSetService(db);
        var countyRules = await service.SaveNewVersionAsync(county.Id, 2025, 0, WithExcellent(88m), null);
        await service.SaveNewVersionAsync(city.Id, 2026, 0, WithExcellent(95m), null);

        var effective = await service.ResolveAsync(county.Id, 2026);

        Assert.Equal(countyRules.Id, effective.Stored?.Id);
        Assert.Equal(88m, effective.Content.Grades.Excellent);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ResolveAsync_LaterYearOnly_NotUsedForAnEarlierYear(DbProvider provider)
    {
        var (tdb, city, _) = await DatabaseAsync(provider);
        await using var _ = tdb;
        await using var db = tdb.NewContext();
        var service = new RuleSetService(db);
        await service.SaveNewVersionAsync(city.Id, 2027, 0, WithExcellent(95m), null);

        var effective = await service.ResolveAsync(city.Id, 2026);

        Assert.Null(effective.Stored);
        Assert.Equal(90m, effective.Content.Grades.Excellent);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task SaveNewVersionAsync_ThreeSaves_VersionsOneTwoThree(DbProvider provider)
    {
        var (tdb, city, _) = await DatabaseAsync(provider);
        await using var _ = tdb;
        await using var db = tdb.NewContext();
        var service = new RuleSetService(db);

        var v1 = await service.SaveNewVersionAsync(city.Id, 2026, 0, WithExcellent(90m), "初版");
        var v2 = await service.SaveNewVersionAsync(city.Id, 2026, 1, WithExcellent(92m), "调整");
        var v3 = await service.SaveNewVersionAsync(city.Id, 2026, 2, WithExcellent(95m), "  ");

        Assert.Equal([1, 2, 3], new[] { v1, v2, v3 }.Select(v => v.VersionNo));
        Assert.Equal([3, 2, 1], (await service.VersionsAsync(city.Id, 2026)).Select(v => v.VersionNo));
        Assert.Null(v3.Comment);
        var resolved = await service.ResolveAsync(city.Id, 2026);
        Assert.Equal((v3.Id, 3, true), (resolved.Stored!.Id, resolved.BaseVersionNo, resolved.IsOwn));
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task SaveNewVersionAsync_StaleBaseVersion_ConflictAndNothingStored(DbProvider provider)
    {
        var (tdb, city, _) = await DatabaseAsync(provider);
        await using var _ = tdb;
        await using var db = tdb.NewContext();
        var service = new RuleSetService(db);
        await service.SaveNewVersionAsync(city.Id, 2026, 0, WithExcellent(90m), null);
        await service.SaveNewVersionAsync(city.Id, 2026, 1, WithExcellent(91m), null);

        // Two editors opened version 1; the second saves after the first.
        var e = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => service.SaveNewVersionAsync(city.Id, 2026, 1, WithExcellent(99m), null));
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => service.SaveNewVersionAsync(city.Id, 2026, 0, WithExcellent(99m), null));
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => service.SaveNewVersionAsync(city.Id, 2026, 3, WithExcellent(99m), null));

        Assert.Contains("第 2 版", e.Message);
        Assert.Equal(2, await db.RuleSets.CountAsync());
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task SaveNewVersionAsync_InvalidContent_DomainExceptionWithErrorsAndNothingStored(DbProvider provider)
    {
        var (tdb, city, _) = await DatabaseAsync(provider);
        await using var _ = tdb;
        await using var db = tdb.NewContext();
        var auditBefore = await db.AuditRecords.CountAsync();
        var content = new RuleSetContent();
        content.Grades.Good = 95m;
        content.Appraisal.Items[0].Points = 30m;

        var e = await Assert.ThrowsAsync<DomainException>(() => new RuleSetService(db).SaveNewVersionAsync(city.Id, 2026, 0, content, null));

        Assert.Equal(["Appraisal.Items", "Grades"], e.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(0, await db.RuleSets.CountAsync());
        Assert.Equal(auditBefore, await db.AuditRecords.CountAsync());
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task SaveNewVersionAsync_NewVersion_AuditsTheChangedPaths(DbProvider provider)
    {
        var (tdb, city, _) = await DatabaseAsync(provider);
        await using var _ = tdb;
        await using var db = tdb.NewContext();
        var service = new RuleSetService(db);
        await service.SaveNewVersionAsync(city.Id, 2026, 0, new RuleSetContent(), null);

        await service.SaveNewVersionAsync(city.Id, 2026, 1, WithExcellent(95m), null);

        var record = await db.AuditRecords.Where(r => r.Action == "ruleset.version").OrderBy(r => r.Sequence).LastAsync();
        Assert.Equal($"{city.Id}/2026/2", record.TargetId);
        Assert.Contains("grades.excellent", record.Summary);
        Assert.True((await tdb.VerifyAuditAsync()).Intact);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task EnsureAsync_CountyInheritingTheCity_StoresACopyThatNamesItsSource(DbProvider provider)
    {
        var (tdb, city, county) = await DatabaseAsync(provider);
        await using var _ = tdb;
        await using var db = tdb.NewContext();
        var service = new RuleSetService(db);
        var cityRules = await service.SaveNewVersionAsync(city.Id, 2026, 0, WithExcellent(95m), null);

        var copy = await service.EnsureAsync(county.Id, 2026);
        var again = await service.EnsureAsync(county.Id, 2026);

        Assert.Equal((county.Id, 2026, 1, cityRules.Id), (copy.RegionId, copy.FiscalYear, copy.VersionNo, copy.CopiedFromRuleSetId));
        Assert.Equal(cityRules.ContentJson, copy.ContentJson);
        Assert.Equal(copy.Id, again.Id);
        Assert.Equal(2, await db.RuleSets.CountAsync());
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task EnsureAsync_CountyCopyEdited_CityRulesUnchanged(DbProvider provider)
    {
        var (tdb, city, county) = await DatabaseAsync(provider);
        await using var _ = tdb;
        await using var db = tdb.NewContext();
        var service = new RuleSetService(db);
        await service.SaveNewVersionAsync(city.Id, 2026, 0, WithExcellent(95m), null);
        var copy = await service.EnsureAsync(county.Id, 2026);

        await service.SaveNewVersionAsync(county.Id, 2026, copy.VersionNo, WithExcellent(85m), "县级调整");

        Assert.Equal(85m, (await service.ResolveAsync(county.Id, 2026)).Content.Grades.Excellent);
        Assert.Equal(95m, (await service.ResolveAsync(city.Id, 2026)).Content.Grades.Excellent);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task SaveNewVersionAsync_AfterANewVersion_EarlierVersionContentUnchanged(DbProvider provider)
    {
        var (tdb, city, _) = await DatabaseAsync(provider);
        await using var _ = tdb;
        long v1Id;
        string v1Json;
        await using (var db = tdb.NewContext())
        {
            var service = new RuleSetService(db);
            var v1 = await service.SaveNewVersionAsync(city.Id, 2026, 0, WithExcellent(90m), null);
            (v1Id, v1Json) = (v1.Id, v1.ContentJson);
            var edited = v1.Content;
            edited.Grades.Excellent = 95m;
            edited.Results.RectificationDeadlineDays = 20;
            await service.SaveNewVersionAsync(city.Id, 2026, 1, edited, null);
        }

        await using var check = tdb.NewContext();
        var stored = await new RuleSetService(check).FindAsync(v1Id);

        Assert.Equal(v1Json, stored!.ContentJson);
        Assert.Equal((90m, 30), (stored.Content.Grades.Excellent, stored.Content.Results.RectificationDeadlineDays));
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task SaveNewVersionAsync_FiscalYearOutOfRange_Refused(DbProvider provider)
    {
        var (tdb, city, _) = await DatabaseAsync(provider);
        await using var _ = tdb;
        await using var db = tdb.NewContext();

        await Assert.ThrowsAsync<DomainException>(() => new RuleSetService(db).SaveNewVersionAsync(city.Id, 1999, 0, new RuleSetContent(), null));
        await new RuleSetService(db).SaveNewVersionAsync(city.Id, 2000, 0, new RuleSetContent(), null);
    }
}
