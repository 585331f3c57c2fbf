using FsCheck.Xunit;
using Jixiao.Core.BudgetLinkage;
using Jixiao.Core.Common;
using Jixiao.Core.Evaluations;
using Jixiao.Core.Indicators;
using Jixiao.Core.Monitoring;
using Jixiao.Core.PriorAssessments;
using Jixiao.Core.RuleSets;

namespace Jixiao.Core.Tests.Common;

/// <summary>
/// Property tests (FsCheck) of the pure calculators (issue 9, item 2): for any finite input each either answers or refuses
/// with a Chinese <see cref="DomainException"/> — never another exception; every score lies in [0, weight]; and the score
/// (or colour, or suggestion) never gets worse as the actual value improves: non-decreasing in the actual value for
/// <c>≥</c>, non-increasing for <c>≤</c>. Inputs are built from integers across every magnitude from 0.0001 to 10²⁷, negative
/// values included, with the rule set's defaults.
/// </summary>
public sealed class ScoringPropertyTests
{
    private const int Runs = 300;

    private static readonly decimal[] Scales = [0.0001m, 0.01m, 1m, 100m, 1_000_000m, 10_000_000_000m, 1_000_000_000_000_000_000m];

    /// <summary>A finite decimal of any sign and magnitude the calculators may meet.</summary>
    private static decimal Dec(int mantissa, byte scale) => mantissa * Scales[scale % Scales.Length];

    /// <summary>A value in [0, max] with two decimals.</summary>
    private static decimal Within(int n, decimal max) => max <= 0m ? 0m : Math.Round(Math.Abs((long)n) % (long)(max * 100m + 1m) / 100m, 2);

    /// <summary>A valid weight: (0, 100] with two decimals.</summary>
    private static decimal Weight(int n) => 0.01m + Math.Abs((long)n) % 10_000 / 100m;

    private static T Enum<T>(byte b) where T : struct, System.Enum
    {
        var values = System.Enum.GetValues<T>();
        return values[b % values.Length];
    }

    /// <summary>Runs the calculator: true when it answered, false when it refused with a DomainException; any other exception fails.</summary>
    private static bool Answers(Action calculate)
    {
        try
        {
            calculate();
            return true;
        }
        catch (DomainException e)
        {
            Assert.False(string.IsNullOrWhiteSpace(e.Message));
            return false;
        }
    }

    // ---------------------------------------------------------------- self-evaluation (RULES §3)

    [Property(MaxTest = Runs)]
    public void SelfEvaluation_AnyIndicator_AnswersWithin0AndWeight_OrRefusesInChinese(byte comparison, int w, byte ws, int t, byte ts, int a, byte @as,
        byte band, int points, byte ps)
    {
        var x = new ScoringIndicator("Output", Enum<Comparison>(comparison), Dec(w, ws), Dec(t, ts), Dec(a, @as), Enum<QualitativeBand>(band), Dec(points, ps));
        IndicatorScore? score = null;
        if (Answers(() => score = SelfEvaluationScoring.ScoreIndicator(x, new SelfEvaluationRules())))
            Assert.InRange(score!.Points, 0m, score.Weight);
    }

    [Property(MaxTest = Runs)]
    public void SelfEvaluation_WholeForm_TotalWithin0And100_OrRefuses(int budget, byte bs, int executed, byte es, int w1, int t1, int a1, int w2, int t2, int a2)
    {
        var rules = new RuleSetContent();
        var input = new SelfEvaluationInput(Dec(budget, bs), Dec(executed, es),
        [
            new ScoringIndicator("Output", Comparison.AtLeast, Weight(w1) / 2m, Math.Abs((decimal)t1), Math.Abs((decimal)a1)),
            new ScoringIndicator("Cost", Comparison.AtMost, Weight(w2) / 2m, Math.Abs((decimal)t2), Math.Abs((decimal)a2)),
        ]);
        SelfEvaluationScore? s = null;
        if (!Answers(() => s = SelfEvaluationScoring.Score(input, rules, null))) return;
        Assert.InRange(s!.ExecutionPoints, 0m, rules.SelfEvaluation.ExecutionRatePoints);
        Assert.InRange(s.Total, 0m, 100m);
        Assert.Equal(rules.Grades.GradeOf(s.Total), s.Grade);
    }

