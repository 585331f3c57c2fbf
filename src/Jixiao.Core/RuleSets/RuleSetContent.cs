using System.Text.Json;
using System.Text.Json.Serialization;
using Jixiao.Core.Appraisals;

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

    public FiscalOperationRules FiscalOperation { get; set; } = new();

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = false,
        Converters = { new JsonStringEnumConverter() },
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static RuleSetContent FromJson(string json)
    {
        var c = JsonSerializer.Deserialize<RuleSetContent>(json, Json) ?? throw new InvalidOperationException("empty rule set");
        c.Appraisal ??= new();
        c.Appraisal.FillDefaults();
        return c;
    }

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

    /// <summary>
    /// The key-evaluation reference framework (财预〔2020〕10号 附件2, RULES §4) with default weights: a new key evaluation
    /// starts from this copy, whose weights the organiser then edits. Level 1 codes: Decision, Process, Output, Benefit.
    /// </summary>
    public List<KeyFrameworkItem> KeyFramework { get; set; } = KeyFrameworkItem.Defaults();

    /// <summary>
    /// The reference framework of a key evaluation of a department's whole spending (部门整体支出, RULES §4) with default weights: level 1
    /// is one of the six whole-department dimensions (codes OperatingCost 运行成本, ManagementEfficiency 管理效率, DutyPerformance 履职效能,
    /// SocialEffect 社会效应, SustainableCapacity 可持续发展能力, ServiceSatisfaction 服务对象满意度); weights sum to 100 and all six are present.
    /// </summary>
    public List<KeyFrameworkItem> DepartmentKeyFramework { get; set; } = KeyFrameworkItem.DepartmentDefaults();
}

/// <summary>One level-3 indicator of the key-evaluation reference framework.</summary>
public sealed class KeyFrameworkItem
{
    /// <summary>Decision (决策), Process (过程), Output (产出) or Benefit (效益).</summary>
    public string Level1 { get; set; } = "";
    public string Level2 { get; set; } = "";
    public string Name { get; set; } = "";
    public decimal Weight { get; set; }

    /// <summary>评分标准.</summary>
    public string Standard { get; set; } = "";

    private static KeyFrameworkItem I(string level1, string level2, string name, decimal weight, string standard) =>
        new() { Level1 = level1, Level2 = level2, Name = name, Weight = weight, Standard = standard };

    public static List<KeyFrameworkItem> Defaults() =>
    [
        I("Decision", "项目立项", "立项依据充分性", 3m, "符合法律法规、发展规划和部门职责，与同类项目不重复，得满分；每有一项不符合扣1分。"),
        I("Decision", "项目立项", "立项程序规范性", 3m, "按规定程序申请设立，审批文件、材料符合要求，事前绩效评估已开展，得满分；否则酌情扣分。"),
        I("Decision", "绩效目标", "绩效目标合理性", 3m, "绩效目标与实际工作内容相关，预期产出效益与预算投入匹配，得满分；否则酌情扣分。"),
        I("Decision", "绩效目标", "绩效指标明确性", 3m, "绩效目标细化分解为清晰、可衡量的指标，与年度任务数或计划数对应，得满分；否则酌情扣分。"),
        I("Decision", "资金投入", "预算编制科学性", 4m, "预算编制经过科学论证，内容与项目内容匹配，额度测算依据充分，得满分；否则酌情扣分。"),
        I("Decision", "资金投入", "资金分配合理性", 4m, "资金分配依据充分，额度与项目单位或地方实际相适应，得满分；否则酌情扣分。"),
        I("Process", "资金管理", "资金到位率", 3m, "资金到位率 = 实际到位资金 ÷ 预算资金 × 100%；得分 = 到位率 × 分值。"),
        I("Process", "资金管理", "预算执行率", 5m, "预算执行率 = 实际支出资金 ÷ 实际到位资金 × 100%；得分 = 执行率 × 分值。"),
        I("Process", "资金管理", "资金使用合规性", 4m, "资金使用符合财务管理制度和专项资金管理办法，无截留、挤占、挪用、虚列支出，得满分；发现一处违规扣1分。"),
        I("Process", "组织实施", "管理制度健全性", 3m, "已制定相应的财务和业务管理制度且合法、合规、完整，得满分；否则酌情扣分。"),
        I("Process", "组织实施", "制度执行有效性", 5m, "遵守相关法律法规和管理规定，调整及支出调整手续完备，资料齐全并及时归档，得满分；否则酌情扣分。"),
        I("Output", "产出数量", "实际完成率", 10m, "实际完成率 = 实际产出数 ÷ 计划产出数 × 100%；得分 = 完成率 × 分值。"),
        I("Output", "产出质量", "质量达标率", 8m, "质量达标率 = 质量达标产出数 ÷ 实际产出数 × 100%；得分 = 达标率 × 分值。"),
        I("Output", "产出时效", "完成及时性", 6m, "按计划时间完成得满分；每延迟一个月扣1分，扣完为止。"),
        I("Output", "产出成本", "成本节约率", 6m, "在计划成本内完成得满分；超出计划成本的，按超支比例扣分。"),
        I("Benefit", "项目效益", "经济效益", 5m, "对照绩效目标评价项目实施产生的直接或间接经济效益，达成得满分，部分达成酌情扣分。"),
        I("Benefit", "项目效益", "社会效益", 8m, "对照绩效目标评价项目实施产生的社会效益，达成得满分，部分达成酌情扣分。"),
        I("Benefit", "项目效益", "生态效益", 5m, "对照绩效目标评价项目实施对生态环境的影响，达成得满分，部分达成酌情扣分。"),
        I("Benefit", "项目效益", "可持续影响", 4m, "评价项目后续运行及成效发挥的可持续性，有长效机制得满分，否则酌情扣分。"),
        I("Benefit", "满意度", "服务对象满意度", 8m, "满意度 ≥ 90% 得满分；每低1个百分点扣0.5分，扣完为止。"),
    ];

