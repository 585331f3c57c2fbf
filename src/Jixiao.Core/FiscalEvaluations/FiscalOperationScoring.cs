using System.Globalization;
using Jixiao.Core.Common;
using Jixiao.Core.RuleSets;

namespace Jixiao.Core.FiscalEvaluations;

/// <summary>One indicator's result: the points (unrounded, and rounded half-up to 2 decimals for display) and the formula with its numbers.</summary>
public sealed record FiscalLineResult(string Code, string Name, string Dimension, decimal Weight, decimal Value, decimal Points, decimal Rounded, bool Full,
    string Explanation);

/// <summary>A dimension's weight and points (rounded half-up to 2 decimals).</summary>
public sealed record FiscalDimensionResult(string Dimension, string Name, decimal Weight, decimal Points);

public sealed record FiscalOperationScore(IReadOnlyList<FiscalLineResult> Lines, IReadOnlyList<FiscalDimensionResult> Dimensions, decimal Total, Grade Grade);

/// <summary>
/// County fiscal operation evaluation (财政运行综合绩效评价): per indicator, full weight at or beyond the target, nothing at or beyond the
/// floor, linear between (W × (A − F) ÷ (T − F), one division of exact products); points are summed unrounded, the total rounded half-up
/// to 2 decimals at the end and graded by the rule set's bands (§1). The framework check is shared with the rule-set validator. Pure.
/// </summary>
public static class FiscalOperationScoring
{
    public static readonly IReadOnlyList<string> DimensionCodes = ["RevenueQuality", "ExpenditureExecution", "DebtRisk", "BasicLivelihood", "PerformanceManagement"];

    public static string DimensionName(string code) => code switch
    {
        "RevenueQuality" => "收入质量",
        "ExpenditureExecution" => "支出结构与执行",
        "DebtRisk" => "债务风险",
        "BasicLivelihood" => "基本民生保障（三保）",
        "PerformanceManagement" => "预算绩效管理",
        _ => code,
    };

    /// <summary>The largest magnitude a value may have.</summary>
    public const decimal MaxValue = 1_000_000m;

