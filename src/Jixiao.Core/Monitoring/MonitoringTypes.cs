using Jixiao.Core.Indicators;

namespace Jixiao.Core.Monitoring;

/// <summary>
/// The colour of a warning (RULES §5). Do not compare by ordinal: how bad a colour is comes from
/// <see cref="MonitoringNames.Severity"/> (red, yellow, blue, green from worst to best).
/// </summary>
public enum WarningColor
{
    /// <summary>绿灯: on plan.</summary>
    Green,
    /// <summary>黄灯: behind plan.</summary>
    Yellow,
    /// <summary>红灯: far behind plan (or a `≤` indicator over its target).</summary>
    Red,
    /// <summary>蓝灯: ahead of plan; the target may have been set too low (indicators only).</summary>
    Blue,
}

/// <summary>The unit's own judgement of a qualitative indicator so far (RULES §5): 达成 / 部分达成 / 未达成.</summary>
public enum QualitativeBand
{
    Achieved,
    Partial,
    NotAchieved,
}

/// <summary>Why an indicator deviates from its goal (偏差原因, RULES §5), as the unit reports it.</summary>
public enum DeviationReason
{
    /// <summary>经费保障</summary>
    Funding,
    /// <summary>制度保障</summary>
    Institutional,
    /// <summary>人员保障</summary>
    Staffing,
    /// <summary>硬件条件保障</summary>
    Facilities,
    /// <summary>其他</summary>
    Other,
}

/// <summary>How likely the unit thinks the full-year target is reached (完成目标可能性, RULES §5).</summary>
public enum Likelihood
{
    /// <summary>确定能</summary>
    Certain,
    /// <summary>有可能</summary>
    Possible,
    /// <summary>完全不可能</summary>
    Impossible,
}

/// <summary>Chinese names, wire names and parsing of the monitoring enums.</summary>
public static class MonitoringNames
{
    /// <summary>The Chinese name shown on pages and in exports.</summary>
    public static string ChineseName(this WarningColor c) => c switch
    {
        WarningColor.Green => "绿灯",
        WarningColor.Yellow => "黄灯",
        WarningColor.Red => "红灯",
        WarningColor.Blue => "蓝灯",
    };

    /// <summary>What the colour means, for a tooltip or a legend.</summary>
    public static string Meaning(this WarningColor c) => c switch
    {
        WarningColor.Green => "进度正常",
        WarningColor.Yellow => "进度偏慢，需关注",
        WarningColor.Red => "严重偏离，需纠偏",
        WarningColor.Blue => "超前完成，请核实目标值是否偏低",
    };

    /// <summary>The stable lower-case name of the API and of stored snapshots: green, yellow, red, blue.</summary>
    public static string WireName(this WarningColor c) => c switch
    {
        WarningColor.Green => "green",
        WarningColor.Yellow => "yellow",
        WarningColor.Red => "red",
        WarningColor.Blue => "blue",
    };

    /// <summary>How bad a colour is: red 3, yellow 2, blue 1, green 0 (RULES §5: "in the order red, yellow, blue, green").</summary>
    public static int Severity(this WarningColor c) => c switch
    {
        WarningColor.Red => 3,
        WarningColor.Yellow => 2,
        WarningColor.Blue => 1,
        WarningColor.Green => 0,
    };

    public static WarningColor? ParseColor(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        "green" or "绿" or "绿灯" or "绿色" => WarningColor.Green,
        "yellow" or "黄" or "黄灯" or "黄色" => WarningColor.Yellow,
        "red" or "红" or "红灯" or "红色" => WarningColor.Red,
        "blue" or "蓝" or "蓝灯" or "蓝色" => WarningColor.Blue,
        _ => null,
    };

    public static string ChineseName(this QualitativeBand b) => b switch
    {
        QualitativeBand.Achieved => "达成",
        QualitativeBand.Partial => "部分达成",
        QualitativeBand.NotAchieved => "未达成",
    };

    /// <summary>The API's name: achieved, partial, notAchieved.</summary>
    public static string WireName(this QualitativeBand b) => b switch
    {
        QualitativeBand.Achieved => "achieved",
        QualitativeBand.Partial => "partial",
        QualitativeBand.NotAchieved => "notAchieved",
    };

    /// <summary>Parses the API's names (any case) and the Chinese words.</summary>
    public static QualitativeBand? ParseBand(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        "achieved" or "达成" => QualitativeBand.Achieved,
        "partial" or "partiallyachieved" or "部分达成" => QualitativeBand.Partial,
        "notachieved" or "未达成" => QualitativeBand.NotAchieved,
        _ => null,
    };

    /// <summary>
    /// The comparison of an indicator as the API writes it: the signs <see cref="IndicatorNames.ParseComparison"/>
    /// knows (≥ &gt;= ≤ &lt;= = …) and "qualitative" in any case.
    /// </summary>
    public static Comparison? ParseComparison(string? text) =>
        string.Equals(text?.Trim(), "qualitative", StringComparison.OrdinalIgnoreCase) ? Comparison.Qualitative : IndicatorNames.ParseComparison(text);

    public static string ChineseName(this DeviationReason r) => r switch
    {
        DeviationReason.Funding => "经费保障",
        DeviationReason.Institutional => "制度保障",
        DeviationReason.Staffing => "人员保障",
        DeviationReason.Facilities => "硬件条件保障",
        DeviationReason.Other => "其他",
    };

    public static DeviationReason? ParseDeviationReason(string? text)
    {
        var t = text?.Trim();
        if (string.IsNullOrEmpty(t)) return null;
        foreach (var r in Enum.GetValues<DeviationReason>())
        {
            var name = r.ChineseName();
            // 经费 alone is what the monitoring form prints in its column header (经费/制度/人员/硬件条件保障).
            if (t == name || (r != DeviationReason.Other && t == name[..^2]) || string.Equals(t, r.ToString(), StringComparison.OrdinalIgnoreCase)) return r;
        }
        return null;
    }

    public static string ChineseName(this Likelihood l) => l switch
    {
        Likelihood.Certain => "确定能",
        Likelihood.Possible => "有可能",
        Likelihood.Impossible => "完全不可能",
    };

    public static Likelihood? ParseLikelihood(string? text)
    {
        var t = text?.Trim();
        if (string.IsNullOrEmpty(t)) return null;
        foreach (var l in Enum.GetValues<Likelihood>())
            if (t == l.ChineseName() || string.Equals(t, l.ToString(), StringComparison.OrdinalIgnoreCase)) return l;
        return null;
    }
}
