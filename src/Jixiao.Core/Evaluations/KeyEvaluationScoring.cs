using System.Globalization;
using Jixiao.Core.Common;
using Jixiao.Core.RuleSets;

namespace Jixiao.Core.Evaluations;

/// <summary>One row of a key-evaluation framework as plain values (level 1 code, level 2, level 3 name, weight).</summary>
public sealed record FrameworkRow(string Level1, string Level2, string Name, decimal Weight);

/// <summary>One scorer's points for one indicator (by the indicator's key).</summary>
public sealed record IndicatorPoints(long IndicatorKey, decimal Points);

/// <summary>One indicator of the framework to score: its key, level-1 code, name and weight.</summary>
public sealed record ScoredIndicator(long Key, string Level1, string Name, decimal Weight);

/// <summary>One indicator's result: the aggregate of the scorers (unrounded, and rounded half-up to 2 decimals for display) and the formula with its numbers.</summary>
public sealed record IndicatorResult(long Key, string Level1, string Name, decimal Weight, decimal Score, decimal Rounded, string Explanation);

/// <summary>A level-1 group's weight and score (the score rounded half-up to 2 decimals), for the score sheet and the chart.</summary>
public sealed record Level1Result(string Level1, string Name, decimal Weight, decimal Score);

public sealed record KeyEvaluationResult(IReadOnlyList<IndicatorResult> Indicators, IReadOnlyList<Level1Result> Groups, decimal Total, Grade Grade);

/// <summary>
/// Key evaluation (重点评价, RULES §4): the framework check (weights sum to 100, output + benefit at least the rule set's
/// minimum) and the score — per indicator the mean of the scorers' points (or, when the rule set says TrimmedMean and there are
/// at least three scorers, the mean without one highest and one lowest), summed unrounded, rounded half-up to 2 decimals at the
/// end and graded by the rule set's bands. Pure.
/// </summary>
public static class KeyEvaluationScoring
{
    public static readonly IReadOnlyList<string> Level1Codes = ["Decision", "Process", "Output", "Benefit"];

    /// <summary>Every level-1 code in display order: the project/policy framework's, then the whole-department dimensions (RULES §4).</summary>
    public static readonly IReadOnlyList<string> GroupCodes = [.. Level1Codes, .. DepartmentDimensions.Codes];

    public static string Level1Name(string code) => code switch
    {
        "Decision" => "决策",
        "Process" => "过程",
        "Output" => "产出",
        "Benefit" => "效益",
        _ => DepartmentDimensions.NameOf(code) ?? code,
    };

    /// <summary>The framework check for what is evaluated: a department's whole spending has its own (<see cref="DepartmentFrameworkProblems"/>).</summary>
    public static IReadOnlyList<string> FrameworkProblems(KeyEvaluationSubjectKind kind, IReadOnlyList<FrameworkRow> rows, EvaluationRules rules) =>
        kind == KeyEvaluationSubjectKind.DepartmentOverall ? DepartmentFrameworkProblems(rows) : FrameworkProblems(rows, rules);

    /// <summary>Refuses a framework with problems for what is evaluated (all of them in one message).</summary>
    public static void ValidateFramework(KeyEvaluationSubjectKind kind, IReadOnlyList<FrameworkRow> rows, EvaluationRules rules)
    {
        var problems = FrameworkProblems(kind, rows, rules);
        if (problems.Count > 0) throw new DomainException(string.Join("", problems));
    }

    /// <summary>
    /// Every problem of a project or policy framework, in Chinese (RULES §4: level 1 决策/过程/产出/效益, weights sum to 100,
    /// output + benefit at least the rule set's minimum); empty when it may be used.
    /// </summary>
    public static IReadOnlyList<string> FrameworkProblems(IReadOnlyList<FrameworkRow> rows, EvaluationRules rules)
    {
        var problems = RowProblems(rows, Level1Codes, "一级指标应为决策、过程、产出或效益。");
        if (rows.Count == 0) return problems;
        var outputBenefit = rows.Where(r => r.Level1 is "Output" or "Benefit").Sum(r => r.Weight);
        if (outputBenefit < rules.OutputPlusBenefitMinimum)
            problems.Add($"产出和效益指标权重合计应不低于{F(rules.OutputPlusBenefitMinimum)}，现为{F(outputBenefit)}。");
        return problems;
    }

    /// <summary>
    /// Every problem of the framework of a department's whole spending (部门整体支出, RULES §4), in Chinese: level 1 is one of the six
    /// dimensions (运行成本, 管理效率, 履职效能, 社会效应, 可持续发展能力, 服务对象满意度), all six present, weights sum to 100. The output +
    /// benefit minimum does not apply.
    /// </summary>
    public static IReadOnlyList<string> DepartmentFrameworkProblems(IReadOnlyList<FrameworkRow> rows)
    {
        var problems = RowProblems(rows, DepartmentDimensions.Codes, $"一级指标（评价维度）应为{string.Join("、", DepartmentDimensions.Names)}之一。");
        if (rows.Count == 0) return problems;
        var missing = DepartmentDimensions.Codes.Where(c => rows.All(r => r.Level1 != c)).Select(c => DepartmentDimensions.NameOf(c)).ToList();
        if (missing.Count > 0) problems.Add($"部门整体支出评价应包含全部六个维度，缺少：{string.Join("、", missing)}。");
        return problems;
    }

