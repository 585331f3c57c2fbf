namespace Jixiao.Core.RuleSets;

/// <summary>Checks a rule set's numbers for consistency. Every message is Chinese and names what to fix.</summary>
public static class RuleSetValidator
{
    public static IReadOnlyDictionary<string, string[]> Validate(RuleSetContent c)
    {
        var errors = new Dictionary<string, List<string>>();
        void Add(string key, string message)
        {
            if (!errors.TryGetValue(key, out var list)) errors[key] = list = [];
            list.Add(message);
        }
        static bool Share(decimal v) => v is >= 0m and <= 1m;

        var g = c.Grades;
        if (!(g.Excellent <= 100m && g.Excellent > g.Good && g.Good > g.Fair && g.Fair > 0m))
            Add("Grades", "等级分数线应满足 100 ≥ 优 > 良 > 中 > 0。");

        var s = c.SelfEvaluation;
        if (s.ExecutionRatePoints < 0m || s.OutputPoints < 0m || s.BenefitPoints < 0m || s.SatisfactionPoints < 0m)
            Add("SelfEvaluation", "自评一级指标分值不能为负数。");
        if (s.ExecutionRatePoints + s.OutputPoints + s.BenefitPoints + s.SatisfactionPoints != 100m)
            Add("SelfEvaluation", $"自评一级指标分值（预算执行率+产出+效益+满意度）合计应为100，现为{s.ExecutionRatePoints + s.OutputPoints + s.BenefitPoints + s.SatisfactionPoints}。");
        if (s.LessIsBetterZeroFactor <= 1m)
            Add("SelfEvaluation.LessIsBetterZeroFactor", "反向指标得零分倍数应大于1。");
        if (s.OverAchievementThreshold <= 1m)
            Add("SelfEvaluation.OverAchievementThreshold", "超额完成需说明的比例应大于1（如1.30表示130%）。");
        if (!(s.NotAchieved.Min == 0m && s.NotAchieved.Max == s.Partial.Min && s.Partial.Max == s.Achieved.Min
              && s.Achieved.Max == 1m && s.Partial.Min < s.Partial.Max && s.Achieved.Min < s.Achieved.Max && s.NotAchieved.Min < s.NotAchieved.Max))
            Add("SelfEvaluation.Bands", "定性指标档次应首尾相接覆盖 0 到 1（未达成 [0, a)、部分达成 [a, b)、达成 [b, 1]）。");

        var m = c.Monitoring;
        if (!(m.YellowFrom > 0m && m.YellowFrom < m.GreenFrom && m.GreenFrom <= 1m && m.BlueFrom > 1m))
            Add("Monitoring", "预警区间应满足 0 < 黄色起点 < 绿色起点 ≤ 1 < 蓝色起点。");
        if (m.MainRoundMonth is < 1 or > 12 || m.KeyMonitoringMonth is < 1 or > 12)
            Add("Monitoring", "月份应在1到12之间。");
        if (m.KeyMonitoringMinBudget < 0m || !Share(m.KeyMonitoringMaxExecutionRate))
            Add("Monitoring.KeyMonitoring", "重点监控筛选条件：金额不能为负，执行率应在0到1之间。");

        var e = c.Evaluation;
        if (e.OutputPlusBenefitMinimum is < 0m or > 100m) Add("Evaluation", "产出与效益权重下限应在0到100之间。");
        if (e.ReEvaluationFlagDifference <= 0m) Add("Evaluation", "再评价差异阈值应大于0。");
        if (e.DefaultExpertCount is < 1 or > 15) Add("Evaluation", "默认专家人数应在1到15之间。");
        foreach (var problem in Evaluations.KeyEvaluationScoring.FrameworkProblems(
                     e.KeyFramework.Select(k => new Evaluations.FrameworkRow(k.Level1, k.Level2, k.Name, k.Weight)).ToList(), e))
            Add("Evaluation.KeyFramework", $"重点评价参考指标体系：{problem}");
        foreach (var problem in Evaluations.KeyEvaluationScoring.DepartmentFrameworkProblems(
                     e.DepartmentKeyFramework.Select(k => new Evaluations.FrameworkRow(k.Level1, k.Level2, k.Name, k.Weight)).ToList()))
            Add("Evaluation.DepartmentKeyFramework", $"部门整体支出评价参考指标体系：{problem}");

        var p = c.PriorAssessment;
        if (p.Dimensions.Count == 0 || p.Dimensions.Sum(d => d.Points) != 100m || p.Dimensions.Any(d => d.Points <= 0m || string.IsNullOrWhiteSpace(d.Name)))
            Add("PriorAssessment.Dimensions", $"事前评估各维度分值应为正数且合计100，现为{p.Dimensions.Sum(d => d.Points)}。");
        if (!(p.SupportFrom <= 100m && p.SupportFrom > p.SupportAfterRevisionFrom && p.SupportAfterRevisionFrom > 0m))
            Add("PriorAssessment", "事前评估结论分数线应满足 100 ≥ 予以支持 > 调整完善后支持 > 0。");
        if (p.DefaultExpertCount is < 1 or > 15) Add("PriorAssessment", "默认专家人数应在1到15之间。");

        if (!Share(c.Goals.CostDeviationShare)) Add("Goals", "成本指标偏离比例应在0到1之间。");

        var r = c.Results;
        if (r.RectificationDeadlineDays is < 1 or > 365) Add("Results", "整改期限应在1到365天之间。");
        if (r.RectificationReminderDays < 0 || r.RectificationReminderDays >= r.RectificationDeadlineDays) Add("Results", "整改提醒提前天数应小于整改期限。");
        if (!Share(r.StrictControlReductionShare)) Add("Results", "从严控制压减比例应在0到1之间。");
        if (r.CancelAfterPoorYears is < 1 or > 10) Add("Results", "连续评为差建议取消的年数应在1到10之间。");

        var a = c.Appraisal;
        if (a.Items.Count == 0 || a.Items.Sum(i => i.Points) != 100m || a.Items.Any(i => i.Points < 0m || string.IsNullOrWhiteSpace(i.Name)))
            Add("Appraisal.Items", $"考核评分表各项分值应不为负且合计100，现为{a.Items.Sum(i => i.Points)}。");
        if (a.DeductionPerFinding < 0m) Add("Appraisal", "每个问题扣分不能为负数。");
        foreach (var (items, key, sheet) in new[] { (a.Items, "Appraisal.Items", "部门考核评分表"), (a.CountyItems, "Appraisal.CountyItems", "县级财政部门考核评分表") })
        {
            if (items is null || items.Count == 0)
            {
                Add(key, $"{sheet}至少应有一个评分项目。");
                continue;
            }
            if (key == "Appraisal.CountyItems" && (items.Sum(i => i.Points) != 100m || items.Any(i => i.Points < 0m || string.IsNullOrWhiteSpace(i.Name))))
                Add(key, $"{sheet}各项分值应不为负且合计100，现为{items.Sum(i => i.Points)}。");
            var codes = new HashSet<string>(StringComparer.Ordinal);
            foreach (var item in items)
            {
                var subs = item.SubItems ?? [];
                if (subs.Count == 0) Add(key, $"{sheet}“{item.Name}”至少应有一个子项。");
                else if (subs.Sum(x => x.Points) != item.Points)
                    Add(key, $"{sheet}“{item.Name}”各子项分值合计应等于该项分值{item.Points}，现为{subs.Sum(x => x.Points)}。");
                foreach (var sub in subs)
                {
                    if (string.IsNullOrWhiteSpace(sub.Code) || string.IsNullOrWhiteSpace(sub.Name) || sub.Points < 0m)
                        Add(key, $"{sheet}“{item.Name}”的子项应有代码、名称且分值不为负。");
                    else if (!codes.Add(sub.Code)) Add(key, $"{sheet}子项代码“{sub.Code}”重复。");
                    if (sub.Measure is { } code && !Appraisals.MeasureCodes.All.Contains(code))
                        Add(key, $"{sheet}子项“{sub.Name}”的计算口径“{code}”不存在，应为系统可计算的指标之一或留空。");
                    if (sub.Measure is not null && item.IsDeduction)
                        Add(key, $"{sheet}扣分项“{item.Name}”的子项按问题个数扣分，不能设置计算口径。");
                }
            }
        }

        var d = c.Disclosure;
        if (!(Share(d.PefaMostShare) && Share(d.PefaMajorityShare) && d.PefaMajorityShare < d.PefaMostShare))
            Add("Disclosure", "PEFA 覆盖比例应满足 0 ≤ 多数 < 大部分 ≤ 1。");

        foreach (var problem in FiscalEvaluations.FiscalOperationScoring.FrameworkProblems(c.FiscalOperation.Indicators))
            Add("FiscalOperation.Indicators", $"财政运行综合绩效评价指标体系：{problem}");

        return errors.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray());
    }
}
