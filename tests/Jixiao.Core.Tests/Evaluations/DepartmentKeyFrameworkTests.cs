using System.Globalization;
using Jixiao.Core.Common;
using Jixiao.Core.Evaluations;
using Jixiao.Core.RuleSets;

namespace Jixiao.Core.Tests.Evaluations;

/// <summary>
/// RULES §4: a key evaluation of a department's whole spending is framed by the six whole-department dimensions — weights sum to 100
/// and every dimension is present; the output + benefit minimum of project and policy frameworks does not apply.
/// </summary>
public sealed class DepartmentKeyFrameworkTests
{
    private static decimal D(string s) => decimal.Parse(s, CultureInfo.InvariantCulture);

    /// <summary>One row per dimension with the given weights (in the order of <see cref="DepartmentDimensions.Codes"/>); a null weight leaves it out.</summary>
    private static List<FrameworkRow> Rows(params string?[] weights) =>
        DepartmentDimensions.Codes.Select((c, i) => (c, w: weights[i])).Where(x => x.w is not null)
            .Select(x => new FrameworkRow(x.c, "二级", $"{x.c}指标", D(x.w!))).ToList();

    [Fact]
    public void DefaultFramework_IsValid_SixDimensions_SumsTo100()
    {
        var rules = new EvaluationRules();
        var rows = rules.DepartmentKeyFramework.Select(k => new FrameworkRow(k.Level1, k.Level2, k.Name, k.Weight)).ToList();
        Assert.Empty(KeyEvaluationScoring.DepartmentFrameworkProblems(rows));
        Assert.Equal(100m, rows.Sum(r => r.Weight));
        Assert.Equal(DepartmentDimensions.Codes, rows.Select(r => r.Level1).Distinct());
        Assert.All(rules.DepartmentKeyFramework, k => Assert.False(string.IsNullOrWhiteSpace(k.Standard)));
        // It is not a project framework: its level 1 codes are dimensions, not 决策/过程/产出/效益.
        Assert.NotEmpty(KeyEvaluationScoring.FrameworkProblems(rows, rules));
        Assert.Empty(KeyEvaluationScoring.FrameworkProblems(KeyEvaluationSubjectKind.DepartmentOverall, rows, rules));
        Assert.Empty(RuleSetValidator.Validate(new RuleSetContent()));
    }

    [Theory]
    [InlineData("15", "20", "25", "15", "10", "15", null)]
    [InlineData("15", "20", "25", "15", "10", "14.99", "各指标权重合计应为100，现为99.99")]
    [InlineData("15", "20", "25", "15", "10", "15.01", "各指标权重合计应为100，现为100.01")]
    [InlineData("95", "1", "1", "1", "1", "1", null)]
    [InlineData("0.01", "0.01", "0.01", "0.01", "0.01", "99.95", null)]
    [InlineData("15", "20", "25", "15", "10", "0", "权重应大于0且不超过100，现为0")]
    [InlineData("15", "20", "25", "15", "10", null, "缺少：服务对象满意度")]
    [InlineData(null, "20", "25", "15", "10", null, "缺少：运行成本、服务对象满意度")]
    [InlineData("30", "20", "25", "15", "10", null, "缺少：服务对象满意度")]
    public void Framework_WeightsSum100_AndAllSixDimensions(string? cost, string? efficiency, string? duty, string? social, string? sustainable,
        string? satisfaction, string? problem)
    {
        var problems = KeyEvaluationScoring.DepartmentFrameworkProblems(Rows(cost, efficiency, duty, social, sustainable, satisfaction));
        if (problem is null) Assert.Empty(problems);
        else Assert.Contains(problems, p => p.Contains(problem, StringComparison.Ordinal));
    }

