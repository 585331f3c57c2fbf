using System.Globalization;
using Jixiao.Core.Common;
using Jixiao.Core.Evaluations;
using Jixiao.Core.Indicators;
using Jixiao.Core.Monitoring;
using Jixiao.Core.RuleSets;

namespace Jixiao.Core.Tests.Evaluations;

/// <summary>
/// RULES §3 self-evaluation scoring as tables: execution-rate points; each comparison at, just under and just over its
/// edges; zero targets; clamping; over-achievement; the qualitative bands and their refusals; weights; rounding only at
/// the end; grades at their edges with the default and a custom rule set; the example of issue 6.
/// </summary>
public sealed class SelfEvaluationScoringTests
{
    private static decimal D(string s) => decimal.Parse(s, CultureInfo.InvariantCulture);

    private static readonly SelfEvaluationRules Defaults = new();

    private static IndicatorScore Quantitative(Comparison c, string target, string actual, decimal weight = 30m, SelfEvaluationRules? rules = null) =>
        SelfEvaluationScoring.ScoreIndicator(new("Output", c, weight, D(target), D(actual)), rules ?? Defaults);

    // ---- Execution-rate points ----

    [Theory]
    [InlineData("40", "35", "8.75", "10 × 35 ÷ 40 = 8.75")]
    [InlineData("1000000", "950000", "9.5", "10 × 950000 ÷ 1000000 = 9.5")]
    [InlineData("100", "100", "10", "不低于100%：10 × 1 = 10")]
    [InlineData("100", "99.99", "9.999", "10 × 99.99 ÷ 100 = 9.999")]
    [InlineData("100", "100.01", "10", "不低于100%")]
    [InlineData("100", "250", "10", "执行率 = 250 ÷ 100 = 250%")]
    [InlineData("100", "0", "0", "10 × 0 ÷ 100 = 0")]
    [InlineData("3", "1", "3.3333333333333333333333333333", "10 × 1 ÷ 3 ≈ 3.3333")]
    public void Execution_PointsAreWeightTimesMinOneRate(string fullYear, string executed, string points, string explanation)
    {
        var (rate, p, text) = SelfEvaluationScoring.Execution(D(fullYear), D(executed), Defaults);
        Assert.Equal(D(points), p);
        Assert.Equal(D(executed) / D(fullYear), rate);
        Assert.Contains(explanation, text);
    }

    [Fact]
    public void Execution_WeightComesFromTheRuleSet()
    {
        var (_, p, text) = SelfEvaluationScoring.Execution(40m, 35m, new SelfEvaluationRules { ExecutionRatePoints = 20m, OutputPoints = 40m });
        Assert.Equal(17.5m, p);
        Assert.Contains("20 × 35 ÷ 40 = 17.5", text);
    }

    [Theory]
    [InlineData("0", "0", "budget.fullYear", "全年预算数应大于0")]
    [InlineData("-1", "0", "budget.fullYear", "全年预算数应大于0")]
    [InlineData("100", "-0.01", "budget.executed", "不能为负数")]
    [InlineData("10000000000001", "1", "budget.fullYear", "超出")]
    [InlineData("100", "10000000000001", "budget.executed", "超出")]
    public void Execution_BadAmounts_RefusedInChinese(string fullYear, string executed, string field, string fragment)
    {
        var ex = Assert.Throws<DomainException>(() => SelfEvaluationScoring.Execution(D(fullYear), D(executed), Defaults));
        Assert.Contains(fragment, ex.Message);
        Assert.True(ex.Errors.ContainsKey(field), string.Join(",", ex.Errors.Keys));
    }

    // ---- ≥ ----

    [Theory]
    [InlineData("100", "100", "30", true)]
    [InlineData("100", "99.99", "29.997", false)]
    [InlineData("100", "100.01", "30", true)]
    [InlineData("100", "80", "24", false)]
    [InlineData("100", "0", "0", false)]
    [InlineData("100", "1000", "30", true)]
    [InlineData("0", "0", "30", true)]
    [InlineData("0", "0.01", "30", true)]
    [InlineData("0", "5", "30", true)]
    [InlineData("0.01", "0", "0", false)]
    [InlineData("3", "1", "10", false)]
    public void AtLeast_TableAtEdges(string target, string actual, string points, bool met)
    {
        var s = Quantitative(Comparison.AtLeast, target, actual);
        Assert.Equal(D(points), s.Points);
        Assert.Equal(met, s.Met);
        Assert.Equal(!met || s.OverAchieved, s.NeedsExplanation);
    }

