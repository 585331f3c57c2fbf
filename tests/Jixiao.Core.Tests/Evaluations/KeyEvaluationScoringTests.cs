using System.Globalization;
using Jixiao.Core.Common;
using Jixiao.Core.Evaluations;
using Jixiao.Core.Identity;
using Jixiao.Core.RuleSets;

namespace Jixiao.Core.Tests.Evaluations;

/// <summary>RULES §4: the reference framework, weights summing to 100 with output + benefit ≥ 60 (rule-set number), the mean per indicator, rounding at the end.</summary>
public sealed class KeyEvaluationScoringTests
{
    private static decimal D(string s) => decimal.Parse(s, CultureInfo.InvariantCulture);

    private static List<FrameworkRow> Rows(string decision, string process, string output, string benefit) =>
    [
        new("Decision", "项目立项", "立项依据充分性", D(decision)),
        new("Process", "资金管理", "预算执行率", D(process)),
        new("Output", "产出数量", "实际完成率", D(output)),
        new("Benefit", "项目效益", "社会效益", D(benefit)),
    ];

    [Fact]
    public void ReferenceFramework_IsValid_SumsTo100_WithOutputAndBenefitAt60()
    {
        var rules = new EvaluationRules();
        var rows = rules.KeyFramework.Select(k => new FrameworkRow(k.Level1, k.Level2, k.Name, k.Weight)).ToList();
        Assert.Empty(KeyEvaluationScoring.FrameworkProblems(rows, rules));
        Assert.Equal(100m, rows.Sum(r => r.Weight));
        Assert.Equal(60m, rows.Where(r => r.Level1 is "Output" or "Benefit").Sum(r => r.Weight));
        Assert.Equal(["Decision", "Process", "Output", "Benefit"], rows.Select(r => r.Level1).Distinct());
        Assert.Equal(20, rows.Count);
        Assert.Empty(RuleSetValidator.Validate(new RuleSetContent()));
    }

    [Theory]
    [InlineData("20", "20", "30", "30", "60", null)]
    [InlineData("19.99", "20.01", "30", "30", "60", null)]
    [InlineData("20.01", "20", "30", "29.99", "60", "产出和效益指标权重合计应不低于60，现为59.99")]
    [InlineData("25", "20", "25", "30", "60", "产出和效益指标权重合计应不低于60，现为55")]
    [InlineData("10", "10", "40", "40", "60", null)]
    [InlineData("20", "20", "30", "30", "61", "产出和效益指标权重合计应不低于61，现为60")]
    [InlineData("25", "20", "25", "30", "55", null)]
    [InlineData("20", "20", "30", "29", "60", "各指标权重合计应为100，现为99")]
    [InlineData("20", "20", "31", "30", "60", "各指标权重合计应为100，现为101")]
    [InlineData("0", "20", "40", "40", "60", "权重应大于0且不超过100，现为0")]
    [InlineData("-5", "25", "40", "40", "60", "权重应大于0且不超过100，现为-5")]
    [InlineData("20", "20", "30.005", "29.995", "60", "权重最多保留两位小数")]
    public void Framework_WeightsAndOutputPlusBenefit(string decision, string process, string output, string benefit, string minimum, string? problem)
    {
        var rules = new EvaluationRules { OutputPlusBenefitMinimum = D(minimum) };
        var problems = KeyEvaluationScoring.FrameworkProblems(Rows(decision, process, output, benefit), rules);
        if (problem is null) Assert.Empty(problems);
        else Assert.Contains(problems, p => p.Contains(problem, StringComparison.Ordinal));
    }

