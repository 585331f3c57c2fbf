namespace Jixiao.Core.Evaluations;

/// <summary>
/// The dimensions of a whole-department evaluation (部门整体绩效, RULES §4): 运行成本, 管理效率, 履职效能, 社会效应, 可持续发展能力,
/// 服务对象满意度. A department-wide goal declares its indicators in the usual indicator tree; its self-evaluation form groups them under
/// these dimensions by their level-1 and level-2 categories, and scores them with the same engine as a project's.
/// </summary>
public static class DepartmentDimensions
{
    public static readonly IReadOnlyList<string> Names = ["运行成本", "管理效率", "履职效能", "社会效应", "可持续发展能力", "服务对象满意度"];

    /// <summary>
    /// The dimensions' codes, in the order of <see cref="Names"/>: the level 1 of a key evaluation of a department's whole spending
    /// (its framework is the rule set's <c>Evaluation.DepartmentKeyFramework</c>).
    /// </summary>
    public static readonly IReadOnlyList<string> Codes =
        ["OperatingCost", "ManagementEfficiency", "DutyPerformance", "SocialEffect", "SustainableCapacity", "ServiceSatisfaction"];

    /// <summary>The Chinese name of a dimension code; null for a code that is not one.</summary>
    public static string? NameOf(string code) => Codes.ToList().IndexOf(code) is var i and >= 0 ? Names[i] : null;

    /// <summary>The dimension an indicator of a department-wide goal belongs to, by its level-1 and level-2 codes.</summary>
    public static string Of(string level1, string level2) => (level1, level2) switch
    {
        ("Cost", _) or ("Output", "Cost") => "运行成本",
        ("Output", "Timeliness") => "管理效率",
        ("Output", _) => "履职效能",
        ("Benefit", "Sustainability") => "可持续发展能力",
        ("Benefit", _) => "社会效应",
        ("Satisfaction", _) => "服务对象满意度",
        _ => "履职效能",
    };

    /// <summary>The dimension's place in the form (its index in <see cref="Names"/>).</summary>
    public static int Order(string level1, string level2) => Names.ToList().IndexOf(Of(level1, level2));
}
