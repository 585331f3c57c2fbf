using System.Globalization;
using Jixiao.Core.Common;
using Jixiao.Core.Goals;
using Jixiao.Core.Indicators;
using Jixiao.Core.Monitoring;
using Jixiao.Core.RuleSets;

namespace Jixiao.Core.Evaluations;

/// <summary>
/// One level-3 indicator of a self-evaluation as plain values. <see cref="Level1"/> is a category code of the rule set
/// (Cost, Output, Benefit, Satisfaction). Quantitative indicators (<c>≥</c>, <c>≤</c>, <c>=</c>) need
/// <see cref="Target"/> and <see cref="Actual"/>; a qualitative one needs the chosen <see cref="Band"/> and the
/// <see cref="Points"/> entered inside it.
/// </summary>
public sealed record ScoringIndicator(
    string Level1,
    Comparison Comparison,
    decimal Weight,
    decimal? Target = null,
    decimal? Actual = null,
    QualitativeBand? Band = null,
    decimal? Points = null);

/// <summary>A self-evaluation as plain values: the full-year budget and what was executed (yuan), and the indicators.</summary>
public sealed record SelfEvaluationInput(decimal FullYearBudget, decimal Executed, IReadOnlyList<ScoringIndicator> Indicators);

/// <summary>
/// One indicator's score, unrounded. <see cref="Met"/>: the target is reached (qualitative: the band 达成).
/// <see cref="OverAchieved"/>: actual ≥ the rule set's over-achievement threshold × target (<c>≥</c>, and <c>=</c>
/// with a target above 0). <see cref="NeedsExplanation"/>: not met, or over-achieved — the form then requires a
/// deviation reason and measures, or a written explanation.
/// </summary>
public sealed record IndicatorScore(decimal Points, decimal Weight, bool Met, bool OverAchieved, string Explanation)
{
    public bool NeedsExplanation => !Met || OverAchieved;
}

/// <summary>
/// A scored self-evaluation. Every figure but <see cref="Total"/> is unrounded; <see cref="Total"/> is
/// <see cref="UnroundedTotal"/> rounded half-up to 2 decimals, and <see cref="Grade"/> is graded from it.
/// <see cref="RuleSetVersionId"/> is the id of the stored rule-set version that produced the score (null: the
/// national defaults), so a stored score can say which rules it was scored with.
/// </summary>
public sealed record SelfEvaluationScore(
    decimal ExecutionRate,
    decimal ExecutionPoints,
    string ExecutionExplanation,
    IReadOnlyList<IndicatorScore> Indicators,
    decimal UnroundedTotal,
    decimal Total,
    Grade Grade,
    long? RuleSetVersionId)
{
    public bool NeedsExplanation => Indicators.Any(i => i.NeedsExplanation);
}

/// <summary>A finding of the weight check of a self-evaluation framework, in Chinese. Shown as a warning, never a refusal.</summary>
public sealed record WeightFinding(string Code, string Message);

/// <summary>
/// The self-evaluation scoring engine (单位自评, 财预〔2020〕10号; RULES §3): pure functions over plain values; every number
/// (execution-rate points, the <c>≤</c> zero factor, the over-achievement threshold, the qualitative bands, the grade
/// bands) comes from the rule set passed in.
/// <list type="bullet">
/// <item>Execution-rate points = E × min(1, executed ÷ full-year budget), E = <see cref="SelfEvaluationRules.ExecutionRatePoints"/>.</item>
/// <item><c>≥</c>: A ≥ T → W, else W × A ÷ T (T = 0 always gives W). <c>=</c>: T = 0 → A ≤ 0 gives W, else 0; T &gt; 0 → as <c>≥</c>.</item>
/// <item><c>≤</c>: A ≤ T → W; A ≥ f × T → 0 (f = <see cref="SelfEvaluationRules.LessIsBetterZeroFactor"/>); in between linear,
/// W × (1 − (A − T) ÷ ((f − 1) × T)), which for the default f = 2 is RULES' W × (1 − (A − T) ÷ T).</item>
/// <item>Qualitative: the entered points must lie in the chosen band (达成 [a·W, W], 部分达成 [b·W, a·W), 未达成 [0, b·W)).</item>
/// <item>Every indicator's points are clamped to [0, W]. Total = execution points + Σ indicator points, rounded half-up to 2
/// decimals only at the end; the grade comes from the rounded total.</item>
/// </list>
/// Inputs must not be negative (decimal has no NaN or infinity; absurdly large values are refused as well). Products are
/// formed before the one division (W × A ÷ T, not W × (A ÷ T)) so that results that are exact stay exact.
/// The scorer scores the weights it is given; <see cref="CheckWeights"/> says whether they follow the rule set.
/// </summary>
public static class SelfEvaluationScoring
{
    /// <summary>The largest amount accepted, in yuan (10^13, 十万亿元).</summary>
    public const decimal MaxAmount = 10_000_000_000_000m;

