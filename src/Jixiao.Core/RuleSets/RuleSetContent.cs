using System.Text.Json;
using System.Text.Json.Serialization;

namespace Jixiao.Core.RuleSets;

/// <summary>
/// Every number of RULES.md, as the versioned data of one region and fiscal year (DESIGN principle 1).
/// The defaults below are the national / Changzhi defaults; counties edit their own copy (Art. 38).
/// </summary>
public sealed class RuleSetContent
{
    public GradeBands Grades { get; set; } = new();

    public SelfEvaluationRules SelfEvaluation { get; set; } = new();

    public MonitoringRules Monitoring { get; set; } = new();

    public EvaluationRules Evaluation { get; set; } = new();

    public PriorAssessmentRules PriorAssessment { get; set; } = new();

    public GoalRules Goals { get; set; } = new();

    public ResultRules Results { get; set; } = new();

    public AppraisalRules Appraisal { get; set; } = new();

    public DisclosureRules Disclosure { get; set; } = new();

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = false,
        Converters = { new JsonStringEnumConverter() },
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static RuleSetContent FromJson(string json) =>
        JsonSerializer.Deserialize<RuleSetContent>(json, Json) ?? throw new InvalidOperationException("empty rule set");

    public RuleSetContent Clone() => FromJson(ToJson());
}

/// <summary>Art. 27, 财预〔2020〕10号: 优 ≥ 90, 良 ≥ 80, 中 ≥ 60, 差 below. Lower edges are inclusive.</summary>
public sealed class GradeBands
{
    public decimal Excellent { get; set; } = 90m;
    public decimal Good { get; set; } = 80m;
    public decimal Fair { get; set; } = 60m;

    public Grade GradeOf(decimal score) =>
        score >= Excellent ? Grade.Excellent : score >= Good ? Grade.Good : score >= Fair ? Grade.Fair : Grade.Poor;
}

public enum Grade
{
    Excellent,
    Good,
    Fair,
    Poor,
}

public static class Grades
{
    public static string ChineseName(this Grade g) => g switch
    {
        Grade.Excellent => "优",
        Grade.Good => "良",
        Grade.Fair => "中",
        Grade.Poor => "差",
    };
}

/// <summary>A share band [Min, Max) of an indicator's weight for a qualitative judgement (RULES §3).</summary>
public sealed class ShareBand
{
    public decimal Min { get; set; }
    public decimal Max { get; set; }
}

/// <summary>财预〔2020〕10号 self-evaluation scoring numbers (RULES §3).</summary>
public sealed class SelfEvaluationRules
{
    public decimal ExecutionRatePoints { get; set; } = 10m;
    public decimal OutputPoints { get; set; } = 50m;
    public decimal BenefitPoints { get; set; } = 30m;
    public decimal SatisfactionPoints { get; set; } = 10m;

    /// <summary>For `≤` indicators: at A ≥ factor × T the indicator scores 0.</summary>
    public decimal LessIsBetterZeroFactor { get; set; } = 2m;

    /// <summary>A ≥ threshold × T needs a written explanation (over-achievement).</summary>
    public decimal OverAchievementThreshold { get; set; } = 1.30m;

    public ShareBand Achieved { get; set; } = new() { Min = 0.8m, Max = 1m };
    public ShareBand Partial { get; set; } = new() { Min = 0.6m, Max = 0.8m };
    public ShareBand NotAchieved { get; set; } = new() { Min = 0m, Max = 0.6m };

    /// <summary>Level-3 weights must add up to 100 − execution-rate points.</summary>
    [JsonIgnore]
    public decimal IndicatorWeightTotal => 100m - ExecutionRatePoints;
}

/// <summary>财预〔2019〕136号 warning bands, as fractions (RULES §5). A value on an edge belongs to the higher band.</summary>
public sealed class MonitoringRules
{
    /// <summary>Below this ratio: red.</summary>
    public decimal YellowFrom { get; set; } = 0.60m;

    /// <summary>From this ratio: green.</summary>
    public decimal GreenFrom { get; set; } = 0.80m;

    /// <summary>From this ratio (indicators only): blue, ahead of plan.</summary>
    public decimal BlueFrom { get; set; } = 1.20m;

    /// <summary>The main monitoring round: data to the end of this month.</summary>
    public int MainRoundMonth { get; set; } = 7;

    /// <summary>Key monitoring filter (Taiyuan practice): budget at least this many yuan …</summary>
    public decimal KeyMonitoringMinBudget { get; set; } = 2_000_000m;

    /// <summary>… and execution rate below this fraction …</summary>
    public decimal KeyMonitoringMaxExecutionRate { get; set; } = 0.60m;

    /// <summary>… at the end of this month.</summary>
    public int KeyMonitoringMonth { get; set; } = 8;
}

/// <summary>Key evaluation and re-evaluation numbers (RULES §4).</summary>
public sealed class EvaluationRules
{
    /// <summary>Output + benefit weights of a key-evaluation framework must reach this.</summary>
    public decimal OutputPlusBenefitMinimum { get; set; } = 60m;

    /// <summary>A re-evaluation total differing by more than this flags a low-quality self-evaluation.</summary>
    public decimal ReEvaluationFlagDifference { get; set; } = 10m;

