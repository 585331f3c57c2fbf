namespace Jixiao.Core.Evaluations;

/// <summary>The difference of one indicator: self points − re-evaluation points, both unrounded; the difference rounded half-up to 2 decimals.</summary>
public sealed record IndicatorDifference(decimal SelfPoints, decimal RePoints, decimal Difference);

/// <summary>
/// The comparison of a self-evaluation with its re-evaluation. <see cref="TotalDifference"/> = self total − re-evaluation total, both the
/// rounded totals of RULES §3 (so the difference is exact to the cent of a point); <see cref="Flagged"/>: |total difference| &gt; threshold.
/// </summary>
public sealed record ReEvaluationDifference(decimal ExecutionDifference, IReadOnlyList<IndicatorDifference> Indicators, decimal TotalDifference,
    decimal Threshold, bool Flagged);

/// <summary>
/// 再评价 (RULES §4): the difference per indicator and in the total between a unit's self-evaluation and the re-evaluation of the same
/// form by the same engine, and the flag of a low-quality self-evaluation. Pure.
/// <list type="bullet">
/// <item>A difference is self − re: positive when the unit scored itself higher than the re-evaluation did.</item>
/// <item>The total difference is taken between the two rounded totals; it is flagged when its absolute value is strictly greater than
/// the rule set's <see cref="RuleSets.EvaluationRules.ReEvaluationFlagDifference"/> (default 10): a difference of exactly 10.00 is not
/// flagged, 10.01 is — in either direction.</item>
/// </list>
/// </summary>
public static class ReEvaluationComparison
{
    public static ReEvaluationDifference Compare(SelfEvaluationScoreFigures self, SelfEvaluationScoreFigures re, decimal threshold)
    {
        if (self.IndicatorPoints.Count != re.IndicatorPoints.Count) throw new ArgumentException("the two scores have different indicators");
        var rows = self.IndicatorPoints.Zip(re.IndicatorPoints, (s, r) => new IndicatorDifference(s, r, Round(s - r))).ToList();
        var total = self.Total - re.Total;
        return new(Round(self.ExecutionPoints - re.ExecutionPoints), rows, total, threshold, IsFlagged(total, threshold));
    }

    /// <summary>|difference| strictly greater than the threshold.</summary>
    public static bool IsFlagged(decimal totalDifference, decimal threshold) => Math.Abs(totalDifference) > threshold;

    private static decimal Round(decimal v) => Math.Round(v, 2, MidpointRounding.AwayFromZero);
}

/// <summary>A score's figures for the comparison: execution points and each indicator's points (unrounded), and the rounded total.</summary>
public sealed record SelfEvaluationScoreFigures(decimal ExecutionPoints, IReadOnlyList<decimal> IndicatorPoints, decimal Total)
{
    public static SelfEvaluationScoreFigures Of(SelfEvaluationScore s) => new(s.ExecutionPoints, s.Indicators.Select(i => i.Points).ToList(), s.Total);
}