    [Theory]
    [InlineData(Comparison.AtLeast, "100", "80", "实际值80 ≥ 目标值100? 否：30 × 80 ÷ 100 = 24")]
    [InlineData(Comparison.AtLeast, "100", "100", "实际值100 ≥ 目标值100? 是：得满分30")]
    [InlineData(Comparison.AtLeast, "3", "1", "实际值1 ≥ 目标值3? 否：30 × 1 ÷ 3 = 10")]
    [InlineData(Comparison.AtMost, "10", "12", "实际值12 ≤ 目标值10? 否：30 × (1 − (12 − 10) ÷ 10) = 24")]
    [InlineData(Comparison.AtMost, "10", "25", "实际值25 ≤ 目标值10? 否；25 ≥ 2 × 10 = 20：得0分")]
    [InlineData(Comparison.AtMost, "10", "10", "实际值10 ≤ 目标值10? 是：得满分30")]
    [InlineData(Comparison.Equal, "0", "0", "目标值为0：实际值0 = 0? 是：得满分30")]
    [InlineData(Comparison.Equal, "0", "0.01", "目标值为0：实际值0.01 = 0? 否：得0分")]
    [InlineData(Comparison.Equal, "100", "80", "目标值大于0，按“≥”计分：实际值80 ≥ 目标值100? 否：30 × 80 ÷ 100 = 24")]
    public void Explanation_ShowsTheFormulaWithItsNumbers(Comparison c, string target, string actual, string expected) =>
        Assert.Equal(expected, Quantitative(c, target, actual).Explanation);

    [Fact]
    public void IntermediateValues_AreNotRounded_ExplanationShowsRoundedWithApprox()
    {
        var s = Quantitative(Comparison.AtLeast, "3", "1", weight: 10m);
        Assert.Equal(10m / 3m, s.Points);
        Assert.Equal("实际值1 ≥ 目标值3? 否：10 × 1 ÷ 3 ≈ 3.3333", s.Explanation);
    }

    // ---- Over-achievement ----

    [Theory]
    [InlineData(Comparison.AtLeast, "100", "130", true)]
    [InlineData(Comparison.AtLeast, "100", "129.99", false)]
    [InlineData(Comparison.AtLeast, "100", "130.01", true)]
    [InlineData(Comparison.AtLeast, "50", "60", false)] // 120 %: not flagged at 130 %
    [InlineData(Comparison.AtLeast, "50", "65", true)]
    [InlineData(Comparison.AtLeast, "0", "1000", false)] // T = 0: no ratio, no flag
    [InlineData(Comparison.Equal, "100", "130", true)]
    [InlineData(Comparison.Equal, "100", "129.99", false)]
    [InlineData(Comparison.Equal, "0", "0", false)]
    [InlineData(Comparison.AtMost, "100", "10", false)] // lower is better: far below the cap is not "over-achieved"
    [InlineData(Comparison.AtMost, "100", "130", false)] // and above it is simply not met
    public void OverAchievement_AtTheRuleSetThreshold(Comparison c, string target, string actual, bool over)
    {
        var s = Quantitative(c, target, actual);
        Assert.Equal(over, s.OverAchieved);
        if (over)
        {
            Assert.True(s.Met);
            Assert.Equal(30m, s.Points); // flagged, not reduced: the reviewer decides
            Assert.True(s.NeedsExplanation);
            Assert.Contains("超额完成标准130%", s.Explanation);
        }
    }

    [Theory]
    [InlineData("119.99", false)]
    [InlineData("120", true)]
    public void OverAchievement_ThresholdComesFromTheRuleSet(string actual, bool over) =>
        Assert.Equal(over, Quantitative(Comparison.AtLeast, "100", actual, rules: new() { OverAchievementThreshold = 1.2m }).OverAchieved);

    // ---- ≤ ----