    public ExpertAggregation ExpertAggregation { get; set; } = ExpertAggregation.Mean;

    public int DefaultExpertCount { get; set; } = 3;
}

public enum ExpertAggregation
{
    Mean,
    TrimmedMean,
}

/// <summary>Art. 14 ex-ante assessment: six dimensions and conclusion bands (RULES §6).</summary>
public sealed class PriorAssessmentRules
{
    public List<ScoredItem> Dimensions { get; set; } =
    [
        new() { Code = "Necessity", Name = "立项必要性", Points = 20m },
        new() { Code = "Economy", Name = "投入经济性", Points = 20m },
        new() { Code = "GoalReasonableness", Name = "绩效目标合理性", Points = 20m },
        new() { Code = "Feasibility", Name = "实施方案可行性", Points = 20m },
        new() { Code = "FinancingCompliance", Name = "筹资合规性", Points = 10m },
        new() { Code = "RiskResponse", Name = "风险应对措施", Points = 10m },
    ];

    /// <summary>≥ this: 予以支持.</summary>
    public decimal SupportFrom { get; set; } = 80m;

    /// <summary>≥ this: 调整完善后支持; below: 不予支持.</summary>
    public decimal SupportAfterRevisionFrom { get; set; } = 60m;

    public int DefaultExpertCount { get; set; } = 3;
}

public sealed class ScoredItem
{
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public decimal Points { get; set; }
}

/// <summary>Goal declaration and quality-check numbers (RULES §2).</summary>
public sealed class GoalRules
{
    /// <summary>A cost indicator differing from the project budget by more than this share is a finding.</summary>
    public decimal CostDeviationShare { get; set; } = 0.10m;

    /// <summary>Level-1 categories every project goal must have (Art. 15).</summary>
    public List<string> RequiredLevel1 { get; set; } = ["Output", "Benefit"];

    /// <summary>The level-1/level-2 code list; covers both the 88号/10号 and the 101号 layout.</summary>
    public List<IndicatorCategory> Categories { get; set; } = IndicatorCategory.Defaults();
}

public sealed class IndicatorCategory
{
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public List<CodeName> Subcategories { get; set; } = [];

    public static List<IndicatorCategory> Defaults() =>
    [
        new() { Code = "Cost", Name = "成本指标", Subcategories = [new("EconomicCost", "经济成本指标"), new("SocialCost", "社会成本指标"), new("EcologicalCost", "生态环境成本指标")] },
        new() { Code = "Output", Name = "产出指标", Subcategories = [new("Quantity", "数量指标"), new("Quality", "质量指标"), new("Timeliness", "时效指标"), new("Cost", "成本指标")] },
        new() { Code = "Benefit", Name = "效益指标", Subcategories = [new("Economic", "经济效益指标"), new("Social", "社会效益指标"), new("Ecological", "生态效益指标"), new("Sustainability", "可持续影响指标")] },
        new() { Code = "Satisfaction", Name = "满意度指标", Subcategories = [new("ServiceRecipient", "服务对象满意度指标")] },
    ];
}

public sealed class CodeName
{
    public CodeName() { }

    public CodeName(string code, string name)
    {
        Code = code;
        Name = name;
    }

    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
}

/// <summary>Use of results (RULES §7).</summary>
public sealed class ResultRules
{
    public int RectificationDeadlineDays { get; set; } = 30;

    /// <summary>Days before a deadline when the reminder goes out.</summary>
    public int RectificationReminderDays { get; set; } = 7;

    /// <summary>从严控制: suggested reduction of the project's budget.</summary>
    public decimal StrictControlReductionShare { get; set; } = 0.20m;

    /// <summary>Cancellation is suggested after this many 差 years in a row.</summary>
    public int CancelAfterPoorYears { get; set; } = 2;
}

/// <summary>Yearly appraisal score sheet (RULES §8).</summary>
public sealed class AppraisalRules
{
    public List<AppraisalItem> Items { get; set; } =
    [
        new() { Code = "Foundation", Name = "基础工作管理", Points = 10m },
        new() { Code = "GoalManagement", Name = "绩效目标管理", Points = 20m },
        new() { Code = "Monitoring", Name = "绩效跟踪监控", Points = 15m },
        new() { Code = "Evaluation", Name = "绩效评价实施", Points = 20m },
        new() { Code = "ResultApplication", Name = "评价结果应用", Points = 20m },
        new() { Code = "Innovation", Name = "绩效管理创新", Points = 5m },
        new() { Code = "Supervision", Name = "监督发现问题", Points = 10m, IsDeduction = true },
    ];

    /// <summary>Points deducted per supervision finding, from the deduction item, not below 0.</summary>
    public decimal DeductionPerFinding { get; set; } = 2m;
}

public sealed class AppraisalItem
{
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public decimal Points { get; set; }
    public bool IsDeduction { get; set; }
}

/// <summary>PEFA PI-8 coverage words for the public reports (RULES §10).</summary>
public sealed class DisclosureRules
{
    /// <summary>"most": at least this share of service-delivery spending.</summary>
    public decimal PefaMostShare { get; set; } = 0.75m;

    /// <summary>"majority": more than this share.</summary>
    public decimal PefaMajorityShare { get; set; } = 0.50m;
}