    [Fact]
    public void Framework_UnknownLevel1_DuplicateAndEmpty_AreRefusedInChinese()
    {
        var rules = new EvaluationRules();
        Assert.Contains("不能为空", KeyEvaluationScoring.FrameworkProblems([], rules)[0], StringComparison.Ordinal);
        var rows = Rows("20", "20", "30", "30");
        rows[0] = rows[0] with { Level1 = "Satisfaction" };
        Assert.Contains(KeyEvaluationScoring.FrameworkProblems(rows, rules), p => p.Contains("一级指标应为决策、过程、产出或效益", StringComparison.Ordinal));
        var dup = Rows("20", "20", "15", "30");
        dup.Add(dup[2] with { Weight = 15m });
        Assert.Contains(KeyEvaluationScoring.FrameworkProblems(dup, rules), p => p.Contains("重复", StringComparison.Ordinal));
        var ex = Assert.Throws<DomainException>(() => KeyEvaluationScoring.ValidateFramework(Rows("30", "20", "20", "30"), rules));
        Assert.Contains("产出和效益指标权重合计应不低于60，现为50", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "8", "9", "7" }, ExpertAggregation.Mean, "8", "(8 + 9 + 7) ÷ 3 = 8.00")]
    [InlineData(new[] { "8", "9" }, ExpertAggregation.Mean, "8.5", "(8 + 9) ÷ 2 = 8.50")]
    [InlineData(new[] { "10" }, ExpertAggregation.Mean, "10", "(10) ÷ 1 = 10.00")]
    [InlineData(new[] { "0", "0", "0" }, ExpertAggregation.Mean, "0", "(0 + 0 + 0) ÷ 3 = 0.00")]
    [InlineData(new[] { "8", "9", "9" }, ExpertAggregation.Mean, "8.6666666666666666666666666667", "(8 + 9 + 9) ÷ 3 = 8.67")]
    [InlineData(new[] { "8.25", "8.5" }, ExpertAggregation.Mean, "8.375", "(8.25 + 8.5) ÷ 2 = 8.38")]
    [InlineData(new[] { "8", "9", "2" }, ExpertAggregation.TrimmedMean, "8", "去掉最高分9、最低分2后：(8) ÷ 1 = 8.00")]
    [InlineData(new[] { "8", "9" }, ExpertAggregation.TrimmedMean, "8.5", "(8 + 9) ÷ 2 = 8.50")]
    [InlineData(new[] { "6", "8", "9", "10" }, ExpertAggregation.TrimmedMean, "8.5", "去掉最高分10、最低分6后：(8 + 9) ÷ 2 = 8.50")]
    public void Aggregate_MeanPerIndicator_WithItsFormula(string[] points, ExpertAggregation how, string expected, string explanation)
    {
        var (score, text) = KeyEvaluationScoring.Aggregate(points.Select(D).ToList(), how);
        Assert.Equal(D(expected), score);
        Assert.Equal(explanation, text);
    }

    private static readonly IReadOnlyList<ScoredIndicator> Framework =
    [
        new(1, "Decision", "立项依据充分性", 20m),
        new(2, "Process", "预算执行率", 20m),
        new(3, "Output", "实际完成率", 30m),
        new(4, "Benefit", "社会效益", 30m),
    ];

    private static IReadOnlyList<IndicatorPoints> Sheet(params string[] p) => p.Select((x, i) => new IndicatorPoints(i + 1, D(x))).ToList();

    [Theory]
    // Three experts: means 18, 17, 27, 28 → 90 → 优.
    [InlineData(new[] { "18,17,27,28", "19,16,26,29", "17,18,28,27" }, "90", Grade.Excellent, "18", "27")]
    // Means summed unrounded: 17.666… + 17.666… + 27 + 27.333… = 89.666… → 89.67 → 良.
    // 17.995 is summed as it is and only the total rounds (59.995 → 60, 中).
    [InlineData(new[] { "18,17,27,28", "17,18,27,27", "18,18,27,27" }, "89.67", Grade.Good, "17.67", "27")]
    [InlineData(new[] { "16,16,24,24" }, "80", Grade.Good, "16", "24")]
    [InlineData(new[] { "16,16,24,23.99" }, "79.99", Grade.Fair, "16", "24")]
    [InlineData(new[] { "12,12,18,18" }, "60", Grade.Fair, "12", "18")]
    [InlineData(new[] { "12,12,18,17.99", "12,12,18,18" }, "60", Grade.Fair, "12", "18")]
    [InlineData(new[] { "12,12,18,17.98", "12,12,18,18" }, "59.99", Grade.Poor, "12", "18")]
    [InlineData(new[] { "0,0,0,0" }, "0", Grade.Poor, "0", "0")]
    [InlineData(new[] { "20,20,30,30", "20,20,30,30", "20,20,30,30" }, "100", Grade.Excellent, "20", "30")]
    public void Score_MeanPerIndicator_TotalRoundedAtTheEnd_Graded(string[] sheets, string total, Grade grade, string decision, string output)
    {
        var result = KeyEvaluationScoring.Score(Framework, sheets.Select(s => Sheet(s.Split(','))).ToList(), new EvaluationRules(), new GradeBands());
        Assert.Equal(D(total), result.Total);
        Assert.Equal(grade, result.Grade);
        Assert.Equal(D(decision), result.Groups.Single(g => g.Level1 == "Decision").Score);
        Assert.Equal(D(output), result.Groups.Single(g => g.Level1 == "Output").Score);
        Assert.Equal(["决策", "过程", "产出", "效益"], result.Groups.Select(g => g.Name));
    }

    [Fact]
    public void Score_GradeBandsComeFromTheRuleSet()
    {
        var result = KeyEvaluationScoring.Score(Framework, [Sheet("17", "17", "25", "25")], new EvaluationRules(), new GradeBands { Good = 85m });
        Assert.Equal(84m, result.Total);
        Assert.Equal(Grade.Fair, result.Grade);
    }

    [Theory]
    [InlineData(new[] { "21", "20", "30", "30" }, "“立项依据充分性”的得分应在0到20分之间，现为21分")]
    [InlineData(new[] { "-1", "20", "30", "30" }, "“立项依据充分性”的得分应在0到20分之间，现为-1分")]
    [InlineData(new[] { "19.995", "20", "30", "30" }, "“立项依据充分性”的得分最多保留两位小数")]
    [InlineData(new[] { "20", "20", "30" }, "未对“社会效益”评分")]
    public void Sheet_PointsOutsideTheWeightOrMissing_AreRefused(string[] points, string message)
    {
        var ex = Assert.Throws<DomainException>(() => KeyEvaluationScoring.ValidateSheet(Sheet(points), Framework));
        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Sheet_UnknownIndicator_IsRefused()
    {
        var sheet = Sheet("20", "20", "30", "30").Append(new IndicatorPoints(99, 1m)).ToList();
        Assert.Throws<DomainException>(() => KeyEvaluationScoring.ValidateSheet(sheet, Framework));
        Assert.Throws<DomainException>(() => KeyEvaluationScoring.Score(Framework, [], new EvaluationRules(), new GradeBands()));
    }

    [Fact]
    public void RuleSetValidator_RefusesAReferenceFrameworkBelowTheMinimum()
    {
        var content = new RuleSetContent();
        content.Evaluation.OutputPlusBenefitMinimum = 70m;
        var errors = RuleSetValidator.Validate(content);
        Assert.Contains(errors["Evaluation.KeyFramework"], m => m.Contains("重点评价参考指标体系：产出和效益指标权重合计应不低于70，现为60", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(KeyEvaluationState.Draft, KeyEvaluationAction.Assign, KeyEvaluationState.Scoring)]
    [InlineData(KeyEvaluationState.Scoring, KeyEvaluationAction.CloseScoring, KeyEvaluationState.Closed)]
    [InlineData(KeyEvaluationState.Closed, KeyEvaluationAction.Reopen, KeyEvaluationState.Scoring)]
    [InlineData(KeyEvaluationState.Closed, KeyEvaluationAction.Complete, KeyEvaluationState.Completed)]
    public void Workflow_DeclaredMoves_ByThePerformanceSection(KeyEvaluationState from, KeyEvaluationAction action, KeyEvaluationState to)
    {
        Assert.Equal(to, KeyEvaluationWorkflow.Machine.Check(from, action, [Role.PerformanceSection], "理由").To);
        Assert.Throws<DomainException>(() => KeyEvaluationWorkflow.Machine.Check(from, action, [Role.Expert], "理由"));
    }

    [Theory]
    [InlineData(KeyEvaluationState.Draft, KeyEvaluationAction.CloseScoring)]
    [InlineData(KeyEvaluationState.Scoring, KeyEvaluationAction.Complete)]
    [InlineData(KeyEvaluationState.Completed, KeyEvaluationAction.Reopen)]
    [InlineData(KeyEvaluationState.Scoring, KeyEvaluationAction.Assign)]
    public void Workflow_UndeclaredMoves_AreRefused(KeyEvaluationState from, KeyEvaluationAction action)
    {
        Assert.Throws<DomainException>(() => KeyEvaluationWorkflow.Machine.Check(from, action, [Role.PerformanceSection], "理由"));
    }

    [Fact]
    public void Workflow_Reopen_NeedsAReason()
    {
        var ex = Assert.Throws<DomainException>(() => KeyEvaluationWorkflow.Machine.Check(KeyEvaluationState.Closed, KeyEvaluationAction.Reopen, [Role.PerformanceSection], " "));
        Assert.Contains("必须填写理由", ex.Message, StringComparison.Ordinal);
    }
}
