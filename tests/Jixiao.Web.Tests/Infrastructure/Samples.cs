using System.Text.Json.Nodes;

namespace Jixiao.Web.Tests.Infrastructure;

/// <summary>
/// Valid request bodies tests start from: a project a unit registers for 2026, and a goal of six indicators that passes the
/// quality check (output, benefit and satisfaction; weights 100).
/// </summary>
public static class Samples
{
    public static JsonObject Project(string name, decimal appropriation = 600_000m) => new()
    {
        ["code"] = "T" + Guid.NewGuid().ToString("N")[..12],
        ["name"] = name,
        ["kind"] = "Project",
        ["budgetKind"] = "General",
        ["category"] = "Ordinary",
        ["isNewMajor"] = false,
        ["isRenewal"] = false,
        ["startYear"] = 2026,
        ["endYear"] = 2026,
        ["responsiblePersonName"] = "测试责任人",
        ["responsiblePersonPhone"] = "13800000000",
        ["currentYearAppropriation"] = appropriation,
        ["carryOver"] = 0m,
        ["otherFunding"] = 0m,
        ["fiscalYear"] = 2026,
    };

    /// <summary>The six indicators; the cost indicator (at most) is <paramref name="costWan"/> 万元.</summary>
    public static JsonArray Indicators(decimal costWan = 60m) => new(
        Indicator("Output", "Quantity", "完成数量", 10m, "个", 20m), Indicator("Output", "Quality", "验收合格率", 100m, "%", 15m),
        Indicator("Output", "Timeliness", "按期完成率", 100m, "%", 10m), Indicator("Output", "Cost", "项目总成本", costWan, "万元", 5m, "AtMost"),
        Indicator("Benefit", "Social", "受益人数", 1000m, "人", 30m), Indicator("Satisfaction", "ServiceRecipient", "满意度", 90m, "%", 10m));

    public static JsonObject Indicator(string l1, string l2, string name, decimal target, string unit, decimal weight, string comparison = "AtLeast") => new()
    {
        ["level1"] = l1,
        ["level2"] = l2,
        ["name"] = name,
        ["comparison"] = comparison,
        ["targetValue"] = target,
        ["unit"] = unit,
        ["weight"] = weight,
        ["basis"] = "Plan",
    };
}