    [Theory]
    [InlineData("10", "10", "30", true)]
    [InlineData("10", "9.99", "30", true)]
    [InlineData("10", "10.01", "29.97", false)]
    [InlineData("10", "12", "24", false)]
    [InlineData("10", "15", "15", false)]
    [InlineData("10", "19.99", "0.03", false)]
    [InlineData("10", "20", "0", false)]
    [InlineData("10", "20.01", "0", false)]
    [InlineData("10", "0", "30", true)]
    [InlineData("0", "0", "30", true)]
    [InlineData("0", "0.01", "0", false)]
    [InlineData("10", "1000000000000000", "0", false)]
    public void AtMost_TableAtTAnd2T(string target, string actual, string points, bool met)
    {
        var s = Quantitative(Comparison.AtMost, target, actual);
        Assert.Equal(D(points), s.Points);
        Assert.Equal(met, s.Met);
        Assert.False(s.OverAchieved);
    }

    /// <summary>A county's factor 3: linear from W at T down to 0 at 3T (for the default 2 this is RULES' formula).</summary>
    [Theory]
    [InlineData("20", "15")]
    [InlineData("29.99", "0.015")]
    [InlineData("30", "0")]
    [InlineData("30.01", "0")]
    [InlineData("10.01", "29.985")]
    public void AtMost_ZeroFactorComesFromTheRuleSet(string actual, string points)
    {
        var s = Quantitative(Comparison.AtMost, "10", actual, rules: new() { LessIsBetterZeroFactor = 3m });
        Assert.Equal(D(points), s.Points);
        if (D(actual) < 30m) Assert.Contains("÷ ((3 − 1) × 10)", s.Explanation);
        else Assert.Contains("3 × 10 = 30：得0分", s.Explanation);
    }

    // ---- = ----

    [Theory]
    [InlineData("0", "0", "30", true)]
    [InlineData("0", "0.01", "0", false)]
    [InlineData("0", "5", "0", false)]
    [InlineData("100", "100", "30", true)]
    [InlineData("100", "99.99", "29.997", false)]
    [InlineData("100", "100.01", "30", true)]
    [InlineData("100", "50", "15", false)]
    public void Equal_TargetZeroSpecial_OtherwiseAsAtLeast(string target, string actual, string points, bool met)
    {
        var s = Quantitative(Comparison.Equal, target, actual);
        Assert.Equal(D(points), s.Points);
        Assert.Equal(met, s.Met);
    }

    // ---- Refused inputs ----

    [Theory]
    [InlineData(Comparison.AtLeast, "-1", "5", "target", "目标值不能为负数")]
    [InlineData(Comparison.AtMost, "10", "-0.01", "actual", "实际完成值不能为负数")]
    [InlineData(Comparison.Equal, "-0.01", "0", "target", "目标值不能为负数")]
    [InlineData(Comparison.AtLeast, "1000000000000001", "5", "target", "超出")]
    [InlineData(Comparison.AtLeast, "5", "1000000000000001", "actual", "超出")]
    public void Quantitative_NegativeOrAbsurd_RefusedInChinese(Comparison c, string target, string actual, string field, string fragment)
    {
        var ex = Assert.Throws<DomainException>(() => Quantitative(c, target, actual));
        Assert.Contains(fragment, ex.Message);
        Assert.True(ex.Errors.ContainsKey(field));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("100.01")]
    public void Weight_OutsideZeroToHundred_Refused(string weight)
    {
        var ex = Assert.Throws<DomainException>(() => SelfEvaluationScoring.ScoreIndicator(new("Output", Comparison.AtLeast, D(weight), 1m, 1m), Defaults));
        Assert.Contains("分值应大于0", ex.Message);
        Assert.True(ex.Errors.ContainsKey("weight"));
    }

    [Fact]
    public void Quantitative_MissingValues_Refused()
    {
        var noTarget = Assert.Throws<DomainException>(() => SelfEvaluationScoring.ScoreIndicator(new("Output", Comparison.AtLeast, 10m, Actual: 1m), Defaults));
        Assert.True(noTarget.Errors.ContainsKey("target"));
        Assert.Contains("目标值", noTarget.Message);
        var noActual = Assert.Throws<DomainException>(() => SelfEvaluationScoring.ScoreIndicator(new("Output", Comparison.AtMost, 10m, Target: 1m), Defaults));
        Assert.True(noActual.Errors.ContainsKey("actual"));
        Assert.Contains("实际完成值", noActual.Message);
    }

