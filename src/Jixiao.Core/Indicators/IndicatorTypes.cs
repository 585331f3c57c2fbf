namespace Jixiao.Core.Indicators;

/// <summary>How an indicator's actual value is compared with its target (RULES §2): ≥, ≤, = or qualitative.</summary>
public enum Comparison
{
    /// <summary>≥: higher is better.</summary>
    AtLeast,
    /// <summary>≤: lower is better.</summary>
    AtMost,
    /// <summary>=: equal to the target.</summary>
    Equal,
    /// <summary>定性: judged in bands (达成 / 部分达成 / 未达成).</summary>
    Qualitative,
}

/// <summary>Where a target value comes from (指标值设定依据).</summary>
public enum TargetBasis
{
    /// <summary>计划标准</summary>
    Plan,
    /// <summary>行业标准</summary>
    Industry,
    /// <summary>历史标准</summary>
    History,
    /// <summary>其他标准</summary>
    Other,
}

/// <summary>指标库 scopes: 共性 (national framework, kept by the performance section), 行业 (a department's sector), 个性 (one project's).</summary>
public enum IndicatorScope
{
    Common,
    Sector,
    Specific,
}

public static class IndicatorNames
{
    public static string Symbol(this Comparison c) => c switch
    {
        Comparison.AtLeast => "≥",
        Comparison.AtMost => "≤",
        Comparison.Equal => "=",
        Comparison.Qualitative => "定性",
    };

    /// <summary>Parses the signs finance systems print (≥ ≧ >= 大于等于 正向 …; DATA-STANDARD "Formats seen").</summary>
    public static Comparison? ParseComparison(string? text)
    {
        var t = text?.Trim();
        return t switch
        {
            null or "" => null,
            "≥" or "≧" or ">=" or "＞＝" or "大于等于" or "正向" or "不低于" or "AtLeast" => Comparison.AtLeast,
            "≤" or "≦" or "<=" or "＜＝" or "小于等于" or "反向" or "不高于" or "AtMost" => Comparison.AtMost,
            "=" or "═" or "﹦" or "＝" or "等于" or "Equal" => Comparison.Equal,
            "定性" or "Qualitative" => Comparison.Qualitative,
            _ => null,
        };
    }

    public static string ChineseName(this TargetBasis b) => b switch
    {
        TargetBasis.Plan => "计划标准",
        TargetBasis.Industry => "行业标准",
        TargetBasis.History => "历史标准",
        TargetBasis.Other => "其他标准",
    };

    public static string ChineseName(this IndicatorScope s) => s switch
    {
        IndicatorScope.Common => "共性指标",
        IndicatorScope.Sector => "行业指标",
        IndicatorScope.Specific => "个性指标",
    };

    /// <summary>True when the unit is money, so the target is an amount: 元 or 万元 (converted to yuan).</summary>
    public static decimal? AmountInYuan(decimal? value, string? unit) => unit?.Trim() switch
    {
        "元" => value,
        "万元" => value * 10_000m,
        _ => null,
    };
}

/// <summary>A level-3 indicator as plain values, for the pure rules (quality check, weights, scoring).</summary>
public sealed record IndicatorSpec(
    string Level1,
    string Level2,
    string Name,
    Comparison Comparison,
    decimal? Target,
    string? TargetText,
    string? Unit,
    decimal Weight);
