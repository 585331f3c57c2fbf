using Jixiao.Core.Common;
using Jixiao.Core.RuleSets;

namespace Jixiao.Core.Appraisals;

/// <summary>
/// The pure scoring of a yearly appraisal sheet (RULES §8): a measured share scores linearly (share × points, or (1 − share) × points where a
/// lower share is better); 监督发现问题 deducts a rule-set number of points per finding from its points, not below 0; the total is rounded
/// half-up to 2 decimals at the end and graded by the §1 bands; results are ranked by competition ranking (equal totals share a rank, the
/// next rank skips: 1, 1, 3).
/// </summary>
public static class AppraisalScoring
{
    /// <summary>The score of a measured sub-item, unrounded; null when there was nothing to measure (the reviewer scores it then).</summary>
    public static decimal? Measured(decimal points, string measure, decimal? share)
    {
        if (share is not { } s) return null;
        s = Math.Clamp(s, 0m, 1m);
        return (MeasureCodes.LowerIsBetter(measure) ? 1m - s : s) * points;
    }

    /// <summary>The score of a deduction sub-item: its points less <paramref name="perFinding"/> per finding, not below 0.</summary>
    public static decimal Deduction(decimal points, int findings, decimal perFinding)
    {
        if (findings < 0) throw new DomainException("监督发现问题个数不能为负数。");
        return Math.Max(0m, points - findings * perFinding);
    }

    /// <summary>A hand-entered score (self-score or review) must lie in [0, points].</summary>
    public static void CheckEntered(decimal score, decimal points, string name)
    {
        if (score < 0m || score > points) throw new DomainException($"“{name}”的得分应在0到{points:0.##}分之间。");
    }

    /// <summary>Σ line scores, rounded half-up to 2 decimals (rounding happens only here).</summary>
    public static decimal Total(IEnumerable<decimal> lineScores) => Math.Round(lineScores.Sum(), 2, MidpointRounding.AwayFromZero);

    public static Grade GradeOf(decimal total, GradeBands bands) => bands.GradeOf(total);

    /// <summary>Competition ranking ("1224"): the rank of each total in input order; equal totals share the rank, the next one skips.</summary>
    public static IReadOnlyList<int> Rank(IReadOnlyList<decimal> totals) =>
        totals.Select(t => 1 + totals.Count(o => o > t)).ToList();
}