    /// <summary>The whole-department reference framework (部门整体支出, RULES §4): the six dimensions, weights summing to 100.</summary>
    public static List<KeyFrameworkItem> DepartmentDefaults() =>
    [
        I("OperatingCost", "经济成本", "基本支出控制率", 5m, "基本支出控制率 = 实际基本支出 ÷ 预算基本支出 × 100%；不超过100%得满分，每超1个百分点扣0.5分，扣完为止。"),
        I("OperatingCost", "经济成本", "“三公”经费控制率", 5m, "“三公”经费实际支出不超过预算得满分；超出的，按超支比例扣分。"),
        I("OperatingCost", "成本控制", "项目支出成本控制", 5m, "项目实施成本控制在批复预算内且单位成本合理，得满分；否则酌情扣分。"),
        I("ManagementEfficiency", "预算管理", "预算执行率", 6m, "预算执行率 = 实际支出 ÷ 全年预算数 × 100%；得分 = 执行率 × 分值。"),
        I("ManagementEfficiency", "预算管理", "预决算信息公开", 4m, "按规定内容、时限公开部门预决算和绩效信息，得满分；每缺一项扣1分。"),
        I("ManagementEfficiency", "资产管理", "资产管理规范性", 4m, "资产配置、使用、处置合规，账实相符，得满分；否则酌情扣分。"),
        I("ManagementEfficiency", "绩效管理", "绩效管理开展情况", 6m, "按要求编报绩效目标、开展运行监控和绩效自评并应用结果，得满分；每缺一个环节扣2分。"),
        I("DutyPerformance", "重点工作", "重点工作任务完成率", 15m, "重点工作任务完成率 = 已完成重点任务数 ÷ 计划重点任务数 × 100%；得分 = 完成率 × 分值。"),
        I("DutyPerformance", "履职质量", "履职目标质量达标率", 10m, "履职产出达到质量标准的比例；得分 = 达标率 × 分值。"),
        I("SocialEffect", "社会效益", "经济社会发展贡献", 10m, "对照部门职能和年度目标评价履职对经济社会发展的促进作用，达成得满分，部分达成酌情扣分。"),
        I("SocialEffect", "公共服务", "公共服务水平提升", 5m, "对照年度目标评价公共服务覆盖面和水平的提升，达成得满分，部分达成酌情扣分。"),
        I("SustainableCapacity", "制度建设", "长效管理机制健全性", 5m, "建立健全内部控制、财务和业务管理等长效机制并有效运行，得满分；否则酌情扣分。"),
        I("SustainableCapacity", "人员队伍", "人才队伍建设", 5m, "人员结构合理，培训计划落实，得满分；否则酌情扣分。"),
        I("ServiceSatisfaction", "满意度", "服务对象满意度", 10m, "满意度 ≥ 90% 得满分；每低1个百分点扣0.5分，扣完为止。"),
        I("ServiceSatisfaction", "满意度", "社会公众满意度", 5m, "满意度 ≥ 85% 得满分；每低1个百分点扣0.5分，扣完为止。"),
    ];
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

/// <summary>
/// Yearly appraisal score sheets (RULES §8, Art. 10 and 36): <see cref="Items"/> for the city's (or county's) budget departments,
/// <see cref="CountyItems"/> for the county/district finance bureaus below; each item's sub-items carry its points and scoring standard.
/// </summary>
public sealed class AppraisalRules
{
    /// <summary>The department sheet (部门考核评分表).</summary>
    public List<AppraisalItem> Items { get; set; } = DepartmentDefaults();

    /// <summary>The county finance bureau sheet (县级财政部门考核评分表).</summary>
    public List<AppraisalItem> CountyItems { get; set; } = CountyDefaults();