    /// <summary>Every problem of a framework, in Chinese; empty when it may be used.</summary>
    public static IReadOnlyList<string> FrameworkProblems(IReadOnlyList<FiscalIndicator> framework)
    {
        var problems = new List<string>();
        if (framework.Count == 0)
        {
            problems.Add("指标体系不能为空。");
            return problems;
        }
        if (framework.Count > 60) problems.Add("指标不超过60个。");
        for (var i = 0; i < framework.Count; i++)
        {
            var f = framework[i];
            var at = $"第{i + 1}项";
            if (string.IsNullOrWhiteSpace(f.Code) || f.Code.Trim().Length > 20 || f.Code.Trim() != f.Code)
                problems.Add($"{at}：请填写指标代码（不超过20字，首尾无空格）。");
            if (string.IsNullOrWhiteSpace(f.Name) || f.Name.Trim().Length > 100) problems.Add($"{at}：请填写指标名称（不超过100字）。");
            if (!DimensionCodes.Contains(f.Dimension))
                problems.Add($"{at}“{f.Name}”：评价维度应为{string.Join("、", DimensionCodes.Select(DimensionName))}之一。");
            if (f.Weight <= 0m || f.Weight > 100m) problems.Add($"{at}“{f.Name}”：权重应大于0且不超过100，现为{F(f.Weight)}。");
            else if (decimal.Round(f.Weight, 2) != f.Weight) problems.Add($"{at}“{f.Name}”：权重最多保留两位小数。");
            if ((f.Unit?.Length ?? 0) > 10) problems.Add($"{at}“{f.Name}”：单位不超过10字。");
            if (f.HigherIsBetter && f.Target <= f.Floor)
                problems.Add($"{at}“{f.Name}”：正向指标的满分值应大于零分值，现为满分值{F(f.Target)}、零分值{F(f.Floor)}。");
            if (!f.HigherIsBetter && f.Target >= f.Floor)
                problems.Add($"{at}“{f.Name}”：反向指标的满分值应小于零分值，现为满分值{F(f.Target)}、零分值{F(f.Floor)}。");
        }
        var dupCode = framework.GroupBy(f => f.Code.Trim(), StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (dupCode is not null) problems.Add($"指标代码“{dupCode.Key}”重复。");
        var dupName = framework.GroupBy(f => f.Name.Trim()).FirstOrDefault(g => g.Count() > 1);
        if (dupName is not null) problems.Add($"指标名称“{dupName.Key}”重复。");
        var sum = framework.Sum(f => f.Weight);
        if (sum != 100m) problems.Add($"各指标权重合计应为100，现为{F(sum)}。");
        return problems;
    }

    /// <summary>One indicator's points for a value, with the formula.</summary>
    public static FiscalLineResult Line(FiscalIndicator i, decimal value)
    {
        decimal points;
        string explanation;
        var a = F(value);
        if (i.HigherIsBetter ? value >= i.Target : value <= i.Target)
        {
            points = i.Weight;
            explanation = $"实际值{a}{i.Unit} {(i.HigherIsBetter ? "≥" : "≤")} 满分值{F(i.Target)}{i.Unit}：得满分{F(i.Weight)}";
        }
        else if (i.HigherIsBetter ? value <= i.Floor : value >= i.Floor)
        {
            points = 0m;
            explanation = $"实际值{a}{i.Unit} {(i.HigherIsBetter ? "≤" : "≥")} 零分值{F(i.Floor)}{i.Unit}：得0分";
        }
        else
        {
            points = i.HigherIsBetter
                ? i.Weight * (value - i.Floor) / (i.Target - i.Floor)
                : i.Weight * (i.Floor - value) / (i.Floor - i.Target);
            var shown = Round(points);
            var formula = i.HigherIsBetter
                ? $"{F(i.Weight)} × ({a} − {F(i.Floor)}) ÷ ({F(i.Target)} − {F(i.Floor)})"
                : $"{F(i.Weight)} × ({F(i.Floor)} − {a}) ÷ ({F(i.Floor)} − {F(i.Target)})";
            explanation = $"介于零分值与满分值之间，按线性计分：{formula} {(shown == points ? "=" : "≈")} {F(shown)}";
        }
        return new(i.Code, i.Name, i.Dimension, i.Weight, value, points, Round(points), points == i.Weight, explanation);
    }

    /// <summary>The indicators without a value, in framework order.</summary>
    public static IReadOnlyList<FiscalIndicator> Missing(IReadOnlyList<FiscalIndicator> framework, IReadOnlyDictionary<string, decimal> values) =>
        framework.Where(i => !values.ContainsKey(i.Code)).ToList();

    /// <summary>Scores a complete sheet; a missing value is refused with the indicators named.</summary>
    public static FiscalOperationScore Score(IReadOnlyList<FiscalIndicator> framework, IReadOnlyDictionary<string, decimal> values, GradeBands grades)
    {
        var missing = Missing(framework, values);
        if (missing.Count > 0) throw new DomainException($"尚未填写：{string.Join("、", missing.Select(m => m.Name))}。");
        var lines = framework.Select(i => Line(i, values[i.Code])).ToList();
        var total = Round(lines.Sum(l => l.Points));
        var dimensions = DimensionCodes.Concat(framework.Select(i => i.Dimension)).Distinct().Where(d => framework.Any(i => i.Dimension == d))
            .Select(d => new FiscalDimensionResult(d, DimensionName(d), framework.Where(i => i.Dimension == d).Sum(i => i.Weight),
                Round(lines.Where(l => l.Dimension == d).Sum(l => l.Points)))).ToList();
        return new(lines, dimensions, total, grades.GradeOf(total));
    }

    /// <summary>Competition ranking by score, highest first: equal scores share a rank and the next rank is skipped (1, 1, 3).</summary>
    public static IReadOnlyDictionary<TKey, int> Rank<TKey>(IReadOnlyDictionary<TKey, decimal> scores) where TKey : notnull
    {
        var ranks = new Dictionary<TKey, int>();
        foreach (var (key, score) in scores) ranks[key] = 1 + scores.Values.Count(s => s > score);
        return ranks;
    }

    public static decimal Round(decimal v) => decimal.Round(v, 2, MidpointRounding.AwayFromZero);

    public static string F(decimal v) => v.ToString("0.####", CultureInfo.InvariantCulture);
}
