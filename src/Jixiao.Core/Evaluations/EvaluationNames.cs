using Jixiao.Core.RuleSets;

namespace Jixiao.Core.Evaluations;

/// <summary>Wire names of the evaluation API: grades and level-1 indicator categories.</summary>
public static class EvaluationNames
{
    /// <summary>The API's name of a grade: excellent, good, fair, poor.</summary>
    public static string WireName(this Grade g) => g switch
    {
        Grade.Excellent => "excellent",
        Grade.Good => "good",
        Grade.Fair => "fair",
        Grade.Poor => "poor",
    };

    /// <summary>
    /// The rule set's level-1 code (Cost, Output, Benefit, Satisfaction) of the API's name (cost, output, benefit,
    /// satisfaction, any case) or of the Chinese name (成本指标, 产出指标, 效益指标, 满意度指标, with or without 指标); null when unknown.
    /// </summary>
    public static string? ParseLevel1(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        "cost" or "成本" or "成本指标" => "Cost",
        "output" or "产出" or "产出指标" => "Output",
        "benefit" or "效益" or "效益指标" => "Benefit",
        "satisfaction" or "满意度" or "满意度指标" => "Satisfaction",
        _ => null,
    };

    /// <summary>The API's name of a level-1 code: Output → output.</summary>
    public static string Level1WireName(string code) => code.Length == 0 ? code : char.ToLowerInvariant(code[0]) + code[1..];
}