    [Property(MaxTest = Runs)]
    public void SelfEvaluation_AtLeastAndEqual_NonDecreasingInActual(bool equal, int w, int t, byte ts, int a1, int a2, byte @as)
    {
        var (low, high) = Order(Dec(Math.Abs(a1), @as), Dec(Math.Abs(a2), @as));
        var target = Dec(Math.Abs(t), ts);
        if (equal && target == 0m) return; // "= 0" is met by 0 only: not a monotone rule.
        var c = equal ? Comparison.Equal : Comparison.AtLeast;
        IndicatorScore? p1 = null, p2 = null;
        var rules = new SelfEvaluationRules();
        if (!Answers(() => p1 = SelfEvaluationScoring.ScoreIndicator(new("Output", c, Weight(w), target, low), rules))) return;
        if (!Answers(() => p2 = SelfEvaluationScoring.ScoreIndicator(new("Output", c, Weight(w), target, high), rules))) return;
        Assert.True(p1!.Points <= p2!.Points, $"{c} {target}: actual {low} gives {p1.Points}, {high} gives {p2.Points}");
    }

    [Property(MaxTest = Runs)]
    public void SelfEvaluation_AtMost_NonIncreasingInActual(int w, int t, byte ts, int a1, int a2, byte @as)
    {
        var (low, high) = Order(Dec(Math.Abs(a1), @as), Dec(Math.Abs(a2), @as));
        var target = Dec(Math.Abs(t), ts);
        IndicatorScore? p1 = null, p2 = null;
        var rules = new SelfEvaluationRules();
        if (!Answers(() => p1 = SelfEvaluationScoring.ScoreIndicator(new("Cost", Comparison.AtMost, Weight(w), target, low), rules))) return;
        if (!Answers(() => p2 = SelfEvaluationScoring.ScoreIndicator(new("Cost", Comparison.AtMost, Weight(w), target, high), rules))) return;
        Assert.True(p1!.Points >= p2!.Points, $"≤ {target}: actual {low} gives {p1.Points}, {high} gives {p2.Points}");
    }

    [Property(MaxTest = Runs)]
    public void SelfEvaluation_ExecutionPoints_NonDecreasingInExecuted(int budget, byte bs, int e1, int e2, byte es)
    {
        var (low, high) = Order(Dec(Math.Abs(e1), es), Dec(Math.Abs(e2), es));
        var rules = new SelfEvaluationRules();
        (decimal Rate, decimal Points, string) r1 = default, r2 = default;
        if (!Answers(() => r1 = SelfEvaluationScoring.Execution(Dec(budget, bs), low, rules))) return;
        if (!Answers(() => r2 = SelfEvaluationScoring.Execution(Dec(budget, bs), high, rules))) return;
        Assert.InRange(r1.Points, 0m, rules.ExecutionRatePoints);
        Assert.True(r1.Points <= r2.Points);
    }

    // ---------------------------------------------------------------- monitoring warnings (RULES §5)

    /// <summary>How far along a colour says the work is: red, yellow, green, blue (over-achieved).</summary>
    private static int Progress(WarningColor c) => c switch
    {
        WarningColor.Red => 0,
        WarningColor.Yellow => 1,
        WarningColor.Green => 2,
        WarningColor.Blue => 3,
        _ => throw new ArgumentOutOfRangeException(nameof(c)),
    };

    [Property(MaxTest = Runs)]
    public void Warnings_AnyInput_AnswersOrRefusesInChinese(int month, int budget, byte bs, int executed, byte es, byte comparison, int t, byte ts, int d, byte ds,
        byte band)
    {
        var input = new WarningInput(month % 14, Dec(budget, bs), Dec(executed, es),
            [new IndicatorProgress(Enum<Comparison>(comparison), Dec(t, ts), Dec(d, ds), Enum<QualitativeBand>(band))]);
        WarningResult? r = null;
        if (!Answers(() => r = WarningRules.Evaluate(input, new MonitoringRules()))) return;
        Assert.True(System.Enum.IsDefined(r!.ProjectColor));
        Assert.Equal(WarningRules.Worst([r.BudgetColor, .. r.IndicatorColors]), r.ProjectColor);
    }

    [Property(MaxTest = Runs)]
    public void Warnings_AtLeast_ColourNeverWorseAsToDateRises(int month, int t, byte ts, int d1, int d2, byte ds)
    {
        var (low, high) = Order(Dec(Math.Abs(d1), ds), Dec(Math.Abs(d2), ds));
        var m = 1 + Math.Abs(month % 12);
        var rules = new MonitoringRules();
        WarningColor c1 = default, c2 = default;
        if (!Answers(() => c1 = WarningRules.QuantitativeColor(Comparison.AtLeast, Dec(Math.Abs(t), ts), low, m, rules))) return;
        if (!Answers(() => c2 = WarningRules.QuantitativeColor(Comparison.AtLeast, Dec(Math.Abs(t), ts), high, m, rules))) return;
        Assert.True(Progress(c1) <= Progress(c2), $"month {m}: {low} → {c1}, {high} → {c2}");
    }

