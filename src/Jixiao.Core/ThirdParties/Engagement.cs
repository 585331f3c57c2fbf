using System.Security.Cryptography;
using Jixiao.Core.Common;
using Jixiao.Core.Data;
using Jixiao.Core.Identity;
using Jixiao.Core.Organizations;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Core.ThirdParties;

/// <summary>What an expert draw recorded.</summary>
public sealed record ExpertDrawRecord(long Seed, int Count, string? Field, IReadOnlyList<long> Eligible, IReadOnlyList<long> Excluded);

/// <summary>The expert or agency a caller is (for features whose scorers see only their own assignments).</summary>
public sealed record ScorerIdentity(long? ExpertId, long? AgencyId);

/// <summary>
/// Engaging experts and agencies for an assessment or evaluation (RULES §9), shared by the ex-ante assessment and the key
/// evaluation: who is excluded for independence, the recorded random draw from the pool of the region and the regions above,
/// the agency checks (blacklist, conflicts), and who the caller is as a scorer.
/// </summary>
public sealed class Engagement(JixiaoDbContext db)
{
    /// <summary>The evaluated organisations and every agency that declared a relationship with one of them: no expert tied to them is drawn.</summary>
    public async Task<IReadOnlyCollection<long>> ExcludedOrganizationsAsync(IReadOnlyCollection<long> evaluated, CancellationToken ct = default)
    {
        var own = evaluated.Distinct().ToList();
        var tiedAgencies = await db.Agencies.AsNoTracking().Where(x => x.Conflicts.Any(c => own.Contains(c.OrganizationId)))
            .Select(x => x.OrganizationId).ToListAsync(ct);
        return [.. own, .. tiedAgencies];
    }

    /// <summary>Draws <paramref name="count"/> experts at random (field filter optional) from the pools of the region and the regions above it.</summary>
    public async Task<(ExpertDrawResult Draw, ExpertDrawRecord Record)> DrawAsync(long regionId, int count, string? field, IReadOnlyCollection<long> excluded, CancellationToken ct = default)
    {
        if (count is < 1 or > 15) throw new DomainException("抽取专家人数应在1到15人之间。");
        field = string.IsNullOrWhiteSpace(field) ? null : field.Trim();
        if (field?.Length > 100) throw new DomainException("专业领域不超过100字。");
        var poolRegions = await RegionChainAsync(regionId, ct);
        var pool = await db.Experts.AsNoTracking().Where(e => poolRegions.Contains(e.RegionId) && (field == null || e.Field.Contains(field)))
            .Select(e => new { e.Id, e.IsActive, Conflicts = e.Conflicts.Select(c => c.OrganizationId).ToList() }).ToListAsync(ct);
        var draw = ExpertDraw.Draw(pool.Select(e => new ExpertCandidate(e.Id, e.Conflicts, e.IsActive)), count, excluded, NewSeed());
        return (draw, new ExpertDrawRecord(draw.Seed, draw.Count, field, draw.Eligible, draw.Excluded));
    }

    /// <summary>Refuses a blacklisted agency, or one tied to the evaluated organisations.</summary>
    public static void EnsureEngageable(ThirdPartyAgency agency, IReadOnlyCollection<long> excluded)
    {
        if (agency.CreditStatus == CreditStatus.Blacklisted)
            throw new DomainException($"该第三方机构已被列入黑名单（{agency.CreditNote}），不能委托。");
        if (agency.Conflicts.Any(c => excluded.Contains(c.OrganizationId)) || excluded.Contains(agency.OrganizationId))
            throw new DomainException("该第三方机构与被评估单位或其主管部门存在关联关系，按独立性要求不能委托，请另选机构。");
    }

    /// <summary>What the workflow step records of a draw: field, count, seed, eligible and excluded.</summary>
    public static string DrawComment(ExpertDrawRecord r) =>
        $"随机抽取{(r.Field is null ? "" : $"“{r.Field}”领域")}专家{r.Count}名（种子 {r.Seed}；符合回避要求 {r.Eligible.Count} 人，因回避排除 {r.Excluded.Count} 人）";

    /// <summary>Re-runs a recorded draw over its recorded eligible list and tells whether it gives the experts assigned, in order.</summary>
    public static bool DrawReproduces(IReadOnlyList<long> eligible, int count, long seed, IReadOnlyList<long> assigned) =>
        ExpertDraw.Draw(eligible.Select(e => new ExpertCandidate(e, [])), count, [], seed).Drawn.SequenceEqual(assigned);

    /// <summary>What the workflow step records of an engagement: the agency's name and credit status.</summary>
    public async Task<string> EngagementCommentAsync(ThirdPartyAgency agency, CancellationToken ct = default)
    {
        var name = await db.Organizations.Where(o => o.Id == agency.OrganizationId).Select(o => o.Name).FirstAsync(ct);
        return $"委托第三方机构：{name}（信用状况：{agency.CreditStatus.ChineseName()}）";
    }

    /// <summary>Whether the organiser may enter this scorer's paper sheet (代录): a drawn expert who has no account.</summary>
    public async Task<bool> MayEnterPaperSheetAsync(long? expertId, CancellationToken ct = default) =>
        expertId is { } id && !await db.Experts.AnyAsync(x => x.Id == id && x.UserId != null, ct);

    /// <summary>The expert (by the caller's account) and the agency (by the caller's organisation) the caller is, if any.</summary>
    public async Task<ScorerIdentity> IdentityOfAsync(Caller c, CancellationToken ct = default)
    {
        long? expert = c.Has(Role.Expert) && c.UserId is { } u
            ? await db.Experts.Where(e => e.UserId == u).Select(e => (long?)e.Id).FirstOrDefaultAsync(ct) : null;
        long? agency = c.Has(Role.ThirdPartyAgency) && c.OrganizationId is { } o
            ? await db.Agencies.Where(a => a.OrganizationId == o).Select(a => (long?)a.Id).FirstOrDefaultAsync(ct) : null;
        return new(expert, agency);
    }

    public async Task<List<long>> RegionChainAsync(long regionId, CancellationToken ct = default)
    {
        var chain = new List<long>();
        long? r = regionId;
        while (r is { } id && !chain.Contains(id))
        {
            chain.Add(id);
            r = await db.Regions.Where(x => x.Id == id).Select(x => x.ParentId).FirstOrDefaultAsync(ct);
        }
        return chain;
    }

    /// <summary>A seed safe in JSON and JavaScript numbers (53 bits), from the OS's generator.</summary>
    public static long NewSeed() => BitConverter.ToInt64(RandomNumberGenerator.GetBytes(8)) & 0x1F_FFFF_FFFF_FFFF;
}