    /// <summary>The largest target, actual value or entered score accepted (10^15).</summary>
    public const decimal MaxValue = 1_000_000_000_000_000m;

    /// <summary>An indicator's weight cannot exceed the whole score (a total is out of 100 points).</summary>
    public const decimal MaxWeight = 100m;

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>Scores a whole self-evaluation with <paramref name="rules"/>; an indicator's refusal names its position and field.</summary>
    public static SelfEvaluationScore Score(SelfEvaluationInput input, RuleSetContent rules, long? ruleSetVersionId)
    {
        var (rate, executionPoints, executionExplanation) = Execution(input.FullYearBudget, input.Executed, rules.SelfEvaluation);
        var scores = new List<IndicatorScore>(input.Indicators.Count);
        for (var i = 0; i < input.Indicators.Count; i++)
        {
            try
            {
                scores.Add(ScoreIndicator(input.Indicators[i], rules.SelfEvaluation));
            }
            catch (DomainException e)
            {
                var message = $"第{i + 1}个指标：{e.Message}";
                var errors = e.Errors.Count == 0
                    ? new Dictionary<string, string[]> { [$"indicators[{i}]"] = [message] }
                    : e.Errors.ToDictionary(kv => $"indicators[{i}].{kv.Key}", kv => kv.Value.Select(m => $"第{i + 1}个指标：{m}").ToArray());
                throw new DomainException(message, errors);
            }
        }
        var unrounded = executionPoints + scores.Sum(s => s.Points);
        var total = RoundTotal(unrounded);
        return new(rate, executionPoints, executionExplanation, scores, unrounded, total, rules.Grades.GradeOf(total), ruleSetVersionId);
    }

    /// <summary>Half-up to 2 decimals: the only rounding of a score (RULES §3).</summary>
    public static decimal RoundTotal(decimal total) => Math.Round(total, 2, MidpointRounding.AwayFromZero);

    /// <summary>
    /// The execution rate (executed ÷ full-year budget, unrounded) and its points, E × min(1, rate), with the explanation.
    /// A full-year budget of 0 is refused: there is nothing to have executed against.
    /// </summary>
    public static (decimal Rate, decimal Points, string Explanation) Execution(decimal fullYearBudget, decimal executed, SelfEvaluationRules rules)
    {
        if (fullYearBudget <= 0m)
            throw new DomainException($"全年预算数应大于0，现为{N(fullYearBudget)}。", Field("budget.fullYear", "全年预算数应大于0。"));
        if (executed < 0m) throw new DomainException($"全年执行数不能为负数，现为{N(executed)}。", Field("budget.executed", "全年执行数不能为负数。"));
        if (fullYearBudget > MaxAmount || executed > MaxAmount)
            throw new DomainException("金额超出可处理的范围（不超过10万亿元），请核对（单位为元）。",
                Field(fullYearBudget > MaxAmount ? "budget.fullYear" : "budget.executed", "金额超出可处理的范围。"));
        var e = rules.ExecutionRatePoints;
        var rate = executed / fullYearBudget;
        if (executed >= fullYearBudget)
            return (rate, e, $"执行率 = {N(executed)} ÷ {N(fullYearBudget)} {Eq(rate * 100m)}%，不低于100%：{N(e)} × 1 = {N(e)}");
        var points = e * executed / fullYearBudget;
        return (rate, points, $"执行率 = {N(executed)} ÷ {N(fullYearBudget)} {Eq(rate * 100m)}%：{N(e)} × {N(executed)} ÷ {N(fullYearBudget)} {Eq(points)}");
    }