    [Fact]
    public void Score_RefusalNamesTheIndicatorAndItsField()
    {
        var input = new SelfEvaluationInput(100m, 100m,
        [
            new("Output", Comparison.AtLeast, 50m, 1m, 1m),
            new("Benefit", Comparison.AtMost, 40m, 10m, -2m),
        ]);
        var ex = Assert.Throws<DomainException>(() => SelfEvaluationScoring.Score(input, new RuleSetContent(), null));
        Assert.StartsWith("第2个指标：", ex.Message);
        Assert.True(ex.Errors.ContainsKey("indicators[1].actual"), string.Join(",", ex.Errors.Keys));
    }

    // ---- Qualitative bands ----

    [Theory]
    [InlineData(QualitativeBand.Achieved, "10", "8", true)]
    [InlineData(QualitativeBand.Achieved, "10", "9", true)]
    [InlineData(QualitativeBand.Achieved, "10", "10", true)]
    [InlineData(QualitativeBand.Achieved, "30", "24", true)]
    [InlineData(QualitativeBand.Partial, "10", "6", false)]
    [InlineData(QualitativeBand.Partial, "10", "7.99", false)]
    [InlineData(QualitativeBand.NotAchieved, "10", "0", false)]
    [InlineData(QualitativeBand.NotAchieved, "10", "5.99", false)]
    public void Qualitative_PointsInsideTheBand_Accepted(QualitativeBand band, string weight, string points, bool met)
    {
        var s = SelfEvaluationScoring.ScoreIndicator(new("Satisfaction", Comparison.Qualitative, D(weight), Band: band, Points: D(points)), Defaults);
        Assert.Equal(D(points), s.Points);
        Assert.Equal(met, s.Met);
        Assert.Equal(!met, s.NeedsExplanation);
        Assert.False(s.OverAchieved);
        Assert.Contains($"“{band.ChineseName()}”档", s.Explanation);
    }

    [Theory]
    [InlineData(QualitativeBand.Achieved, "7.99", "[8, 10]")]
    [InlineData(QualitativeBand.Achieved, "10.01", "[8, 10]")]
    [InlineData(QualitativeBand.Achieved, "-1", "[8, 10]")]
    [InlineData(QualitativeBand.Partial, "8", "[6, 8)")]
    [InlineData(QualitativeBand.Partial, "5.99", "[6, 8)")]
    [InlineData(QualitativeBand.NotAchieved, "6", "[0, 6)")]
    [InlineData(QualitativeBand.NotAchieved, "-0.01", "[0, 6)")]
    public void Qualitative_PointsOutsideTheBand_RefusedNamingTheRange(QualitativeBand band, string points, string range)
    {
        var ex = Assert.Throws<DomainException>(() =>
            SelfEvaluationScoring.ScoreIndicator(new("Satisfaction", Comparison.Qualitative, 10m, Band: band, Points: D(points)), Defaults));
        Assert.Contains(range, ex.Message);
        Assert.Contains($"“{band.ChineseName()}”档", ex.Message);
        Assert.True(ex.Errors.ContainsKey("points"));
    }

    [Fact]
    public void Qualitative_RangeTextSaysWhichEdgesAreIncluded()
    {
        Assert.Equal("[8, 10]（不低于8分且不高于10分）", SelfEvaluationScoring.RangeText(QualitativeBand.Achieved, 10m, Defaults));
        Assert.Equal("[6, 8)（不低于6分且低于8分）", SelfEvaluationScoring.RangeText(QualitativeBand.Partial, 10m, Defaults));
        Assert.Equal("[0, 18)（不低于0分且低于18分）", SelfEvaluationScoring.RangeText(QualitativeBand.NotAchieved, 30m, Defaults));
    }

    [Fact]
    public void Qualitative_BandEdgesComeFromTheRuleSet()
    {
        var custom = new SelfEvaluationRules
        {
            Achieved = new() { Min = 0.7m, Max = 1m },
            Partial = new() { Min = 0.5m, Max = 0.7m },
            NotAchieved = new() { Min = 0m, Max = 0.5m },
        };
        Assert.Equal(7m, SelfEvaluationScoring.ScoreIndicator(new("Benefit", Comparison.Qualitative, 10m, Band: QualitativeBand.Achieved, Points: 7m), custom).Points);
        var ex = Assert.Throws<DomainException>(() =>
            SelfEvaluationScoring.ScoreIndicator(new("Benefit", Comparison.Qualitative, 10m, Band: QualitativeBand.Partial, Points: 7m), custom));
        Assert.Contains("[5, 7)", ex.Message);
    }