    /// <summary>Points deducted per supervision finding, from the deduction item, not below 0.</summary>
    public decimal DeductionPerFinding { get; set; } = 2m;

    /// <summary>The sheet of a kind of subject.</summary>
    public List<AppraisalItem> SheetFor(bool county) => county ? CountyItems : Items;

    /// <summary>
    /// A rule set stored before the sub-items existed: an item without sub-items takes the default sub-items of its code when their points
    /// still add up to the item's, else one reviewer-scored sub-item of the whole item; a missing county sheet takes the defaults.
    /// </summary>
    public void FillDefaults()
    {
        Items ??= DepartmentDefaults();
        CountyItems ??= CountyDefaults();
        Fill(Items, DepartmentDefaults());
        Fill(CountyItems, CountyDefaults());
    }

    private static void Fill(List<AppraisalItem> items, List<AppraisalItem> defaults)
    {
        foreach (var item in items)
        {
            item.SubItems ??= [];
            if (item.SubItems.Count > 0) continue;
            var d = defaults.FirstOrDefault(x => x.Code == item.Code);
            item.SubItems = d is not null && d.SubItems.Sum(x => x.Points) == item.Points
                ? d.SubItems
                : [new() { Code = item.Code, Name = item.Name, Points = item.Points, Standard = "由考核组根据工作开展情况评分。" }];
        }
    }

    private static AppraisalSubItem S(string code, string name, decimal points, string standard, string? measure = null) =>
        new() { Code = code, Name = name, Points = points, Standard = standard, Measure = measure };

    private static AppraisalItem I(string code, string name, decimal points, params AppraisalSubItem[] subItems) =>
        new() { Code = code, Name = name, Points = points, SubItems = [.. subItems] };

    private static AppraisalItem Supervision() => new()
    {
        Code = "Supervision",
        Name = "监督发现问题",
        Points = 10m,
        IsDeduction = true,
        SubItems = [S("SupervisionFindings", "审计、人大、纪检监察等监督发现的绩效管理问题", 10m, "每发现一个问题按规则扣分，扣完为止。")],
    };

    public static List<AppraisalItem> DepartmentDefaults() =>
    [
        I("Foundation", "基础工作管理", 10m,
            S("Organisation", "组织机构与制度建设", 5m, "明确绩效管理牵头科室和专人，制定本部门绩效管理实施办法，得满分；缺一项扣2.5分。"),
            S("Training", "培训与宣传", 5m, "组织本部门及所属单位绩效管理培训不少于1次且资料完整，得满分；未开展不得分。")),
        I("GoalManagement", "绩效目标管理", 20m,
            S("GoalsOnTime", "绩效目标按时申报", 10m, "得分 = 按申报截止时间提交的绩效目标数 ÷ 应申报数 × 分值。", MeasureCodes.GoalsOnTime),
            S("GoalsQuality", "绩效目标编报质量", 10m, "得分 = （1 − 因质量问题被退回的绩效目标数 ÷ 已提交数）× 分值。", MeasureCodes.GoalsReturned)),
        I("Monitoring", "绩效跟踪监控", 15m,
            S("MonitoringCoverage", "绩效监控覆盖", 8m, "得分 = 报送绩效监控报告的项目数 ÷ 应监控项目数 × 分值。", MeasureCodes.MonitoringCoverage),
            S("MonitoringOnTime", "监控报告按时报送", 7m, "得分 = 按时报送的监控报告数 ÷ 应报送数 × 分值。", MeasureCodes.MonitoringOnTime)),
        I("Evaluation", "绩效评价实施", 20m,
            S("SelfEvaluationCoverage", "绩效自评覆盖", 7m, "得分 = 已提交自评的项目数 ÷ 纳入自评任务的项目数 × 分值。", MeasureCodes.SelfEvaluationCoverage),
            S("SelfEvaluationOnTime", "绩效自评按时完成", 6m, "得分 = 按期提交的自评表数 ÷ 应提交数 × 分值。", MeasureCodes.SelfEvaluationOnTime),
            S("SelfEvaluationQuality", "自评质量（再评价差异）", 7m, "得分 = （1 − 再评价差异超过阈值的自评数 ÷ 被再评价数）× 分值。", MeasureCodes.ReEvaluationDifferences)),
        I("ResultApplication", "评价结果应用", 20m,
            S("RectificationOnTime", "问题整改按期完成", 10m, "得分 = 按期完成并通过验收的整改数 ÷ 应整改数 × 分值。", MeasureCodes.RectificationOnTime),
            S("Publication", "绩效信息公开", 5m, "得分 = 已公开的绩效目标和评价结果数 ÷ 应公开数 × 分值。", MeasureCodes.PublishedShare),
            S("BudgetUse", "结果与预算安排挂钩", 5m, "将评价结果作为本部门预算安排和政策调整的重要依据并有记录，得满分；否则酌情扣分。")),
        I("Innovation", "绩效管理创新", 5m,
            S("Practice", "创新做法与经验推广", 5m, "绩效管理工作有创新举措并被上级推广或媒体报道，得满分；有创新举措的酌情得分。")),
        Supervision(),
    ];

