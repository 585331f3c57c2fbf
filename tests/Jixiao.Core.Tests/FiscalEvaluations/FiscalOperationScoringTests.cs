using System.Globalization;
using Jixiao.Core.Common;
using Jixiao.Core.FiscalEvaluations;
using Jixiao.Core.Identity;
using Jixiao.Core.RuleSets;

namespace Jixiao.Core.Tests.FiscalEvaluations;

/// <summary>
/// County fiscal operation evaluation: full marks at or beyond the target, zero at or beyond the floor, linear between (both directions);
/// the total rounded half-up once at the end and graded by the rule set's bands; ties share a rank; the framework check; old rule sets load
/// with the default framework.
/// </summary>
public sealed class FiscalOperationScoringTests
{
    private static decimal D(string s) => decimal.Parse(s, CultureInfo.InvariantCulture);

    private static FiscalIndicator Higher(decimal weight = 10m, decimal target = 95m, decimal floor = 80m) =>
        new() { Code = "E1", Name = "一般公共预算支出执行率", Dimension = "ExpenditureExecution", Weight = weight, Unit = "%", HigherIsBetter = true, Target = target, Floor = floor };

    private static FiscalIndicator Lower(decimal weight = 10m, decimal target = 100m, decimal floor = 120m) =>
        new() { Code = "D1", Name = "债务率", Dimension = "DebtRisk", Weight = weight, Unit = "%", HigherIsBetter = false, Target = target, Floor = floor };

    [Theory]
    [InlineData("100", "10", true)]          // beyond the target
    [InlineData("95", "10", true)]           // exactly at the target: full
    [InlineData("94.25", "9.5", false)]      // just below the target
    [InlineData("87.5", "5", false)]         // half way
    [InlineData("80.15", "0.1", false)]      // just above the floor
    [InlineData("80", "0", false)]           // exactly at the floor: zero
    [InlineData("-3", "0", false)]           // below the floor
    public void HigherIsBetter_FullAtTarget_ZeroAtFloor_LinearBetween(string value, string points, bool full)
    {
        var line = FiscalOperationScoring.Line(Higher(), D(value));
        Assert.Equal(D(points), line.Points);
        Assert.Equal(full, line.Full);
        Assert.Equal(FiscalOperationScoring.Round(D(points)), line.Rounded);
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", line.Explanation);
    }

    [Theory]
    [InlineData("90", "10")]     // under the target
    [InlineData("100", "10")]    // exactly at the target: full
    [InlineData("100.01", "9.995")]
    [InlineData("110", "5")]
    [InlineData("119.99", "0.005")]
    [InlineData("120", "0")]     // exactly at the floor (the 120% warning line): zero
    [InlineData("150", "0")]
    public void LowerIsBetter_FullAtTarget_ZeroAtFloor_LinearBetween(string value, string points)
    {
        Assert.Equal(D(points), FiscalOperationScoring.Line(Lower(), D(value)).Points);
    }

    [Fact]
    public void Explanation_ShowsTheFormula_WithApproximationWhenRounded()
    {
        Assert.Equal("介于零分值与满分值之间，按线性计分：10 × (90 − 80) ÷ (95 − 80) ≈ 6.67", FiscalOperationScoring.Line(Higher(), 90m).Explanation);
        Assert.Equal("介于零分值与满分值之间，按线性计分：10 × (120 − 110) ÷ (120 − 100) = 5", FiscalOperationScoring.Line(Lower(), 110m).Explanation);
        Assert.Equal("实际值95% ≥ 满分值95%：得满分10", FiscalOperationScoring.Line(Higher(), 95m).Explanation);
        Assert.Equal("实际值120% ≥ 零分值120%：得0分", FiscalOperationScoring.Line(Lower(), 120m).Explanation);
    }