    [Fact]
    public void Qualitative_MissingBandOrPoints_Refused()
    {
        var noBand = Assert.Throws<DomainException>(() => SelfEvaluationScoring.ScoreIndicator(new("Benefit", Comparison.Qualitative, 10m, Points: 9m), Defaults));
        Assert.True(noBand.Errors.ContainsKey("band"));
        var noPoints = Assert.Throws<DomainException>(() =>
            SelfEvaluationScoring.ScoreIndicator(new("Benefit", Comparison.Qualitative, 10m, Band: QualitativeBand.Partial), Defaults));
        Assert.True(noPoints.Errors.ContainsKey("points"));
        Assert.Contains("[6, 8)", noPoints.Message);
    }

    // ---- Clamping ----

    [Fact]
    public void Points_AreClampedToZeroAndWeight()
    {
        Assert.Equal(30m, Quantitative(Comparison.AtLeast, "0.0001", "1000000000000000").Points);
        Assert.Equal(0m, Quantitative(Comparison.AtMost, "0.0001", "1000000000000000").Points);
        // A rule set that was never validated (band above 1): the entered score is inside the band but still capped at W.
        var loose = new SelfEvaluationRules { Achieved = new() { Min = 0.8m, Max = 1.2m } };
        Assert.Equal(10m, SelfEvaluationScoring.ScoreIndicator(new("Benefit", Comparison.Qualitative, 10m, Band: QualitativeBand.Achieved, Points: 11m), loose).Points);
    }

    // ---- Weights (findings, not refusals) ----

    private static ScoringIndicator W(string level1, decimal weight) => new(level1, Comparison.AtLeast, weight, 1m, 1m);

    [Fact]
    public void CheckWeights_RuleSetFramework_NoFindings()
    {
        Assert.Empty(SelfEvaluationScoring.CheckWeights([W("Output", 30m), W("Cost", 20m), W("Benefit", 30m), W("Satisfaction", 10m)], Defaults));
        // Without satisfaction its 10 go to benefit.
        Assert.Empty(SelfEvaluationScoring.CheckWeights([W("Output", 50m), W("Benefit", 25m), W("Benefit", 15m)], Defaults));
    }

    [Fact]
    public void CheckWeights_NotSumming_FindingsInChinese()
    {
        var over = SelfEvaluationScoring.CheckWeights([W("Output", 50m), W("Benefit", 40m), W("Satisfaction", 10m)], Defaults);
        Assert.Contains(over, f => f.Code == "WeightTotalOff" && f.Message.Contains("应为 90") && f.Message.Contains("现为 100"));
        Assert.Contains(over, f => f.Code == "CategoryWeightOff" && f.Message.Contains("效益指标分值合计应为 30"));

        // Satisfaction absent but benefit declared at 30 only: benefit should carry 40.
        var missing = SelfEvaluationScoring.CheckWeights([W("Output", 60m), W("Benefit", 30m)], Defaults);
        Assert.Contains(missing, f => f.Message.Contains("效益指标分值合计应为 40，现为 30"));
        Assert.Contains(missing, f => f.Message.Contains("产出指标（含成本指标）分值合计应为 50，现为 60"));
        Assert.DoesNotContain(missing, f => f.Code == "WeightTotalOff");

        // The rule set's own points (execution 20 leaves 80 for indicators).
        var custom = new SelfEvaluationRules { ExecutionRatePoints = 20m, OutputPoints = 40m };
        Assert.Contains(SelfEvaluationScoring.CheckWeights([W("Output", 50m), W("Benefit", 30m), W("Satisfaction", 10m)], custom),
            f => f.Message.Contains("应为 80"));
    }

    [Fact]
    public void MissingSatisfaction_ScoresTheDeclaredWeights_NothingMoves()
    {
        var input = new SelfEvaluationInput(100m, 100m, [W("Output", 50m), new("Benefit", Comparison.AtLeast, 40m, 10m, 5m)]);
        var score = SelfEvaluationScoring.Score(input, new RuleSetContent(), null);
        Assert.Equal([50m, 20m], score.Indicators.Select(i => i.Points));
        Assert.Equal(80m, score.Total);
        Assert.Empty(SelfEvaluationScoring.CheckWeights(input.Indicators, Defaults));
    }

