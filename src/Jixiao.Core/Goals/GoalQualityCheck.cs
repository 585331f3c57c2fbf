using System.Globalization;
using Jixiao.Core.Indicators;
using Jixiao.Core.RuleSets;

namespace Jixiao.Core.Goals;

public enum FindingSeverity
{
    /// <summary>Must be fixed before the goal can be submitted.</summary>
    Error,
    /// <summary>Shown to the submitter and the reviewers; does not block submission.</summary>
    Warning,
}

/// <summary>One finding of the goal quality check: what is wrong, where, and what to do, in Chinese.</summary>
public sealed record GoalFinding(string Code, FindingSeverity Severity, string Message, int? IndicatorIndex = null);

/// <summary>A goal as plain values for the check.</summary>
public sealed record GoalDraft(string? MediumTermGoal, string? AnnualGoal, IReadOnlyList<IndicatorSpec> Indicators, decimal ProjectBudget);

/// <summary>
/// The goal quality check (RULES §2 and §3, Art. 15 "指向明确、细化量化、合理可行、相应匹配"): run before submission
/// and shown to reviewers. Pure: the same goal and rule set always give the same findings.
/// </summary>
public static class GoalQualityCheck
{
    /// <summary>Words that promise without measuring, unless a number says how much.</summary>
    public static readonly IReadOnlyList<string> VagueWords = ["进一步", "显著", "明显", "大幅", "较大", "有效提升", "有所", "逐步", "不断", "持续改善", "切实"];

    public static IReadOnlyList<GoalFinding> Check(GoalDraft goal, RuleSetContent rules)
    {
        var f = new List<GoalFinding>();
        var ind = goal.Indicators;
        var categories = rules.Goals.Categories;

        if (string.IsNullOrWhiteSpace(goal.AnnualGoal))
            f.Add(new("MissingAnnualGoal", FindingSeverity.Error, "未填写年度绩效目标：请概括本年度预期达到的产出和效果。"));
        if (ind.Count == 0)
        {
            f.Add(new("NoIndicators", FindingSeverity.Error, "未设置绩效指标：请至少设置产出指标和效益指标。"));
            return f;
        }

        for (var i = 0; i < ind.Count; i++)
        {
            var x = ind[i];
            var cat = categories.FirstOrDefault(c => c.Code == x.Level1);
            if (cat is null || cat.Subcategories.All(s => s.Code != x.Level2))
                f.Add(new("UnknownCategory", FindingSeverity.Error, $"第{i + 1}个指标“{x.Name}”的一级/二级指标“{x.Level1}/{x.Level2}”不在本年度指标分类中，请重新选择。", i));
            if (string.IsNullOrWhiteSpace(x.Name))
                f.Add(new("MissingName", FindingSeverity.Error, $"第{i + 1}个指标未填写三级指标名称。", i));
            if (x.Weight <= 0m)
                f.Add(new("NonPositiveWeight", FindingSeverity.Error, $"第{i + 1}个指标“{x.Name}”的分值应大于0。", i));
            if (x.Comparison != Comparison.Qualitative)
            {
                if (x.Target is null)
                    f.Add(new("QuantitativeWithoutTarget", FindingSeverity.Error, $"定量指标“{x.Name}”未填写目标值数字：请填写可衡量的数值，或改为定性指标。", i));
                else if (x.Target < 0m)
                    f.Add(new("NegativeTarget", FindingSeverity.Error, $"指标“{x.Name}”的目标值不能为负数。", i));
                if (string.IsNullOrWhiteSpace(x.Unit))
                    f.Add(new("QuantitativeWithoutUnit", FindingSeverity.Error, $"定量指标“{x.Name}”未填写计量单位（如 %、个、万元、天）。", i));
            }
            var text = $"{x.Name} {x.TargetText}";
            var vague = VagueWords.FirstOrDefault(w => text.Contains(w, StringComparison.Ordinal));
            if (vague is not null && !(x.Comparison != Comparison.Qualitative && x.Target is not null) && !text.Any(char.IsAsciiDigit))
                f.Add(new("VagueWording", FindingSeverity.Warning, $"指标“{x.Name}”使用了“{vague}”等模糊表述而没有数值：请写明提高多少、达到什么标准。", i));
        }

        var groups = ind.Select((x, i) => (x, i)).GroupBy(p => (p.x.Level1, p.x.Level2, Name: Normalize(p.x.Name))).Where(g => g.Count() > 1);
        foreach (var g in groups)
            f.Add(new("DuplicateIndicator", FindingSeverity.Error, $"指标“{g.First().x.Name}”重复设置（第 {string.Join("、", g.Select(p => p.i + 1))} 个），请合并。", g.Skip(1).First().i));

        if (ind.All(x => !IsOutput(x)))
            f.Add(new("NoOutputIndicator", FindingSeverity.Error, "缺少产出指标：请设置数量、质量、时效或成本指标（第十五条）。"));
        if (ind.All(x => x.Level1 != "Benefit"))
            f.Add(new("NoBenefitIndicator", FindingSeverity.Error, "缺少效益指标：请设置经济、社会、生态效益或可持续影响指标（第十五条）。"));
        foreach (var required in rules.Goals.RequiredLevel1.Where(r => r is not ("Output" or "Benefit")))
        {
            if (ind.All(x => x.Level1 != required))
            {
                var name = categories.FirstOrDefault(c => c.Code == required)?.Name ?? required;
                f.Add(new("RequiredCategoryMissing", FindingSeverity.Error, $"本地规则要求设置“{name}”，目标中没有。"));
            }
        }
        if (ind.All(x => x.Comparison == Comparison.Qualitative))
            f.Add(new("QualitativeOnly", FindingSeverity.Error, "全部为定性指标：请至少设置一个可量化的指标（细化量化）。"));

        CheckCost(goal, rules, f);
        f.AddRange(WeightCheck.Check(ind, rules.SelfEvaluation));
        return f;
    }