    [Property(MaxTest = Runs)]
    public void Warnings_AtMost_ColourNeverBetterAsToDateRises(int month, int t, byte ts, int d1, int d2, byte ds)
    {
        var (low, high) = Order(Dec(Math.Abs(d1), ds), Dec(Math.Abs(d2), ds));
        var m = 1 + Math.Abs(month % 12);
        var rules = new MonitoringRules();
        WarningColor c1 = default, c2 = default;
        if (!Answers(() => c1 = WarningRules.QuantitativeColor(Comparison.AtMost, Dec(Math.Abs(t), ts), low, m, rules))) return;
        if (!Answers(() => c2 = WarningRules.QuantitativeColor(Comparison.AtMost, Dec(Math.Abs(t), ts), high, m, rules))) return;
        Assert.True(c1.Severity() <= c2.Severity(), $"month {m}: {low} → {c1}, {high} → {c2}");
    }

    [Property(MaxTest = Runs)]
    public void Warnings_BudgetColour_NeverWorseAsExecutedRises(int month, int budget, byte bs, int e1, int e2, byte es)
    {
        var (low, high) = Order(Dec(Math.Abs(e1), es), Dec(Math.Abs(e2), es));
        var m = 1 + Math.Abs(month % 12);
        var rules = new MonitoringRules();
        WarningColor c1 = default, c2 = default;
        if (!Answers(() => c1 = WarningRules.BudgetColor(Dec(Math.Abs(budget), bs), low, m, rules))) return;
        if (!Answers(() => c2 = WarningRules.BudgetColor(Dec(Math.Abs(budget), bs), high, m, rules))) return;
        Assert.True(Progress(c1) <= Progress(c2), $"month {m}: {low} → {c1}, {high} → {c2}");
    }

    // ---------------------------------------------------------------- key evaluation (RULES §4)

    private static List<ScoredIndicator> Framework(int[] weights) =>
        weights.Take(8).Select((w, i) => new ScoredIndicator(i + 1, KeyEvaluationScoring.Level1Codes[i % 4], $"指标{i + 1}", Weight(w))).ToList();

    [Property(MaxTest = Runs)]
    public void KeyEvaluation_PointsWithinWeights_EveryScoreWithin0AndWeight(int[] weights, int[] points, byte scorers, bool trimmed)
    {
        if (weights.Length == 0) return;
        var framework = Framework(weights);
        var n = 1 + scorers % 5;
        var sheets = Enumerable.Range(0, n).Select(s => (IReadOnlyList<IndicatorPoints>)framework.Select((f, i) =>
            new IndicatorPoints(f.Key, Within(points.Length == 0 ? 0 : points[(s * framework.Count + i) % points.Length], f.Weight))).ToList()).ToList();
        var rules = new EvaluationRules { ExpertAggregation = trimmed ? ExpertAggregation.TrimmedMean : ExpertAggregation.Mean };
        var result = KeyEvaluationScoring.Score(framework, sheets, rules, new GradeBands());
        foreach (var r in result.Indicators) Assert.InRange(r.Score, 0m, r.Weight);
        Assert.InRange(result.Total, 0m, framework.Sum(f => f.Weight));
    }

    [Property(MaxTest = Runs)]
    public void KeyEvaluation_RaisingOnePoint_NeverLowersTheScore(int[] weights, int[] points, byte scorers, bool trimmed, byte which, int raise)
    {
        if (weights.Length == 0) return;
        var framework = Framework(weights);
        var n = 1 + scorers % 5;
        var sheets = Enumerable.Range(0, n).Select(s => framework.Select((f, i) =>
            new IndicatorPoints(f.Key, Within(points.Length == 0 ? 0 : points[(s * framework.Count + i) % points.Length], f.Weight))).ToList()).ToList();
        var rules = new EvaluationRules { ExpertAggregation = trimmed ? ExpertAggregation.TrimmedMean : ExpertAggregation.Mean };
        var before = KeyEvaluationScoring.Score(framework, sheets.Select(s => (IReadOnlyList<IndicatorPoints>)s).ToList(), rules, new GradeBands());
        var sheet = sheets[which % n];
        var at = which % framework.Count;
        sheet[at] = sheet[at] with { Points = Math.Min(framework[at].Weight, sheet[at].Points + Within(raise, framework[at].Weight)) };
        var after = KeyEvaluationScoring.Score(framework, sheets.Select(s => (IReadOnlyList<IndicatorPoints>)s).ToList(), rules, new GradeBands());
        Assert.True(before.Indicators[at].Score <= after.Indicators[at].Score);
        Assert.True(before.Total <= after.Total);
    }