    [Fact]
    public void WeightsNotSumming_StillScored()
    {
        var score = SelfEvaluationScoring.Score(new(100m, 100m, [W("Output", 60m)]), new RuleSetContent(), null);
        Assert.Equal(70m, score.Total);
    }

    // ---- Rounding ----

    /// <summary>x.xx5 rounds up; the grade comes from the rounded total (89.995 → 90.00 → 优).</summary>
    [Theory]
    [InlineData("199", "200", "89.995", "90", Grade.Excellent)]
    [InlineData("1", "200", "89.005", "89.01", Grade.Good)]
    [InlineData("197", "200", "89.985", "89.99", Grade.Good)]
    [InlineData("0", "200", "89", "89", Grade.Good)]
    public void Total_RoundedHalfUpAtTheEnd_GradedFromTheRoundedTotal(string actual, string target, string unrounded, string total, Grade grade)
    {
        var input = new SelfEvaluationInput(100m, 100m,
        [
            new("Output", Comparison.AtLeast, 79m, 100m, 100m),
            new("Benefit", Comparison.AtLeast, 10m, 100m, 0m),
            new("Benefit", Comparison.AtLeast, 1m, D(target), D(actual)),
        ]);
        var score = SelfEvaluationScoring.Score(input, new RuleSetContent(), null);
        Assert.Equal(D(unrounded), score.UnroundedTotal);
        Assert.Equal(D(total), score.Total);
        Assert.Equal(grade, score.Grade);
    }

    /// <summary>
    /// Execution 10 × 1 ÷ 3 and two indicators 10 × 1 ÷ 3: each is 3.333…; rounded one by one they would add up to 9.99, but
    /// the total is their unrounded sum 9.999…9 rounded once: 10.00.
    /// </summary>
    [Fact]
    public void Total_IntermediatesNotRounded_DiffersFromRoundingEachIndicator()
    {
        var input = new SelfEvaluationInput(3m, 1m,
        [
            new("Output", Comparison.AtLeast, 10m, 3m, 1m),
            new("Benefit", Comparison.AtLeast, 10m, 3m, 1m),
        ]);
        var score = SelfEvaluationScoring.Score(input, new RuleSetContent(), null);
        Assert.Equal(10m / 3m, score.ExecutionPoints);
        Assert.All(score.Indicators, i => Assert.Equal(10m / 3m, i.Points));
        Assert.Equal(10.00m, score.Total);
        var roundedEach = SelfEvaluationScoring.RoundTotal(score.ExecutionPoints) + score.Indicators.Sum(i => SelfEvaluationScoring.RoundTotal(i.Points));
        Assert.Equal(9.99m, roundedEach);
        Assert.NotEqual(roundedEach, score.Total);
    }

    [Theory]
    [InlineData("0.005", "0.01")]
    [InlineData("0.0049999", "0")]
    [InlineData("86.505", "86.51")]
    [InlineData("86.5049", "86.5")]
    [InlineData("100", "100")]
    public void RoundTotal_HalfUpToTwoDecimals(string value, string expected) => Assert.Equal(D(expected), SelfEvaluationScoring.RoundTotal(D(value)));

    // ---- Grades ----

    /// <summary>Execution 10 + one ≥ indicator worth 90 with T = 9000: the total is 10 + A ÷ 100.</summary>
    private static SelfEvaluationScore ScoreWithTotal(string total, RuleSetContent rules)
    {
        var actual = (D(total) - 10m) * 100m;
        return SelfEvaluationScoring.Score(new(100m, 100m, [new("Output", Comparison.AtLeast, 90m, 9000m, actual)]), rules, null);
    }

    [Theory]
    [InlineData("59.99", Grade.Poor, Grade.Poor)]
    [InlineData("60", Grade.Fair, Grade.Fair)]
    [InlineData("60.01", Grade.Fair, Grade.Fair)]
    [InlineData("69.99", Grade.Fair, Grade.Fair)]
    [InlineData("70", Grade.Fair, Grade.Good)]
    [InlineData("79.99", Grade.Fair, Grade.Good)]
    [InlineData("80", Grade.Good, Grade.Excellent)]
    [InlineData("80.01", Grade.Good, Grade.Excellent)]
    [InlineData("89.99", Grade.Good, Grade.Excellent)]
    [InlineData("90", Grade.Excellent, Grade.Excellent)]
    [InlineData("100", Grade.Excellent, Grade.Excellent)]
    [InlineData("10", Grade.Poor, Grade.Poor)]
    public void Grade_AtTheEdges_DefaultAndCustomBands(string total, Grade byDefault, Grade byCustom)
    {
        var custom = new RuleSetContent { Grades = new() { Excellent = 80m, Good = 70m, Fair = 60m } };
        var a = ScoreWithTotal(total, new RuleSetContent());
        Assert.Equal(D(total), a.Total);
        Assert.Equal(byDefault, a.Grade);
        Assert.Equal(byCustom, ScoreWithTotal(total, custom).Grade);
    }

