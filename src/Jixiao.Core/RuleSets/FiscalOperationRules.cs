namespace Jixiao.Core.RuleSets;

/// <summary>
/// The indicator framework of the county fiscal operation evaluation (财政运行综合绩效评价, Art. 26, 35; issue 8): five dimensions, each
/// indicator with its weight, unit, direction and scoring standard (full marks at or beyond the target, zero at or beyond the floor,
/// linear between). Weights sum to 100. A rule set stored before this existed loads with these defaults.
/// </summary>
public sealed class FiscalOperationRules
{
    public List<FiscalIndicator> Indicators { get; set; } = FiscalIndicator.Defaults();
}

/// <summary>One indicator of the fiscal operation framework.</summary>
public sealed class FiscalIndicator
{
    /// <summary>Short code, unique in the framework (a column header of the import).</summary>
    public string Code { get; set; } = "";

    public string Name { get; set; } = "";

    /// <summary>RevenueQuality 收入质量, ExpenditureExecution 支出结构与执行, DebtRisk 债务风险, BasicLivelihood 基本民生保障（三保）,
    /// PerformanceManagement 预算绩效管理.</summary>
    public string Dimension { get; set; } = "";

    public decimal Weight { get; set; }

    /// <summary>The unit the value is given in, e.g. "%" (values as percentages: 78.5 means 78.5%) or "月".</summary>
    public string Unit { get; set; } = "%";

    /// <summary>True: higher is better (full marks at ≥ Target, zero at ≤ Floor); false: lower is better (full at ≤ Target, zero at ≥ Floor).</summary>
    public bool HigherIsBetter { get; set; } = true;

    /// <summary>满分值: the value that earns the full weight.</summary>
    public decimal Target { get; set; }

    /// <summary>零分值: the value that earns nothing.</summary>
    public decimal Floor { get; set; }

    /// <summary>指标解释 (how the value is computed).</summary>
    public string Definition { get; set; } = "";

    private static FiscalIndicator I(string code, string dimension, string name, decimal weight, string unit, bool higher, decimal target, decimal floor,
        string definition) =>
        new()
        {
            Code = code,
            Dimension = dimension,
            Name = name,
            Weight = weight,
            Unit = unit,
            HigherIsBetter = higher,
            Target = target,
            Floor = floor,
            Definition = definition,
        };

    /// <summary>The default framework, after the 财政部 地方财政运行综合绩效评价 practice and Shanxi's county fiscal operation indicators.</summary>
    public static List<FiscalIndicator> Defaults() =>
    [
        I("R1", "RevenueQuality", "税收收入占一般公共预算收入比重", 8m, "%", true, 75m, 50m, "税收收入 ÷ 一般公共预算收入 × 100%"),
        I("R2", "RevenueQuality", "一般公共预算收入预算完成率", 6m, "%", true, 100m, 90m, "一般公共预算收入决算数 ÷ 年初预算数 × 100%"),
        I("R3", "RevenueQuality", "一般公共预算收入增长率", 6m, "%", true, 6m, 0m, "（本年收入 − 上年收入）÷ 上年收入 × 100%（同口径）"),
        I("E1", "ExpenditureExecution", "一般公共预算支出执行率", 8m, "%", true, 95m, 80m, "一般公共预算支出决算数 ÷ 调整预算数 × 100%"),
        I("E2", "ExpenditureExecution", "民生支出占一般公共预算支出比重", 6m, "%", true, 75m, 60m, "教育、社保就业、卫生健康等民生支出 ÷ 一般公共预算支出 × 100%"),
        I("E3", "ExpenditureExecution", "“三公”经费支出增长率", 5m, "%", false, 0m, 10m, "（本年“三公”经费 − 上年）÷ 上年 × 100%；不增长得满分"),
        I("E4", "ExpenditureExecution", "结转结余资金占一般公共预算支出比重", 6m, "%", false, 5m, 15m, "年末结转结余资金 ÷ 一般公共预算支出 × 100%"),
        I("D1", "DebtRisk", "债务率", 10m, "%", false, 100m, 120m, "政府债务余额 ÷ 综合财力 × 100%（警戒线120%）"),
        I("D2", "DebtRisk", "利息支出率", 5m, "%", false, 5m, 10m, "政府债务利息支出 ÷ 一般公共预算支出与政府性基金支出之和 × 100%"),
        I("D3", "DebtRisk", "新增专项债券资金支出进度", 5m, "%", true, 90m, 60m, "年末已支出的新增专项债券资金 ÷ 当年发行额 × 100%"),
        I("B1", "BasicLivelihood", "三保支出保障率", 10m, "%", true, 100m, 90m, "“三保”实际支出 ÷ “三保”支出需求 × 100%"),
        I("B2", "BasicLivelihood", "库款保障水平", 5m, "月", true, 0.8m, 0.3m, "月末国库库款余额 ÷ 月均库款流出量（全年平均）"),
        I("B3", "BasicLivelihood", "工资按时足额发放率", 5m, "%", true, 100m, 95m, "按时足额发放的月份和人员 ÷ 应发 × 100%"),
        I("P1", "PerformanceManagement", "绩效目标覆盖率", 5m, "%", true, 100m, 80m, "编报绩效目标的项目资金 ÷ 项目资金总额 × 100%"),
        I("P2", "PerformanceManagement", "绩效自评覆盖率", 5m, "%", true, 100m, 80m, "开展绩效自评的项目资金 ÷ 项目资金总额 × 100%"),
        I("P3", "PerformanceManagement", "绩效评价结果应用率", 5m, "%", true, 100m, 60m, "评价结果应用于预算安排或整改的项目数 ÷ 评价项目数 × 100%"),
    ];
}