    public static List<AppraisalItem> CountyDefaults() =>
    [
        I("Foundation", "基础工作管理", 10m,
            S("Organisation", "组织机构与制度建设", 4m, "设立或明确绩效管理机构和专职人员，出台本级预算绩效管理实施细则并报市财政局备案，得满分；缺一项扣2分。"),
            S("Training", "培训与宣传", 3m, "组织本级部门绩效管理培训不少于1次，得满分；未开展不得分。"),
            S("Guidance", "对下指导", 3m, "对本级部门和乡镇开展绩效管理业务指导和督导检查并有记录，得满分；否则酌情扣分。")),
        I("GoalManagement", "绩效目标管理", 20m,
            S("GoalsOnTime", "绩效目标按时申报", 10m, "得分 = 按申报截止时间提交的绩效目标数 ÷ 应申报数 × 分值。", MeasureCodes.GoalsOnTime),
            S("GoalsQuality", "绩效目标审核质量", 10m, "得分 = （1 − 因质量问题被退回的绩效目标数 ÷ 已提交数）× 分值。", MeasureCodes.GoalsReturned)),
        I("Monitoring", "绩效跟踪监控", 15m,
            S("MonitoringCoverage", "绩效监控覆盖", 8m, "得分 = 报送绩效监控报告的项目数 ÷ 应监控项目数 × 分值。", MeasureCodes.MonitoringCoverage),
            S("MonitoringOnTime", "监控报告按时报送", 7m, "得分 = 按时报送的监控报告数 ÷ 应报送数 × 分值。", MeasureCodes.MonitoringOnTime)),
        I("Evaluation", "绩效评价实施", 20m,
            S("SelfEvaluationCoverage", "绩效自评覆盖", 7m, "得分 = 已提交自评的项目数 ÷ 纳入自评任务的项目数 × 分值。", MeasureCodes.SelfEvaluationCoverage),
            S("SelfEvaluationOnTime", "绩效自评按时完成", 6m, "得分 = 按期提交的自评表数 ÷ 应提交数 × 分值。", MeasureCodes.SelfEvaluationOnTime),
            S("SelfEvaluationQuality", "自评质量（再评价差异）", 7m, "得分 = （1 − 再评价差异超过阈值的自评数 ÷ 被再评价数）× 分值。", MeasureCodes.ReEvaluationDifferences)),
        I("ResultApplication", "评价结果应用", 20m,
            S("RectificationOnTime", "问题整改按期完成", 10m, "得分 = 按期完成并通过验收的整改数 ÷ 应整改数 × 分值。", MeasureCodes.RectificationOnTime),
            S("Publication", "绩效信息公开", 5m, "得分 = 已公开的绩效目标和评价结果数 ÷ 应公开数 × 分值。", MeasureCodes.PublishedShare),
            S("BudgetUse", "结果与预算安排挂钩", 5m, "建立评价结果与预算安排、政策调整挂钩机制并落实，得满分；否则酌情扣分。")),
        I("Innovation", "绩效管理创新", 5m,
            S("Practice", "创新做法与经验推广", 5m, "绩效管理工作有创新举措并被省、市推广，得满分；有创新举措的酌情得分。")),
        Supervision(),
    ];
}

/// <summary>One item of an appraisal score sheet (基础工作管理, 绩效目标管理, …); its sub-items' points add up to its points.</summary>
public sealed class AppraisalItem
{
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public decimal Points { get; set; }

    /// <summary>监督发现问题: points are deducted per finding, not below 0.</summary>
    public bool IsDeduction { get; set; }

    public List<AppraisalSubItem> SubItems { get; set; } = [];
}

/// <summary>
/// One sub-item of an appraisal item: points and scoring standard (评分标准); <see cref="Measure"/> names a
/// <see cref="Appraisals.MeasureCodes"/> code when the system computes it, else the subject self-scores it and the reviewer checks.
/// </summary>
public sealed class AppraisalSubItem
{
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public decimal Points { get; set; }
    public string Standard { get; set; } = "";
    public string? Measure { get; set; }
}

/// <summary>PEFA PI-8 coverage words for the public reports (RULES §10).</summary>
public sealed class DisclosureRules
{
    /// <summary>"most": at least this share of service-delivery spending.</summary>
    public decimal PefaMostShare { get; set; } = 0.75m;

    /// <summary>"majority": more than this share.</summary>
    public decimal PefaMajorityShare { get; set; } = 0.50m;
}