    /// <summary>One indicator's points (clamped to [0, W], unrounded), flags and explanation. Refusals are Chinese, keyed by field.</summary>
    public static IndicatorScore ScoreIndicator(ScoringIndicator x, SelfEvaluationRules rules)
    {
        var w = x.Weight;
        if (w <= 0m || w > MaxWeight)
            throw new DomainException($"分值应大于0且不超过{N(MaxWeight)}，现为{N(w)}。", Field("weight", $"分值应大于0且不超过{N(MaxWeight)}。"));
        if (x.Comparison == Comparison.Qualitative) return Qualitative(x.Band, x.Points, w, rules);

        var symbol = x.Comparison.Symbol();
        if (x.Target is not { } t) throw new DomainException($"定量指标（{symbol}）须填写目标值。", Field("target", "请填写目标值。"));
        if (x.Actual is not { } a) throw new DomainException($"定量指标（{symbol}）须填写实际完成值。", Field("actual", "请填写实际完成值。"));
        CheckValue(t, "target", "目标值");
        CheckValue(a, "actual", "实际完成值");
        return x.Comparison switch
        {
            Comparison.AtLeast => AtLeast(t, a, w, rules, ""),
            Comparison.AtMost => AtMost(t, a, w, rules),
            Comparison.Equal => t == 0m ? EqualZero(a, w) : AtLeast(t, a, w, rules, "目标值大于0，按“≥”计分："),
            Comparison.Qualitative => throw new InvalidOperationException("unreachable"),
        };
    }

    /// <summary>
    /// The allowed range of entered points for <paramref name="band"/> of an indicator worth <paramref name="weight"/>:
    /// [Min × W, Max × W), closed at the top for the top band (达成 reaches W itself).
    /// </summary>
    public static (decimal Low, decimal High, bool HighIncluded) BandRange(QualitativeBand band, decimal weight, SelfEvaluationRules rules)
    {
        var b = band switch
        {
            QualitativeBand.Achieved => rules.Achieved,
            QualitativeBand.Partial => rules.Partial,
            QualitativeBand.NotAchieved => rules.NotAchieved,
        };
        return (b.Min * weight, b.Max * weight, band == QualitativeBand.Achieved);
    }

    /// <summary>The range as Chinese text: "[8, 10]（不低于8分且不高于10分）" or "[6, 8)（不低于6分且低于8分）".</summary>
    public static string RangeText(QualitativeBand band, decimal weight, SelfEvaluationRules rules)
    {
        var (low, high, closed) = BandRange(band, weight, rules);
        return closed
            ? $"[{N(low)}, {N(high)}]（不低于{N(low)}分且不高于{N(high)}分）"
            : $"[{N(low)}, {N(high)})（不低于{N(low)}分且低于{N(high)}分）";
    }

    /// <summary>
    /// Whether a framework's weights follow the rule set: the indicators together 100 − execution-rate points; output (with
    /// cost), benefit and satisfaction their level-1 points, satisfaction's going to benefit when there is no satisfaction
    /// indicator. The same check as a goal's declaration (<see cref="WeightCheck"/>), as Chinese findings.
    /// </summary>
    public static IReadOnlyList<WeightFinding> CheckWeights(IReadOnlyList<ScoringIndicator> indicators, SelfEvaluationRules rules) =>
        WeightCheck.Check(indicators.Select(x => new IndicatorSpec(x.Level1, "", "", x.Comparison, x.Target, null, null, x.Weight)).ToList(), rules)
            .Select(f => new WeightFinding(f.Code, f.Message))
            .ToList();