    [Property(MaxTest = Runs)]
    public void KeyEvaluation_AnySheet_AnswersOrRefusesInChinese(int[] weights, int[] points, byte ps)
    {
        if (weights.Length == 0) return;
        var framework = Framework(weights);
        var sheet = framework.Select((f, i) => new IndicatorPoints(f.Key, Dec(points.Length == 0 ? 0 : points[i % points.Length], ps))).ToList();
        KeyEvaluationResult? r = null;
        if (Answers(() => r = KeyEvaluationScoring.Score(framework, [sheet], new EvaluationRules(), new GradeBands())))
            foreach (var i in r!.Indicators) Assert.InRange(i.Score, 0m, i.Weight);
    }

    // ---------------------------------------------------------------- ex-ante assessment (RULES §2)

    private static int Rank(PriorConclusion c) => c switch
    {
        PriorConclusion.NotSupported => 0,
        PriorConclusion.SupportAfterRevision => 1,
        PriorConclusion.Support => 2,
        _ => throw new ArgumentOutOfRangeException(nameof(c)),
    };

    [Property(MaxTest = Runs)]
    public void PriorAssessment_AnySheet_AnswersWithinDimensionPoints_OrRefuses(int[] points, byte ps, byte scorers)
    {
        var rules = new PriorAssessmentRules();
        var n = 1 + scorers % 5;
        var sheets = Enumerable.Range(0, n).Select(s => (IReadOnlyList<DimensionPoints>)rules.Dimensions.Select((d, i) =>
            new DimensionPoints(d.Code, Dec(points.Length == 0 ? 0 : points[(s * 7 + i) % points.Length], ps))).ToList()).ToList();
        PriorAssessmentResult? r = null;
        if (!Answers(() => r = PriorAssessmentScoring.Score(sheets, rules))) return;
        foreach (var d in r!.Dimensions) Assert.InRange(d.Mean, 0m, d.MaxPoints);
        Assert.InRange(r.Total, 0m, rules.Dimensions.Sum(d => d.Points));
    }

    [Property(MaxTest = Runs)]
    public void PriorAssessment_RaisingOnePoint_NeverLowersTotalOrConclusion(int[] points, byte scorers, byte which, int raise)
    {
        var rules = new PriorAssessmentRules();
        var n = 1 + scorers % 5;
        var sheets = Enumerable.Range(0, n).Select(s => rules.Dimensions.Select((d, i) =>
            new DimensionPoints(d.Code, Within(points.Length == 0 ? 0 : points[(s * 7 + i) % points.Length], d.Points))).ToList()).ToList();
        var before = PriorAssessmentScoring.Score(sheets.Select(s => (IReadOnlyList<DimensionPoints>)s).ToList(), rules);
        var sheet = sheets[which % n];
        var at = which % rules.Dimensions.Count;
        var max = rules.Dimensions[at].Points;
        sheet[at] = sheet[at] with { Points = Math.Min(max, sheet[at].Points + Within(raise, max)) };
        var after = PriorAssessmentScoring.Score(sheets.Select(s => (IReadOnlyList<DimensionPoints>)s).ToList(), rules);
        Assert.True(before.Total <= after.Total);
        Assert.True(Rank(before.Conclusion) <= Rank(after.Conclusion));
    }

    // ---------------------------------------------------------------- budget linkage (Art. 32)

    private static int Rank(LinkageSuggestion s) => s switch
    {
        LinkageSuggestion.Cancel => 0,
        LinkageSuggestion.StrictControl => 1,
        LinkageSuggestion.Maintain => 2,
        LinkageSuggestion.Priority => 3,
        _ => throw new ArgumentOutOfRangeException(nameof(s)),
    };

    [Property(MaxTest = Runs)]
    public void BudgetLinkage_ReductionWithinBudget_AndSuggestionNeverWorseAsScoreRises(int s1, int s2, byte poor, byte rectification, int budget, byte bs)
    {
        var (low, high) = Order(Within(s1, 100m), Within(s2, 100m));
        var b = Dec(Math.Abs(budget), bs);
        var rect = Enum<LinkageRectification>(rectification);
        var rules = new ResultRules();
        var r1 = BudgetLinkageRules.Suggest(low, new GradeBands(), poor % 5, rect, b, rules);
        var r2 = BudgetLinkageRules.Suggest(high, new GradeBands(), poor % 5, rect, b, rules);
        Assert.InRange(r1.SuggestedReduction, 0m, b);
        Assert.InRange(r2.SuggestedReduction, 0m, b);
        Assert.True(Rank(r1.Suggestion) <= Rank(r2.Suggestion), $"{low} → {r1.Suggestion}, {high} → {r2.Suggestion}");
        Assert.False(string.IsNullOrWhiteSpace(r1.Reason));
    }

    private static (decimal Low, decimal High) Order(decimal a, decimal b) => a <= b ? (a, b) : (b, a);
}