    /// <summary>The checks every framework shares: not empty, at most 100 rows, each row complete, no duplicate, weights sum to 100.</summary>
    private static List<string> RowProblems(IReadOnlyList<FrameworkRow> rows, IReadOnlyList<string> level1Codes, string level1Message)
    {
        var problems = new List<string>();
        if (rows.Count == 0)
        {
            problems.Add("评价指标体系不能为空。");
            return problems;
        }
        if (rows.Count > 100) problems.Add("评价指标不超过100个。");
        for (var i = 0; i < rows.Count; i++)
        {
            var r = rows[i];
            var at = $"第{i + 1}行";
            if (!level1Codes.Contains(r.Level1)) problems.Add($"{at}：{level1Message}");
            if (string.IsNullOrWhiteSpace(r.Level2) || r.Level2.Trim().Length > 50) problems.Add($"{at}：请填写二级指标（不超过50字）。");
            if (string.IsNullOrWhiteSpace(r.Name) || r.Name.Trim().Length > 100) problems.Add($"{at}：请填写三级指标名称（不超过100字）。");
            if (r.Weight <= 0m || r.Weight > 100m) problems.Add($"{at}“{r.Name}”：权重应大于0且不超过100，现为{F(r.Weight)}。");
            else if (decimal.Round(r.Weight, 2) != r.Weight) problems.Add($"{at}“{r.Name}”：权重最多保留两位小数。");
        }
        var dup = rows.GroupBy(r => (r.Level1, r.Name.Trim())).FirstOrDefault(g => g.Count() > 1);
        if (dup is not null) problems.Add($"三级指标“{dup.Key.Item2}”重复。");
        var sum = rows.Sum(r => r.Weight);
        if (sum != 100m) problems.Add($"各指标权重合计应为100，现为{F(sum)}。");
        return problems;
    }

    /// <summary>Refuses a framework with problems (all of them in one message).</summary>
    public static void ValidateFramework(IReadOnlyList<FrameworkRow> rows, EvaluationRules rules)
    {
        var problems = FrameworkProblems(rows, rules);
        if (problems.Count > 0) throw new DomainException(string.Join("", problems));
    }

    /// <summary>Checks one scorer's sheet: every indicator once, points in [0, weight].</summary>
    public static void ValidateSheet(IReadOnlyList<IndicatorPoints> sheet, IReadOnlyList<ScoredIndicator> framework)
    {
        foreach (var i in framework)
        {
            var given = sheet.Where(s => s.IndicatorKey == i.Key).ToList();
            if (given.Count == 0) throw new DomainException($"未对“{i.Name}”评分：请对每个评价指标打分。");
            if (given.Count > 1) throw new DomainException($"“{i.Name}”重复评分。");
            var p = given[0].Points;
            if (p < 0m || p > i.Weight) throw new DomainException($"“{i.Name}”的得分应在0到{F(i.Weight)}分之间，现为{F(p)}分。");
            if (decimal.Round(p, 2) != p) throw new DomainException($"“{i.Name}”的得分最多保留两位小数。");
        }
        var unknown = sheet.FirstOrDefault(s => framework.All(i => i.Key != s.IndicatorKey));
        if (unknown is not null) throw new DomainException($"指标（编号{unknown.IndicatorKey}）不在本次评价的指标体系中。");
    }

    public static KeyEvaluationResult Score(IReadOnlyList<ScoredIndicator> framework, IReadOnlyList<IReadOnlyList<IndicatorPoints>> sheets,
        EvaluationRules rules, GradeBands grades)
    {
        if (sheets.Count == 0) throw new DomainException("尚无评分，不能计算评价得分。");
        foreach (var s in sheets) ValidateSheet(s, framework);
        var results = new List<IndicatorResult>();
        foreach (var i in framework)
        {
            var points = sheets.Select(s => s.Single(x => x.IndicatorKey == i.Key).Points).ToList();
            var (score, explanation) = Aggregate(points, rules.ExpertAggregation);
            results.Add(new(i.Key, i.Level1, i.Name, i.Weight, score, Round(score), explanation));
        }
        var total = Round(results.Sum(r => r.Score));
        var groups = GroupCodes.Where(c => framework.Any(i => i.Level1 == c))
            .Select(c => new Level1Result(c, Level1Name(c), framework.Where(i => i.Level1 == c).Sum(i => i.Weight),
                Round(results.Where(r => r.Level1 == c).Sum(r => r.Score)))).ToList();
        return new(results, groups, total, grades.GradeOf(total));
    }

    /// <summary>One indicator's aggregate and its formula, e.g. "(8 + 9 + 7) ÷ 3 = 8.00".</summary>
    public static (decimal Score, string Explanation) Aggregate(IReadOnlyList<decimal> points, ExpertAggregation how)
    {
        if (points.Count == 0) throw new DomainException("尚无评分。");
        var used = points.ToList();
        var prefix = "";
        if (how == ExpertAggregation.TrimmedMean && points.Count >= 3)
        {
            var max = points.Max();
            var min = points.Min();
            used.Remove(max);
            used.Remove(min);
            prefix = $"去掉最高分{F(max)}、最低分{F(min)}后：";
        }
        var mean = used.Sum() / used.Count;
        return (mean, $"{prefix}({string.Join(" + ", used.Select(F))}) ÷ {used.Count} = {Round(mean).ToString("0.00", CultureInfo.InvariantCulture)}");
    }

    public static decimal Round(decimal v) => Math.Round(v, 2, MidpointRounding.AwayFromZero);

    private static string F(decimal v) => v.ToString("0.####", CultureInfo.InvariantCulture);
}
