using Jixiao.Core.Common;

namespace Jixiao.Core.ThirdParties;

/// <summary>One expert of the pool as plain values for the draw.</summary>
/// <param name="Id">The expert's id.</param>
/// <param name="ConflictOrganizationIds">Organisations the expert declared a relationship with (must not assess).</param>
/// <param name="Active">Inactive experts are never drawn.</param>
public sealed record ExpertCandidate(long Id, IReadOnlyCollection<long> ConflictOrganizationIds, bool Active = true);

/// <summary>What a draw did, to be recorded: the seed, who was eligible, who was excluded for a conflict, who was drawn (in draw order).</summary>
public sealed record ExpertDrawResult(long Seed, int Count, IReadOnlyList<long> Eligible, IReadOnlyList<long> Excluded, IReadOnlyList<long> Drawn);

/// <summary>
/// The random draw of experts from the pool (RULES §9: "experts are drawn at random from the pool, excluding those
/// with a declared conflict"). Pure and reproducible: the same pool, count, exclusions and seed always give the
/// same experts, on every platform and .NET version, so a recorded draw can be re-run and checked.
/// </summary>
/// <remarks>
/// Algorithm: the eligible experts are sampled by <see cref="SeededSample"/> (sorted by id, a partial Fisher–Yates
/// shuffle driven by SplitMix64 seeded with <c>seed</c>), so every expert is equally likely.
/// </remarks>
public static class ExpertDraw
{
    /// <param name="pool">The pool.</param>
    /// <param name="count">How many experts to draw.</param>
    /// <param name="excludedOrganizationIds">The assessed unit, its department, and any agency tied to it: an
    /// expert who declared a conflict with any of them is not eligible.</param>
    /// <param name="seed">The seed; record it with the result.</param>
    public static ExpertDrawResult Draw(IEnumerable<ExpertCandidate> pool, int count, IReadOnlyCollection<long> excludedOrganizationIds, long seed)
    {
        if (count < 1) throw new DomainException("抽取专家人数应至少为1人。");
        var excludedOrgs = excludedOrganizationIds.ToHashSet();
        var active = pool.Where(e => e.Active).DistinctBy(e => e.Id).OrderBy(e => e.Id).ToList();
        var excluded = active.Where(e => e.ConflictOrganizationIds.Any(excludedOrgs.Contains)).Select(e => e.Id).ToList();
        var eligible = active.Select(e => e.Id).Except(excluded).ToList();
        if (eligible.Count < count)
            throw new DomainException($"专家库中符合回避要求的在库专家只有{eligible.Count}人，少于拟抽取的{count}人：请补充专家库或减少抽取人数。");

        return new ExpertDrawResult(seed, count, eligible, excluded, SeededSample.Pick(eligible, count, seed));
    }
}
