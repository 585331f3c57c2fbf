using System.Text.RegularExpressions;
using Jixiao.Core.RuleSets;

namespace Jixiao.Web.Features.RuleSets;

/// <summary>Chinese names of the rule-set fields, for the version history's "what changed" (paths of <see cref="RuleSetDiff"/>).</summary>
public static partial class RuleSetLabels
{
    private static readonly Dictionary<string, string> Segments = new()
    {
        ["grades"] = "等级分数线",
        ["excellent"] = "优（不低于）",
        ["good"] = "良（不低于）",
        ["fair"] = "中（不低于）",
        ["selfEvaluation"] = "单位自评",
        ["executionRatePoints"] = "预算执行率分值",
        ["outputPoints"] = "产出指标分值",
        ["benefitPoints"] = "效益指标分值",
        ["satisfactionPoints"] = "满意度指标分值",
        ["lessIsBetterZeroFactor"] = "反向指标得零分倍数",
        ["overAchievementThreshold"] = "超额完成需说明的比例",
        ["achieved"] = "达成档",
        ["partial"] = "部分达成档",
        ["notAchieved"] = "未达成档",
        ["min"] = "下限",
        ["max"] = "上限",
        ["monitoring"] = "监控预警",
        ["yellowFrom"] = "黄色起点",
        ["greenFrom"] = "绿色起点",
        ["blueFrom"] = "蓝色起点",
        ["mainRoundMonth"] = "集中监控数据截止月份",
        ["keyMonitoringMinBudget"] = "重点监控最低预算金额（元）",
        ["keyMonitoringMaxExecutionRate"] = "重点监控执行率低于",
        ["keyMonitoringMonth"] = "重点监控筛选月份",
        ["evaluation"] = "重点评价",
        ["outputPlusBenefitMinimum"] = "产出与效益权重合计下限",
        ["reEvaluationFlagDifference"] = "再评价差异阈值（分）",
        ["expertAggregation"] = "专家评分汇总方式",
        ["defaultExpertCount"] = "默认专家人数",
        ["priorAssessment"] = "事前绩效评估",
        ["dimensions"] = "评估维度",
        ["supportFrom"] = "“予以支持”分数线",
        ["supportAfterRevisionFrom"] = "“调整完善后支持”分数线",
        ["goals"] = "绩效目标",
        ["costDeviationShare"] = "成本指标偏离预算比例",
        ["requiredLevel1"] = "必备一级指标",
        ["categories"] = "指标分类代码表",
        ["subcategories"] = "二级指标",
        ["results"] = "结果应用",
        ["rectificationDeadlineDays"] = "整改期限（天）",
        ["rectificationReminderDays"] = "整改到期提醒提前（天）",
        ["strictControlReductionShare"] = "从严控制建议压减比例",
        ["cancelAfterPoorYears"] = "连续评为“差”建议取消的年数",
        ["appraisal"] = "年度考核评分表",
        ["items"] = "评分项目",
        ["countyItems"] = "县级财政部门考核评分项目",
        ["subItems"] = "子项",
        ["standard"] = "评分标准",
        ["measure"] = "系统计算口径",
        ["deductionPerFinding"] = "每个监督问题扣分",
        ["disclosure"] = "信息公开（PEFA PI-8）",
        ["pefaMostShare"] = "“大部分”覆盖比例",
        ["pefaMajorityShare"] = "“多数”覆盖比例",
        ["code"] = "代码",
        ["name"] = "名称",
        ["points"] = "分值",
        ["isDeduction"] = "扣分项",
        ["fiscalOperation"] = "财政运行综合绩效评价",
        ["indicators"] = "评价指标",
        ["dimension"] = "评价维度",
        ["weight"] = "权重",
        ["unit"] = "单位",
        ["higherIsBetter"] = "正向指标（越高越好）",
        ["target"] = "满分值",
        ["floor"] = "零分值",
        ["definition"] = "指标解释",
    };

    /// <summary>"priorAssessment.dimensions[0].points" → "事前绩效评估 · 评估维度 第1项 · 分值".</summary>
    public static string Of(string path) => string.Join(" · ", path.Split('.').Select(Segment));

    private static string Segment(string segment)
    {
        var m = IndexedSegment().Match(segment);
        if (!m.Success) return Segments.GetValueOrDefault(segment, segment);
        var name = Segments.GetValueOrDefault(m.Groups[1].Value, m.Groups[1].Value);
        return string.Concat(name, m.Groups[2].Captures.Select(c => $" 第{int.Parse(c.Value, System.Globalization.CultureInfo.InvariantCulture) + 1}项"));
    }

    /// <summary>A JSON value of the diff as plain text ("\"Mean\"" → 算术平均).</summary>
    public static string Value(string? json) => json switch
    {
        null => "（无）",
        "true" => "是",
        "false" => "否",
        "\"Mean\"" => "算术平均",
        "\"TrimmedMean\"" => "去掉最高最低分后平均",
        _ when json.StartsWith('"') => System.Text.Json.JsonSerializer.Deserialize<string>(json) ?? "",
        _ => json,
    };

    public static string ChineseName(this ExpertAggregation a) => a switch
    {
        ExpertAggregation.Mean => "算术平均",
        ExpertAggregation.TrimmedMean => "去掉最高最低分后平均",
    };

    [GeneratedRegex(@"^([A-Za-z0-9]+)(?:\[(\d+)\])+$")]
    private static partial Regex IndexedSegment();
}