    [Fact]
    public void Total_IsRoundedOnceAtTheEnd_NotPerLine()
    {
        // two lines of 50 × (120 − 119.998) ÷ 20 = 0.005 each: 0.01 when summed first, 0.02 if each were rounded up first.
        var a = new FiscalIndicator { Code = "A", Name = "甲", Dimension = "DebtRisk", Weight = 50m, HigherIsBetter = false, Target = 100m, Floor = 120m };
        var b = new FiscalIndicator { Code = "B", Name = "乙", Dimension = "DebtRisk", Weight = 50m, HigherIsBetter = false, Target = 100m, Floor = 120m };
        var score = FiscalOperationScoring.Score([a, b], new Dictionary<string, decimal> { ["A"] = 119.998m, ["B"] = 119.998m }, new GradeBands());
        Assert.Equal(0.005m, score.Lines[0].Points);
        Assert.Equal(0.01m, score.Lines[0].Rounded);
        Assert.Equal(0.01m, score.Total);
        Assert.Equal(Grade.Poor, score.Grade);
    }

    [Theory]
    [InlineData("90", "Excellent")]
    [InlineData("89.995", "Excellent")] // rounds half-up to 90.00
    [InlineData("89.994", "Good")]
    [InlineData("80", "Good")]
    [InlineData("79.99", "Fair")]
    [InlineData("60", "Fair")]
    [InlineData("59.99", "Poor")]
    public void Grade_FollowsTheRuleSetBands_OnTheRoundedTotal(string points, string grade)
    {
        // one indicator of weight 100, target 100, floor 0: the value is the points
        var i = new FiscalIndicator { Code = "X", Name = "综合", Dimension = "RevenueQuality", Weight = 100m, HigherIsBetter = true, Target = 100m, Floor = 0m };
        var score = FiscalOperationScoring.Score([i], new Dictionary<string, decimal> { ["X"] = D(points) }, new GradeBands());
        Assert.Equal(Enum.Parse<Grade>(grade), score.Grade);
    }

    [Fact]
    public void Grade_UsesTheBandsGiven_NotConstants()
    {
        var i = new FiscalIndicator { Code = "X", Name = "综合", Dimension = "RevenueQuality", Weight = 100m, HigherIsBetter = true, Target = 100m, Floor = 0m };
        var stricter = new GradeBands { Excellent = 95m, Good = 85m, Fair = 60m };
        Assert.Equal(Grade.Fair, FiscalOperationScoring.Score([i], new Dictionary<string, decimal> { ["X"] = 84m }, stricter).Grade);
        Assert.Equal(Grade.Good, FiscalOperationScoring.Score([i], new Dictionary<string, decimal> { ["X"] = 84m }, new GradeBands()).Grade);
    }

    [Fact]
    public void DefaultFramework_IsValid_WeightsSumTo100_AllFiveDimensions()
    {
        var framework = new FiscalOperationRules().Indicators;
        Assert.Empty(FiscalOperationScoring.FrameworkProblems(framework));
        Assert.Equal(100m, framework.Sum(i => i.Weight));
        Assert.Equal(FiscalOperationScoring.DimensionCodes, framework.Select(i => i.Dimension).Distinct());
        Assert.Contains(framework, i => i.Name == "税收收入占一般公共预算收入比重");
        Assert.Contains(framework, i => i.Name == "债务率" && !i.HigherIsBetter);
        Assert.Contains(framework, i => i.Name == "三保支出保障率");
        Assert.Contains(framework, i => i.Name == "绩效评价结果应用率");
        Assert.Empty(RuleSetValidator.Validate(new RuleSetContent()));
    }

    [Fact]
    public void FullValues_Score100_AndDimensionsAddUp()
    {
        var framework = new FiscalOperationRules().Indicators;
        var values = framework.ToDictionary(i => i.Code, i => i.Target);
        var score = FiscalOperationScoring.Score(framework, values, new GradeBands());
        Assert.Equal(100m, score.Total);
        Assert.Equal(Grade.Excellent, score.Grade);
        Assert.Equal(100m, score.Dimensions.Sum(d => d.Points));
        var zero = FiscalOperationScoring.Score(framework, framework.ToDictionary(i => i.Code, i => i.Floor), new GradeBands());
        Assert.Equal(0m, zero.Total);
    }