    private static IndicatorScore AtLeast(decimal t, decimal a, decimal w, SelfEvaluationRules rules, string prefix)
    {
        var over = t > 0m && a >= rules.OverAchievementThreshold * t;
        var overText = over
            ? $"；实际值为目标值的{N(a * 100m / t)}%，达到超额完成标准{N(rules.OverAchievementThreshold * 100m)}%，须说明超额原因"
            : "";
        if (a >= t) return new(w, w, true, over, $"{prefix}实际值{N(a)} ≥ 目标值{N(t)}? 是：得满分{N(w)}{overText}");
        var points = Clamp(w * a / t, w);
        return new(points, w, false, false, $"{prefix}实际值{N(a)} ≥ 目标值{N(t)}? 否：{N(w)} × {N(a)} ÷ {N(t)} {Eq(points)}");
    }

    private static IndicatorScore AtMost(decimal t, decimal a, decimal w, SelfEvaluationRules rules)
    {
        var question = $"实际值{N(a)} ≤ 目标值{N(t)}?";
        if (a <= t) return new(w, w, true, false, $"{question} 是：得满分{N(w)}");
        var f = rules.LessIsBetterZeroFactor;
        var zeroFrom = f * t;
        if (a >= zeroFrom) return new(0m, w, false, false, $"{question} 否；{N(a)} ≥ {N(f)} × {N(t)} = {N(zeroFrom)}：得0分");
        // Here T < A < f × T, so T > 0 and f > 1: linear from W at T down to 0 at f × T.
        var span = (f - 1m) * t;
        var points = Clamp(w * (zeroFrom - a) / span, w);
        var formula = f - 1m == 1m
            ? $"{N(w)} × (1 − ({N(a)} − {N(t)}) ÷ {N(t)})"
            : $"{N(w)} × (1 − ({N(a)} − {N(t)}) ÷ (({N(f)} − 1) × {N(t)}))";
        return new(points, w, false, false, $"{question} 否：{formula} {Eq(points)}");
    }

    private static IndicatorScore EqualZero(decimal a, decimal w) =>
        a <= 0m
            ? new(w, w, true, false, $"目标值为0：实际值{N(a)} = 0? 是：得满分{N(w)}")
            : new(0m, w, false, false, $"目标值为0：实际值{N(a)} = 0? 否：得0分");

    private static IndicatorScore Qualitative(QualitativeBand? chosen, decimal? entered, decimal w, SelfEvaluationRules rules)
    {
        if (chosen is not { } band)
            throw new DomainException("定性指标须选择完成档次（achieved 达成、partial 部分达成、notAchieved 未达成）。", Field("band", "请选择完成档次。"));
        var range = RangeText(band, w, rules);
        if (entered is not { } p)
        {
            var m = $"定性指标须在“{band.ChineseName()}”档内填写得分，应在 {range} 之间。";
            throw new DomainException(m, Field("points", m));
        }
        var (low, high, closed) = BandRange(band, w, rules);
        if (p < 0m || p < low || p > high || (!closed && p == high))
        {
            var m = $"“{band.ChineseName()}”档的得分应在 {range} 之间，现为{N(p)}分。";
            throw new DomainException(m, Field("points", m));
        }
        var points = Clamp(p, w);
        return new(points, w, band == QualitativeBand.Achieved, false, $"定性指标，“{band.ChineseName()}”档 {range}：得{N(points)}分");
    }

    private static void CheckValue(decimal v, string field, string name)
    {
        if (v < 0m) throw new DomainException($"{name}不能为负数，现为{N(v)}。", Field(field, $"{name}不能为负数。"));
        if (v > MaxValue) throw new DomainException($"{name}超出可处理的范围，请核对。", Field(field, $"{name}超出可处理的范围。"));
    }

    private static decimal Clamp(decimal points, decimal weight) => Math.Clamp(points, 0m, weight);

    /// <summary>A number for an explanation: at most 4 decimals, no trailing zeros, no grouping.</summary>
    internal static string N(decimal v) => Math.Round(v, 4, MidpointRounding.AwayFromZero).ToString("0.####", Invariant);

    /// <summary>"= 8.75" when the shown number is exact, "≈ 3.3333" when it is rounded for display.</summary>
    internal static string Eq(decimal v) => (Math.Round(v, 4, MidpointRounding.AwayFromZero) == v ? "= " : "≈ ") + N(v);

    private static Dictionary<string, string[]> Field(string name, string message) => new() { [name] = [message] };
}