    [Fact]
    public void Framework_OutputPlusBenefitMinimum_DoesNotApply()
    {
        // No 产出/效益 at all, and a rule set demanding 100 of them: a project framework would be refused, a department one is not.
        var rows = Rows("15", "20", "25", "15", "10", "15");
        var rules = new EvaluationRules { OutputPlusBenefitMinimum = 100m };
        Assert.Empty(KeyEvaluationScoring.FrameworkProblems(KeyEvaluationSubjectKind.DepartmentOverall, rows, rules));
        var project = new List<FrameworkRow> { new("Decision", "项目立项", "立项依据充分性", 40m), new("Output", "产出数量", "实际完成率", 60m) };
        Assert.Contains(KeyEvaluationScoring.FrameworkProblems(KeyEvaluationSubjectKind.Policy, project, rules),
            p => p.Contains("产出和效益指标权重合计应不低于100，现为60", StringComparison.Ordinal));
        Assert.Contains(KeyEvaluationScoring.FrameworkProblems(KeyEvaluationSubjectKind.DepartmentOverall, project, rules),
            p => p.Contains("一级指标（评价维度）应为运行成本、管理效率、履职效能、社会效应、可持续发展能力、服务对象满意度之一", StringComparison.Ordinal));
    }

    [Fact]
    public void Framework_EmptyAndDuplicate_AreRefusedInChinese()
    {
        Assert.Contains("不能为空", KeyEvaluationScoring.DepartmentFrameworkProblems([])[0], StringComparison.Ordinal);
        var rows = Rows("15", "20", "15", "15", "10", "15");
        rows.Add(rows[2] with { Weight = 10m });
        Assert.Contains(KeyEvaluationScoring.DepartmentFrameworkProblems(rows), p => p.Contains("重复", StringComparison.Ordinal));
        var ex = Assert.Throws<DomainException>(() => KeyEvaluationScoring.ValidateFramework(KeyEvaluationSubjectKind.DepartmentOverall,
            Rows("15", "20", "25", "15", "25", null), new EvaluationRules()));
        Assert.Contains("缺少：服务对象满意度", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Score_GroupsByDimension_InTheDimensionsOrder()
    {
        var framework = DepartmentDimensions.Codes.Select((c, i) => new ScoredIndicator(i + 1, c, $"{c}指标", i == 2 ? 25m : 15m)).ToList();
        var sheet = framework.Select(f => new IndicatorPoints(f.Key, f.Weight - 1m)).ToList();
        var result = KeyEvaluationScoring.Score(framework, [sheet], new EvaluationRules(), new GradeBands());
        Assert.Equal(DepartmentDimensions.Names, result.Groups.Select(g => g.Name));
        Assert.Equal(94m, result.Total);
        Assert.Equal(24m, result.Groups[2].Score);
    }

    [Fact]
    public void RuleSetValidator_RefusesADepartmentFrameworkMissingADimension()
    {
        var content = new RuleSetContent();
        content.Evaluation.DepartmentKeyFramework.RemoveAll(k => k.Level1 == "SustainableCapacity");
        var errors = RuleSetValidator.Validate(content);
        Assert.Contains(errors["Evaluation.DepartmentKeyFramework"], m => m.Contains("部门整体支出评价参考指标体系：部门整体支出评价应包含全部六个维度，缺少：可持续发展能力", StringComparison.Ordinal));
        Assert.Contains(errors["Evaluation.DepartmentKeyFramework"], m => m.Contains("各指标权重合计应为100，现为90", StringComparison.Ordinal));
        Assert.False(errors.ContainsKey("Evaluation.KeyFramework"));
    }

    [Fact]
    public void RuleSetJson_WithoutTheDepartmentFramework_ReadsTheDefaults()
    {
        // Rule sets stored before the list existed keep working: the missing list takes the RULES §4 defaults.
        var json = new RuleSetContent().ToJson().Replace("\"departmentKeyFramework\"", "\"unusedOldName\"", StringComparison.Ordinal);
        var content = RuleSetContent.FromJson(json);
        Assert.Equal(15, content.Evaluation.DepartmentKeyFramework.Count);
    }
}
