using Jixiao.Core.Common;
using Jixiao.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Core.RuleSets;

/// <summary>The rule set in force for a region and year, where it came from, and whether it is stored yet.</summary>
public sealed record EffectiveRuleSet(
    RuleSet? Stored, long RegionId, int FiscalYear, RuleSetContent Content, string Source)
{
    /// <summary>The version number a new version must be based on (0 when the region has none of its own yet).</summary>
    public int BaseVersionNo => Stored is { } s && s.RegionId == RegionId && s.FiscalYear == FiscalYear ? s.VersionNo : 0;

    public bool IsOwn => BaseVersionNo > 0;
}

/// <summary>
/// Rule sets per region and year. A region without its own rules for a year uses, in order: its own
/// rules of the latest earlier year, the rules of the region above (a county takes the city's, Art. 38),
/// or the national defaults of RULES.md. Saving always stores a new version; nothing earlier changes.
/// </summary>
public sealed class RuleSetService(JixiaoDbContext db)
{
    public async Task<EffectiveRuleSet> ResolveAsync(long regionId, int fiscalYear, CancellationToken ct = default)
    {
        var own = await LatestAsync(regionId, fiscalYear, ct);
        if (own is not null) return new(own, regionId, fiscalYear, own.Content, $"本级 {fiscalYear} 年度第 {own.VersionNo} 版");

        var earlier = await db.RuleSets.AsNoTracking()
            .Where(r => r.RegionId == regionId && r.FiscalYear < fiscalYear)
            .OrderByDescending(r => r.FiscalYear).ThenByDescending(r => r.VersionNo).FirstOrDefaultAsync(ct);
        if (earlier is not null)
            return new(earlier, regionId, fiscalYear, earlier.Content, $"沿用本级 {earlier.FiscalYear} 年度第 {earlier.VersionNo} 版");

        var parentId = await db.Regions.Where(r => r.Id == regionId).Select(r => r.ParentId).FirstOrDefaultAsync(ct);
        if (parentId is { } p)
        {
            var parent = await ResolveAsync(p, fiscalYear, ct);
            if (parent.Stored is not null)
            {
                var parentName = await db.Regions.Where(r => r.Id == p).Select(r => r.Name).FirstAsync(ct);
                return new(parent.Stored, regionId, fiscalYear, parent.Content, $"沿用上级（{parentName}）规则");
            }
        }
        return new(null, regionId, fiscalYear, new RuleSetContent(), "国家默认规则（RULES.md）");
    }

    /// <summary>The stored version in force, creating the region's own copy first when it has none (for records that pin a version).</summary>
    public async Task<RuleSet> EnsureAsync(long regionId, int fiscalYear, CancellationToken ct = default)
    {
        var effective = await ResolveAsync(regionId, fiscalYear, ct);
        if (effective.IsOwn) return effective.Stored!;
        return await SaveNewVersionAsync(regionId, fiscalYear, 0, effective.Content, $"自动建立：{effective.Source}", ct);
    }

    /// <summary>Stores <paramref name="content"/> as the next version. Refused when someone saved since <paramref name="baseVersionNo"/>.</summary>
    public async Task<RuleSet> SaveNewVersionAsync(long regionId, int fiscalYear, int baseVersionNo, RuleSetContent content, string? comment, CancellationToken ct = default)
    {
        content.Appraisal ??= new();
        content.Appraisal.FillDefaults();
        var errors = RuleSetValidator.Validate(content);
        if (errors.Count > 0) throw new DomainException("规则有误，未保存。请按提示修改。", errors);
        if (fiscalYear is < 2000 or > 2100) throw new DomainException("预算年度无效。");

        var latest = await LatestAsync(regionId, fiscalYear, ct);
        if ((latest?.VersionNo ?? 0) != baseVersionNo)
            throw new ConcurrencyConflictException($"本规则已被他人保存为第 {latest?.VersionNo} 版，请刷新查看后再修改。");

        var effective = latest is null ? await ResolveAsync(regionId, fiscalYear, ct) : null;
        var actor = db.Actor;
        var version = new RuleSet(regionId, fiscalYear, baseVersionNo + 1, content, db.Now, actor.UserId, actor.UserName,
            string.IsNullOrWhiteSpace(comment) ? null : comment.Trim(), latest is null ? effective?.Stored?.Id : null);
        db.RuleSets.Add(version);
        var before = latest?.Content ?? effective?.Content ?? new RuleSetContent();
        db.Audit("ruleset.version", nameof(RuleSet), $"{regionId}/{fiscalYear}/{version.VersionNo}", new
        {
            regionId,
            fiscalYear,
            version = version.VersionNo,
            changes = RuleSetDiff.Compare(before, content).Select(c => new { c.Path, c.Before, c.After }),
        });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The unique (region, year, version) index caught a concurrent save.
            throw new ConcurrencyConflictException("本规则刚被他人保存，请刷新查看后再修改。");
        }
        return version;
    }

    public Task<List<RuleSet>> VersionsAsync(long regionId, int fiscalYear, CancellationToken ct = default) =>
        db.RuleSets.AsNoTracking().Where(r => r.RegionId == regionId && r.FiscalYear == fiscalYear)
            .OrderByDescending(r => r.VersionNo).ToListAsync(ct);

    /// <summary>
    /// What a stored version changed against the one before it: the previous version of the same region and
    /// year, else the rules it was copied from, else the national defaults.
    /// </summary>
    public async Task<(string BaseLabel, IReadOnlyList<RuleSetDiff.Change> Changes)> ChangesOfAsync(RuleSet version, CancellationToken ct = default)
    {
        var previous = await db.RuleSets.AsNoTracking()
            .Where(r => r.RegionId == version.RegionId && r.FiscalYear == version.FiscalYear && r.VersionNo < version.VersionNo)
            .OrderByDescending(r => r.VersionNo).FirstOrDefaultAsync(ct);
        if (previous is not null) return ($"第 {previous.VersionNo} 版", RuleSetDiff.Compare(previous.Content, version.Content));
        if (version.CopiedFromRuleSetId is { } from && await FindAsync(from, ct) is { } source)
        {
            var regionName = await db.Regions.Where(r => r.Id == source.RegionId).Select(r => r.Name).FirstOrDefaultAsync(ct);
            return ($"{regionName} {source.FiscalYear} 年度第 {source.VersionNo} 版", RuleSetDiff.Compare(source.Content, version.Content));
        }
        return ("国家默认规则", RuleSetDiff.Compare(new RuleSetContent(), version.Content));
    }

    public Task<RuleSet?> FindAsync(long id, CancellationToken ct = default) =>
        db.RuleSets.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct);

    private Task<RuleSet?> LatestAsync(long regionId, int fiscalYear, CancellationToken ct) =>
        db.RuleSets.AsNoTracking().Where(r => r.RegionId == regionId && r.FiscalYear == fiscalYear)
            .OrderByDescending(r => r.VersionNo).FirstOrDefaultAsync(ct);
}