    [Theory]
    [InlineData(Grade.Excellent, "excellent")]
    [InlineData(Grade.Good, "good")]
    [InlineData(Grade.Fair, "fair")]
    [InlineData(Grade.Poor, "poor")]
    public void Grade_WireNames(Grade g, string wire) => Assert.Equal(wire, g.WireName());

    [Theory]
    [InlineData("output", "Output")]
    [InlineData("COST", "Cost")]
    [InlineData("效益指标", "Benefit")]
    [InlineData(" satisfaction ", "Satisfaction")]
    [InlineData("满意度", "Satisfaction")]
    [InlineData("other", null)]
    [InlineData(null, null)]
    public void Level1_Parsed(string? text, string? code) => Assert.Equal(code, EvaluationNames.ParseLevel1(text));

    // ---- The example of issue 6 ----

    private static SelfEvaluationInput IssueExample() => new(1_000_000m, 950_000m,
    [
        new("Output", Comparison.AtLeast, 30m, 100m, 80m),
        new("Output", Comparison.AtLeast, 20m, 50m, 60m),
        new("Benefit", Comparison.AtMost, 30m, 10m, 12m),
        new("Satisfaction", Comparison.Qualitative, 10m, Band: QualitativeBand.Achieved, Points: 9m),
    ]);

    [Fact]
    public void IssueExample_Scores86Point5_Good()
    {
        var score = SelfEvaluationScoring.Score(IssueExample(), new RuleSetContent(), 42);
        Assert.Equal(0.95m, score.ExecutionRate);
        Assert.Equal(9.5m, score.ExecutionPoints);
        Assert.Contains("10 × 950000 ÷ 1000000 = 9.5", score.ExecutionExplanation);
        Assert.Equal([24m, 20m, 24m, 9m], score.Indicators.Select(i => i.Points));
        Assert.Equal([true, false, true, false], score.Indicators.Select(i => i.NeedsExplanation));
        Assert.Equal([false, false, false, false], score.Indicators.Select(i => i.OverAchieved));
        Assert.Equal("实际值80 ≥ 目标值100? 否：30 × 80 ÷ 100 = 24", score.Indicators[0].Explanation);
        Assert.Equal("实际值60 ≥ 目标值50? 是：得满分20", score.Indicators[1].Explanation);
        Assert.Equal("实际值12 ≤ 目标值10? 否：30 × (1 − (12 − 10) ÷ 10) = 24", score.Indicators[2].Explanation);
        Assert.Contains("得9分", score.Indicators[3].Explanation);
        Assert.Equal(86.5m, score.Total);
        Assert.Equal(Grade.Good, score.Grade);
        Assert.True(score.NeedsExplanation);
        Assert.Equal(42, score.RuleSetVersionId);
        Assert.Empty(SelfEvaluationScoring.CheckWeights(IssueExample().Indicators, Defaults));
    }

    [Fact]
    public void IssueExample_WithACountysRules_OtherGradeAndFlags()
    {
        var county = new RuleSetContent { Grades = new() { Excellent = 85m, Good = 70m, Fair = 60m } };
        county.SelfEvaluation.OverAchievementThreshold = 1.2m;
        var score = SelfEvaluationScoring.Score(IssueExample(), county, 7);
        Assert.Equal(86.5m, score.Total);
        Assert.Equal(Grade.Excellent, score.Grade);
        Assert.True(score.Indicators[1].OverAchieved); // 120 % reaches the county's 120 %
        Assert.Contains("超额完成标准120%", score.Indicators[1].Explanation);
        Assert.Null(SelfEvaluationScoring.Score(IssueExample(), county, null).RuleSetVersionId);
    }
}