    [Fact]
    public void Score_RefusesMissingValues_NamingThem()
    {
        var framework = new FiscalOperationRules().Indicators;
        var values = framework.Skip(1).ToDictionary(i => i.Code, i => i.Target);
        var e = Assert.Throws<DomainException>(() => FiscalOperationScoring.Score(framework, values, new GradeBands()));
        Assert.Contains(framework[0].Name, e.Message);
    }

    [Fact]
    public void Rank_TiesShareARank_AndTheNextIsSkipped()
    {
        var ranks = FiscalOperationScoring.Rank(new Dictionary<string, decimal> { ["a"] = 88m, ["b"] = 91.5m, ["c"] = 88m, ["d"] = 70m });
        Assert.Equal(1, ranks["b"]);
        Assert.Equal(2, ranks["a"]);
        Assert.Equal(2, ranks["c"]);
        Assert.Equal(4, ranks["d"]);
    }

    [Theory]
    [InlineData("weights", "各指标权重合计应为100，现为99")]
    [InlineData("direction", "正向指标的满分值应大于零分值")]
    [InlineData("reverse", "反向指标的满分值应小于零分值")]
    [InlineData("dimension", "评价维度应为")]
    [InlineData("duplicate", "指标代码“R1”重复")]
    public void FrameworkProblems_AreChinese_AndReachTheValidator(string breakage, string message)
    {
        var content = new RuleSetContent();
        var list = content.FiscalOperation.Indicators;
        switch (breakage)
        {
            case "weights": list[0].Weight -= 1m; break;
            case "direction": list[0].Target = list[0].Floor; break;
            case "reverse": list.First(i => !i.HigherIsBetter).Floor = list.First(i => !i.HigherIsBetter).Target; break;
            case "dimension": list[0].Dimension = "Other"; break;
            case "duplicate": list[1].Code = "R1"; break;
        }
        Assert.Contains(FiscalOperationScoring.FrameworkProblems(list), p => p.Contains(message));
        var errors = RuleSetValidator.Validate(content);
        Assert.Contains(errors["FiscalOperation.Indicators"], p => p.Contains(message));
    }

    [Fact]
    public void OldRuleSet_WithoutTheFramework_LoadsTheDefaults()
    {
        var json = new RuleSetContent().ToJson();
        var node = System.Text.Json.Nodes.JsonNode.Parse(json)!.AsObject();
        node.Remove("fiscalOperation");
        var loaded = RuleSetContent.FromJson(node.ToJsonString());
        Assert.Equal(new FiscalOperationRules().Indicators.Count, loaded.FiscalOperation.Indicators.Count);
        Assert.Empty(RuleSetValidator.Validate(loaded));
    }

    [Fact]
    public void Workflow_ReopenNeedsAReason_OnlyThePerformanceSectionActs()
    {
        var m = FiscalEvaluationWorkflow.Machine;
        Assert.Equal(FiscalEvaluationState.Scored, m.Check(FiscalEvaluationState.Draft, FiscalEvaluationAction.Score, [Role.PerformanceSection], null).To);
        Assert.Throws<DomainException>(() => m.Check(FiscalEvaluationState.Finalised, FiscalEvaluationAction.Reopen, [Role.PerformanceSection], " "));
        Assert.Equal(FiscalEvaluationState.Draft, m.Check(FiscalEvaluationState.Finalised, FiscalEvaluationAction.Reopen, [Role.PerformanceSection], "数据更正").To);
        Assert.Throws<DomainException>(() => m.Check(FiscalEvaluationState.Draft, FiscalEvaluationAction.Finalise, [Role.PerformanceSection], null));
        Assert.Throws<DomainException>(() => m.Check(FiscalEvaluationState.Scored, FiscalEvaluationAction.Finalise, [Role.BudgetSection], null));
    }
}