    /// <summary>Output indicators include the cost indicators, whichever layout (RULES §3).</summary>
    public static bool IsOutput(IndicatorSpec x) => x.Level1 is "Output" or "Cost";

    private static void CheckCost(GoalDraft goal, RuleSetContent rules, List<GoalFinding> f)
    {
        var costs = goal.Indicators.Select((x, i) => (x, i))
            .Where(p => (p.x.Level1 == "Cost" || p.x.Level2 == "Cost") && p.x.Comparison != Comparison.Qualitative)
            .Select(p => (p.x, p.i, Amount: IndicatorNames.AmountInYuan(p.x.Target, p.x.Unit)))
            .Where(p => p.Amount is not null)
            .ToList();
        if (costs.Count == 0 || goal.ProjectBudget <= 0m) return;
        var total = costs.Sum(c => c.Amount!.Value);
        var budget = goal.ProjectBudget.ToString("N2", CultureInfo.GetCultureInfo("zh-CN"));
        if (total > goal.ProjectBudget)
        {
            f.Add(new("CostExceedsBudget", FindingSeverity.Error,
                $"成本指标合计 {total.ToString("N2", CultureInfo.GetCultureInfo("zh-CN"))} 元，超过项目预算 {budget} 元：成本指标不应超出预算。", costs[0].i));
        }
        else if ((goal.ProjectBudget - total) / goal.ProjectBudget > rules.Goals.CostDeviationShare)
        {
            f.Add(new("CostDeviatesFromBudget", FindingSeverity.Warning,
                $"成本指标合计 {total.ToString("N2", CultureInfo.GetCultureInfo("zh-CN"))} 元，与项目预算 {budget} 元相差超过 {rules.Goals.CostDeviationShare:P0}：请核实成本指标与预算是否匹配。", costs[0].i));
        }
    }

    private static string Normalize(string s) => new(s.Where(c => !char.IsWhiteSpace(c)).ToArray());
}

/// <summary>
/// Weights of a goal's level-3 indicators (财预〔2020〕10号 via RULES §3): together 100 − execution-rate points
/// (90 by default); output (with cost) the output points, benefit the benefit points, satisfaction its points —
/// and when there is no satisfaction indicator its points go to benefit.
/// </summary>
public static class WeightCheck
{
    public static IReadOnlyList<GoalFinding> Check(IReadOnlyList<IndicatorSpec> indicators, SelfEvaluationRules rules)
    {
        var f = new List<GoalFinding>();
        var total = indicators.Sum(x => x.Weight);
        if (total != rules.IndicatorWeightTotal)
            f.Add(new("WeightTotalOff", FindingSeverity.Error,
                $"三级指标分值合计应为 {rules.IndicatorWeightTotal:0.##}（另 {rules.ExecutionRatePoints:0.##} 分为预算执行率），现为 {total:0.##}。"));
        var hasSatisfaction = indicators.Any(x => x.Level1 == "Satisfaction");
        var expected = new (string Name, decimal Points, decimal Actual)[]
        {
            ("产出指标（含成本指标）", rules.OutputPoints, indicators.Where(GoalQualityCheck.IsOutput).Sum(x => x.Weight)),
            ("效益指标", rules.BenefitPoints + (hasSatisfaction ? 0m : rules.SatisfactionPoints), indicators.Where(x => x.Level1 == "Benefit").Sum(x => x.Weight)),
            ("满意度指标", hasSatisfaction ? rules.SatisfactionPoints : 0m, indicators.Where(x => x.Level1 == "Satisfaction").Sum(x => x.Weight)),
        };
        foreach (var (name, points, actual) in expected)
        {
            if (actual != points && (actual > 0m || points > 0m))
                f.Add(new("CategoryWeightOff", FindingSeverity.Error, $"{name}分值合计应为 {points:0.##}，现为 {actual:0.##}。"));
        }
        return f;
    }
}
